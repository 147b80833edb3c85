import type { EnumType } from '../model/types.ts';
import type { ReaderContext } from './context.ts';
import { child } from './json-pointer.ts';
import { describe, expectArray, type JsonObject } from './json.ts';
import { checkKeywords, description } from './schema-keywords.ts';

/**
 * A named `{type: string, enum: [...]}` → EnumType, values in spec order.
 * `x-enumFlags: true` marks a flags enum (several values joined in one string on the wire).
 * Only string enums exist in these APIs; another type, a non-string value or a repeated
 * value is a SpecError.
 */
export function parseEnum(
  ctx: ReaderContext,
  name: string,
  schema: JsonObject,
  pointer: string,
): EnumType {
  checkKeywords(ctx, schema, pointer);
  const type = schema['type'];
  if (type !== undefined && type !== 'string') {
    ctx.fail(
      child(pointer, 'type'),
      `unsupported enum type ${describe(type)}: only string enums are supported`,
    );
  }
  const raw = expectArray(ctx, schema['enum'], child(pointer, 'enum'), 'enum');
  const values: string[] = [];
  const seen = new Set<string>();
  raw.forEach((value, i) => {
    if (typeof value !== 'string')
      ctx.fail(child(pointer, 'enum', i), `enum value must be a string, found ${describe(value)}`);
    if (seen.has(value)) ctx.fail(child(pointer, 'enum', i), `duplicate enum value '${value}'`);
    seen.add(value);
    values.push(value);
  });
  const flags = schema['x-enumFlags'];
  if (flags !== undefined && typeof flags !== 'boolean') {
    ctx.fail(child(pointer, 'x-enumFlags'), `x-enumFlags must be a boolean`);
  }
  const out: EnumType = { kind: 'enum', name, values, flags: flags === true };
  const doc = description(schema);
  if (doc) out.doc = doc;
  return out;
}
