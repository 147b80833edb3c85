import { createInflateRaw, type InflateRaw } from 'node:zlib';
import type { AsyncFlateStreamHandler, UnzipDecoder } from 'fflate';

/**
 * A deflate decoder for fflate's `Unzip` that hands the work to Node's zlib: native code run on
 * libuv's thread pool, so inflating overlaps the CSV parse on the main thread instead of taking
 * turns with it (fflate's own inflate is JavaScript on the main thread). fflate still reads the
 * archive's structure (local headers, data descriptors); only the entry's bytes come here.
 *
 * Flow control is the caller's: `pending` counts pushed chunks zlib has not finished with, and
 * `onProgress` fires when one finishes (with or without output), so a reader can feed the next
 * compressed chunk only when the last one is done and can `pause()` while it holds enough
 * output: a zip bomb then inflates a bounded amount at a time.
 */
export class ZlibRawInflate implements UnzipDecoder {
  static readonly compression = 8;
  ondata: AsyncFlateStreamHandler = () => undefined;
  pending = 0;
  onProgress: () => void = () => undefined;
  readonly #zlib: InflateRaw;
  #done = false;

  constructor() {
    this.#zlib = createInflateRaw({ chunkSize: 64 * 1024 });
    this.#zlib.on('data', (data: Buffer) =>
      this.ondata(
        null,
        new Uint8Array(data.buffer as ArrayBuffer, data.byteOffset, data.length),
        false,
      ),
    );
    this.#zlib.on('end', () => this.#finish(null));
    this.#zlib.on('error', (e) => this.#finish(e));
  }

  /** A decoder class for one `Unzip`: fflate constructs decoders itself, `onCreate` sees each. */
  static reporting(onCreate: (decoder: ZlibRawInflate) => void): typeof ZlibRawInflate {
    return class extends ZlibRawInflate {
      constructor() {
        super();
        onCreate(this);
      }
    };
  }

  push(chunk: Uint8Array, final: boolean): void {
    if (this.#done) return;
    if (chunk.length) {
      this.pending++;
      // A view, not a copy: fflate never writes into a chunk it has handed on.
      this.#zlib.write(chunk, () => {
        this.pending--;
        this.onProgress();
      });
    }
    if (final) this.#zlib.end();
  }

  pause(): void {
    this.#zlib.pause();
  }

  resume(): void {
    this.#zlib.resume();
  }

  terminate(): void {
    this.#done = true;
    this.#zlib.destroy();
  }

  #finish(error: Error | null): void {
    if (this.#done) return;
    this.#done = true;
    this.pending = 0;
    // fflate's handler type says FlateError; any Error with a message serves its callers here.
    this.ondata(error as never, new Uint8Array(0), true);
    this.onProgress();
  }
}
