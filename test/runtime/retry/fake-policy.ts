import { vi } from 'vitest';
import { resolveRetryPolicy, type RetryPolicy } from '../../../runtime/src/retry.ts';

/**
 * A retry policy on a fake clock: sleeping (or `advance`) moves it, nothing waits for real,
 * jitter draws the middle of its range. A sleep given an aborted signal throws, as the real one.
 */
export function fakePolicy(overrides: Partial<RetryPolicy> = {}) {
  let clock = 1_000_000;
  const sleep = vi.fn(async (ms: number, signal?: AbortSignal) => {
    if (signal?.aborted) throw new Error('aborted');
    clock += ms;
  });
  const policy = resolveRetryPolicy({ sleep, random: () => 0.5, now: () => clock, ...overrides });
  return { policy, sleep, advance: (ms: number) => (clock += ms) };
}

/** An attempt function failing with the given errors in turn, then returning 'ok'. */
export function failing(...errors: unknown[]) {
  return vi.fn(async () => {
    const next = errors.shift();
    if (next !== undefined) throw next;
    return 'ok';
  });
}
