import type { SpecSource } from '../model/index.ts';
import type { MergedModel } from '../model/merge.ts';
import type { ServiceManifestEntry } from '../specs/manifest.ts';
import { DocText } from './docs.ts';
import { emitClient, operationsInterfaceName, paginatorsInterfaceName } from './emit-client.ts';
import { emitDescriptor } from './emit-descriptor.ts';
import { emitTypes } from './emit-types.ts';
import { analyzeFamilies } from './families.ts';
import { formatJson, type Json } from './format.ts';
import { fileHeader } from './header.ts';
import { packageExtras } from './package-extras.ts';
import { operationPaging } from './paging.ts';
import { tsNames } from './ts-names.ts';

/**
 * One service's merged model → every file of its npm package, as relative path → text:
 * package.json, tsconfig.json (for type-checking the sources), src/{index,types,client}.ts
 * with their dist/*.js + *.d.ts, and descriptor.js + descriptor.d.ts in both. Pure: writes nothing.
 */

export interface PackageVersions {
  /** Version of the generated package. */
  version: string;
  /** Version range of @adsgen/runtime it depends on. */
  runtime: string;
}

export interface EmittedPackage {
  files: Map<string, string>;
  operations: number;
  types: number;
}

export async function emitPackage(
  model: MergedModel,
  entry: ServiceManifestEntry,
  versions: PackageVersions,
): Promise<EmittedPackage> {
  const sources = [model.sources.soap, model.sources.rest].filter(
    (s): s is SpecSource => s !== undefined,
  );
  const header = fileHeader(sources);
  const info = analyzeFamilies(model);
  // The TypeScript side (types, client) under TypeScript names; the descriptor under the spec's.
  const ts = tsNames(model);
  const tsInfo = ts.model === model ? info : analyzeFamilies(ts.model);
  const docs = new DocText(model, entry.docsSlug);
  const typeNames = new Set(model.types.map((t) => t.name));
  const operations = operationsInterfaceName(entry.clientClass);
  const paginators = paginatorsInterfaceName(entry.clientClass);
  const paged = model.operations.some((op) => operationPaging(op, info) !== undefined);
  for (const exported of [entry.clientClass, operations, ...(paged ? [paginators] : [])]) {
    if (typeNames.has(exported))
      throw new Error(
        `a type named '${exported}' would clash with the package's export of that name`,
      );
  }

  const descriptorDoc =
    `/**\n * Operation and type descriptors of the ${docs.title} service: what the runtime needs to put\n` +
    ` * any call on the wire over SOAP or REST. Plain data (see ServiceDescriptor in @adsgen/runtime)\n` +
    ` * kept as JSON text: one line per operation, per type and per field a type declares itself\n` +
    ` * (\`descriptorFromJson\` adds the inherited fields and the namespaces on load).\n */\n`;
  const extras = await packageExtras(entry.id, model, header);
  const indexJs =
    `${header}\n` +
    `export * from './types.js';\n` +
    `export { ${entry.clientClass} } from './client.js';\n` +
    extras.indexLines.join('');
  // The interfaces of the client's members are types only: not in the JavaScript.
  const index =
    indexJs +
    `export type { ${[operations, ...(paged ? [paginators] : [])].join(', ')} } from './client.js';\n`;
  const files = new Map<string, string>();
  files.set('package.json', formatJson(packageJson(model, entry, versions, sources, docs.title)));
  files.set('tsconfig.json', formatJson(TSCONFIG));
  // Every module comes with its dist/ files, written in the same pass and already in
  // prettier's layout, so nothing needs a compiler or formatter run (see emitTypes,
  // emitDescriptor, emitClient; test/emit holds the result to the TypeScript compiler's and
  // to prettier's). index.ts is plain re-exports: valid as .d.ts too, and as .js without its
  // type-only line.
  const modules = {
    index: { ts: index, dts: index, js: indexJs },
    types: emitTypes(ts.model, tsInfo, docs, header, ts.specName),
    client: emitClient(ts.model, tsInfo, entry.clientClass, docs, header),
    ...extras.modules,
  };
  for (const [name, out] of Object.entries(modules)) {
    files.set(`src/${name}.ts`, out.ts);
    files.set(`dist/${name}.js`, out.js);
    files.set(`dist/${name}.d.ts`, out.dts);
  }
  // Data, not TypeScript: a module and its declarations, the same in src/ and dist/ (see
  // emitDescriptor for why the compiler is kept away from it).
  const descriptor = emitDescriptor(model, info, entry, header, descriptorDoc);
  for (const dir of ['src', 'dist']) {
    files.set(`${dir}/descriptor.js`, descriptor.js);
    files.set(`${dir}/descriptor.d.ts`, descriptor.dts);
  }
  return {
    files: sortedFiles(files),
    operations: model.operations.length,
    types: model.types.length,
  };
}

function sortedFiles(files: Map<string, string>): Map<string, string> {
  return new Map([...files].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

function packageJson(
  model: MergedModel,
  entry: ServiceManifestEntry,
  versions: PackageVersions,
  sources: SpecSource[],
  title: string,
): Json {
  return {
    name: `@adsgen/${model.service}`,
    version: versions.version,
    description: `Typed client for the Microsoft Advertising ${title} API v13 over SOAP or REST. Generated by adsgen: do not edit.`,
    license: 'MIT',
    type: 'module',
    engines: { node: '>=20.19' },
    main: './dist/index.js',
    types: './dist/index.d.ts',
    exports: {
      '.': { types: './dist/index.d.ts', import: './dist/index.js' },
      // Data for adsgen's tools (the mock, tests, benchmarks), not the package's API.
      './descriptor': { types: './dist/descriptor.d.ts', import: './dist/descriptor.js' },
      './package.json': './package.json',
    },
    files: ['dist', 'src'],
    sideEffects: false,
    dependencies: { '@adsgen/runtime': versions.runtime },
    adsgen: {
      generated: true,
      service: entry.id,
      sources: sources.map((s) => ({ file: s.file, sha256: s.sha256 ?? null })),
    },
  };
}

/** Lets `tsc -p generated/<id>` type-check the sources strictly, as the tests do. */
const TSCONFIG: Json = {
  compilerOptions: {
    target: 'ES2022',
    module: 'NodeNext',
    moduleResolution: 'NodeNext',
    lib: ['ES2023'],
    strict: true,
    noEmit: true,
    isolatedDeclarations: true,
    declaration: true,
    verbatimModuleSyntax: true,
    skipLibCheck: true,
  },
  include: ['src'],
};
