import { DownloadError } from './errors.js';

/**
 * Microsoft's report file (CSV or TSV, "Report File Schema" in its reporting guide) → typed
 * rows. The optional header is single-field `"Key: value"` lines ending with `"Rows: N"`; then
 * the optional column-name row; the data rows; the optional copyright footer. Header and footer
 * become metadata, never rows; the row count the header states is checked against the rows read.
 */

/** How a column's text becomes a value: see README (Reports) for the rule. */
export type ReportValueKind = 'id' | 'string' | 'number' | 'percent';

export interface ReportKindValues {
  id: string;
  string: string;
  number: number | null;
  percent: number | null;
}

/** A row of the columns `C`, each typed by its kind in `K` (a column-name → kind table); unknown columns are strings. */
export type ReportRowOf<C extends string, K> = {
  [P in C]: P extends keyof K
    ? K[P] extends ReportValueKind
      ? ReportKindValues[K[P]]
      : string
    : string;
};

/** The report header, when the request did not exclude it. */
export interface ReportHeader {
  reportName?: string;
  reportTime?: string;
  timeZone?: string;
  lastCompletedAvailableDay?: string;
  lastCompletedAvailableHour?: string;
  reportAggregation?: string;
  reportFilter?: string;
  potentialIncompleteData?: boolean;
  /** The data row count the file states. */
  rows?: number;
  /** Every header line as written, `key → value`. */
  fields: Record<string, string>;
}

export interface ReportMetadata {
  reportRequestId?: string;
  /** The name of the file inside the zip. */
  fileName?: string;
  header?: ReportHeader;
  /** Footer lines (the copyright notice), when the request did not exclude it. */
  footer: string[];
  /** The column names of the file, in file order. */
  columns: string[];
  /** Data rows read so far. */
  rows: number;
  /** Numeric cells whose text was not a number (their value is null; read with `raw` to see them). */
  unparsedValues: number;
}

export interface ReportLayout {
  /** The request's columns, the keys of every row. */
  columns: readonly string[];
  header: boolean;
  columnHeaders: boolean;
  footer: boolean;
}

const HEADER_LINE = /^([A-Za-z][A-Za-z ]*):\s?(.*)$/s;
const FOOTER_LINE = /^\s*(©|@|\(c\)).*Microsoft Corporation/i;
const HEADER_KEYS: Record<
  string,
  keyof Omit<ReportHeader, 'fields' | 'rows' | 'potentialIncompleteData'>
> = {
  'Report Name': 'reportName',
  'Report Time': 'reportTime',
  'Time Zone': 'timeZone',
  'Last Completed Available Day': 'lastCompletedAvailableDay',
  'Last Completed Available Hour': 'lastCompletedAvailableHour',
  'Report Aggregation': 'reportAggregation',
  'Report Filter': 'reportFilter',
};

export function newReportMetadata(reportRequestId?: string): ReportMetadata {
  return {
    ...(reportRequestId !== undefined ? { reportRequestId } : {}),
    footer: [],
    columns: [],
    rows: 0,
    unparsedValues: 0,
  };
}

export async function* readReportRows(
  records: AsyncIterable<string[]>,
  layout: ReportLayout,
  kinds: Readonly<Record<string, ReportValueKind>>,
  metadata: ReportMetadata,
  raw = false,
): AsyncGenerator<Record<string, unknown>> {
  let state: 'header' | 'columns' | 'rows' | 'footer' = layout.header
    ? 'header'
    : layout.columnHeaders
      ? 'columns'
      : 'rows';
  const names = layout.columns;
  const convert = names.map((c) => (raw ? text : converter(kinds[c] ?? 'string', metadata)));
  let positions = names.map((_, i) => i);
  let width = names.length;
  metadata.columns = [...names];
  for await (const record of records) {
    if (state === 'header') {
      const m = record.length === 1 ? HEADER_LINE.exec(record[0]!) : null;
      if (m) {
        addHeaderLine((metadata.header ??= { fields: {} }), m[1]!, m[2]!);
        if (m[1] === 'Rows') state = layout.columnHeaders ? 'columns' : 'rows';
        continue;
      }
      state = layout.columnHeaders ? 'columns' : 'rows';
    }
    if (state === 'columns') {
      positions = names.map((c) => record.indexOf(c));
      const missing = names.filter((_, i) => positions[i] === -1);
      if (missing.length)
        throw badFile(`its column row lacks the requested column(s) ${missing.join(', ')}`);
      metadata.columns = record;
      width = record.length;
      state = 'rows';
      continue;
    }
    if (state === 'rows') {
      if (layout.footer && record.length === 1 && FOOTER_LINE.test(record[0]!)) {
        state = 'footer';
        metadata.footer.push(record[0]!);
        continue;
      }
      if (record.length !== width)
        throw badFile(`data row ${metadata.rows + 1} has ${record.length} fields, not ${width}`);
      const row: Record<string, unknown> = {};
      for (let i = 0; i < names.length; i++) row[names[i]!] = convert[i]!(record[positions[i]!]!);
      metadata.rows++;
      yield row;
      continue;
    }
    metadata.footer.push(record.join(','));
  }
  const stated = metadata.header?.rows;
  if (stated !== undefined && stated !== metadata.rows)
    throw badFile(`its header states ${stated} rows but it holds ${metadata.rows}`);
}

function addHeaderLine(header: ReportHeader, key: string, value: string): void {
  header.fields[key] = value;
  const known = HEADER_KEYS[key];
  if (known) header[known] = value;
  else if (key === 'Rows') {
    const n = Number(value.replaceAll(',', ''));
    if (Number.isInteger(n) && n >= 0) header.rows = n;
    else throw badFile(`its header's row count "${value.slice(0, 20)}" is not a number`);
  } else if (key === 'Potential Incomplete Data')
    header.potentialIncompleteData = /^true$/i.test(value.trim());
}

const text = (v: string): string => v;

function converter(kind: ReportValueKind, metadata: ReportMetadata): (v: string) => unknown {
  if (kind === 'number' || kind === 'percent') {
    const percent = kind === 'percent';
    return (v) => {
      const n = parseReportNumber(v, percent);
      if (Number.isNaN(n)) {
        metadata.unparsedValues++;
        return null;
      }
      return n;
    };
  }
  return text;
}

/**
 * A report number: null for an empty cell or Microsoft's `--` (not computed); thousands
 * separators of format version 1.0 dropped; a trailing % dropped for percentages. NaN when
 * it is none of those.
 */
export function parseReportNumber(v: string, percent: boolean): number | null {
  let s = v.trim();
  if (s === '' || s === '--') return null;
  if (percent && s.endsWith('%')) s = s.slice(0, -1);
  if (s.includes(',')) s = s.replaceAll(',', '');
  if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(s)) return Number.NaN;
  return Number(s);
}

function badFile(what: string): DownloadError {
  return new DownloadError('bad-file', `the report file is not as expected: ${what}`);
}
