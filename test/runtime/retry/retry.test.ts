import { describe, expect, it, vi } from 'vitest';
import { failing, fakePolicy } from './fake-policy.ts';
import {
  AdsApiError,
  AuthenticationError,
  ReauthorizationRequiredError,
  ThrottledError,
  TransportError,
  type AdsApiErrorInit,
} from '../../../runtime/src/errors.ts';
import {
  ATTEMPTS,
  backoffDelay,
  classifyError,
  DEFAULT_RETRY_POLICY,
  parseRetryAfter,
  resolveRetryPolicy,
  runWithRetry,
} from '../../../runtime/src/retry.ts';

const init = (code: number | undefined, httpStatus = 500, faultType?: string): AdsApiErrorInit => ({
  protocol: 'rest',
  operation: 'GetUser',
  httpStatus,
  errors: code === undefined ? [] : [{ code, errorCode: '', message: 'm' }],
  ...(faultType ? { faultType } : {}),
});

describe('backoffDelay (full jitter)', () => {
  it('draws from [0, min(maxDelay, base·2^(n−1)))', () => {
    const p = { baseDelayMs: 500, maxDelayMs: 30_000 };
    expect([1, 2, 3, 4].map((n) => backoffDelay(n, { ...p, random: () => 0.5 }))).toEqual([
      250, 500, 1000, 2000,
    ]);
    expect(backoffDelay(10, { ...p, random: () => 0.999 })).toBe(29_970);
    expect(backoffDelay(3, { ...p, random: () => 0 })).toBe(0);
  });
});

describe('parseRetryAfter', () => {
  const now = Date.parse('2026-01-01T00:00:00Z');
  it.each([
    ['1', 1000],
    ['120', 120_000],
    ['0.5', 500],
    [' 7 ', 7000],
    ['Thu, 01 Jan 2026 00:00:30 GMT', 30_000],
    ['Wed, 31 Dec 2025 23:59:00 GMT', 0],
  ])('%s → %d ms', (value, ms) => expect(parseRetryAfter(value, now)).toBe(ms));
  it('undefined for absent or unreadable values; first of several', () => {
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(['2', '9'], now)).toBe(2000);
  });
});

describe('resolveRetryPolicy', () => {
  it('defaults, partial overrides (undefined ignored) and false', () => {
    expect(resolveRetryPolicy()).toMatchObject({
      maxAttempts: 4,
      baseDelayMs: 500,
      maxDelayMs: 30_000,
      maxElapsedMs: 120_000,
      retryTimeouts: false,
    });
    expect(resolveRetryPolicy({ maxAttempts: 2, baseDelayMs: undefined })).toMatchObject({
      maxAttempts: 2,
      baseDelayMs: 500,
    });
    expect(resolveRetryPolicy(false).maxAttempts).toBe(1);
    expect(resolveRetryPolicy({ maxAttempts: 0 }).maxAttempts).toBe(1);
    expect(Object.isFrozen(DEFAULT_RETRY_POLICY)).toBe(true);
  });
});

describe('classifyError (a safe operation)', () => {
  it.each<[string, unknown, string]>([
    ['117', new ThrottledError(init(117), undefined), 'throttled'],
    ['429', new ThrottledError(init(undefined, 429), 1000), 'throttled'],
    [
      'HTTP 401',
      new AuthenticationError(init(105, 401), 'access-token-invalid-or-expired'),
      'refresh-auth',
    ],
    [
      '109 over SOAP 500',
      new AuthenticationError(init(109), 'access-token-invalid-or-expired'),
      'refresh-auth',
    ],
    [
      '3101',
      new AuthenticationError(init(3101, 400), 'access-token-invalid-or-expired'),
      'refresh-auth',
    ],
    [
      '105 over SOAP 500',
      new AuthenticationError(init(105), 'access-token-invalid-or-expired'),
      'fatal',
    ],
    [
      '106 on 403',
      new AuthenticationError(init(106, 403), 'no-access-to-customer-or-account'),
      'fatal',
    ],
    ['0 InternalError', new AdsApiError(init(0)), 'transient'],
    [
      'AdCenterSystemFault',
      new AdsApiError(init(undefined, 500, 'AdCenterSystemFault')),
      'transient',
    ],
    ['fault on HTTP 503', new AdsApiError(init(1234, 503)), 'transient'],
    ['validation 201', new AdsApiError(init(201, 400)), 'fatal'],
    ['connection', new TransportError('connection', 'x'), 'transient'],
    ['timeout', new TransportError('timeout', 'x'), 'timeout'],
    ['HTML 502', new TransportError('malformed-response', 'x', { httpStatus: 502 }), 'transient'],
    ['malformed 200', new TransportError('malformed-response', 'x', { httpStatus: 200 }), 'fatal'],
    ['too-large', new TransportError('too-large', 'x'), 'fatal'],
    ['aborted', new TransportError('aborted', 'x'), 'fatal'],
    ['invalid_grant', new ReauthorizationRequiredError(), 'fatal'],
    ['a TypeError', new TypeError('bug'), 'fatal'],
  ])('%s → %s', (_name, error, expected) => expect(classifyError(error, 'safe')).toBe(expected));
});

