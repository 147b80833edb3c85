import type { TypeRef } from '../model/types.ts';
import type { ReaderContext } from './context.ts';
import { child } from './json-pointer.ts';
import { describe, isJsonObject } from './json.ts';
import { parseArray } from './parse-array.ts';
import { parseMap } from './parse-map.ts';
import { parsePrimitive } from './parse-primitive.ts';
import { resolveRef } from './resolve-ref.ts';
import { checkKeywords, description } from './schema-keywords.ts';

/** A schema used in place of a type (a property, array items, a body) read as a TypeRef. */
export interface ParsedRef {
  type: TypeRef;
  /** `nullable: true` on the schema, or on the `{allOf: [{$ref}], nullable: true}` wrapper. */
  nullable: boolean;
  doc?: string;
  /** What the TypeRef cannot say; appended to docs. */
  note?: string;
}

const ANY: TypeRef = { kind: 'primitive', primitive: 'any' };

/**
 * The forms the six documents use, and what each becomes:
 * - `{$ref}` → named type (a folded `<Base>Base` resolves to its base)
 * - `{allOf: [{$ref}], nullable: true}` → named type, nullable (the README's wrapper form)
 * - `{type: array, items}` → ArrayRef, recursively
 * - `{type, format}` → precise primitive
 * - `{}`, `{nullable: true}`, `{type: object}` → free-form `any`
 * - `{type: object, additionalProperties}` → MapRef (./parse-map.ts)
 * Inline anonymous object schemas (with properties), inline enums and inline multi-part
 * allOf have no name to become a model type under, so they are SpecErrors, not `any`.
 */
export function parseTypeRef(ctx: ReaderContext, schema: unknown, pointer: string): ParsedRef {
  if (!isJsonObject(schema))
    ctx.fail(pointer, `schema must be a JSON object, found ${describe(schema)}`);
  checkKeywords(ctx, schema, pointer);
  const nullable = schema['nullable'] === true;
  const doc = description(schema);
  const done = (type: TypeRef, note?: string): ParsedRef => {
    const parsed: ParsedRef = { type, nullable };
    if (doc) parsed.doc = doc;
    if (note) parsed.note = note;
    return parsed;
  };

  if ('discriminator' in schema) {
    ctx.fail(
      child(pointer, 'discriminator'),
      `a discriminator belongs on a named component schema`,
    );
  }
  if ('$ref' in schema) {
    return done({ kind: 'named', name: resolveRef(ctx, schema['$ref'], child(pointer, '$ref')) });
  }
  if ('allOf' in schema)
    return done({ kind: 'named', name: wrappedRef(ctx, schema['allOf'], child(pointer, 'allOf')) });
  if ('enum' in schema) {
    ctx.fail(
      child(pointer, 'enum'),
      `inline enum: declare it under components/schemas and $ref it`,
    );
  }
  const type = schema['type'];
  if (type === 'array') return done(parseArray(ctx, schema, pointer));
  if (
    type === 'object' ||
    (type === undefined && ('properties' in schema || 'additionalProperties' in schema))
  ) {
    const properties = schema['properties'];
    if (
      properties !== undefined &&
      (!isJsonObject(properties) || Object.keys(properties).length > 0)
    ) {
      ctx.fail(
        pointer,
        `inline anonymous object schema: declare it under components/schemas and $ref it`,
      );
    }
    const extra = schema['additionalProperties'];
    if (extra !== undefined && extra !== false) {
      return done(parseMap(ctx, schema, pointer).type);
    }
    return done(ANY);
  }
  if (type === undefined) {
    if ('items' in schema) ctx.fail(pointer, `'items' without 'type: array'`);
    return done(ANY);
  }
  return done(parsePrimitive(ctx, schema, pointer));
}

/** `allOf: [{$ref: X}]` (the nullable-reference wrapper) → X. Anything longer is an inline composition. */
function wrappedRef(ctx: ReaderContext, allOf: unknown, pointer: string): string {
  if (
    !Array.isArray(allOf) ||
    allOf.length !== 1 ||
    !isJsonObject(allOf[0]) ||
    !('$ref' in allOf[0])
  ) {
    ctx.fail(
      pointer,
      `inline allOf is only supported as a single-$ref wrapper ({allOf: [{$ref}], nullable: true})`,
    );
  }
  const only = allOf[0];
  checkKeywords(ctx, only, child(pointer, 0));
  return resolveRef(ctx, only['$ref'], child(pointer, 0, '$ref'));
}
