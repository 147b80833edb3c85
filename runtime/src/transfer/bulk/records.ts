/**
 * The shapes every Bulk record shares, whatever its Type. The per-Type interfaces (BulkKeyword,
 * BulkCampaign, …) and the column table are emitted into the bulk package from Microsoft's Bulk
 * entity reference; the reader and writer here are driven by that table.
 */

/** How a column's text maps to a value (see BulkEntityTable). */
export type BulkColumnKind = 'text' | 'number' | 'list' | 'enum';

/**
 * The columns of each record type the bulk package describes: per Type, the column names and
 * one kind letter per column (`t` text, `n` number, `l` list, `e` enum), in reference order.
 */
export interface BulkEntityTable {
  formatVersion: string;
  types: Readonly<Record<string, readonly [names: readonly string[], kinds: string]>>;
}

/** The reserved cell text that removes an optional setting on update. */
export const BULK_DELETE_VALUE = 'delete_value';
export type BulkDeleteValue = typeof BULK_DELETE_VALUE;

/**
 * A `… Error` row (download or upload result) attached to the record it follows: `Error` is
 * the error code name, `Error Number` its number, `Field Path` the property it concerns when
 * Microsoft says; `values` holds the row's other non-empty cells as written.
 */
export interface BulkRowError {
  Type: string;
  Error: string;
  'Error Number': string;
  'Field Path'?: string;
  values: Record<string, string>;
}

/**
 * Type of the `Type` of an untyped record: a string at run time. It is declared `never` so that
 * comparing a record's Type with a known record type narrows to that type's interface (a plain
 * `string` member would stay in every branch).
 */
export type UnknownBulkType = never;

/** A record whose Type the bulk package does not describe: every non-empty cell, as text. */
export interface UnknownBulkRecord {
  Type: UnknownBulkType;
  values: Record<string, string>;
  errors?: BulkRowError[];
}

/** Builds an untyped record to write, for a Type the package does not describe. */
export function unknownBulkRecord(
  type: string,
  values: Record<string, string>,
  errors?: BulkRowError[],
): UnknownBulkRecord {
  const record = { Type: type as UnknownBulkType, values };
  return errors ? { ...record, errors } : record;
}

/** The Type of any record, as a string (an untyped record's Type is declared `never`). */
export function bulkRecordType(record: { Type: string }): string {
  return record.Type;
}

/** What every typed record may carry beside its columns. */
export interface BulkRecordExtras {
  /** `… Error` rows that followed this record in the file. */
  errors?: BulkRowError[];
  /** Non-empty cells of columns the reference does not list for this Type (kept, not dropped). */
  extra?: Record<string, string>;
}

/** Cells of a record as the table sees them: a typed record seen without its Type's interface. */
export interface AnyBulkRecord extends BulkRecordExtras {
  Type: string;
  values?: Record<string, string>;
  [column: string]: unknown;
}

/** Any record to write: a typed record (BulkKeyword, …) or an UnknownBulkRecord. */
export interface BulkRecordInput extends BulkRecordExtras {
  Type: string;
  values?: Record<string, string>;
}
