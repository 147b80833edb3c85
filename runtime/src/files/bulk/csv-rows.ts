import { Readable } from 'node:stream';

/**
 * Bulk file text ↔ rows with csv-parse / csv-stringify (loaded on first use): CSV or TSV, UTF-8
 * with a byte order mark (Microsoft requires it on upload; the reader strips it). The reader
 * picks the delimiter from the header line unless told.
 */

export type BulkFileFormat = 'Csv' | 'Tsv';

export async function* parseRows(
  bytes: AsyncIterable<Uint8Array>,
  format?: BulkFileFormat,
): AsyncGenerator<string[]> {
  const { parse } = await import('csv-parse');
  const iterator = bytes[Symbol.asyncIterator]();
  const first = await iterator.next();
  if (first.done) return;
  const delimiter = format === 'Tsv' ? '\t' : format === 'Csv' ? ',' : sniffDelimiter(first.value);
  const parser = parse({
    delimiter,
    bom: true,
    relax_column_count: true,
    relax_quotes: delimiter === '\t',
    skip_empty_lines: true,
  });
  const source = Readable.from(
    (async function* () {
      yield first.value;
      for (let r = await iterator.next(); !r.done; r = await iterator.next()) yield r.value;
    })(),
    { objectMode: false },
  );
  source.on('error', (e) => parser.destroy(e));
  source.pipe(parser);
  try {
    for await (const row of parser as AsyncIterable<string[]>) yield row;
  } finally {
    source.destroy();
  }
}

function sniffDelimiter(head: Uint8Array): string {
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
