/**
 * Throttling windows shared between processes. Microsoft throttles per user and account: when
 * one worker is told "117 CallRateExceeded, Retry-After: 30", its siblings calling the same
 * account would only collect 117s of their own for the next 30 s. With a SharedThrottle (such
 * as @adsgen/redis's RedisThrottleState) on the client, the window one worker saw is reported,
 * and every worker's next call on that account waits it out first. Opt-in.
 */
import { ThrottledError } from './errors.js';

/** @public */
export interface SharedThrottle {
  /** Resolves when calls on `scope` may go, i.e. after any window reported for it; rejects on abort. */
  wait(scope: string, signal?: AbortSignal): Promise<void>;
  /** Calls on `scope` were throttled for `retryAfterMs`: make every process wait it out. */
  report(scope: string, retryAfterMs: number): Promise<void>;
}

/** Throttling is per account (or per customer for customer-level calls, else per user). */
export function throttleScope(
  customerId: string | undefined,
  accountId: string | undefined,
): string {
  if (accountId !== undefined && accountId !== '') return `account:${accountId}`;
  if (customerId !== undefined && customerId !== '') return `customer:${customerId}`;
  return 'user';
}

/** The window to share, when `error` is a throttling answer that named one. */
export function throttleWindow(error: unknown): number | undefined {
  if (!(error instanceof ThrottledError)) return undefined;
  const ms = error.retryAfterMs;
  return ms !== undefined && ms > 0 ? ms : undefined;
}
