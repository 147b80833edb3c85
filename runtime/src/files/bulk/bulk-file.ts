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

/** `bytes` as a zip archive holding one file named `name` (fflate, deflate level 6). */
export async function* zipBytes(
  bytes: AsyncIterable<Uint8Array>,
  name: string,
): AsyncGenerator<Uint8Array> {
  const { Zip, ZipDeflate } = await import('fflate');
  const out: Uint8Array[] = [];
  let failure: Error | undefined;
  const zip = new Zip((err, data) => {
    if (err) failure = err;
    else if (data.length > 0) out.push(data);
  });
  const entry = new ZipDeflate(name, { level: 6 });
  zip.add(entry);
  for await (const chunk of bytes) {
    entry.push(chunk, false);
    if (failure) throw failure;
    yield* out.splice(0);
  }
  entry.push(new Uint8Array(0), true);
  zip.end();
  if (failure) throw failure;
  yield* out.splice(0);
}
