import { SpecError } from '../model/errors.ts';
import type { ServiceModel } from '../model/types.ts';
import { createContext, type ReaderContext } from './context.ts';
import { planConcreteBases } from './fold-concrete-bases.ts';
import { child } from './json-pointer.ts';
import { describe, expectObject, expectString, isJsonObject } from './json.ts';
import { parseJson } from './parse-json.ts';
import { parsePaths } from './parse-paths.ts';
import { parseSchema } from './parse-schema.ts';
import type { ParsedSchema } from './parsed-schema.ts';
import { resolveFamilies } from './resolve-families.ts';

export interface ReadOpenApiOptions {
  /** File name for the model's source and for error messages (`customer-management.openapi.json`). */
  file: string;
  /** Service id from specs/manifest.json. */
  service: string;
}

/**
 * OpenAPI 3.0 document text → REST service model (protocol `rest`, name = `info.title`).
 * Operations come in `paths` order, types in `components.schemas` order minus the folded
 * or dropped `<Base>Base` schemas (./fold-concrete-bases.ts). Every construct the model
 * cannot represent is a SpecError naming the file and a JSON pointer; nothing is skipped
 * silently. Conventions are those of specs/README.md ("Reading the files").
 */
export function readOpenApi(json: string, opts: ReadOpenApiOptions): ServiceModel {
  const { file } = opts;
  const doc = parseJson(json, file);
  // Typed explicitly so that `root.fail(...)` (returns never) narrows `doc`.
  const root: ReaderContext = createContext(file, {});
  if (!isJsonObject(doc))
    root.fail('#', `an OpenAPI document must be a JSON object, found ${describe(doc)}`);

  const version = doc['openapi'];
  if (typeof version !== 'string' || !/^3\.0\.\d+$/.test(version)) {
    const found =
      version === undefined && doc['swagger'] !== undefined
        ? `swagger ${describe(doc['swagger'])}`
        : describe(version);
    root.fail('#/openapi', `unsupported OpenAPI version ${found} (3.0.x expected)`);
  }
  const info = expectObject(root, doc['info'], '#/info', 'info');
  const title = expectString(root, info['title'], '#/info/title', 'info.title');
  if (doc['paths'] === undefined) root.fail('#', `missing 'paths'`);
  const paths = expectObject(root, doc['paths'], '#/paths', 'paths');
  if (doc['components'] === undefined) root.fail('#', `missing 'components'`);
  const components = expectObject(root, doc['components'], '#/components', 'components');
  if (components['schemas'] === undefined) root.fail('#/components', `missing 'schemas'`);
  const schemas = expectObject(
    root,
    components['schemas'],
    '#/components/schemas',
    'components.schemas',
  );

  const plan = planConcreteBases(schemas, doc);
  const ctx = createContext(file, schemas, plan.folded, plan.dropped);

  const parsed: ParsedSchema[] = [];
  for (const name in schemas) {
    if (plan.folded.has(name) || plan.dropped.has(name)) continue;
    parsed.push(parseSchema(ctx, name, schemas[name], child('#/components/schemas', name)));
  }
  resolveFamilies(ctx, parsed);
  const operations = parsePaths(ctx, paths, '#/paths');

  return {
    service: opts.service,
    protocol: 'rest',
    name: title,
    source: { file },
    operations,
    types: parsed.map((p) => p.type),
  };
}

export { SpecError };
