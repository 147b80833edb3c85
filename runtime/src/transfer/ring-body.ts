/**
 * A download body read ahead into one ring of bytes that lives as long as the download, and
 * handed to the reader in fresh pieces of at most PIECE bytes.
 *
 * Why not queue the socket's buffers as they come: a buffer that waits for a busy reader lives
 * through V8's young-generation collections, is promoted, and is then freed only by a full
 * collection, which V8 starts for such outside-the-heap memory only after tens of MB of it. Over
 * millions of report rows those buffers were most of the process's growth (README, Reports, has
 * the numbers). Copied into the ring on arrival, each socket buffer dies young; the pieces the
 * reader gets are small, its own, and used at once.
 */

/** The connection under the body: paused while the ring is nearly full. */
export interface BodySource {
  pause(): void;
  resume(): void;
  /** The reader stopped before the end: the rest is not wanted. */
  abort(reason: Error): void;
}

/** Bytes read ahead of the reader at most (plus what one socket read brings past a pause). */
const RING_BYTES = 256 * 1024;
/** The source is paused when less room than one socket read is left. */
const PAUSE_BELOW = 64 * 1024;
/** Bytes per piece handed to the reader: the unzip inflates about this much per step. */
const PIECE = 4 * 1024;

export class RingBody implements AsyncIterable<Uint8Array> {
  readonly #ring = new Uint8Array(RING_BYTES);
  /** Bytes taken and bytes put since the start (positions in the ring are these mod its size). */
  #taken = 0;
  #put = 0;
  /** Bytes that came while the ring was full (the source is paused meanwhile; views, in order). */
  readonly #overflow: Uint8Array[] = [];
  #paused = false;
  #ended = false;
  #failure: { error: unknown } | undefined;
  #wake: (() => void) | undefined;

  constructor(
    private readonly source: BodySource,
    /** Runs once when the body is done with: read to the end, failed, or left early. */
    private readonly onDone: () => void = () => undefined,
  ) {}

  push(chunk: Uint8Array): void {
    if (this.#overflow.length) this.#overflow.push(chunk);
    else {
      const copied = this.#copyIn(chunk);
      if (copied < chunk.length) this.#overflow.push(chunk.subarray(copied));
    }
    if (!this.#paused && RING_BYTES - (this.#put - this.#taken) < PAUSE_BELOW) {
      this.#paused = true;
      this.source.pause();
    }
    this.#notify();
  }

  end(): void {
    this.#ended = true;
    this.#notify();
  }

  fail(error: unknown): void {
    this.#failure ??= { error };
    this.#notify();
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<Uint8Array> {
    try {
      for (;;) {
        // A failure (an abort, a timeout, a reset) counts at once, before what is read ahead.
        if (this.#failure) throw this.#failure.error;
        if (this.#put > this.#taken) {
          yield this.#takePiece();
          continue;
        }
        if (this.#ended) return;
        await new Promise<void>((resolve) => (this.#wake = resolve));
      }
    } finally {
      if (!this.#ended && !this.#failure) this.source.abort(new Error('the reader stopped'));
      this.onDone();
    }
  }

  #takePiece(): Uint8Array {
    const at = this.#taken % RING_BYTES;
    const size = Math.min(PIECE, this.#put - this.#taken, RING_BYTES - at);
    const piece = this.#ring.slice(at, at + size);
    this.#taken += size;
    while (this.#overflow.length) {
      const next = this.#overflow[0]!;
      const copied = this.#copyIn(next);
      if (copied < next.length) {
        this.#overflow[0] = next.subarray(copied);
        break;
      }
      this.#overflow.shift();
    }
    if (this.#paused && !this.#overflow.length && this.#put - this.#taken <= RING_BYTES / 2) {
      this.#paused = false;
      this.source.resume();
    }
    return piece;
  }

  /** Copies what fits of `chunk` into the ring; how many bytes that was. */
  #copyIn(chunk: Uint8Array): number {
    let copied = 0;
    while (copied < chunk.length) {
      const at = this.#put % RING_BYTES;
      const room = Math.min(RING_BYTES - (this.#put - this.#taken), RING_BYTES - at);
      if (room === 0) break;
      const size = Math.min(room, chunk.length - copied);
      this.#ring.set(chunk.subarray(copied, copied + size), at);
      this.#put += size;
      copied += size;
    }
    return copied;
  }

  #notify(): void {
    const wake = this.#wake;
    this.#wake = undefined;
    wake?.();
  }
}
