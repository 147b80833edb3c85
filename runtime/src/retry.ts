import { setTimeout as delay } from 'node:timers/promises';
import { KnownErrorCodes } from './error-codes.js';
import type { OperationKind } from './operation-kind.js';
import { AdsApiError, AuthenticationError, ThrottledError, TransportError } from './errors.js';

/**
 * Bounded retries: exponential backoff with full jitter (delay = random() × min(maxDelay,
 * base × 2^(n−1))), at most `maxAttempts` attempts and `maxElapsedMs` in total, and the
 * service's `Retry-After` honoured in full: a call is never re-sent before it. When the
 * `Retry-After` does not fit in what is left of the budget, the ThrottledError is thrown at
 * once with its `retryAfterMs` (blocking for the budget and then re-sending early would help
 * no one). A `Retry-After` of zero, negative or in the past counts as absent, and a short one
 * never undercuts the normal backoff: a misconfigured proxy must not turn retries into a spin.
 *
 * 117 CallRateExceeded without a `Retry-After` waits `throttleDelayMs` (Microsoft: about 60 s)
 * instead of the short backoff, which would only hit the rate limit again. When that wait does
 * not fit in the remaining budget (or no attempts are left), the ThrottledError is thrown at
 * once with `retryAfterMs` set to it, so the caller knows how long to hold off. 207
 * ConcurrentRequestOverLimit keeps the normal backoff: it is about parallel calls in flight,
 * which free up in moments, not about a rate window. A bare HTTP 429 (no 117 entry, no
 * `Retry-After`) keeps it too: it may come from a gateway or proxy whose window is unknown, and
 * the exponential backoff already spreads retries out; a 429 whose body carries 117 gets the
 * floor like any 117.
 *
 * Retried: throttling (117 CallRateExceeded, 207 ConcurrentRequestOverLimit, HTTP 429),
 * 0 InternalError and the AdCenter internal/system faults, HTTP 502/503/504, and connection
 * failures (reset, refused, closed early). Never retried: validation and other faults,
 * `invalid_grant`, aborts, too-large responses, malformed 2xx responses, and — unless
 * `retryTimeouts` — timeouts, because a call that timed out may have been carried out.
 *
 * Writes are never sent twice. An operation whose kind is `write` (Add, Update, Delete, Set,
 * Apply, Submit, …; the descriptor says, see `OperationDescriptor.kind`) is re-sent
 * only after a failure that proves the service did not carry it out: a complete retryable
 * fault or 502/503/504 answer, or a `TransportError` with `mayHaveRun: false` (connection
 * refused, name not resolved, TLS failure or connect timeout before the request was written).
 * A connection reset or closed after the request was written, a body cut after the headers, a
 * timeout after sending: the write fails at once with `mayHaveRun: true`, whatever the budget.
 *
 * Separately from the budget, an expired or rejected access token (HTTP 401, 109, 3101) leads
 * to exactly one `refreshAuth()` and one immediate retry per call; this also happens when
 * retries are disabled, as the official SDKs do.
 *
 * @public
 */
export interface RetryPolicy {
  /** Attempts in total, the first included (1 = no retries). */
  maxAttempts: number;
  baseDelayMs: number;
  /** Upper bound of one computed backoff (not of a server's Retry-After). */
  maxDelayMs: number;
  /** Total budget from the first attempt; no wait goes past it. */
  maxElapsedMs: number;
  /**
   * Wait after 117 CallRateExceeded when the service sent no `Retry-After` (Microsoft: wait
   * about 60 s and resubmit). Default 60 000. It does not count against `maxDelayMs`, only
   * against `maxElapsedMs`; 0 turns the floor off (117 then gets the normal backoff).
   */
  throttleDelayMs: number;
  /** Also retry timeouts (off by default: the call may have been executed). */
  retryTimeouts: boolean;
  /** Waits `ms`; rejects when `signal` aborts. Injectable for tests. */
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Uniform in [0, 1). Injectable for tests. */
  random: () => number;
  /** Epoch milliseconds. Injectable for tests. */
  now: () => number;
}

