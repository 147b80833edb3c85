import type { ReaderContext } from './context.ts';
import { child } from './json-pointer.ts';
import type { JsonObject } from './json.ts';
import { parseTypeRef, type ParsedRef } from './parse-type-ref.ts';

/**
 * `{type: object, additionalProperties: <schema>}`: a JSON object used as a dictionary
 * (only campaign-management AuditPointResult.Details, string → string; its WSDL type is
 * ArrayOfKeyValueOfstringstring, which the merge reconciles: see `restMap`). It becomes a
 * MapRef of the value schema; `additionalProperties: true` (or `{}`) means values of any
 * type. The value schema is parsed like any other, so a bad one fails loudly.
 */
export function parseMap(ctx: ReaderContext, schema: JsonObject, pointer: string): ParsedRef {
  const values = schema['additionalProperties'];
  const valueType =
    values === true
      ? { kind: 'primitive' as const, primitive: 'any' as const }
      : parseTypeRef(ctx, values, child(pointer, 'additionalProperties')).type;
  return { type: { kind: 'map', values: valueType }, nullable: schema['nullable'] === true };
}
