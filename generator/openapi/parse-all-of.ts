import type { ObjectType } from '../model/types.ts';
import type { ReaderContext } from './context.ts';
import { child } from './json-pointer.ts';
import { describe, expectArray, isJsonObject, type JsonObject } from './json.ts';
import type { ParsedSchema } from './parsed-schema.ts';
import { parseDiscriminator } from './parse-discriminator.ts';
import { parseProperties } from './parse-properties.ts';
import { resolveRef } from './resolve-ref.ts';
import { checkKeywords, description } from './schema-keywords.ts';

/**
 * A subclass: `allOf: [{$ref: Base}, {type: object, properties: <own>, required?}]` →
 * ObjectType with `base` and its own fields. The `required` of the own part decides
 * minOccurs. Several inline parts are merged in order; properties beside `allOf` count as
 * one more own part. More than one `$ref` would be multiple inheritance, which neither
 * the model nor the SDKs have: SpecError. A discriminator may sit beside `allOf` (SharedList
 * is both a SharedEntity subclass and the root of its own list family) or in the own part.
 */
export function parseAllOf(
  ctx: ReaderContext,
  name: string,
  schema: JsonObject,
  pointer: string,
): ParsedSchema {
  checkKeywords(ctx, schema, pointer);
  const partsPointer = child(pointer, 'allOf');
  const parts = expectArray(ctx, schema['allOf'], partsPointer, 'allOf');
  const type: ObjectType = { kind: 'object', name, fields: [], abstract: false };
  const parsed: ParsedSchema = { type, pointer, foreignRequired: [] };
  const doc = description(schema);
  if (doc) type.doc = doc;

  const ownParts: [JsonObject, string][] = [];
  parts.forEach((part, i) => {
    const at = child(partsPointer, i);
    if (!isJsonObject(part))
      ctx.fail(at, `allOf entry must be a JSON object, found ${describe(part)}`);
    if ('$ref' in part) {
      if (parsed.basePointer !== undefined) {
        ctx.fail(
          at,
          `second $ref in allOf: multiple inheritance is not supported (base already at ${parsed.basePointer})`,
        );
      }
      parsed.basePointer = child(at, '$ref');
      type.base = resolveRef(ctx, part['$ref'], parsed.basePointer);
    } else {
      ownParts.push([part, at]);
    }
  });
  if (type.base === undefined)
    ctx.fail(partsPointer, `allOf without a $ref: inline compositions are not supported`);
  if ('properties' in schema || 'required' in schema) ownParts.push([schema, pointer]);

  for (const [part, at] of ownParts) {
    if (part !== schema) {
      checkKeywords(ctx, part, at);
      if (part['type'] !== undefined && part['type'] !== 'object') {
        ctx.fail(child(at, 'type'), `own allOf part must be an object schema`);
      }
      if ('allOf' in part || '$ref' in part) ctx.fail(at, `nested allOf is not supported`);
    }
    const own = parseProperties(ctx, part, at);
    type.fields.push(...own.fields);
    parsed.foreignRequired.push(...own.foreignRequired);
    if (part['discriminator'] !== undefined) {
      setDiscriminator(ctx, parsed, part['discriminator'], child(at, 'discriminator'));
    }
  }
  if (schema['discriminator'] !== undefined) {
    setDiscriminator(ctx, parsed, schema['discriminator'], child(pointer, 'discriminator'));
  }
  checkUniqueFields(ctx, type, ownParts);
  return parsed;
}

function setDiscriminator(
  ctx: ReaderContext,
  parsed: ParsedSchema,
  raw: unknown,
  pointer: string,
): void {
  if (parsed.discriminator)
    ctx.fail(pointer, `second discriminator (first at ${parsed.discriminator.pointer})`);
  parsed.discriminator = parseDiscriminator(ctx, raw, pointer);
  (parsed.type as ObjectType).discriminator = parsed.discriminator.discriminator;
}

/** Two own parts declaring one property would give the type two fields of one name. */
function checkUniqueFields(
  ctx: ReaderContext,
  type: ObjectType,
  parts: [JsonObject, string][],
): void {
  if (parts.length < 2) return;
  const seen = new Set<string>();
  for (const field of type.fields) {
    if (seen.has(field.name))
      ctx.fail(
        parts[parts.length - 1]![1],
        `property '${field.name}' is declared by two allOf parts`,
      );
    seen.add(field.name);
  }
}
