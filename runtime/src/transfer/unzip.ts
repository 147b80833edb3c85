import { Unzip, Zip, ZipDeflate, type UnzipFile } from 'fflate';
import { DownloadError } from './errors.js';
import { ZlibRawInflate } from './zlib-inflate.js';

/**
 * Streaming zip, both ways, through fflate: the archive is read as it arrives (local file
 * headers, data descriptors included), so a file of any size passes in constant memory and
 * never touches the disk. Entries are inflated by Node's zlib (see zlib-inflate.ts). Microsoft's report and bulk archives hold one file; `unzipSingle`
 * yields the first file's bytes and skips any other entry.
 */

export interface ZipEntryInfo {
  name: string;
  /** Uncompressed size when the local header states it. */
  size: number | undefined;
}

const LOCAL_HEADER = [0x50, 0x4b, 0x03, 0x04];
const EMPTY_ARCHIVE = [0x50, 0x4b, 0x05, 0x06];

function startsWith(bytes: Uint8Array, magic: number[]): boolean {
  return magic.every((b, i) => bytes[i] === b);
}

/** Inflated bytes held for the reader before the inflater is paused. */
const OUTPUT_HIGH_WATER = 1024 * 1024;
/** Compressed chunks handed to zlib ahead of the reader. */
const IN_FLIGHT = 1;

export async function* unzipSingle(
  source: AsyncIterable<Uint8Array>,
  onEntry?: (info: ZipEntryInfo) => void,
): AsyncGenerator<Uint8Array> {
  const out: Uint8Array[] = [];
  let outBytes = 0;
  let failure: Error | undefined;
  let entry: UnzipFile | undefined;
  let finished = false;
  let inflater: ZlibRawInflate | undefined;
  let wake: (() => void) | undefined;
  const notify = () => {
    const w = wake;
    wake = undefined;
    w?.();
  };
  const unzip = new Unzip((file) => {
    if (entry) return; // not started: its bytes are skipped
    entry = file;
    onEntry?.({ name: file.name, size: file.originalSize });
    file.ondata = (err, data, final) => {
      if (err) failure = err;
      else {
        if (data.length) {
          out.push(data);
          outBytes += data.length;
          if (outBytes > OUTPUT_HIGH_WATER) inflater?.pause();
        }
        if (final) finished = true;
      }
      notify();
    };
    file.start();
  });
  unzip.register(
    ZlibRawInflate.reporting((d) => {
      inflater = d;
      d.onProgress = notify;
    }),
  );
  // Hands over what is inflated, then waits until the inflater is done with what it was given
  // (stored entries and fflate's own bookkeeping are synchronous: nothing to wait for).
  const drain = async function* (untilFinished: boolean): AsyncGenerator<Uint8Array> {
    for (;;) {
      if (failure) throw corrupt(failure);
      while (out.length) {
        const data = out.shift()!;
        outBytes -= data.length;
        yield data;
      }
      inflater?.resume();
      // Two compressed chunks in flight keep zlib busy while the reader parses.
      const busy = untilFinished
        ? entry !== undefined && !finished
        : (inflater?.pending ?? 0) > IN_FLIGHT;
      if (!busy || failure) {
        if (failure) throw corrupt(failure);
        return;
      }
      await new Promise<void>((resolve) => (wake = resolve));
    }
  };

  try {
    let head: Uint8Array | undefined = new Uint8Array(0);
    for await (const chunk of source) {
      if (head) {
        // Check the signature once four bytes are in: anything else is not a zip archive.
        head = concat(head, chunk);
        if (head.length < 4) continue;
        if (startsWith(head, EMPTY_ARCHIVE)) throw noEntry();
        if (!startsWith(head, LOCAL_HEADER)) throw notZip(head);
        push(unzip, head, false);
        head = undefined;
      } else push(unzip, chunk, false);
      yield* drain(false);
    }
    if (head) throw head.length ? notZip(head) : noEntry();
    push(unzip, new Uint8Array(0), true);
    yield* drain(true);
    if (!entry) throw noEntry();
    if (!finished)
      throw new DownloadError('bad-archive', `the archive ended before the end of ${entry.name}`);
  } finally {
    inflater?.terminate();
  }
}

function push(unzip: Unzip, chunk: Uint8Array, final: boolean): void {
  try {
    unzip.push(chunk, final);
  } catch (e) {
    throw corrupt(e as Error);
  }
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  if (a.length === 0) return b;
  const c = new Uint8Array(a.length + b.length);
  c.set(a);
  c.set(b, a.length);
  return c;
}

function corrupt(e: Error): DownloadError {
  return new DownloadError('bad-archive', `the archive is corrupt: ${e.message}`, undefined, {
    cause: e,
  });
}

function notZip(head: Uint8Array): DownloadError {
  const text = /^[\x09\x0a\x0d\x20-\x7e]*$/.test(
    Buffer.from(head.subarray(0, 4)).toString('latin1'),
  );
  return new DownloadError(
    'bad-archive',
    `the downloaded file is not a zip archive (it starts with ${text ? 'text' : 'other bytes'})`,
  );
}

function noEntry(): DownloadError {
  return new DownloadError('bad-archive', 'the archive holds no file');
}

/**
 * One file, zipped as a stream (deflate, with a data descriptor since the size is not known in
 * advance): what an upload or a test server needs.
 */
export async function* zipSingle(
  name: string,
  source: AsyncIterable<Uint8Array | string>,
  level: 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 = 6,
): AsyncGenerator<Uint8Array> {
  const out: Uint8Array[] = [];
  let failure: Error | undefined;
  const zip = new Zip((err, data) => {
    if (err) failure = err;
    else if (data.length) out.push(data);
  });
  const file = new ZipDeflate(name, { level });
  zip.add(file);
  const encoder = new TextEncoder();
  for await (const chunk of source) {
    file.push(typeof chunk === 'string' ? encoder.encode(chunk) : chunk, false);
    if (failure) throw failure;
    if (out.length) yield* out.splice(0);
  }
  file.push(new Uint8Array(0), true);
  zip.end();
  if (failure) throw failure;
  yield* out.splice(0);
}
