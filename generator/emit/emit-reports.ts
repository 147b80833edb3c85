import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { MergedModel } from '../model/merge.ts';
import { REPO_ROOT } from '../specs/manifest.ts';

/**
 * The reporting package's extra modules: `report-columns` (the value kind of every report
 * column, from generator/reporting/report-columns.json, as data and as a type) and
 * `download-report` (the typed `downloadReport` over @adsgen/runtime/transfer, which it loads
 * on first use so importing the package stays as cheap as the other services). Only for a
 * model whose types include `*ReportColumn` value sets.
 */

export interface ModuleTexts {
  ts: string;
  js: string;
  dts: string;
}

export type ColumnKind = 'id' | 'string' | 'number' | 'percent';

// From the checkout, not next to this module: the compiled generator (dist/) has no JSON.
const TABLE = join(REPO_ROOT, 'generator', 'reporting', 'report-columns.json');

export async function readColumnKinds(path: string = TABLE): Promise<Record<string, ColumnKind>> {
  const json = JSON.parse(await readFile(path, 'utf8')) as { columns: Record<string, ColumnKind> };
  return json.columns;
}

/** The `*ReportColumn` value sets of the model, by name, sorted. */
export function reportColumnSets(model: MergedModel): { name: string; values: string[] }[] {
  return model.types
    .filter((t) => t.kind === 'enum' && t.name.endsWith('ReportColumn'))
    .map((t) => ({ name: t.name, values: (t as { values: string[] }).values }))
    .sort((a, b) => (a.name < b.name ? -1 : 1));
}

export function emitReportModules(
  model: MergedModel,
  kinds: Record<string, ColumnKind>,
  header: string,
): { 'report-columns': ModuleTexts; 'download-report': ModuleTexts } | undefined {
  const sets = reportColumnSets(model);
  if (sets.length === 0) return undefined;
  const columns = [...new Set(sets.flatMap((s) => s.values))].sort();
  return {
    'report-columns': columnsModule(columns, kinds, header),
    'download-report': downloadModule(
      sets.map((s) => s.name),
      header,
    ),
  };
}

function columnsModule(
  columns: string[],
  kinds: Record<string, ColumnKind>,
  header: string,
): ModuleTexts {
  const entries = columns.map((c) => `  ${c}: '${kinds[c] ?? 'string'}',`).join('\n');
  const doc =
    `/**\n` +
    ` * The value kind of every report column: 'id' (int64, a string), 'string', 'number'\n` +
    ` * (counts, money, averages, scores: a number, null when empty or --) and 'percent' (a number\n` +
    ` * in percent units). From Microsoft's report column reference; a column missing here is a string.\n` +
    ` */\n`;
  const iface = `export type ReportColumnKinds = {\n${columns.map((c) => `  readonly ${c}: '${kinds[c] ?? 'string'}';`).join('\n')}\n};\n`;
  const rowDoc = `/** A report row of the columns \`C\`, each typed by its kind. */\n`;
  const rowType = `export type ReportRow<C extends string> = ReportRowOf<C, ReportColumnKinds>;\n`;
  const importRow = `import type { ReportRowOf } from '@adsgen/runtime/transfer';\n`;
  const ts = `${header}\n${importRow}\n${iface}\n${doc}export const reportColumnKinds: ReportColumnKinds = {\n${entries}\n};\n\n${rowDoc}${rowType}`;
  const js = `${header}\n${doc}export const reportColumnKinds = Object.freeze({\n${entries}\n});\n`;
  const dts = `${header}\n${importRow}\n${iface}\n${doc}export declare const reportColumnKinds: ReportColumnKinds;\n\n${rowDoc}${rowType}`;
  return { ts, js, dts };
}

