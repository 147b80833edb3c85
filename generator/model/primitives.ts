import type { PrimitiveKind } from './types.ts';

/**
 * XSD built-in local name → precise kind. Includes the DataContract serialization types
 * (`ser:char`, `ser:duration`, `ser:guid`), which are declared in the WSDL as restrictions
 * but mean a specific primitive to every consumer.
 */
export const XSD_PRIMITIVES: Readonly<Record<string, PrimitiveKind>> = {
  string: 'string',
  normalizedString: 'string',
  token: 'string',
  boolean: 'boolean',
  byte: 'int8',
  short: 'int16',
  int: 'int32',
  integer: 'int64',
  long: 'int64',
  unsignedByte: 'uint8',
  unsignedShort: 'uint16',
  unsignedInt: 'uint32',
  unsignedLong: 'uint64',
  float: 'float',
  double: 'double',
  decimal: 'decimal',
  dateTime: 'dateTime',
  date: 'date',
  time: 'time',
  duration: 'duration',
  base64Binary: 'base64',
  anyURI: 'anyURI',
  QName: 'QName',
  anyType: 'any',
  ID: 'string',
  IDREF: 'string',
};

/** Types of the `…/2003/10/Serialization/` namespace that map to a primitive kind. */
export const SERIALIZATION_PRIMITIVES: Readonly<Record<string, PrimitiveKind>> = {
  char: 'char',
  duration: 'duration',
  guid: 'guid',
};

/**
 * OpenAPI `type`/`format` → precise kind. `string` + `int64` stays int64 (the REST wire
 * carries 64-bit integers as JSON strings); a bare `integer` is int32 and a bare `number`
 * is double, as the specs README says.
 */
export function openApiPrimitive(
  type: string,
  format: string | undefined,
): PrimitiveKind | undefined {
  switch (type) {
    case 'boolean':
      return 'boolean';
    case 'integer':
      switch (format) {
        case 'int64':
          return 'int64';
        case 'uint8':
          return 'uint8';
        case 'int8':
          return 'int8';
        case 'int16':
          return 'int16';
        case undefined:
        case 'int32':
          return 'int32';
        default:
          return undefined;
      }
    case 'number':
      if (format === 'float') return 'float';
      if (format === 'decimal') return 'decimal';
      if (format === undefined || format === 'double') return 'double';
      return undefined;
    case 'string':
      switch (format) {
        case undefined:
          return 'string';
        case 'int64':
          return 'int64';
        case 'date-time':
          return 'dateTime';
        case 'date':
          return 'date';
        case 'byte':
          return 'base64';
        case 'uuid':
          return 'guid';
        case 'duration':
          return 'duration';
        case 'uri':
          return 'anyURI';
        case 'decimal':
          return 'decimal';
        case 'char':
          return 'char';
        default:
          return undefined;
      }
    default:
      return undefined;
  }
}