describe('classifyError (a write): only failures that prove it did not run are retried', () => {
  const notSent = (reason: 'connection' | 'timeout', code: string) =>
    new TransportError(reason, 'x', { code, mayHaveRun: false });
  it.each<[string, unknown, string]>([
    ['refused', notSent('connection', 'ECONNREFUSED'), 'transient'],
    ['DNS', notSent('connection', 'ENOTFOUND'), 'transient'],
    ['connect timeout', notSent('timeout', 'UND_ERR_CONNECT_TIMEOUT'), 'timeout'],
    [
      'complete 502',
      new TransportError('malformed-response', 'x', { httpStatus: 502, mayHaveRun: false }),
      'transient',
    ],
    ['117', new ThrottledError(init(117), undefined), 'throttled'],
    ['0 InternalError', new AdsApiError(init(0)), 'transient'],
    ['reset after sending', new TransportError('connection', 'x', { code: 'ECONNRESET' }), 'fatal'],
    ['body cut after a 200', new TransportError('connection', 'x', { httpStatus: 200 }), 'fatal'],
    ['timeout after sending', new TransportError('timeout', 'x'), 'fatal'],
  ])('%s → %s', (_name, error, expected) => {
    expect(classifyError(error, 'write')).toBe(expected);
    // Without a kind, an operation counts as a write.
    expect(classifyError(error)).toBe(expected);
  });
});

