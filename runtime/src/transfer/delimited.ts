import Papa from 'papaparse';
import { DownloadError } from './errors.js';

/**
 * CSV or TSV bytes → records (arrays of field strings), parsed as they stream in by Papa Parse:
 * quoted fields, doubled quotes, line breaks inside quotes and a UTF-8 byte-order mark are
 * handled; empty lines are skipped; rows may differ in length (report headers have one field).
 * A malformed file is a DownloadError 'bad-file' naming the line.
 *
 * Papa Parse rather than csv-parse: on report-sized files it parses 3–4× faster, which is most
 * of a report download's time (README, Reports, has the numbers). Its streaming drivers either
 * push one stream event per row or do not pause their source, so the chunk loop below drives
 * its parser directly, as Papa's own ChunkStreamer does: each call parses the text so far and
 * says where the last complete row ends (`meta.cursor`); the rest waits for the next chunk.
 */
export interface DelimitedOptions {
  /** ',' (CSV, the default) or '\t' (TSV). */
  delimiter?: ',' | '\t';
  /** Whether `"` quotes values; default true for CSV, false for TSV (reports never quote TSV). */
  quote?: boolean;
  /**
   * A quote inside an unquoted value is kept as text. Papa Parse always reads it so (a quote
   * quotes only at the start of a field); kept for callers that state it.
   */
  relaxQuotes?: boolean;
}

export async function* parseDelimited(
  source: AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>,
  options: DelimitedOptions = {},
): AsyncGenerator<string[]> {
  for await (const batch of parseDelimitedBatches(source, options)) yield* batch;
}

/**
 * Text parsed per step. Small on purpose: a step's rows, and the text their fields are slices
 * of, are what is alive when V8 collects its young generation, and V8 grows that generation by
 * what survives. Parsing a file alone, 64 KB steps took the heap to three times what small steps
 * do, at the same speed. (Over millions of rows V8 grows it to its maximum all the same: the
 * README's Reports section has the numbers.)
 */
const PIECE = 4 * 1024;

interface ParseResult {
  data: string[][];
  errors: { message: string; row?: number; index?: number }[];
  meta: { cursor: number };
}

/**
 * The same records in batches, one per PIECE of input (the rows complete in it): one await per
 * batch instead of one per record, for readers that convert rows synchronously. No more than
 * one batch and one partial row are ever held.
 */
export async function* parseDelimitedBatches(
  source: AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>,
  options: DelimitedOptions = {},
): AsyncGenerator<string[][]> {
  const tsv = options.delimiter === '\t';
  const quoted = options.quote ?? !tsv;
  let parser: Papa.Parser | undefined;
  const parserFor = (newline: '\r\n' | '\n'): Papa.Parser =>
    new Papa.Parser({
      delimiter: options.delimiter ?? ',',
      newline,
      // Without quoting every line is split on the delimiter as it is (Papa's fast mode).
      ...(quoted ? { quoteChar: '"', fastMode: false } : { fastMode: true }),
    });
  // Decoding drops a leading byte-order mark; invalid UTF-8 becomes U+FFFD, as csv-parse did.
  const decoder = new TextDecoder('utf-8');
  /** Text after the last complete row. */
  let rest = '';
  /** Line number (1-based) at which `rest` starts, for error messages. */
  let line = 1;
  /** The complete rows of `text` (all of it when `last`), and the first error in them. */
  const parse = (text: string, last: boolean): { rows: string[][]; error?: DownloadError } => {
    if (parser === undefined) {
      const newline = lineEnd(text, quoted) ?? (last ? '\n' : undefined);
      if (newline === undefined) {
        rest = text; // no line has ended yet
        return { rows: [] };
      }
      parser = parserFor(newline);
    }
    const result = parser.parse(text, 0, !last) as ParseResult;
    const consumed = last ? text.length : result.meta.cursor;
    // An error in the unfinished last row may be the chunk's cut (`"x"\r|\n`): that row is
    // parsed again with the next chunk, and only then judged.
    const failure = last
      ? result.errors[0]
      : result.errors.find((e) => (e.row ?? 0) < result.data.length);
    if (failure !== undefined) {
      // Records before the malformed line are handed over first, then the error.
      const at = line + countLines(text, Math.min(failure.index ?? consumed, consumed));
      const message = `the file is not valid ${tsv ? 'TSV' : 'CSV'}: ${failure.message} (line ${at})`;
      return {
        rows: withoutEmptyLines(result.data.slice(0, failure.row ?? 0)),
        error: new DownloadError('bad-file', message),
      };
    }
    line += countLines(text, consumed);
    rest = last ? '' : text.slice(consumed);
    return { rows: withoutEmptyLines(result.data) };
  };
  for await (const chunk of source) {
    const text = typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
    for (let at = 0; at < text.length; at += PIECE) {
      const { rows, error } = parse(rest + text.slice(at, at + PIECE), false);
      if (rows.length) yield rows;
      if (error) throw error;
    }
  }
  const tail = rest + decoder.decode();
  if (tail === '') return;
  const { rows, error } = parse(tail, true);
  if (rows.length) yield rows;
  if (error) throw error;
}

/**
 * How the file's first line ends, once a line break outside quotes is in `text` (the files are
 * written by one program: every line ends alike).
 */
function lineEnd(text: string, quoted: boolean): '\r\n' | '\n' | undefined {
  // Without its complete quoted values; a quote left is one still open.
  const bare = quoted ? text.replace(/"[^"]*"/g, '') : text;
  const at = bare.indexOf('\n');
  const open = quoted ? bare.indexOf('"') : -1;
  if (at === -1 || (open !== -1 && open < at)) return undefined;
  return bare[at - 1] === '\r' ? '\r\n' : '\n';
}

/** The rows that are not empty lines, in place. */
function withoutEmptyLines(rows: string[][]): string[][] {
  let kept = 0;
  for (const row of rows) if (row.length > 1 || row[0] !== '') rows[kept++] = row;
  rows.length = kept;
  return rows;
}

/** Line breaks in `text` before `end`. */
function countLines(text: string, end: number): number {
  let count = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < end; i = text.indexOf('\n', i + 1)) count++;
  return count;
}
