import { Unzip, Zip, ZipDeflate, type UnzipFile } from 'fflate';
import { DownloadError } from './errors.js';
import { SyncRawInflate } from './zlib-inflate.js';

/**
 * Streaming zip, both ways, through fflate: the archive is read as it arrives (local file
 * headers, data descriptors included), so a file of any size passes in constant memory and
 * never touches the disk. Entries are inflated by Node's zlib, a step at a time as the reader
 * pulls (see zlib-inflate.ts). Microsoft's report and bulk archives hold one file;
 * `unzipSingle` yields the first file's bytes and skips any other entry.
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

export async function* unzipSingle(
  source: AsyncIterable<Uint8Array>,
  onEntry?: (info: ZipEntryInfo) => void,
): AsyncGenerator<Uint8Array> {
  /** Inflated bytes of the last step (or a stored entry's bytes), not yet handed over. */
  const out: Uint8Array[] = [];
  let failure: Error | undefined;
  let entry: UnzipFile | undefined;
  let finished = false;
  let inflater: SyncRawInflate | undefined;
  const unzip = new Unzip((file) => {
    if (entry) return; // not started: its bytes are skipped
    entry = file;
    onEntry?.({ name: file.name, size: file.originalSize });
    file.ondata = (err, data, final) => {
      if (err) failure = err;
      else {
        if (data.length) out.push(data);
        if (final) finished = true;
      }
    };
    file.start();
  });
  unzip.register(SyncRawInflate.reporting((d) => (inflater = d)));
  // Hands over what is there, then inflates the next step only when the reader asks for more.
  const drain = function* (): Generator<Uint8Array> {
    for (;;) {
      if (failure) throw corrupt(failure);
      while (out.length) yield out.shift()!;
      if (!inflater?.waiting) return;
      inflater.step();
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
      yield* drain();
    }
    if (head) throw head.length ? notZip(head) : noEntry();
    try {
      push(unzip, new Uint8Array(0), true);
    } catch (e) {
      // fflate says only "invalid zip data" for an archive cut off inside an entry: say which.
      throw entry && !finished ? truncated(entry) : e;
    }
    yield* drain();
    if (!entry) throw noEntry();
    if (!finished) throw truncated(entry);
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

function truncated(entry: UnzipFile): DownloadError {
  return new DownloadError('bad-archive', `the archive ended before the end of ${entry.name}`);
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
