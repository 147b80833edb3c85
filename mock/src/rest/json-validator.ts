import { Ajv2019, type ErrorObject, type ValidateFunction } from 'ajv/dist/2019.js';
import addFormats from 'ajv-formats';
import type { OaDocument, OaSchema } from './openapi-doc.ts';
import { toJsonSchema, useSchema } from './json-schema.ts';

export interface JsonValidator {
  /** Violations of a body against an operation-level schema (empty when valid). */
  validate(schema: OaSchema | undefined, body: unknown): string[];
}

/** ISO 8601 date-time; the zone is optional because the service itself omits it at times. */
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|[+-]\d{2}:\d{2})?$/;

/**
 * ajv over the converted OpenAPI schemas of one service. The document is added once; each
 * operation schema compiles on first use and is cached, so a service's cost is paid only for
 * the operations actually called.
 */
export function createJsonValidator(doc: OaDocument, service: string): JsonValidator {
  const id = `urn:adsgen-mock:${service}`;
  const ajv = new Ajv2019({ strict: false, allErrors: true, validateFormats: true });
  (addFormats as unknown as (a: Ajv2019, f: string[]) => void)(ajv, [
    'byte',
    'int32',
    'double',
    'date',
  ]);
  ajv.addFormat('int64', { type: 'string', validate: (s: string) => /^-?\d{1,19}$/.test(s) });
  ajv.addFormat('uint8', {
    type: 'number',
    validate: (n: number) => Number.isInteger(n) && n >= 0 && n <= 255,
  });
  ajv.addFormat('date-time', { type: 'string', validate: (s: string) => DATE_TIME.test(s) });
  ajv.addSchema(toJsonSchema(doc, id));
  const cache = new Map<OaSchema | undefined, ValidateFunction>();

  return {
    validate(schema, body) {
      let fn = cache.get(schema);
      if (!fn) {
        fn = ajv.compile(useSchema(id, schema, doc));
        cache.set(schema, fn);
      }
      return fn(body) ? [] : describeErrors(fn.errors ?? []);
    },
  };
}

function describeErrors(errors: ErrorObject[]): string[] {
  // if/then failures repeat the inner error as 'must match "then" schema': keep the inner one.
  const out = errors
    .filter((e) => e.keyword !== 'if' && e.keyword !== 'anyOf')
    // The `null` branch of a nullable reference always fails for a non-null value: noise.
    .filter((e) => !(e.keyword === 'type' && (e.params as { type?: unknown }).type === 'null'))
    .map((e) => {
      const where = e.instancePath || '(body)';
      const extra =
        e.keyword === 'unevaluatedProperties'
          ? ` '${String((e.params as { unevaluatedProperty?: string }).unevaluatedProperty)}'`
          : e.keyword === 'enum'
            ? ` ${JSON.stringify((e.params as { allowedValues?: unknown }).allowedValues)}`
            : '';
      return `${where} ${e.message ?? e.keyword}${extra}`;
    });
  return [...new Set(out)];
}