/** @public */
export const DEFAULT_RETRY_POLICY: Readonly<RetryPolicy> = Object.freeze({
  maxAttempts: 4,
  baseDelayMs: 500,
  maxDelayMs: 30_000,
  maxElapsedMs: 120_000,
  throttleDelayMs: 60_000,
  retryTimeouts: false,
  sleep: (ms: number, signal?: AbortSignal) => delay(ms, undefined, { signal }),
  random: Math.random,
  now: Date.now,
});

/** `false` disables backoff retries (the one token refresh stays). */
export function resolveRetryPolicy(policy?: Partial<RetryPolicy> | false): RetryPolicy {
  return mergeRetryPolicy(DEFAULT_RETRY_POLICY, policy);
}

/**
 * `overrides` on top of `base` (a client's policy under one call's `retry`): `false` leaves
 * one attempt. Whatever it says, a write is re-sent only when it provably did not run: that
 * rule is the classification's (`classifyError`), not the policy's.
 */
export function mergeRetryPolicy(
  base: Readonly<RetryPolicy>,
  overrides: Partial<RetryPolicy> | false | undefined,
): RetryPolicy {
  if (overrides === false) return { ...base, maxAttempts: 1 };
  if (overrides !== undefined && (typeof overrides !== 'object' || overrides === null)) {
    throw new TypeError(`retry must be an object or false, not ${String(overrides)}`);
  }
  const merged = { ...base, ...stripUndefined(overrides ?? {}) };
  if (typeof merged.maxAttempts !== 'number' || Number.isNaN(merged.maxAttempts)) {
    throw new TypeError(`retry.maxAttempts must be a number, not ${String(merged.maxAttempts)}`);
  }
  merged.maxAttempts = Math.max(1, Math.floor(merged.maxAttempts));
  const floor = merged.throttleDelayMs;
  if (typeof floor !== 'number' || !Number.isFinite(floor) || floor < 0) {
    throw new TypeError(
      `retry.throttleDelayMs must be a finite number of milliseconds ≥ 0, not ${String(floor)}`,
    );
  }
  return merged;
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/**
 * Full-jitter backoff before retry number `retry` (1 for the first retry).
 *
 * @internal
 */
export function backoffDelay(
  retry: number,
  policy: Pick<RetryPolicy, 'baseDelayMs' | 'maxDelayMs' | 'random'>,
): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, retry - 1));
  return Math.floor(policy.random() * ceiling);
}

/**
 * `Retry-After` as milliseconds: delta-seconds (`120`) or an HTTP date. Undefined when
 * absent or unreadable; never negative.
 *
 * @internal
 */
export function parseRetryAfter(
  value: string | string[] | undefined,
  nowMs: number = Date.now(),
): number | undefined {
  const raw = Array.isArray(value) ? value[0] : value;
  if (raw === undefined) return undefined;
  const text = raw.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  if (/^-\d+(\.\d+)?$/.test(text)) return 0;
  const date = Date.parse(text);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - nowMs);
}

/** @internal */
export type RetryClass = 'throttled' | 'transient' | 'timeout' | 'refresh-auth' | 'fatal';

/** Gateway and availability statuses: answered in full, the request was not carried out. */
export const TRANSIENT_STATUS: ReadonlySet<number> = new Set([502, 503, 504]);
const INTERNAL_FAULTS = new Set(['AdCenterInternalErrorFault', 'AdCenterSystemFault']);

/**
 * How the retry loop treats an error of an operation of `kind` (default `write`, the safe
 * assumption): a write's transport failure that may have reached the service is fatal.
 *
 * @internal
 */
