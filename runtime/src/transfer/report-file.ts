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

/**
 * Turns the file's records into rows, synchronously: one record (`read`) or a batch (`push`)
 * at a time, so the caller's loop pays one await per batch of records, not per row. `finish`
 * checks the stated row count.
 */
export class ReportRowReader {
  #state: 'header' | 'columns' | 'rows' | 'footer';
  readonly #names: readonly string[];
  readonly #convert: ((v: string) => unknown)[];
  #positions: number[];
  #width: number;

  constructor(
    readonly layout: ReportLayout,
    kinds: Readonly<Record<string, ReportValueKind>>,
    readonly metadata: ReportMetadata,
    raw = false,
  ) {
    this.#state = layout.header ? 'header' : layout.columnHeaders ? 'columns' : 'rows';
    this.#names = layout.columns;
    this.#convert = this.#names.map((c) =>
      raw ? text : converter(kinds[c] ?? 'string', metadata),
    );
    this.#positions = this.#names.map((_, i) => i);
    this.#width = this.#names.length;
    metadata.columns = [...this.#names];
  }

  /** The rows among `records`, in order. */
  push(records: readonly string[][]): Record<string, unknown>[] {
    const out: Record<string, unknown>[] = [];
    for (const record of records) {
      const row = this.read(record);
      if (row) out.push(row);
    }
    return out;
  }

  /** The row `record` holds; undefined for a header, column-name or footer line. */
  read(record: readonly string[]): Record<string, unknown> | undefined {
    if (this.#state !== 'rows' || record.length !== this.#width) return this.#other(record);
    const names = this.#names;
    const row: Record<string, unknown> = {};
    for (let i = 0; i < names.length; i++)
      row[names[i]!] = this.#convert[i]!(record[this.#positions[i]!]!);
    this.metadata.rows++;
    return row;
  }

  /** After the last record: the header's row count must match the rows read. */
  finish(): void {
    const stated = this.metadata.header?.rows;
    if (stated !== undefined && stated !== this.metadata.rows)
      throw badFile(`its header states ${stated} rows but it holds ${this.metadata.rows}`);
  }

  /** A header, column-name or footer line, or a data row of the wrong width. */
  #other(record: readonly string[]): Record<string, unknown> | undefined {
    const { layout, metadata } = this;
    if (this.#state === 'header') {
      const m = record.length === 1 ? HEADER_LINE.exec(record[0]!) : null;
      if (m) {
        addHeaderLine((metadata.header ??= { fields: {} }), m[1]!, m[2]!);
        if (m[1] === 'Rows') this.#state = layout.columnHeaders ? 'columns' : 'rows';
        return;
      }
      this.#state = layout.columnHeaders ? 'columns' : 'rows';
    }
    if (this.#state === 'columns') {
      this.#positions = this.#names.map((c) => record.indexOf(c));
      const missing = this.#names.filter((_, i) => this.#positions[i] === -1);
      if (missing.length)
        throw badFile(`its column row lacks the requested column(s) ${missing.join(', ')}`);
      metadata.columns = [...record];
      this.#width = record.length;
      this.#state = 'rows';
      return;
    }
    if (this.#state === 'rows') {
      if (layout.footer && record.length === 1 && FOOTER_LINE.test(record[0]!)) {
        this.#state = 'footer';
        metadata.footer.push(record[0]!);
        return;
      }
      if (record.length !== this.#width)
        throw badFile(
          `data row ${metadata.rows + 1} has ${record.length} fields, not ${this.#width}`,
        );
      // The first row after a header block without a Rows line.
      return this.read(record);
    }
    metadata.footer.push(record.join(','));
    return undefined;
  }
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
  let s = v;
  if (s === '' || s === '--') return null;
  if (percent && s.endsWith('%')) s = s.slice(0, -1);
  if (s.includes(',')) s = s.replaceAll(',', '');
  const n = Number(s);
  // Number() also takes blanks (0), 'Infinity' and 0x/0o/0b literals: none is a report number.
  if (!Number.isFinite(n)) return Number.NaN;
  if (n === 0 && s.trim() === '') return Number.NaN;
  if (s.length > 2 && s.charCodeAt(0) === 48 && s.charCodeAt(1) > 57) return Number.NaN;
  return n;
}

function badFile(what: string): DownloadError {
  return new DownloadError('bad-file', `the report file is not as expected: ${what}`);
}
