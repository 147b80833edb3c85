import { parseDelimited } from './delimited.js';

/**
 * The report header (`"Report Name: …"` … `"Rows: N"`, then a blank line) split off the front
 * of a report file's bytes and parsed on its own, the rest left as a stream that starts at the
 * column names: for a caller reading a file it saved (`toFile`) with a CSV reader of its own.
 * `downloadReport` does not need it: its row reader takes the header lines from the one stream.
 * Without a blank line in the first MB, nothing is split off.
 */
export interface SplitFile {
  preamble: string[][];
  rest: AsyncIterable<Uint8Array>;
}

const LIMIT = 1024 * 1024;

export async function splitPreamble(
  body: AsyncIterable<Uint8Array>,
  delimiter: ',' | '\t',
): Promise<SplitFile> {
  const iterator = body[Symbol.asyncIterator]();
  let head = Buffer.alloc(0);
  for (;;) {
    const blank = blankLineEnd(head);
    if (blank >= 0) {
      const preamble: string[][] = [];
      for await (const record of parseDelimited([head.subarray(0, blank)], { delimiter }))
        preamble.push(record);
      return { preamble, rest: resume(head.subarray(blank), iterator) };
    }
    if (head.length > LIMIT) break;
    const next = await iterator.next();
    if (next.done) break;
    head = Buffer.concat([head, next.value]);
  }
  return { preamble: [], rest: resume(head, iterator) };
}

/** Index just past the first empty line (`\n\n` or `\n\r\n`), or -1. */
function blankLineEnd(bytes: Buffer): number {
  for (let i = bytes.indexOf(10); i >= 0 && i + 1 < bytes.length; i = bytes.indexOf(10, i + 1)) {
    if (bytes[i + 1] === 10) return i + 2;
    if (bytes[i + 1] === 13 && bytes[i + 2] === 10) return i + 3;
  }
  return -1;
}

async function* resume(
  head: Uint8Array,
  iterator: AsyncIterator<Uint8Array>,
): AsyncGenerator<Uint8Array> {
  try {
    if (head.length) yield head;
    for (;;) {
      const next = await iterator.next();
      if (next.done) return;
      yield next.value;
    }
  } finally {
    await iterator.return?.();
  }
}
