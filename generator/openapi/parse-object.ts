import type { ObjectType } from '../model/types.ts';
import type { ReaderContext } from './context.ts';
import { child } from './json-pointer.ts';
import type { JsonObject } from './json.ts';
import type { ParsedSchema } from './parsed-schema.ts';
import { parseDiscriminator } from './parse-discriminator.ts';
import { parseProperties } from './parse-properties.ts';
import { checkKeywords, description } from './schema-keywords.ts';

/**
 * A named `{type: object, properties, required?, discriminator?}` → ObjectType. A family
 * root carries its discriminator; its `Type` property stays an ordinary field (the
 * emitter narrows it to literals). `abstract` and `discriminatorValue` are settled later,
 * by ./resolve-families.ts, once every family's mapping is known.
 */
export function parseObject(
  ctx: ReaderContext,
  name: string,
  schema: JsonObject,
  pointer: string,
): ParsedSchema {
  checkKeywords(ctx, schema, pointer);
  if (schema['type'] !== undefined && schema['type'] !== 'object') {
    ctx.fail(child(pointer, 'type'), `a schema with properties must have type 'object'`);
  }
  const extra = schema['additionalProperties'];
  if (extra !== undefined && typeof extra !== 'boolean') {
    ctx.fail(
      child(pointer, 'additionalProperties'),
      `an object with both properties and an additionalProperties schema is not supported`,
    );
  }
  const { fields, foreignRequired } = parseProperties(ctx, schema, pointer);
  const type: ObjectType = { kind: 'object', name, fields, abstract: false };
  const doc = description(schema);
  if (doc) type.doc = doc;
  const parsed: ParsedSchema = { type, pointer, foreignRequired };
  if (schema['discriminator'] !== undefined) {
    parsed.discriminator = parseDiscriminator(
      ctx,
      schema['discriminator'],
      child(pointer, 'discriminator'),
    );
    type.discriminator = parsed.discriminator.discriminator;
  }
  return parsed;
}