export function classifyError(error: unknown, kind: OperationKind = 'write'): RetryClass {
  if (error instanceof ThrottledError) return 'throttled';
  if (error instanceof AuthenticationError) {
    const tokenProblem =
      error.httpStatus === 401 ||
      error.hasCode(KnownErrorCodes.AuthenticationTokenExpired, KnownErrorCodes.OAuthTokenInvalid);
    return tokenProblem ? 'refresh-auth' : 'fatal';
  }
  if (error instanceof AdsApiError) {
    if (TRANSIENT_STATUS.has(error.httpStatus)) return 'transient';
    if (error.hasCode(KnownErrorCodes.InternalError) && error.errors.every((e) => e.code === 0))
      return 'transient';
    if (error.errors.length === 0 && INTERNAL_FAULTS.has(error.faultType ?? '')) return 'transient';
    return 'fatal';
  }
  if (error instanceof TransportError) {
    if (kind === 'write' && error.mayHaveRun) return 'fatal';
    if (error.reason === 'connection') return 'transient';
    if (error.reason === 'timeout') return 'timeout';
    if (error.reason === 'malformed-response' && TRANSIENT_STATUS.has(error.httpStatus ?? 0))
      return 'transient';
    return 'fatal';
  }
  return 'fatal';
}

export interface RetryEvent {
  /** The attempt that failed (1-based). */
  attempt: number;
  error: unknown;
  /** Wait before the next attempt. */
  delayMs: number;
  why: Exclude<RetryClass, 'fatal'>;
}

export interface RetryRunOptions {
  policy: RetryPolicy;
  /** The operation's kind (descriptor); default `write`: re-sent only when it provably did not run. */
  kind?: OperationKind;
  signal?: AbortSignal;
  /** Forget the access token; the next attempt fetches a fresh one. */
  refreshAuth?: () => void | Promise<void>;
  onRetry?: (event: RetryEvent) => void;
}

export interface RetryResult<T> {
  value: T;
  attempts: number;
}

/** Thrown errors carry how many attempts were made, for logs and `$metadata`. */
export const ATTEMPTS = Symbol.for('adsgen.attempts');

/** Runs `attempt(n)` until it succeeds, fails for good, or the policy's budget is spent. */
export async function runWithRetry<T>(
  attempt: (n: number) => Promise<T>,
  options: RetryRunOptions,
): Promise<RetryResult<T>> {
  const { policy, signal } = options;
  const kind = options.kind ?? 'write';
  const started = policy.now();
  let refreshed = false;
  let backoffRetries = 0;
  for (let n = 1; ; n++) {
    try {
      return { value: await attempt(n), attempts: n };
    } catch (error) {
      const why = classifyError(error, kind);
      let wait: number | undefined;
      if (why === 'refresh-auth' && !refreshed && options.refreshAuth) {
        refreshed = true;
        await options.refreshAuth();
        wait = 0;
      } else if (
        why === 'throttled' ||
        why === 'transient' ||
        (why === 'timeout' && policy.retryTimeouts)
      ) {
        if (backoffRetries + 1 < policy.maxAttempts) {
          const remainingMs = policy.maxElapsedMs - (policy.now() - started);
          wait = nextWait(error, backoffRetries + 1, policy, remainingMs);
        }
      }
      if (wait === undefined) {
        if (why === 'fatal' && kind === 'write') explainUnsentRetry(error, policy);
        // Giving up on a 117: pass on how long Microsoft asks to wait before calling again.
        const floor = throttleFloor(error, policy);
        throw withAttempts(
          floor !== undefined ? withRetryAfter(error as ThrottledError, floor) : error,
          n,
        );
      }
      if (signal?.aborted) throw withAttempts(abortedWhileWaiting(error), n);
      if (why !== 'refresh-auth') backoffRetries++;
      options.onRetry?.({ attempt: n, error, delayMs: wait, why: why as RetryEvent['why'] });
      if (wait > 0) {
        try {
          await policy.sleep(wait, signal);
        } catch {
          throw withAttempts(abortedWhileWaiting(error), n);
        }
      }
    }
  }
}

