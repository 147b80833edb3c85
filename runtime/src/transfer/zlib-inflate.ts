import { InflateRaw } from 'minizlib';
import type { AsyncFlateStreamHandler, UnzipDecoder } from 'fflate';

/**
 * A deflate decoder for fflate's `Unzip` that hands the work to Node's zlib, synchronously, on
 * the caller's pull. fflate still reads the archive's structure (local headers, data
 * descriptors); only the entry's compressed bytes come here, and `push` merely queues them.
 * Each `step()` inflates at most STEP compressed bytes, whose output reaches `ondata` before
 * `step` returns. So nothing is inflated before the reader asks for it, and what one step
 * holds is bounded: a zip bomb inflates at most STEP × 1032 bytes at a time (deflate's
 * largest ratio).
 *
 * Synchronous rather than zlib's stream on libuv's thread pool: over millions of rows the
 * thread-pool version held 30 MB more (memory allocated on the pool's threads and output
 * buffers queued for the reader), and was no faster, since inflating is a small part of the
 * time next to the CSV parse. minizlib is the well-kept way to run Node's zlib synchronously
 * as a stream (npm's tar uses it).
 */
export class SyncRawInflate implements UnzipDecoder {
  static readonly compression = 8;
  ondata: AsyncFlateStreamHandler = () => undefined;
  // minizlib hands its options to Node's zlib; its own option type leaves chunkSize out.
  readonly #zlib = new InflateRaw({ chunkSize: OUTPUT_CHUNK } as ConstructorParameters<
    typeof InflateRaw
  >[0]);
  /** Compressed chunks fflate has pushed and `step` has not taken yet (views, not copies). */
  readonly #queued: Uint8Array[] = [];
  #final = false;
  #done = false;

  constructor() {
    this.#zlib.on('data', (data: Buffer) => {
      if (!this.#done)
        this.ondata(
          null,
          new Uint8Array(data.buffer as ArrayBuffer, data.byteOffset, data.length),
          false,
        );
    });
    this.#zlib.on('error', (e) => this.#finish(e as Error));
  }

  /** A decoder class for one `Unzip`: fflate constructs decoders itself, `onCreate` sees each. */
  static reporting(onCreate: (decoder: SyncRawInflate) => void): typeof SyncRawInflate {
    return class extends SyncRawInflate {
      constructor() {
        super();
        onCreate(this);
      }
    };
  }

  // A view, not a copy: fflate never writes into a chunk it has handed on.
  push(chunk: Uint8Array, final: boolean): void {
    if (this.#done) return;
    if (chunk.length) this.#queued.push(chunk);
    if (final) this.#final = true;
  }

  /** Whether `step` has anything to do. */
  get waiting(): boolean {
    return !this.#done && (this.#queued.length > 0 || this.#final);
  }

  /** Inflates the next STEP compressed bytes, or ends the entry once all are in. */
  step(): void {
    if (this.#done) return;
    const chunk = this.#queued[0];
    if (chunk === undefined) {
      if (!this.#final) return;
      this.#zlib.end();
      this.#finish(null);
      return;
    }
    if (chunk.length <= STEP) {
      this.#queued.shift();
      this.#zlib.write(chunk);
    } else {
      this.#queued[0] = chunk.subarray(STEP);
      this.#zlib.write(chunk.subarray(0, STEP));
    }
  }

  terminate(): void {
    this.#done = true;
    this.#queued.length = 0;
    this.#zlib.close();
  }

  #finish(error: Error | null): void {
    if (this.#done) return;
    this.#done = true;
    this.#queued.length = 0;
    // fflate's handler type says FlateError; any Error with a message serves its callers here.
    this.ondata(error as never, new Uint8Array(0), true);
  }
}

/** Compressed bytes inflated per step: about 20 KB of report text at usual ratios. */
const STEP = 4 * 1024;
/**
 * Bytes per output buffer. Small for the same reason as the CSV reader's steps (delimited.ts):
 * what is alive at each young-generation collection is what V8 grows that generation by.
 */
const OUTPUT_CHUNK = 4 * 1024;
