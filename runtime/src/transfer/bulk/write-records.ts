import { encoderFor } from './cell-values.js';
import { BulkFileError } from './errors.js';
import type { AnyBulkRecord, BulkEntityTable, BulkRecordInput, BulkRowError } from './records.js';

/**
 * Records → rows of a Bulk file, the header first, then the Format Version record (written from
 * the table's format version when the records do not start with one; one later in the stream is
 * an error, as the reference requires it to precede all others), then each record followed by
 * its `errors` as `… Error` rows.
 *
 * The header: `columns` when given; else, for an array, exactly the columns its records use;
 * for any other iterable (which is read once, streaming), every column the table knows, since
 * the records are not known in advance. A value of the wrong kind, a property that is not a
 * column of its Type, or a cell outside the header is a BulkFileError naming the record.
 */

export interface WriteBulkOptions {
  columns?: readonly string[];
}

const RECORD_KEYS = new Set(['Type', 'errors', 'extra', 'values']);
const ERROR_COLUMNS = ['Error', 'Error Number', 'Field Path'] as const;
const FORMAT_VERSION = 'Format Version';

export async function* writeBulkRows(
  input: AsyncIterable<BulkRecordInput> | Iterable<BulkRecordInput>,
  table: BulkEntityTable,
  options: WriteBulkOptions = {},
): AsyncGenerator<string[], void, undefined> {
  // Seen through the table: a record's columns are its own keys.
  const records = input as AsyncIterable<AnyBulkRecord> | Iterable<AnyBulkRecord>;
  const header = [
    ...(options.columns ??
      (Array.isArray(records) ? usedColumns(records, table) : allColumns(table))),
  ];
  if (header[0] !== 'Type') header.splice(0, 0, 'Type');
  const index = new Map(header.map((h, i) => [h, i]));
  if (index.size !== header.length) throw new BulkFileError('the columns name one column twice');
  yield header;
  let n = 0;
  for await (const record of records) {
    n++;
    if (record.Type === FORMAT_VERSION && n > 1)
      throw new BulkFileError(`record ${n}: the Format Version record must come first`);
    if (n === 1 && record.Type !== FORMAT_VERSION) {
      yield rowOf({ Type: FORMAT_VERSION, Name: table.formatVersion }, table, index, header, 0);
    }
    yield rowOf(record, table, index, header, n);
    for (const error of record.errors ?? []) yield errorRow(error, index, header, n);
  }
  if (n === 0)
    yield rowOf({ Type: FORMAT_VERSION, Name: table.formatVersion }, table, index, header, 0);
}

function rowOf(
  record: AnyBulkRecord,
  table: BulkEntityTable,
  index: Map<string, number>,
  header: readonly string[],
  n: number,
): string[] {
  if (typeof record.Type !== 'string' || record.Type === '')
    throw new BulkFileError(`record ${n} has no Type`);
  const cells = new Array<string>(header.length).fill('');
  cells[0] = record.Type;
  const put = (name: string, text: string | undefined): void => {
    if (text === undefined || text === '') return;
    const i = index.get(name);
    if (i === undefined)
      throw new BulkFileError(
        `record ${n} (${record.Type}) has a value for '${name}', which is not among the file's columns`,
      );
    cells[i] = text;
  };
  const entry = table.types[record.Type];
  if (entry === undefined) {
    for (const [name, text] of Object.entries(record.values ?? {})) put(name, text);
    return cells;
  }
  const [names, kinds] = entry;
  const kindOf = new Map(names.map((name, i) => [name, kinds[i] ?? 't']));
  for (const [key, value] of Object.entries(record)) {
    if (RECORD_KEYS.has(key)) continue;
    const kind = kindOf.get(key);
    if (kind === undefined)
      throw new BulkFileError(
        `record ${n} (${record.Type}): '${key}' is not a column of this Type`,
      );
    try {
      put(key, encoderFor(kind)(value));
    } catch (e) {
      if (e instanceof BulkFileError) throw e;
      throw new BulkFileError(
        `record ${n} (${record.Type}): ${(e as Error).message}`,
        undefined,
        key,
      );
    }
  }
  for (const [name, text] of Object.entries(record.extra ?? {})) put(name, text);
  return cells;
}

function errorRow(
  error: BulkRowError,
  index: Map<string, number>,
  header: readonly string[],
  n: number,
): string[] {
  const cells = new Array<string>(header.length).fill('');
  cells[0] = error.Type;
  const entries: [string, string | undefined][] = [
    ...ERROR_COLUMNS.map((c): [string, string | undefined] => [c, error[c]]),
    ...Object.entries(error.values),
  ];
  for (const [name, text] of entries) {
    if (text === undefined || text === '') continue;
    const i = index.get(name);
    if (i === undefined)
      throw new BulkFileError(
        `record ${n}: its error has a value for '${name}', which is not among the file's columns`,
      );
    cells[i] = text;
  }
  return cells;
}

/** The columns an array of records uses, in first-use order (Format Version's Name first). */
function usedColumns(records: readonly AnyBulkRecord[], table: BulkEntityTable): string[] {
  const columns = new Set<string>(['Type']);
  for (const name of table.types[FORMAT_VERSION]?.[0] ?? ['Name']) columns.add(name);
  for (const record of records) {
    for (const key of Object.keys(record)) if (!RECORD_KEYS.has(key)) columns.add(key);
    for (const name of Object.keys(record.values ?? {})) columns.add(name);
    for (const name of Object.keys(record.extra ?? {})) columns.add(name);
    for (const error of record.errors ?? []) {
      for (const c of ERROR_COLUMNS) if (error[c] !== undefined) columns.add(c);
      for (const name of Object.keys(error.values)) columns.add(name);
    }
  }
  return [...columns];
}

/** Every column of every Type in the table, and the error columns: a header for any records. */
function allColumns(table: BulkEntityTable): string[] {
  const columns = new Set<string>(['Type']);
  for (const [names] of Object.values(table.types)) for (const name of names) columns.add(name);
  for (const c of ERROR_COLUMNS) columns.add(c);
  return [...columns];
}
