import { Readable } from 'node:stream';
import { parseDelimited } from '../delimited.js';

/**
 * Bulk file text ↔ rows: the transfer core's delimited reader, csv-stringify for writing. CSV or TSV, UTF-8
 * with a byte order mark (Microsoft requires it on upload; the reader strips it). The reader
 * picks the delimiter from the header line unless told.
 */

export type BulkFileFormat = 'Csv' | 'Tsv';

export async function* parseRows(
  bytes: AsyncIterable<Uint8Array>,
  format?: BulkFileFormat,
): AsyncGenerator<string[]> {
  const iterator = bytes[Symbol.asyncIterator]();
  const first = await iterator.next();
  if (first.done) return;
  const delimiter = format === 'Tsv' ? '\t' : format === 'Csv' ? ',' : sniffDelimiter(first.value);
  const all = (async function* () {
    yield first.value;
    for (let r = await iterator.next(); !r.done; r = await iterator.next()) yield r.value;
  })();
  // Bulk TSV may quote a value holding a tab or a line break (csv-stringify does when writing):
  // quotes count at the start of a value, a stray one inside a value is kept as text.
  yield* parseDelimited(all, { delimiter, quote: true, relaxQuotes: delimiter === '\t' });
}

function sniffDelimiter(head: Uint8Array): ',' | '\t' {
  const end = head.indexOf(0x0a);
  const line = head.subarray(0, end < 0 ? head.length : end);
  return line.includes(0x09) && !line.includes(0x2c) ? '\t' : ',';
}

const BOM = '\uFEFF';

export async function* stringifyRows(
  rows: AsyncIterable<string[]>,
  format: BulkFileFormat = 'Csv',
): AsyncGenerator<Uint8Array> {
  const { stringify } = await import('csv-stringify');
  const stringifier = stringify({
    delimiter: format === 'Tsv' ? '\t' : ',',
    record_delimiter: '\r\n',
  });
  const source = Readable.from(rows);
  source.on('error', (e) => stringifier.destroy(e));
  source.pipe(stringifier);
  yield Buffer.from(BOM, 'utf8');
  try {
    for await (const text of stringifier as AsyncIterable<Buffer | string>)
      yield typeof text === 'string' ? Buffer.from(text, 'utf8') : text;
  } finally {
    source.destroy();
  }
}
