import { chunksOf, maybeUnzip, type BulkFileSource } from './byte-streams.js';
import { parseRows, stringifyRows, type BulkFileFormat } from './csv-rows.js';
import { readBulkRecords } from './read-records.js';
import type { AnyBulkRecord, BulkEntityTable, BulkRecordInput } from './records.js';
import { writeBulkRows, type WriteBulkOptions } from './write-records.js';

/** Bulk files as a whole: bytes (zipped or not, CSV or TSV) ↔ records, streaming both ways. */

export interface ReadBulkFileOptions {
  /** Default: from the header line (a tab and no comma → Tsv). */
  format?: BulkFileFormat;
}

export interface WriteBulkFileOptions extends WriteBulkOptions {
  /** Default Csv. */
  format?: BulkFileFormat;
}

export function readBulkRecordsFromFile(
  source: BulkFileSource,
  table: BulkEntityTable,
  options: ReadBulkFileOptions = {},
): AsyncGenerator<AnyBulkRecord, void, undefined> {
  return readBulkRecords(parseRows(maybeUnzip(chunksOf(source)), options.format), table);
}

export function writeBulkRecordsToFile(
  records: AsyncIterable<BulkRecordInput> | Iterable<BulkRecordInput>,
  table: BulkEntityTable,
  options: WriteBulkFileOptions = {},
): AsyncGenerator<Uint8Array> {
  return stringifyRows(writeBulkRows(records, table, options), options.format);
}
