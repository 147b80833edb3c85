import { Readable } from 'node:stream';
import { CsvError, parse } from 'csv-parse';
import { DownloadError } from './errors.js';

/**
 * CSV or TSV bytes → records (arrays of field strings), parsed as they stream in by csv-parse:
 * quoted fields, doubled quotes, line breaks inside quotes and a UTF-8 byte-order mark are
 * handled; empty lines are skipped; rows may differ in length (report headers have one field).
 * A malformed file is a DownloadError 'bad-file' naming the line.
 */
export interface DelimitedOptions {
  /** ',' (CSV, the default) or '\t' (TSV). */
  delimiter?: ',' | '\t';
}

export async function* parseDelimited(
  source: AsyncIterable<Uint8Array | string>,
  options: DelimitedOptions = {},
): AsyncGenerator<string[]> {
  const parser = parse({
    delimiter: options.delimiter ?? ',',
    bom: true,
    relax_column_count: true,
    skip_empty_lines: true,
    // A TSV field may hold a quote character literally; only CSV quotes fields.
    quote: options.delimiter === '\t' ? false : '"',
  });
  const input = Readable.from(source, { objectMode: false });
  input.on('error', (e) => parser.destroy(e));
  input.pipe(parser);
  try {
    for await (const record of parser) yield record as string[];
  } catch (e) {
    if (e instanceof CsvError)
      throw new DownloadError(
        'bad-file',
        `the file is not valid ${options.delimiter === '\t' ? 'TSV' : 'CSV'}: ${e.message}`,
        undefined,
        { cause: e },
      );
    throw e;
  } finally {
    input.destroy();
    parser.destroy();
  }
}
