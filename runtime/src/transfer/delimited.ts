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
  /** Whether `"` quotes values; default true for CSV, false for TSV (reports never quote TSV). */
  quote?: boolean;
  /** A quote inside an unquoted value is kept as text instead of failing. Default false. */
  relaxQuotes?: boolean;
}

export async function* parseDelimited(
  source: AsyncIterable<Uint8Array | string>,
  options: DelimitedOptions = {},
): AsyncGenerator<string[]> {
  for await (const batch of parseDelimitedBatches(source, options)) yield* batch;
}

/**
 * The same records in batches (all csv-parse has ready at each step): one await per batch
 * instead of one per record, for readers that convert rows synchronously.
 */
export async function* parseDelimitedBatches(
  source: AsyncIterable<Uint8Array | string>,
  options: DelimitedOptions = {},
): AsyncGenerator<string[][]> {
  const tsv = options.delimiter === '\t';
  const parser = parse({
    delimiter: options.delimiter ?? ',',
    bom: true,
    relax_column_count: true,
    skip_empty_lines: true,
    // A report's TSV field may hold a quote character literally; only CSV quotes by default.
    quote: (options.quote ?? !tsv) ? '"' : false,
    relax_quotes: options.relaxQuotes ?? false,
  });
  const input = Readable.from(source, { objectMode: false });
  let failure: unknown;
  let ended = false;
  let wake: (() => void) | undefined;
  const signal = () => {
    const w = wake;
    wake = undefined;
    w?.();
  };
  input.on('error', (e) => parser.destroy(e));
  parser.on('readable', signal);
  parser.on('end', () => {
    ended = true;
    signal();
  });
  parser.on('error', (e) => {
    failure = e;
    signal();
  });
  input.pipe(parser);
  try {
    for (;;) {
      const batch: string[][] = [];
      let record: string[] | null;
      while ((record = parser.read() as string[] | null) !== null) batch.push(record);
      if (batch.length) {
        yield batch;
        continue;
      }
      if (failure !== undefined) throw failure;
      if (ended) return;
      // read() found nothing: 'readable', 'end' or 'error' comes next (never synchronously).
      await new Promise<void>((resolve) => (wake = resolve));
    }
  } catch (e) {
    if (e instanceof CsvError)
      throw new DownloadError(
        'bad-file',
        `the file is not valid ${tsv ? 'TSV' : 'CSV'}: ${e.message}`,
        undefined,
        { cause: e },
      );
    throw e;
  } finally {
    input.destroy();
    parser.destroy();
  }
}
