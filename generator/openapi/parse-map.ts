import { formatRef } from '../model/helpers.ts';
import type { ReaderContext } from './context.ts';
import { child } from './json-pointer.ts';
import type { JsonObject } from './json.ts';
import { parseTypeRef, type ParsedRef } from './parse-type-ref.ts';

/**
 * `{type: object, additionalProperties: <schema>}`: a JSON object used as a dictionary
 * (only campaign-management AuditPointResult.Details, string → string; its WSDL type is
 * ArrayOfKeyValueOfstringstring). The model has no map kind, so the value is typed
 * `any` and the field's doc says what the keys and values are, instead of the map being
 * dropped or mistyped. The value schema is still parsed so that a bad one fails loudly.
 */
export function parseMap(ctx: ReaderContext, schema: JsonObject, pointer: string): ParsedRef {
  const values = schema['additionalProperties'];
  let valueText = 'any values';
  if (values !== true) {
    const parsed = parseTypeRef(ctx, values, child(pointer, 'additionalProperties'));
    valueText = `${formatRef(parsed.type)} values`;
  }
  return {
    type: { kind: 'primitive', primitive: 'any' },
    nullable: schema['nullable'] === true,
    note: `JSON object map: string keys, ${valueText}.`,
  };
}
