import { TransportError } from '../errors.js';
import { DeadlineExceededError, type TransferPhase } from './errors.js';

/**
 * One transfer's overall deadline and the caller's AbortSignal, as a single signal to hand to
 * every call and wait of the transfer. When the deadline is what fired, `translate` turns the
 * resulting abort (from a client call, a sleep or the download) into a DeadlineExceededError
 * naming the phase; a caller's abort stays a TransportError 'aborted'.
 */
export class TransferScope {
  readonly signal: AbortSignal;
  readonly #timer: ReturnType<typeof setTimeout> | undefined;
  readonly #deadline = new AbortController();
  readonly #started: number;
  phase: TransferPhase = 'submit';

  constructor(
    readonly operation: string,
    readonly deadlineMs: number | undefined,
    userSignal: AbortSignal | undefined,
    now: () => number = Date.now,
  ) {
    if (
      deadlineMs !== undefined &&
      (typeof deadlineMs !== 'number' || !Number.isFinite(deadlineMs) || deadlineMs <= 0)
    ) {
      throw new TypeError(
        `deadlineMs must be a positive number of milliseconds, not ${String(deadlineMs)}`,
      );
    }
    this.#started = now();
    if (deadlineMs !== undefined) {
      this.#timer = setTimeout(() => this.#deadline.abort(this.#expired()), deadlineMs);
      this.#timer.unref?.();
    }
    this.signal = userSignal
      ? AbortSignal.any([userSignal, this.#deadline.signal])
      : this.#deadline.signal;
  }

  get expired(): boolean {
    return this.#deadline.signal.aborted;
  }

  /** Milliseconds left (Infinity without a deadline). */
  remainingMs(now: number = Date.now()): number {
    return this.deadlineMs === undefined
      ? Infinity
      : Math.max(0, this.deadlineMs - (now - this.#started));
  }

  /** Throws the right error when the scope is aborted or past its deadline. */
  throwIfAborted(): void {
    if (this.expired) throw this.#expired();
    if (this.signal.aborted) throw this.#aborted();
  }

  /** An error raised inside the scope, as the caller should see it. */
  translate(error: unknown): unknown {
    if (this.expired) return this.#expired();
    if (this.signal.aborted && !(error instanceof TransportError && error.reason === 'aborted'))
      return this.#aborted();
    return error;
  }

  dispose(): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
  }

  #expired(): DeadlineExceededError {
    return new DeadlineExceededError(this.operation, this.phase, this.deadlineMs ?? 0);
  }

  #aborted(): TransportError {
    return new TransportError('aborted', `${this.operation}: aborted during ${this.phase}`, {
      operation: this.operation,
    });
  }
}
