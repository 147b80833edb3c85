import { createReadStream } from 'node:fs';

/**
 * Byte plumbing for Bulk files: any source as chunks, and a streaming unzip of a file's first
 * entry (fflate, loaded on first use so a plain API call never loads it). Until the shared
 * transfer core lands these are local; they keep its shape (chunks in, chunks out).
 */

export type BulkFileSource =
  string | URL | Uint8Array | AsyncIterable<Uint8Array> | Iterable<Uint8Array>;

export async function* chunksOf(source: BulkFileSource): AsyncGenerator<Uint8Array> {
  if (typeof source === 'string' || source instanceof URL) {
    for await (const chunk of createReadStream(source, { highWaterMark: 1 << 16 }))
      yield chunk as Buffer;
  } else if (source instanceof Uint8Array) yield source;
  else yield* source;
}

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];

/** Passes the bytes through, or unzips them (the first file of the archive) when they are a zip. */
export async function* maybeUnzip(chunks: AsyncIterable<Uint8Array>): AsyncGenerator<Uint8Array> {
  const iterator = chunks[Symbol.asyncIterator]();
  let first = await iterator.next();
  while (!first.done && first.value.length === 0) first = await iterator.next();
  if (first.done) return;
  const rest: AsyncIterable<Uint8Array> = {
    [Symbol.asyncIterator]: () => iterator,
  };
  const head = first.value;
  if (!ZIP_MAGIC.every((b, i) => head[i] === b)) {
    yield head;
    yield* rest;
    return;
  }
  yield* unzipFirstEntry(head, rest);
}

async function* unzipFirstEntry(
  head: Uint8Array,
  rest: AsyncIterable<Uint8Array>,
): AsyncGenerator<Uint8Array> {
  const { Unzip, UnzipInflate } = await import('fflate');
  const out: Uint8Array[] = [];
  let failure: Error | undefined;
  let started = false;
  let finished = false;
  const unzip = new Unzip();
  unzip.register(UnzipInflate);
  unzip.onfile = (file) => {
    if (started) return; // a Bulk archive holds one file; any other entry is ignored
    started = true;
    file.ondata = (err, data, final) => {
      if (err) failure = err;
      else if (data.length > 0) out.push(data);
      if (final) finished = true;
    };
    file.start();
  };
  const feed = function* (chunk: Uint8Array, final: boolean): Generator<Uint8Array> {
    try {
      unzip.push(chunk, final);
    } catch (e) {
      failure = e as Error;
    }
    if (failure)
      throw new Error(`the zip archive is corrupt: ${failure.message}`, { cause: failure });
    yield* out.splice(0);
  };
  yield* feed(head, false);
  for await (const chunk of rest) yield* feed(chunk, false);
  yield* feed(new Uint8Array(0), true);
  if (!started) throw new Error('the zip archive holds no file');
  if (!finished) throw new Error('the zip archive ends inside its file (truncated download?)');
}
