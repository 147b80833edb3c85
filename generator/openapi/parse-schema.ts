import type { AliasType } from '../model/types.ts';
import type { ReaderContext } from './context.ts';
import { describe, isJsonObject, type JsonObject } from './json.ts';
import type { ParsedSchema } from './parsed-schema.ts';
import { parseAllOf } from './parse-all-of.ts';
import { parseEnum } from './parse-enum.ts';
import { parseObject } from './parse-object.ts';
import { parseTypeRef } from './parse-type-ref.ts';
import { description } from './schema-keywords.ts';

/**
 * One entry of `components.schemas` → one model type, by shape:
 * `enum` → EnumType; `allOf` → subclass; `type: object` or `properties` → ObjectType;
 * anything else (a named primitive, array or free-form schema) → AliasType of its TypeRef.
 */
export function parseSchema(
  ctx: ReaderContext,
  name: string,
  schema: unknown,
  pointer: string,
): ParsedSchema {
  if (!isJsonObject(schema))
    ctx.fail(pointer, `schema must be a JSON object, found ${describe(schema)}`);
  if ('$ref' in schema)
    ctx.fail(
      pointer,
      `a component schema that is only a $ref is not supported (alias of an alias)`,
    );
  if ('enum' in schema)
    return { type: parseEnum(ctx, name, schema, pointer), pointer, foreignRequired: [] };
  if ('allOf' in schema) return parseAllOf(ctx, name, schema, pointer);
  if (schema['type'] === 'object' || 'properties' in schema || 'discriminator' in schema) {
    if (
      'additionalProperties' in schema &&
      schema['additionalProperties'] !== false &&
      !('properties' in schema)
    ) {
      return alias(ctx, name, schema, pointer);
    }
    return parseObject(ctx, name, schema, pointer);
  }
  return alias(ctx, name, schema, pointer);
}

function alias(
  ctx: ReaderContext,
  name: string,
  schema: JsonObject,
  pointer: string,
): ParsedSchema {
  const parsed = parseTypeRef(ctx, schema, pointer);
  const type: AliasType = { kind: 'alias', name, target: parsed.type };
  const doc = [description(schema), parsed.note].filter(Boolean).join(' ');
  if (doc) type.doc = doc;
  return { type, pointer, foreignRequired: [] };
}
