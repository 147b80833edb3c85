import { openApiPrimitive } from '../model/primitives.ts';
import type { PrimitiveRef } from '../model/types.ts';
import type { ReaderContext } from './context.ts';
import { child } from './json-pointer.ts';
import type { JsonObject } from './json.ts';

const TYPES = new Set(['string', 'integer', 'number', 'boolean']);

/**
 * `{type, format}` → a precise primitive (string/int64 stays int64, see
 * openApiPrimitive). An unknown type or a format the model cannot keep exactly is a
 * SpecError: silently widening `int64` or a date to `string` is how precision gets lost.
 */
export function parsePrimitive(
  ctx: ReaderContext,
  schema: JsonObject,
  pointer: string,
): PrimitiveRef {
  const type = schema['type'];
  const format = schema['format'];
  if (typeof type !== 'string' || !TYPES.has(type)) {
    ctx.fail(child(pointer, 'type'), `unsupported type ${JSON.stringify(type)}`);
  }
  if (format !== undefined && typeof format !== 'string') {
    ctx.fail(child(pointer, 'format'), `format must be a string`);
  }
  const primitive = openApiPrimitive(type, format);
  if (!primitive) ctx.fail(child(pointer, 'format'), `unsupported type/format '${type}/${format}'`);
  return { kind: 'primitive', primitive };
}
