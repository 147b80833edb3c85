import { describe, expect, it } from 'vitest';
import { failing, fakePolicy } from './fake-policy.ts';
import { ThrottledError, type AdsApiErrorInit } from '../../../runtime/src/errors.ts';
import { ATTEMPTS, parseRetryAfter, runWithRetry } from '../../../runtime/src/retry.ts';

/**
 * A Retry-After longer than what is left of the budget is not waited out (and the call not
 * re-sent before the service allows it): the ThrottledError surfaces at once, carrying the
 * wait. A Retry-After of zero, negative or in the past does not shorten the normal backoff.
 */

const init = (code: number, httpStatus = 429): AdsApiErrorInit => ({
  protocol: 'rest',
  operation: 'GetCampaignsByAccountId',
  httpStatus,
  errors: [{ code, errorCode: code === 117 ? 'CallRateExceeded' : '', message: 'slow down' }],
});
const throttled = (retryAfterMs: number | undefined, code = 207) =>
  new ThrottledError(init(code), retryAfterMs);

describe('Retry-After beyond the budget', () => {
  it('Retry-After: 3600 → ThrottledError at once with retryAfterMs, no wait, one attempt', async () => {
    const { policy, sleep } = fakePolicy();
    const first = throttled(3_600_000);
    const attempt = failing(first);
    const error = await runWithRetry(attempt, { policy, kind: 'safe' }).catch((e: unknown) => e);
    expect(error).toBe(first);
    expect((error as ThrottledError).retryAfterMs).toBe(3_600_000);
    expect((error as { [ATTEMPTS]?: number })[ATTEMPTS]).toBe(1);
    expect(attempt).toHaveBeenCalledTimes(1);
    expect(sleep).not.toHaveBeenCalled();
  });

  it('a Retry-After that fits in what is left of the budget is waited in full', async () => {
    const { policy, sleep } = fakePolicy({ maxElapsedMs: 10_000 });
    await runWithRetry(failing(throttled(4000), throttled(5000), throttled(4000)), {
      policy,
    }).catch((e: unknown) => e);
    // 4 s, then 5 s (9 s spent); the next 4 s would pass the 10 s budget: surfaced, not clamped.
    expect(sleep.mock.calls.map((c) => c[0])).toEqual([4000, 5000]);
  });
});

describe('Retry-After of zero, negative or in the past', () => {
  const now = Date.parse('2026-12-06T12:00:00Z');
  it('parses to 0 (never negative) or undefined', () => {
    expect(parseRetryAfter('0', now)).toBe(0);
    expect(parseRetryAfter('Sun, 06 Dec 2026 11:00:00 GMT', now)).toBe(0);
    const negative = parseRetryAfter('-5', now);
    expect(negative === undefined || negative === 0).toBe(true);
  });

  it.each([0, -5000])('%d ms waits the normal backoff, not less', async (retryAfterMs) => {
    const { policy, sleep } = fakePolicy();
    await runWithRetry(failing(throttled(retryAfterMs), throttled(retryAfterMs)), { policy });
    expect(sleep.mock.calls.map((c) => c[0])).toEqual([250, 500]);
  });

  it('0 on a 117 waits the 117 floor', async () => {
    const { policy, sleep } = fakePolicy();
    await runWithRetry(failing(throttled(0, 117)), { policy });
    expect(sleep.mock.calls.map((c) => c[0])).toEqual([60_000]);
  });

  it('a short Retry-After never undercuts the backoff either', async () => {
    const { policy, sleep } = fakePolicy({ random: () => 0.99 });
    await runWithRetry(failing(throttled(1), throttled(1), throttled(1)), { policy });
    expect(sleep.mock.calls.map((c) => c[0])).toEqual([495, 990, 1980]);
  });
});
