import { TransportError } from './errors.js';
import type { BodySink, TransportRequest, TransportResponse } from './transport.js';
import { abortReason, deadlineExceeded, toTransportError, tooLarge } from './transport-errors.js';

const EMPTY_BODY = Buffer.alloc(0);

/**
 * One HTTP attempt's outcome, whatever stack carries it (undici's dispatch or node:http): the
 * total deadline, the caller's abort, the size cap, the body gathered (or handed to the
 * request's sink) and the one settlement of `done`. The stack reports what happens on the wire
 * (`connected`, `head`, `data`, `end`, `fail`); the attempt calls `cancel` to drop the
 * exchange when it ends it first (deadline, abort, too large). Both built-in transports keep
 * exactly these semantics because they share this class.
 */
export class Attempt {
  readonly done: Promise<TransportResponse>;
  /**
   * The request was handed to a connected socket: from here it may have reached the service.
   * Until then nothing has left this process, so the service cannot have run it.
   */
  sent = false;
  /** The final response's status, once its head arrived. */
  status: number | undefined;
  /** Drops the exchange on the wire; set by the transport as soon as it has one. */
  cancel: ((error: Error) => void) | undefined;
  #settled = false;
  #resolve!: (response: TransportResponse) => void;
  #reject!: (error: Error) => void;
  readonly #deadline: NodeJS.Timeout;
  readonly #onAbort: (() => void) | undefined;
  #headers: TransportResponse['headers'] = {};
  #chunks: Buffer[] = [];
  #size = 0;
  // With a Content-Length the body is copied into one buffer as it arrives and each chunk is
  // let go at once: a large response is then held once, not as chunks plus their concat.
  #whole: Buffer | undefined;
  #sink: BodySink | undefined;

  readonly limit: number;

  /** `limits`: the transport's; the request's own `timeoutMs` replaces its deadline. */
  constructor(
    readonly request: TransportRequest,
    readonly origin: string,
    limits: { attemptTimeoutMs: number; maxResponseBytes: number },
  ) {
    const deadlineMs = request.timeoutMs ?? limits.attemptTimeoutMs;
    this.limit = limits.maxResponseBytes;
    this.done = new Promise<TransportResponse>((resolve, reject) => {
      this.#resolve = resolve;
      this.#reject = reject;
    });
    // Unref'd: a pending attempt holds its socket, which keeps the process alive anyway.
    this.#deadline = setTimeout(
      () =>
        this.abort(deadlineExceeded(request.operation, origin, deadlineMs, this.status, this.sent)),
      deadlineMs,
    );
    this.#deadline.unref();
    const { signal } = request;
    if (signal) {
      this.#onAbort = () => this.abort(abortReason(signal));
      signal.addEventListener('abort', this.#onAbort, { once: true });
    }
  }

  get settled(): boolean {
    return this.#settled;
  }

  /**
   * The final response head (1xx informational heads must not come here, or must be
   * superseded by the final one, which starts the body afresh).
   */
  head(status: number, headers: TransportResponse['headers']): void {
    if (this.#settled) return;
    this.status = status;
    this.#headers = headers;
    this.#chunks = [];
    this.#size = 0;
    this.#whole = undefined;
    this.#sink = this.request.receive?.(status, headers);
    const declared = Number(headers['content-length']);
    if (Number.isFinite(declared) && declared > this.limit) {
      this.abort(tooLarge(this.request.operation, status, this.limit));
    } else if (this.#sink === undefined && Number.isSafeInteger(declared) && declared > 0) {
      this.#whole = Buffer.allocUnsafe(declared);
    }
  }

  data(chunk: Buffer): void {
    if (this.#settled) return;
    const end = this.#size + chunk.byteLength;
    if (end > this.limit) {
      this.abort(tooLarge(this.request.operation, this.status ?? 0, this.limit));
      return;
    }
    if (this.#sink !== undefined) this.#sink.write(chunk);
    else if (this.#whole !== undefined && end <= this.#whole.byteLength)
      chunk.copy(this.#whole, this.#size);
    else {
      // More than declared (the stacks refuse that) or no length: gather the chunks.
      if (this.#whole !== undefined) this.#chunks.push(this.#whole.subarray(0, this.#size));
      this.#whole = undefined;
      this.#chunks.push(chunk);
    }
    this.#size = end;
  }

  end(): void {
    if (this.#settled) return;
    const status = this.status ?? 0;
    const headers = this.#headers;
    if (this.#sink !== undefined) {
      const received = this.#sink.end();
      this.#sink = undefined;
      this.#settle(undefined, { status, headers, body: EMPTY_BODY, received });
      return;
    }
    const body =
      this.#whole !== undefined
        ? this.#whole.subarray(0, this.#size)
        : Buffer.concat(this.#chunks, this.#size);
    this.#chunks = [];
    this.#whole = undefined;
    this.#settle(undefined, { status, headers, body });
  }

  /** The stack failed the exchange (nothing to cancel: it is over on the wire). */
  fail(error: unknown): void {
    if (this.#settled) return;
    this.#settle(
      error instanceof TransportError
        ? error
        : toTransportError(error, this.request, this.origin, this.status, this.sent),
    );
  }

  /** Ends the exchange from this side: settles first, then drops it on the wire. */
  abort(error: unknown): void {
    if (this.#settled) return;
    this.fail(error);
    this.cancel?.(error instanceof Error ? error : new Error(String(error)));
  }

  #settle(error: Error | undefined, response?: TransportResponse): void {
    this.#settled = true;
    clearTimeout(this.#deadline);
    if (this.#onAbort) this.request.signal?.removeEventListener('abort', this.#onAbort);
    if (error) this.#reject(error);
    else this.#resolve(response!);
  }
}
