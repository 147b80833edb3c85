import { setTimeout as sleep } from 'node:timers/promises';
import { AdsError, ThrottledError, TransportError } from '../../errors.js';

/**
 * The generic half of a Bulk transfer: a deadline and the caller's signal as one signal, status
 * polling with growing waits (a ThrottledError that the client's retries gave up on — a 117 —
 * waits its Retry-After, or the next interval, and polls again: polling is a read), and an
 * auth-free streaming GET of a result file. Kept in one module so the shared transfer core can
 * replace it.
 */

export interface TransferOptions {
  signal?: AbortSignal;
  /** Whole-workflow deadline in ms, polling and download included. */
  deadlineMs?: number;
  /** Called after each status poll. */
  onProgress?: (progress: TransferProgress) => void;
  /** First wait between status polls (default 1 000 ms); grows ×1.5 up to `maxPollIntervalMs`. */
  pollIntervalMs?: number;
  /** Default 20 000 ms (Microsoft suggests 15–20 s for accounts well under a million keywords). */
  maxPollIntervalMs?: number;
}

export interface TransferProgress {
  requestId: string;
  requestStatus: string;
  percentComplete: number;
}

/** A Bulk request that ended in a failure status (Failed, FailedFullSyncRequired, …). */
export class BulkRequestFailedError extends AdsError {
  constructor(
    readonly operation: string,
    readonly requestId: string,
    readonly requestStatus: string,
    readonly errors: readonly {
      Code?: number;
      ErrorCode?: string | null;
      Message?: string | null;
    }[],
  ) {
    const first = errors[0];
    super(
      `${operation}: request ${requestId} ended with status ${requestStatus}` +
        (first
          ? `: ${first.ErrorCode ?? ''} ${first.Code ?? ''} ${first.Message ?? ''}`.trimEnd()
          : ''),
    );
  }

  override toJSON(): Record<string, unknown> {
    return {
      ...super.toJSON(),
      operation: this.operation,
      requestId: this.requestId,
      requestStatus: this.requestStatus,
      errors: this.errors,
    };
  }
}
Object.defineProperty(BulkRequestFailedError.prototype, 'name', {
  value: 'BulkRequestFailedError',
  writable: true,
  configurable: true,
});

/** The caller's signal and the deadline as one signal; `failure()` names which fired. */
export class TransferScope {
  readonly signal: AbortSignal;
  readonly #deadline: AbortSignal | undefined;
  constructor(
    readonly workflow: string,
    private readonly options: TransferOptions,
  ) {
    if (options.deadlineMs !== undefined && !(options.deadlineMs > 0))
      throw new TypeError(`${workflow}: deadlineMs must be a positive number of ms`);
    this.#deadline =
      options.deadlineMs !== undefined ? AbortSignal.timeout(options.deadlineMs) : undefined;
    const signals = [options.signal, this.#deadline].filter((s): s is AbortSignal => !!s);
    this.signal = signals.length === 1 ? signals[0]! : AbortSignal.any(signals);
  }

  /** The typed error for an aborted workflow: deadline → 'timeout', caller → 'aborted'. */
  failure(): TransportError {
    if (this.#deadline?.aborted && !this.options.signal?.aborted)
      return new TransportError(
        'timeout',
        `${this.workflow}: the deadline of ${this.options.deadlineMs} ms passed`,
        { operation: this.workflow },
      );
    return new TransportError('aborted', `${this.workflow}: aborted`, {
      operation: this.workflow,
    });
  }

  /** The error to throw for `error`: failure() when the scope's signal fired, else `error`. */
  errorFor(error: unknown): unknown {
    return this.signal.aborted ? this.failure() : error;
  }

  throwIfDone(): void {
    if (this.signal.aborted) throw this.failure();
  }

  async wait(ms: number): Promise<void> {
    try {
      await sleep(ms, undefined, { signal: this.signal });
    } catch (e) {
      throw this.errorFor(e);
    }
  }
}

export interface StatusResponse {
  RequestStatus?: string | null;
  PercentComplete?: number;
  ResultFileUrl?: string | null;
  Errors?: readonly { Code?: number; ErrorCode?: string | null; Message?: string | null }[] | null;
}

/**
 * Polls `get` until the status is one of `done` (resolves to the response) or leaves the
 * `pending` set (BulkRequestFailedError).
 */
export async function pollStatus(
  scope: TransferScope,
  operation: string,
  requestId: string,
  get: (signal: AbortSignal) => Promise<StatusResponse>,
  states: { done: readonly string[]; pending: readonly string[] },
  options: TransferOptions,
): Promise<StatusResponse> {
  let interval = options.pollIntervalMs ?? 1000;
  const max = options.maxPollIntervalMs ?? 20_000;
  for (;;) {
    scope.throwIfDone();
    let status: StatusResponse;
    try {
      status = await get(scope.signal);
    } catch (e) {
      if (scope.signal.aborted) throw scope.failure();
      if (!(e instanceof ThrottledError)) throw e;
      await scope.wait(Math.max(e.retryAfterMs ?? interval, interval));
      interval = Math.min(max, interval * 1.5);
      continue;
    }
    const requestStatus = status.RequestStatus ?? '';
    options.onProgress?.({
      requestId,
      requestStatus,
      percentComplete: status.PercentComplete ?? 0,
    });
    if (states.done.includes(requestStatus)) return status;
    if (!states.pending.includes(requestStatus))
      throw new BulkRequestFailedError(operation, requestId, requestStatus, status.Errors ?? []);
    await scope.wait(interval);
    interval = Math.min(max, interval * 1.5);
  }
}

/** GET of a pre-signed result file URL (no credentials), its body as chunks. */
export async function* downloadFile(scope: TransferScope, url: string): AsyncGenerator<Uint8Array> {
  if (!/^https?:\/\//i.test(url))
    throw new TransportError(
      'malformed-response',
      `${scope.workflow}: the result file URL is not http(s)`,
      {
        operation: scope.workflow,
      },
    );
  const { request } = await import('undici');
  let response;
  try {
    response = await request(url, { method: 'GET', signal: scope.signal });
  } catch (e) {
    throw scope.errorFor(
      new TransportError(
        'connection',
        `${scope.workflow}: downloading the result file failed: ${(e as Error).message}`,
        {
          operation: scope.workflow,
        },
        { cause: e },
      ),
    );
  }
  if (response.statusCode !== 200) {
    await response.body.dump().catch(() => undefined);
    throw new TransportError(
      'malformed-response',
      `${scope.workflow}: the result file download answered HTTP ${response.statusCode}`,
      { operation: scope.workflow, httpStatus: response.statusCode },
    );
  }
  try {
    for await (const chunk of response.body) yield chunk as Buffer;
  } catch (e) {
    throw scope.errorFor(
      new TransportError(
        'connection',
        `${scope.workflow}: the result file download broke off: ${(e as Error).message}`,
        {
          operation: scope.workflow,
        },
        { cause: e },
      ),
    );
  }
}
