import { describe, expect, it, vi } from 'vitest';
import { failing, fakePolicy } from './fake-policy.ts';
import { ThrottledError, type AdsApiErrorInit } from '../../../runtime/src/errors.ts';
import {
  ATTEMPTS,
  DEFAULT_RETRY_POLICY,
  resolveRetryPolicy,
  runWithRetry,
} from '../../../runtime/src/retry.ts';

/** 117 CallRateExceeded without Retry-After waits `throttleDelayMs`, inside `maxElapsedMs`. */

const init = (code: number | undefined, httpStatus = 500): AdsApiErrorInit => ({
  protocol: 'soap',
  operation: 'GetCampaignsByAccountId',
  httpStatus,
  trackingId: 'trk-throttle',
  faultType: 'AdApiFaultDetail',
  errors:
    code === undefined
      ? []
      : [{ code, errorCode: code === 117 ? 'CallRateExceeded' : '', message: 'slow down' }],
});
const rate = (retryAfterMs?: number, httpStatus = 500) =>
  new ThrottledError(init(117, httpStatus), retryAfterMs);

describe('throttleDelayMs', () => {
  it('defaults to 60 s and rejects unusable values with a TypeError', () => {
    expect(DEFAULT_RETRY_POLICY.throttleDelayMs).toBe(60_000);
    expect(resolveRetryPolicy().throttleDelayMs).toBe(60_000);
    expect(resolveRetryPolicy({ throttleDelayMs: 5000 }).throttleDelayMs).toBe(5000);
    for (const bad of [-1, Number.NaN, Number.POSITIVE_INFINITY, '60' as unknown as number]) {
      expect(() => resolveRetryPolicy({ throttleDelayMs: bad })).toThrow(
        /^retry\.throttleDelayMs must be a finite number of milliseconds ≥ 0, not /,
      );
    }
  });
});

describe('117 CallRateExceeded without Retry-After', () => {
  it('waits the floor, not the short backoff, then succeeds', async () => {
    const { policy, sleep } = fakePolicy();
    const onRetry = vi.fn();
    const result = await runWithRetry(failing(rate()), { policy, onRetry });
    expect(result).toEqual({ value: 'ok', attempts: 2 });
    expect(sleep.mock.calls.map((c) => c[0])).toEqual([60_000]);
    expect(onRetry.mock.calls.map(([e]) => [e.why, e.delayMs])).toEqual([['throttled', 60_000]]);
  });

  it('applies to a REST 429 whose body carries 117', async () => {
    const { policy, sleep } = fakePolicy({ throttleDelayMs: 45_000 });
    await runWithRetry(failing(rate(undefined, 429)), { policy });
    expect(sleep.mock.calls.map((c) => c[0])).toEqual([45_000]);
  });

  it('waits the floor each time while the budget holds it, then gives up at once with retryAfterMs', async () => {
    // 150 s budget: 60 s + 60 s fit; the third wait would end at 180 s.
    const { policy, sleep } = fakePolicy({ maxElapsedMs: 150_000, maxAttempts: 10 });
    const errors = [rate(), rate(), rate()];
    const attempt = failing(...errors, rate());
    const error = (await runWithRetry(attempt, { policy }).catch(
      (e: unknown) => e,
    )) as ThrottledError;
    expect(sleep.mock.calls.map((c) => c[0])).toEqual([60_000, 60_000]);
    expect(attempt).toHaveBeenCalledTimes(3);
    expect(error).toBeInstanceOf(ThrottledError);
    expect(error.retryAfterMs).toBe(60_000);
    expect(error.message).toBe(
      'GetCampaignsByAccountId failed (SOAP, HTTP 500): 117 CallRateExceeded: slow down Retry after 60 s. [TrackingId trk-throttle]',
    );
    // Same fault, same fields; the original is kept as the cause.
    expect(error).toMatchObject({
      operation: 'GetCampaignsByAccountId',
      protocol: 'soap',
      httpStatus: 500,
      trackingId: 'trk-throttle',
      faultType: 'AdApiFaultDetail',
      errors: errors[2]!.errors,
    });
    expect(error.cause).toBe(errors[2]);
    expect(error.toJSON()).toMatchObject({ retryAfterMs: 60_000 });
    expect((error as { [ATTEMPTS]?: number })[ATTEMPTS]).toBe(3);
  });

  it('does not sleep at all when the remaining budget cannot hold the floor', async () => {
    const { policy, sleep, advance } = fakePolicy({ maxElapsedMs: 120_000 });
    const attempt = vi.fn(async () => {
      advance(61_000); // a slow first attempt: 59 s of budget left
      throw rate();
    });
    const error = (await runWithRetry(attempt, { policy }).catch(
      (e: unknown) => e,
    )) as ThrottledError;
    expect(attempt).toHaveBeenCalledTimes(1);
    expect(sleep).not.toHaveBeenCalled();
    expect(error).toBeInstanceOf(ThrottledError);
    expect(error.retryAfterMs).toBe(60_000);
  });

  it('surfaces retryAfterMs = floor also when retries are off or attempts run out', async () => {
    const off = await runWithRetry(failing(rate()), {
      policy: resolveRetryPolicy(false),
    }).catch((e: unknown) => e);
    expect((off as ThrottledError).retryAfterMs).toBe(60_000);

    const { policy, sleep } = fakePolicy({ maxAttempts: 2, maxElapsedMs: 1_000_000 });
    const spent = await runWithRetry(failing(rate(), rate()), { policy }).catch((e: unknown) => e);
    expect(sleep.mock.calls.map((c) => c[0])).toEqual([60_000]);
    expect((spent as ThrottledError).retryAfterMs).toBe(60_000);
  });

  it('throttleDelayMs: 0 turns the floor off: normal backoff, retryAfterMs left unset', async () => {
    const { policy, sleep } = fakePolicy({ throttleDelayMs: 0 });
    const last = rate();
    const error = await runWithRetry(failing(rate(), rate(), rate(), last), { policy }).catch(
      (e: unknown) => e,
    );
    expect(sleep.mock.calls.map((c) => c[0])).toEqual([250, 500, 1000]);
    expect(error).toBe(last);
    expect((error as ThrottledError).retryAfterMs).toBeUndefined();
  });
});

