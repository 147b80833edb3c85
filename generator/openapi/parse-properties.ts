import type { Field } from '../model/types.ts';
import type { ReaderContext } from './context.ts';
import { child } from './json-pointer.ts';
import { describe, expectObject, type JsonObject } from './json.ts';
import { parseTypeRef } from './parse-type-ref.ts';

/** A `required` entry that names no property of this schema part (for a subclass: an inherited one). */
export interface ForeignRequired {
  name: string;
  pointer: string;
}

export interface ParsedProperties {
  fields: Field[];
  foreignRequired: ForeignRequired[];
}

/**
 * `properties` + `required` of one object schema (or one own `allOf` part) → fields in
 * `properties` order: minOccurs 1 iff listed in `required`, maxOccurs 1, nullable from the
 * property (or its allOf wrapper), doc from its description.
 */
export function parseProperties(
  ctx: ReaderContext,
  schema: JsonObject,
  pointer: string,
): ParsedProperties {
  const properties =
    schema['properties'] === undefined
      ? {}
      : expectObject(ctx, schema['properties'], child(pointer, 'properties'), 'properties');
  const required = readRequired(ctx, schema, pointer);
  const fields: Field[] = [];
  for (const name in properties) {
    const parsed = parseTypeRef(ctx, properties[name], child(pointer, 'properties', name));
    const field: Field = {
      name,
      type: parsed.type,
      minOccurs: required.has(name) ? 1 : 0,
      maxOccurs: 1,
      nullable: parsed.nullable,
    };
    const doc = [parsed.doc, parsed.note].filter(Boolean).join(' ');
    if (doc) field.doc = doc;
    fields.push(field);
  }
  const foreignRequired: ForeignRequired[] = [];
  for (const [name, at] of required) {
    if (!Object.hasOwn(properties, name)) foreignRequired.push({ name, pointer: at });
  }
  return { fields, foreignRequired };
}

/** `required` as name → pointer of its entry; a repeated or non-string entry is a SpecError. */
function readRequired(
  ctx: ReaderContext,
  schema: JsonObject,
  pointer: string,
): Map<string, string> {
  const out = new Map<string, string>();
  const raw = schema['required'];
  if (raw === undefined) return out;
  if (!Array.isArray(raw))
    ctx.fail(child(pointer, 'required'), `required must be an array, found ${describe(raw)}`);
  raw.forEach((name, i) => {
    const at = child(pointer, 'required', i);
    if (typeof name !== 'string')
      ctx.fail(at, `required entry must be a string, found ${describe(name)}`);
    if (out.has(name)) ctx.fail(at, `'${name}' is listed twice in required`);
    out.set(name, at);
  });
  return out;
}
