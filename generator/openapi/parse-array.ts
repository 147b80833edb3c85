import type { ArrayRef } from '../model/types.ts';
import type { ReaderContext } from './context.ts';
import { child } from './json-pointer.ts';
import type { JsonObject } from './json.ts';
import { parseTypeRef } from './parse-type-ref.ts';

/**
 * `type: array` → ArrayRef. Items may themselves be arrays (PartialErrors is
 * OperationError[][] in the SDKs and WSDL). `itemNullable` is set only when the items
 * schema says `nullable: true`.
 */
export function parseArray(ctx: ReaderContext, schema: JsonObject, pointer: string): ArrayRef {
  if (!('items' in schema)) ctx.fail(pointer, `array schema has no 'items'`);
  const items = parseTypeRef(ctx, schema['items'], child(pointer, 'items'));
  const array: ArrayRef = { kind: 'array', items: items.type };
  if (items.nullable) array.itemNullable = true;
  return array;
}