/**
 * Wait before retry `retry`, or undefined when the elapsed budget does not allow one: the
 * server's Retry-After (at least the backoff), else the 117 floor, else the jittered backoff;
 * each whole or not at all.
 */
function nextWait(
  error: unknown,
  retry: number,
  policy: RetryPolicy,
  remainingMs: number,
): number | undefined {
  if (remainingMs <= 0) return undefined;
  const retryAfter = usableRetryAfter(error);
  const wait =
    retryAfter !== undefined
      ? Math.max(retryAfter, backoffDelay(retry, policy))
      : (throttleFloor(error, policy) ?? backoffDelay(retry, policy));
  return wait <= remainingMs ? wait : undefined;
}

/** The service's Retry-After when it asks for an actual wait (zero or past: as if absent). */
function usableRetryAfter(error: unknown): number | undefined {
  if (!(error instanceof ThrottledError)) return undefined;
  const ms = error.retryAfterMs;
  return ms !== undefined && ms > 0 ? ms : undefined;
}

/** The floor that applies to `error`: a 117 without a usable `Retry-After`, floor enabled. */
function throttleFloor(error: unknown, policy: RetryPolicy): number | undefined {
  if (!(error instanceof ThrottledError) || usableRetryAfter(error) !== undefined) return undefined;
  if (policy.throttleDelayMs <= 0) return undefined;
  return error.hasCode(KnownErrorCodes.CallRateExceeded) ? policy.throttleDelayMs : undefined;
}

/**
 * The same fault with `retryAfterMs` filled in (and said in the message). Entries and texts
 * were scrubbed when the original was built, so nothing new can leak; `cause` keeps the
 * original (and its stack).
 */
function withRetryAfter(error: ThrottledError, retryAfterMs: number): ThrottledError {
  const copy = new ThrottledError(
    {
      protocol: error.protocol,
      operation: error.operation,
      httpStatus: error.httpStatus,
      ...(error.trackingId !== undefined ? { trackingId: error.trackingId } : {}),
      errors: error.errors,
      ...(error.faultType !== undefined ? { faultType: error.faultType } : {}),
      ...(error.faultMessage !== undefined ? { faultMessage: error.faultMessage } : {}),
    },
    retryAfterMs,
  );
  Object.defineProperty(copy, 'cause', {
    value: error,
    enumerable: false,
    writable: true,
    configurable: true,
  });
  return copy;
}

function withAttempts(error: unknown, attempts: number): unknown {
  if (typeof error === 'object' && error !== null && Object.isExtensible(error)) {
    Object.defineProperty(error, ATTEMPTS, {
      value: attempts,
      enumerable: false,
      configurable: true,
    });
  }
  return error;
}

/**
 * A write's failure that a read would have retried: say in the message why it was not, so
 * nobody re-sends it blindly.
 */
function explainUnsentRetry(error: unknown, policy: RetryPolicy): void {
  if (!(error instanceof TransportError) || !error.mayHaveRun) return;
  const asRead = classifyError(error, 'safe');
  if (asRead !== 'transient' && !(asRead === 'timeout' && policy.retryTimeouts)) return;
  error.message +=
    ' Not re-sent: the operation changes data and the request may have been carried out; check its effect before calling it again.';
}

/**
 * The caller aborted between attempts: say so, keeping the failure that caused the wait.
 * Waiting means that failure was retryable; for a write, that it provably did not run.
 */
function abortedWhileWaiting(last: unknown): TransportError {
  const what = last instanceof Error ? `${last.name}: ${last.message}` : 'an error';
  return new TransportError('aborted', `aborted while waiting to retry after ${what}`, {
    mayHaveRun: last instanceof TransportError && last.mayHaveRun,
    ...(last instanceof AdsApiError
      ? { operation: last.operation, httpStatus: last.httpStatus }
      : {}),
  });
}
