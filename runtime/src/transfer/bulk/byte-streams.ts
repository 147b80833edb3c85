import { createReadStream } from 'node:fs';
import { unzipSingle } from '../unzip.js';

/**
 * Byte plumbing for Bulk files: any source as chunks, and the transfer core's streaming unzip
 * for sources that turn out to be zip archives (a Bulk file may be read zipped or not).
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
  yield* unzipSingle(
    (async function* () {
      yield head;
      yield* rest;
    })(),
  );
}
