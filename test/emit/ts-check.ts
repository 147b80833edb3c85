import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

/**
 * Type-checking generated code with the TypeScript compiler API, the way a consumer's
 * strict `tsc --noEmit` would. `@adsgen/runtime` is a stub declaring exactly the surface
 * generated code uses (ServiceClient, ClientOptions, CallOptions; installOperations and
 * descriptorFromJson from `@adsgen/runtime/internal`; from `/transfer`, what downloadReport
 * uses) plus the real descriptor contract
 * (runtime/src/descriptors.ts), so these tests do not depend on the runtime's build.
 */

const DESCRIPTORS = fileURLToPath(new URL('../../runtime/src/descriptors.js', import.meta.url));
/** Runtime modules the stub carries as they are (compiled here: their imports are types only). */
const REAL_MODULES = ['descriptor-json', 'operations', 'wire-order'];

export const STRICT_OPTIONS: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  lib: ['lib.es2023.d.ts'],
  types: [],
  strict: true,
  noEmit: true,
  noUncheckedIndexedAccess: true,
  exactOptionalPropertyTypes: false,
  verbatimModuleSyntax: true,
  skipLibCheck: false,
};

/**
 * Writes the stub runtime package into `<root>/node_modules/@adsgen/runtime`. Its JavaScript
 * ServiceClient resolves each call to what it was given, so a test can run a generated client.
 */
export function writeRuntimeStub(root: string): void {
  const dir = join(root, 'node_modules', '@adsgen', 'runtime');
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, 'package.json'),
    JSON.stringify({
      name: '@adsgen/runtime',
      version: '0.1.0',
      type: 'module',
      types: './index.d.ts',
      exports: {
        '.': { types: './index.d.ts', import: './index.js' },
        './internal': { types: './internal.d.ts', import: './internal.js' },
        './transfer': { types: './transfer.d.ts', import: './transfer.js' },
      },
    }),
  );
  // The descriptor loader and the method installer are the runtime's own, from its sources.
  for (const name of REAL_MODULES) {
    const source = readFileSync(
      fileURLToPath(new URL(`../../runtime/src/${name}.ts`, import.meta.url)),
      'utf8',
    );
    const { outputText } = ts.transpileModule(source, {
      compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext },
    });
    writeFileSync(join(dir, `${name}.js`), outputText);
  }
  writeFileSync(
    join(dir, 'index.js'),
    `export class ServiceClient {
  constructor(descriptor, options) { this.descriptor = descriptor; this.options = options; }
  call(operation, request, options) { return Promise.resolve({ operation, request, options }); }
}
`,
  );
  writeFileSync(
    join(dir, 'index.d.ts'),
    `import type { ServiceDescriptor } from ${JSON.stringify(DESCRIPTORS)};
export type * from ${JSON.stringify(DESCRIPTORS)};
export interface ClientOptions { protocol?: 'soap' | 'rest'; developerToken: string }
export interface CallOptions { customerId?: string; accountId?: string; signal?: unknown }
export declare class ServiceClient {
  constructor(descriptor: ServiceDescriptor, options: ClientOptions);
  protected call<Req, Res>(operation: string, request: Req, options?: CallOptions): Promise<Res>;
}
`,
  );
  writeFileSync(
    join(dir, 'internal.js'),
    `export { descriptorFromJson } from './descriptor-json.js';
export { installOperations } from './operations.js';
`,
  );
  writeFileSync(
    join(dir, 'internal.d.ts'),
    `import type { ServiceClient } from './index.js';
import type { ServiceDescriptor } from ${JSON.stringify(DESCRIPTORS)};
export type * from ${JSON.stringify(DESCRIPTORS)};
export declare function installOperations(
  clientClass: abstract new (...args: never[]) => ServiceClient,
  descriptor: ServiceDescriptor,
): void;
export declare function descriptorFromJson(namespaces: readonly string[], json: string): ServiceDescriptor;
`,
  );
  // What the reporting package's downloadReport uses of @adsgen/runtime/transfer.
  writeFileSync(
    join(dir, 'transfer.d.ts'),
    `export type ReportValueKind = 'id' | 'string' | 'number' | 'percent';
export interface ReportKindValues { id: string; string: string; number: number | null; percent: number | null }
export type ReportRowOf<C extends string, K> = {
  [P in C]: P extends keyof K ? (K[P] extends ReportValueKind ? ReportKindValues[K[P]] : string) : string;
};
export interface ReportMetadata { footer: string[]; columns: string[]; rows: number; unparsedValues: number }
export interface DownloadReportOptions { deadlineMs?: number }
export interface ReportDownload<Row> extends AsyncIterable<Row> {
  toArray(): Promise<Row[]>;
  toFile(path: string): Promise<unknown>;
  readonly metadata: ReportMetadata;
}
export declare function startReportDownload<Row>(
  client: object,
  request: object,
  options: DownloadReportOptions,
  kinds: Readonly<Record<string, ReportValueKind>>,
): ReportDownload<Row>;
`,
  );
  writeFileSync(
    join(dir, 'transfer.js'),
    'export function startReportDownload() { throw new Error("stub"); }\n',
  );
}

export interface Diagnostic {
  file: string;
  line: number;
  code: number;
  message: string;
}

/** All diagnostics (syntactic, semantic, options) of a program over `files`. */
export function typeCheck(
  files: string[],
  options: ts.CompilerOptions = STRICT_OPTIONS,
): Diagnostic[] {
  const program = ts.createProgram(files, options);
  return ts.getPreEmitDiagnostics(program).map((d) => {
    const pos =
      d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start) : undefined;
    return {
      file: d.file?.fileName ?? '',
      line: pos ? pos.line + 1 : 0,
      code: d.code,
      message: ts.flattenDiagnosticMessageText(d.messageText, ' '),
    };
  });
}

export function formatDiagnostics(list: Diagnostic[]): string[] {
  return list.map((d) => `${d.file}:${d.line} TS${d.code} ${d.message}`);
}