describe('what the floor leaves alone', () => {
  it('a Retry-After still wins over the floor, shorter or longer', async () => {
    const { policy, sleep } = fakePolicy();
    await runWithRetry(failing(rate(2000), rate(90_000)), { policy });
    expect(sleep.mock.calls.map((c) => c[0])).toEqual([2000, 90_000]);
  });

  it('207 ConcurrentRequestOverLimit keeps the short backoff and no retryAfterMs', async () => {
    const { policy, sleep } = fakePolicy();
    const last = new ThrottledError(init(207), undefined);
    const error = await runWithRetry(
      failing(...[1, 2, 3].map(() => new ThrottledError(init(207), undefined)), last),
      { policy },
    ).catch((e: unknown) => e);
    expect(sleep.mock.calls.map((c) => c[0])).toEqual([250, 500, 1000]);
    expect(error).toBe(last);
    expect((error as ThrottledError).retryAfterMs).toBeUndefined();
  });

  it('a bare HTTP 429 without Retry-After keeps the short backoff', async () => {
    const { policy, sleep } = fakePolicy();
    await runWithRetry(failing(new ThrottledError(init(undefined, 429), undefined)), { policy });
    expect(sleep.mock.calls.map((c) => c[0])).toEqual([250]);
  });

  it('117 next to 207 in one fault gets the floor (the rate limit is the longer wait)', async () => {
    const { policy, sleep } = fakePolicy();
    const both = new ThrottledError(
      {
        ...init(207),
        errors: [
          { code: 207, errorCode: 'ConcurrentRequestOverLimit', message: 'm' },
          { code: 117, errorCode: 'CallRateExceeded', message: 'm' },
        ],
      },
      undefined,
    );
    await runWithRetry(failing(both), { policy });
    expect(sleep.mock.calls.map((c) => c[0])).toEqual([60_000]);
  });
});
