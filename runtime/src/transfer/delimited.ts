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
 * The same records in batches, one per input chunk (what csv-parse finds in it): one await per
 * batch instead of one per record, for readers that convert rows synchronously. Chunks are
 * written to the parser directly and its records read back at once, so no more than one chunk's
 * records are ever held (a piped parser runs ahead by its whole write buffer, and every record
 * still held when the young generation is collected is copied into the old one).
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
  // Errors are read from `parser.errored` after each step; the listener only keeps the
  // (asynchronous) 'error' event from counting as unhandled.
  parser.on('error', () => undefined);
  const ended = new Promise<void>((resolve) => {
    parser.once('end', resolve);
    parser.once('close', resolve);
  });
  // csv-parse transforms a chunk synchronously inside write(): its records are ready at once.
  const ready = (): string[][] => {
    const batch: string[][] = [];
    let record: string[] | null;
    while ((record = parser.read() as string[] | null) !== null) batch.push(record);
    return batch;
  };
  try {
    for await (const chunk of source) {
      parser.write(chunk);
      const batch = ready();
      if (batch.length) yield batch;
      if (parser.errored) throw parser.errored;
    }
    parser.end();
    // The last record (a file without a final line break) and the end-of-input checks (an
    // unclosed quote) come from csv-parse's flush, after end() returns.
    for (;;) {
      const batch = ready();
      if (batch.length) yield batch;
      if (parser.errored) throw parser.errored;
      if (parser.readableEnded || parser.destroyed) break;
      await Promise.race([ended, new Promise<void>((r) => parser.once('readable', r))]);
    }
    const last = ready();
    if (last.length) yield last;
    if (parser.errored) throw parser.errored;
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
    parser.destroy();
  }
}