describe('runWithRetry', () => {
  it('returns the value and the attempt count', async () => {
    const { policy, sleep } = fakePolicy();
    await expect(runWithRetry(failing(), { policy })).resolves.toEqual({
      value: 'ok',
      attempts: 1,
    });
    expect(sleep).not.toHaveBeenCalled();
  });

  it('stops after maxAttempts with jittered exponential waits, and tags the error with the attempts', async () => {
    const { policy, sleep } = fakePolicy();
    const errors = [1, 2, 3, 4].map(() => new TransportError('connection', 'reset'));
    const attempt = failing(...errors);
    const error = await runWithRetry(attempt, { policy, kind: 'safe' }).catch((e: unknown) => e);
    expect(error).toBe(errors[3]);
    expect(attempt).toHaveBeenCalledTimes(4);
    expect(sleep.mock.calls.map((c) => c[0])).toEqual([250, 500, 1000]);
    expect((error as { [ATTEMPTS]?: number })[ATTEMPTS]).toBe(4);
  });

  it('honours Retry-After over the computed backoff; beyond the budget it surfaces at once', async () => {
    const { policy, sleep } = fakePolicy({ maxElapsedMs: 5000 });
    const throttled = (ms: number) => new ThrottledError(init(undefined, 429), ms);
    const error = await runWithRetry(failing(throttled(2000), throttled(60_000)), {
      policy,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ThrottledError);
    expect((error as ThrottledError).retryAfterMs).toBe(60_000);
    // 2 s waited; 60 s do not fit in the 3 s left: no wait, no early re-send.
    expect(sleep.mock.calls.map((c) => c[0])).toEqual([2000]);
  });

  it('gives up rather than start a backoff that would overrun the budget', async () => {
    const { policy, sleep, advance } = fakePolicy({ maxElapsedMs: 1000, random: () => 0.99 });
    const attempt = vi.fn(async () => {
      advance(900);
      throw new AdsApiError(init(0));
    });
    await expect(runWithRetry(attempt, { policy })).rejects.toBeInstanceOf(AdsApiError);
    expect(attempt).toHaveBeenCalledTimes(1);
    expect(sleep).not.toHaveBeenCalled();
  });

  it('refreshes the token once and retries at once, outside the backoff budget', async () => {
    const { policy, sleep } = fakePolicy({ maxAttempts: 1 });
    const refreshAuth = vi.fn();
    const expired = new AuthenticationError(init(109, 401), 'access-token-invalid-or-expired');
    await expect(runWithRetry(failing(expired), { policy, refreshAuth })).resolves.toEqual({
      value: 'ok',
      attempts: 2,
    });
    expect(refreshAuth).toHaveBeenCalledTimes(1);
    expect(sleep).not.toHaveBeenCalled();
  });

  it('a second token rejection is thrown; no refresher means no retry', async () => {
    const { policy } = fakePolicy();
    const refreshAuth = vi.fn();
    const mk = () => new AuthenticationError(init(3101, 401), 'access-token-invalid-or-expired');
    const attempt = failing(mk(), mk(), mk());
    await expect(runWithRetry(attempt, { policy, refreshAuth })).rejects.toBeInstanceOf(
      AuthenticationError,
    );
    expect(attempt).toHaveBeenCalledTimes(2);
    expect(refreshAuth).toHaveBeenCalledTimes(1);
    const alone = failing(mk());
    await expect(runWithRetry(alone, { policy })).rejects.toBeInstanceOf(AuthenticationError);
    expect(alone).toHaveBeenCalledTimes(1);
  });

  it('never retries invalid_grant or validation errors', async () => {
    const { policy, sleep } = fakePolicy();
    for (const error of [new ReauthorizationRequiredError(), new AdsApiError(init(201, 400))]) {
      const attempt = failing(error);
      await expect(runWithRetry(attempt, { policy, refreshAuth: vi.fn() })).rejects.toBe(error);
      expect(attempt).toHaveBeenCalledTimes(1);
    }
    expect(sleep).not.toHaveBeenCalled();
  });

  it('retries timeouts only when retryTimeouts is set', async () => {
    const timeout = () => new TransportError('timeout', 't');
    const off = failing(timeout());
    await expect(
      runWithRetry(off, { policy: fakePolicy().policy, kind: 'safe' }),
    ).rejects.toBeInstanceOf(TransportError);
    expect(off).toHaveBeenCalledTimes(1);
    const on = failing(timeout());
    await expect(
      runWithRetry(on, { policy: fakePolicy({ retryTimeouts: true }).policy, kind: 'safe' }),
    ).resolves.toMatchObject({ attempts: 2 });
  });

  it('an abort while waiting ends with TransportError aborted', async () => {
    const controller = new AbortController();
    const { policy } = fakePolicy({
      sleep: async () => {
        controller.abort();
        throw new Error('aborted');
      },
    });
    const error = await runWithRetry(failing(new AdsApiError(init(0))), {
      policy,
      signal: controller.signal,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TransportError);
    expect((error as TransportError).reason).toBe('aborted');
    expect((error as TransportError).message).toMatch(
      /^aborted while waiting to retry after AdsApiError: GetUser failed/,
    );
  });

  it('reports each retry with its reason and wait', async () => {
    const { policy } = fakePolicy();
    const onRetry = vi.fn();
    await runWithRetry(
      failing(new ThrottledError(init(117), 2000), new TransportError('connection', 'x')),
      { policy, onRetry, kind: 'safe' },
    );
    expect(onRetry.mock.calls.map(([e]) => [e.attempt, e.why, e.delayMs])).toEqual([
      [1, 'throttled', 2000],
      [2, 'transient', 500],
    ]);
  });
});

describe('runWithRetry with a write', () => {
  it('a failure after sending ends at once, saying why it was not re-sent', async () => {
    const { policy, sleep } = fakePolicy({ retryTimeouts: true });
    for (const error of [
      new TransportError('connection', 'AddUser: reset', { code: 'ECONNRESET' }),
      new TransportError('timeout', 'AddUser: timed out', { httpStatus: 200 }),
    ]) {
      const attempt = failing(error);
      await expect(runWithRetry(attempt, { policy, kind: 'write' })).rejects.toBe(error);
      expect(attempt).toHaveBeenCalledTimes(1);
      expect(error.message).toMatch(/Not re-sent: .* may have been carried out/);
    }
    expect(sleep).not.toHaveBeenCalled();
  });

  it('a refused connection and a complete retryable fault are retried', async () => {
    const { policy } = fakePolicy();
    const refused = new TransportError('connection', 'refused', {
      code: 'ECONNREFUSED',
      mayHaveRun: false,
    });
    const attempt = failing(refused, new AdsApiError(init(0)), new ThrottledError(init(117), 10));
    await expect(runWithRetry(attempt, { policy, kind: 'write' })).resolves.toEqual({
      value: 'ok',
      attempts: 4,
    });
  });

  it('an abort while waiting after a proven non-run keeps mayHaveRun false', async () => {
    const controller = new AbortController();
    const { policy } = fakePolicy({
      sleep: async () => {
        controller.abort();
        throw new Error('aborted');
      },
    });
    const refused = new TransportError('connection', 'refused', { mayHaveRun: false });
    const error = await runWithRetry(failing(refused), {
      policy,
      kind: 'write',
      signal: controller.signal,
    }).catch((e: unknown) => e);
    expect(error).toMatchObject({ reason: 'aborted', mayHaveRun: false });
  });
});
