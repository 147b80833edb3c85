import { decoderFor, type CellDecoder } from './cell-values.js';
import { BulkFileError } from './errors.js';
import type { AnyBulkRecord, BulkEntityTable, BulkRowError } from './records.js';

/**
 * Rows of a Bulk file (the header row first) → records, driven by the entity table: a Type the
 * table describes becomes a typed record of its columns, any other Type `{ Type, values }`. A
 * `… Error` row is attached to the record before it when that record has the error's Type (the
 * reference: error rows follow the record they concern); an error row with no such record (an
 * ErrorsOnly upload result) becomes a record of its own cells carrying the error, and further
 * errors with the same cells attach to it.
 *
 * One pass over each row's cells, empty cells skipped first: Bulk files are wide (every Type's
 * columns) and sparse.
 */

interface Slot {
  name: string;
  decode: CellDecoder;
}

interface Plan {
  /** Per header index: the Type's column there, or undefined (an extra column). */
  slots: (Slot | undefined)[];
}

const ERROR_SUFFIX = ' Error';
const ERROR_COLUMNS = new Set(['Error', 'Error Number', 'Field Path']);

export async function* readBulkRecords(
  rows: AsyncIterable<readonly string[]> | Iterable<readonly string[]>,
  table: BulkEntityTable,
): AsyncGenerator<AnyBulkRecord, void, undefined> {
  let header: string[] | undefined;
  let typeIndex = 0;
  const plans = new Map<string, Plan | null>();
  let pending: AnyBulkRecord | undefined;
  /** The pending record was made from an error row: later errors attach only with equal cells. */
  let pendingFromError: Record<string, string> | undefined;
  let row = 0;
  for await (const cells of rows) {
    row++;
    if (header === undefined) {
      header = cells.map((c, i) => (i === 0 ? c.replace(/^\uFEFF/, '') : c).trim());
      typeIndex = header.indexOf('Type');
      if (typeIndex < 0) throw new BulkFileError('the header row has no Type column', row);
      continue;
    }
    const type = cells[typeIndex] ?? '';
    if (type === '') {
      if (cells.every((c) => c === '')) continue; // a blank line
      throw new BulkFileError('a row has no Type', row, 'Type');
    }
    if (type.endsWith(ERROR_SUFFIX)) {
      const error = errorOf(type, cells, header, typeIndex);
      const base = type.slice(0, -ERROR_SUFFIX.length);
      if (
        pending !== undefined &&
        pending.Type === base &&
        (pendingFromError === undefined || sameValues(pendingFromError, error.values))
      ) {
        (pending.errors ??= []).push(error);
        continue;
      }
      if (pending !== undefined) yield pending;
      pending = recordOf(base, cells, header, typeIndex, plans, table, row, true);
      pending.errors = [error];
      pendingFromError = error.values;
      continue;
    }
    if (pending !== undefined) yield pending;
    pending = recordOf(type, cells, header, typeIndex, plans, table, row, false);
    pendingFromError = undefined;
  }
  if (header === undefined) throw new BulkFileError('the file is empty: no header row');
  if (pending !== undefined) yield pending;
}

function recordOf(
  type: string,
  cells: readonly string[],
  header: readonly string[],
  typeIndex: number,
  plans: Map<string, Plan | null>,
  table: BulkEntityTable,
  row: number,
  skipErrorColumns: boolean,
): AnyBulkRecord {
  let plan = plans.get(type);
  if (plan === undefined) {
    plan = planFor(type, header, table);
    plans.set(type, plan);
  }
  const record: AnyBulkRecord = { Type: type };
  if (plan === null) {
    const values: Record<string, string> = {};
    for (let i = 0; i < cells.length; i++) {
      const cell = cells[i]!;
      if (cell === '' || i === typeIndex) continue;
      const name = header[i];
      if (name === undefined) throw new BulkFileError('a row has more cells than the header', row);
      if (skipErrorColumns && ERROR_COLUMNS.has(name)) continue;
      values[name] = cell;
    }
    record.values = values;
    return record;
  }
  let extra: Record<string, string> | undefined;
  for (let i = 0; i < cells.length; i++) {
    const cell = cells[i]!;
    if (cell === '' || i === typeIndex) continue;
    const slot = plan.slots[i];
    if (slot !== undefined) {
      try {
        record[slot.name] = slot.decode(cell);
      } catch (e) {
        throw new BulkFileError(`${type}: ${(e as Error).message}`, row, slot.name, { cause: e });
      }
      continue;
    }
    const name = header[i];
    if (name === undefined) throw new BulkFileError('a row has more cells than the header', row);
    if (skipErrorColumns && ERROR_COLUMNS.has(name)) continue;
    (extra ??= {})[name] = cell;
  }
  if (extra !== undefined) record.extra = extra;
  return record;
}

function planFor(type: string, header: readonly string[], table: BulkEntityTable): Plan | null {
  const entry = table.types[type];
  if (entry === undefined) return null;
  const [names, kinds] = entry;
  const byName = new Map<string, Slot>();
  names.forEach((name, i) => byName.set(name, { name, decode: decoderFor(kinds[i] ?? 't') }));
  return { slots: header.map((h) => byName.get(h)) };
}

function errorOf(
  type: string,
  cells: readonly string[],
  header: readonly string[],
  typeIndex: number,
): BulkRowError {
  const error: BulkRowError = { Type: type, Error: '', 'Error Number': '', values: {} };
  for (let i = 0; i < cells.length; i++) {
    const cell = cells[i]!;
    const name = header[i];
    if (cell === '' || i === typeIndex || name === undefined) continue;
    if (name === 'Error' || name === 'Error Number' || name === 'Field Path') error[name] = cell;
    else error.values[name] = cell;
  }
  return error;
}

function sameValues(a: Record<string, string>, b: Record<string, string>): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => a[k] === b[k]);
}
