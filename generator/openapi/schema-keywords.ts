import type { ReaderContext } from './context.ts';
import { child } from './json-pointer.ts';
import type { JsonObject } from './json.ts';

/**
 * Keywords this reader turns into the model. A schema keyword outside this list and
 * outside ANNOTATIONS (oneOf, anyOf, not, patternProperties, …) would otherwise be dropped
 * without a trace, so it is a SpecError instead.
 */
const UNDERSTOOD = new Set([
  'type',
  'format',
  'nullable',
  'enum',
  'items',
  'properties',
  'required',
  'allOf',
  '$ref',
  'discriminator',
  'additionalProperties',
]);

/** Documentation and validation keywords that do not change the shape of a type. */
const ANNOTATIONS = new Set([
  'description',
  'title',
  'example',
  'default',
  'readOnly',
  'writeOnly',
  'deprecated',
  'xml',
  'externalDocs',
  'minLength',
  'maxLength',
  'pattern',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'multipleOf',
  'minItems',
  'maxItems',
  'uniqueItems',
  'minProperties',
  'maxProperties',
]);

/** Fails on the first keyword of `schema` that the reader cannot represent. */
export function checkKeywords(ctx: ReaderContext, schema: JsonObject, pointer: string): void {
  for (const key in schema) {
    if (UNDERSTOOD.has(key) || ANNOTATIONS.has(key) || key.startsWith('x-')) continue;
    ctx.fail(child(pointer, key), `unsupported schema keyword '${key}'`);
  }
}

/** The `description` of a schema, when it is a non-empty string. */
export function description(schema: JsonObject): string | undefined {
  const d = schema['description'];
  return typeof d === 'string' && d !== '' ? d : undefined;
}