function downloadModule(setNames: string[], header: string): ModuleTexts {
  const union = `export type ReportColumnName =\n${setNames.map((n) => `  | types.${n}`).join('\n')};\n`;
  const fnDoc = [
    '/**',
    ' * Submits `request`, polls until the report is ready, downloads and unzips it and yields its',
    ' * rows, typed by the requested `Columns` (`row.Impressions` is a number; a column not requested',
    ' * is a compile error). Nothing is sent until the rows are read: `for await`, `toArray()` or',
    ' * `toFile(path)`; errors surface there. Header and footer lines are `metadata`, never rows.',
    ' *',
    ' * @see {@link https://learn.microsoft.com/en-us/advertising/guides/request-download-report?view=bingads-13 | Request and download a report on Microsoft Learn}',
    ' */',
  ].join('\n');
  const importsTypes =
    `import type {\n  DownloadReportOptions,\n  ReportDownload,\n  ReportMetadata,\n} from '@adsgen/runtime/transfer';\n` +
    `import type { ReportingClient } from './client.js';\n` +
    `import { reportColumnKinds, type ReportRow } from './report-columns.js';\n` +
    `import type * as types from './types.js';\n`;
  const signature =
    `export function downloadReport<C extends ReportColumnName>(\n` +
    `  client: ReportingClient,\n` +
    `  request: types.ReportRequest & { Columns: C[] },\n` +
    `  options: DownloadReportOptions = {},\n` +
    `): ReportDownload<ReportRow<C>>`;
  const tsBody =
    ` {\n` +
    `  // @adsgen/runtime/transfer (fflate, csv-parse) is loaded on the first read, not on import.\n` +
    `  let inner: ReportDownload<ReportRow<C>> | undefined;\n` +
    `  const load = async (): Promise<ReportDownload<ReportRow<C>>> =>\n` +
    `    (inner ??= (await import('@adsgen/runtime/transfer')).startReportDownload<ReportRow<C>>(\n` +
    `      client,\n` +
    `      request,\n` +
    `      options,\n` +
    `      reportColumnKinds,\n` +
    `    ));\n` +
    `  return {\n` +
    `    get metadata(): ReportMetadata {\n` +
    `      return inner?.metadata ?? { footer: [], columns: [], rows: 0, unparsedValues: 0 };\n` +
    `    },\n` +
    `    [Symbol.asyncIterator]() {\n` +
    `      // Hands over the runtime iterator's own promise once it exists: no extra step per row.\n` +
    `      let rows: AsyncIterator<ReportRow<C>> | undefined;\n` +
    `      let opening: Promise<AsyncIterator<ReportRow<C>>> | undefined;\n` +
    `      return {\n` +
    `        next: () =>\n` +
    `          rows\n` +
    `            ? rows.next()\n` +
    `            : (opening ??= load().then((d) => (rows = d[Symbol.asyncIterator]()))).then((r) =>\n` +
    `                r.next(),\n` +
    `              ),\n` +
    `        return: async () => (await rows?.return?.()) ?? { done: true, value: undefined },\n` +
    `      };\n` +
    `    },\n` +
    `    toArray: async () => (await load()).toArray(),\n` +
    `    toFile: async (path: string) => (await load()).toFile(path),\n` +
    `  };\n` +
    `}\n`;
  const jsBody = tsBody
    .replace(/: ReportDownload<ReportRow<C>> \| undefined/, '')
    .replace(/ async \(\): Promise<ReportDownload<ReportRow<C>>> =>/, ' async () =>')
    .replace(/\.startReportDownload<ReportRow<C>>\(/, '.startReportDownload(')
    .replace('get metadata(): ReportMetadata {', 'get metadata() {')
    .replace('(path: string)', '(path)')
    .replace(': AsyncIterator<ReportRow<C>> | undefined', '')
    .replace(': Promise<AsyncIterator<ReportRow<C>>> | undefined', '');
  const unionDoc = `/** Any column of any report type. */\n`;
  const ts = `${header}\n${importsTypes}\n${unionDoc}${union}\n${fnDoc}\n${signature}${tsBody}`;
  const js =
    `${header}\nimport { reportColumnKinds } from './report-columns.js';\n\n${fnDoc}\n` +
    `export function downloadReport(client, request, options = {})${jsBody}`;
  const dts = `${header}\n${importsTypes.replace(`import { reportColumnKinds, type ReportRow }`, `import type { ReportRow }`)}\n${unionDoc}${union}\n${fnDoc}\n${signature.replace('export function', 'export declare function').replace('options: DownloadReportOptions = {},', 'options?: DownloadReportOptions,')};\n`;
  return { ts, js, dts };
}
