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
const REAL_MODULES = ['descriptor-json', 'operations', 'paginate', 'wire-order'];

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
    `${BULK_STUB_JS}
export class ServiceClient {
  constructor(descriptor, options) { this.descriptor = descriptor; this.options = options; }
  call(operation, request, options) { return Promise.resolve({ operation, request, options }); }
  callWithResponse(operation, request, options) {
    return Promise.resolve({ data: { operation, request, options }, response: { status: 200 } });
  }
}
`,
  );
  writeFileSync(
    join(dir, 'index.d.ts'),
    `import type { ServiceDescriptor } from ${JSON.stringify(DESCRIPTORS)};
export type * from ${JSON.stringify(DESCRIPTORS)};
export interface ClientOptions { protocol?: 'soap' | 'rest'; developerToken: string }
export interface CallOptions { customerId?: string; accountId?: string; signal?: unknown }
export interface WithResponse<T> { data: T; response: { status: number } }
export type WithResponseMethods<Ops> = {
  readonly [K in keyof Ops]: Ops[K] extends (...args: infer A) => Promise<infer R>
    ? (...args: A) => Promise<WithResponse<R>>
    : never;
};
export interface PaginateOptions extends CallOptions { pageSize?: number }
export type PageItem<Response, Items extends keyof Response> =
  NonNullable<Response[Items]> extends readonly (infer T)[] ? T : never;
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
    `import type { CallOptions } from './index.js';
export type ReportValueKind = 'id' | 'string' | 'number' | 'percent';
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
${BULK_STUB_DTS}`,
  );
  writeFileSync(
    join(dir, 'transfer.js'),
    'export function startReportDownload() { throw new Error("stub"); }\n' +
      'export function downloadBulkRecords() { throw new Error("stub"); }\n',
  );
}

/** The Bulk surface the bulk package's record and Bulk file modules use (runtime/src/transfer/bulk). */
const BULK_STUB_DTS = `export type BulkDeleteValue = 'delete_value';
export interface BulkRowError { Type: string; Error: string; 'Error Number': string; 'Field Path'?: string; values: Record<string, string> }
export interface BulkRecordExtras { errors?: BulkRowError[]; extra?: Record<string, string> }
export interface UnknownBulkRecord { Type: never; values: Record<string, string>; errors?: BulkRowError[] }
export interface BulkRecordInput extends BulkRecordExtras { Type: string; values?: Record<string, string> }
export interface BulkEntityTable { formatVersion: string; types: Readonly<Record<string, readonly [names: readonly string[], kinds: string]>> }
export type BulkFileSource = string | Uint8Array | AsyncIterable<Uint8Array> | Iterable<Uint8Array>;
export interface BulkServiceCalls { fileTransferHeaders(options?: CallOptions): Promise<Record<string, string>> }
export interface DownloadBulkRequest { AccountIds?: string[] | null; DownloadEntities?: string[] | null }
export interface DownloadBulkOptions { deadlineMs?: number }
export interface ReadBulkFileOptions { format?: 'Csv' | 'Tsv' }
export interface WriteBulkFileOptions { format?: 'Csv' | 'Tsv' }
export type UploadBulkInput<R> = Iterable<R> | AsyncIterable<R> | { file: BulkFileSource };
export interface UploadBulkOptions { responseMode?: 'ErrorsOnly' | 'ErrorsAndResults' }
export interface UploadBulkResult<R> { requestId: string; requestStatus: string; records: AsyncIterable<R> }
export declare function downloadBulkRecords(client: BulkServiceCalls, request: DownloadBulkRequest, table: BulkEntityTable, options?: DownloadBulkOptions): AsyncGenerator<BulkRecordInput>;
export declare function uploadBulkRecords(client: BulkServiceCalls, input: UploadBulkInput<BulkRecordInput>, table: BulkEntityTable, options?: UploadBulkOptions): Promise<UploadBulkResult<BulkRecordInput>>;
export declare function readBulkRecordsFromFile(source: BulkFileSource, table: BulkEntityTable, options?: ReadBulkFileOptions): AsyncGenerator<BulkRecordInput>;
export declare function writeBulkRecordsToFile(records: Iterable<BulkRecordInput> | AsyncIterable<BulkRecordInput>, table: BulkEntityTable, options?: WriteBulkFileOptions): AsyncGenerator<Uint8Array>;
`;
const BULK_STUB_JS = `export function downloadBulkRecords() { throw new Error('stub'); }
export function uploadBulkRecords() { throw new Error('stub'); }
export function readBulkRecordsFromFile() { throw new Error('stub'); }
export function writeBulkRecordsToFile() { throw new Error('stub'); }`;

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
