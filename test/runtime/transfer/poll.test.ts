import { describe, expect, it } from 'vitest';
import { ThrottledError, TransportError } from '../../../runtime/src/errors.js';
import { TransferScope } from '../../../runtime/src/transfer/deadline.js';
import { DeadlineExceededError } from '../../../runtime/src/transfer/errors.js';
import {
  pollDelay,
  pollUntilDone,
  resolvePollSchedule,
} from '../../../runtime/src/transfer/poll.js';

function throttled(retryAfterMs: number | undefined): ThrottledError {
  return new ThrottledError(
    {
      protocol: 'rest',
      operation: 'PollGenerateReport',
      httpStatus: 429,
      errors: [{ code: 117, errorCode: 'CallRateExceeded', message: 'too many calls' }],
    },
    retryAfterMs,
  );
}

/** A sleep that records what it was asked to wait and returns at once. */
function recordingSleep() {
  const waits: number[] = [];
  return {
    waits,
    sleep: (ms: number, signal?: AbortSignal) => {
      signal?.throwIfAborted();
      waits.push(ms);
      return Promise.resolve();
    },
  };
}

describe('pollUntilDone', () => {
  it('waits about 1 s after the first check and grows the wait to at most 15 s', async () => {
    const { waits, sleep } = recordingSleep();
    let calls = 0;
    const result = await pollUntilDone({
      check: () => Promise.resolve(++calls),
      done: (n) => n === 12,
      sleep,
    });
    expect(result).toBe(12);
    expect(waits).toHaveLength(11);
    expect(waits[0]).toBe(1000);
    expect(waits[1]).toBe(1500);
    expect(waits.every((w, i) => i === 0 || w >= waits[i - 1]!)).toBe(true);
    expect(Math.max(...waits)).toBe(15_000);
  });

  it('reports every check through onPoll, the last without a next wait', async () => {
    const { sleep } = recordingSleep();
    const seen: [number, string, number | undefined][] = [];
    const states = ['Pending', 'Pending', 'Success'];
    await pollUntilDone({
      check: () => Promise.resolve(states.shift()!),
      done: (s) => s !== 'Pending',
      sleep,
      schedule: { initialDelayMs: 10, factor: 2, maxDelayMs: 100 },
      onPoll: (p) => seen.push([p.attempt, p.state, p.nextDelayMs]),
    });
    expect(seen).toEqual([
      [1, 'Pending', 10],
      [2, 'Pending', 20],
      [3, 'Success', undefined],
    ]);
  });

  it('waits out a ThrottledError: its Retry-After, else the 117 floor, and polls on', async () => {
    const { waits, sleep } = recordingSleep();
    const answers: (string | ThrottledError)[] = [throttled(7000), throttled(undefined), 'done'];
    const throttles: number[] = [];
    const result = await pollUntilDone({
      check: () => {
        const a = answers.shift()!;
        return typeof a === 'string' ? Promise.resolve(a) : Promise.reject(a);
      },
      done: () => true,
      sleep,
      schedule: { throttleDelayMs: 60_000 },
      onThrottled: (ms) => throttles.push(ms),
    });
    expect(result).toBe('done');
    expect(waits).toEqual([7000, 60_000]);
    expect(throttles).toEqual([7000, 60_000]);
  });

  it('ends on any other error', async () => {
    const { sleep } = recordingSleep();
    const failure = new TransportError('connection', 'PollGenerateReport: reset');
    await expect(
      pollUntilDone({ check: () => Promise.reject(failure), done: () => true, sleep }),
    ).rejects.toBe(failure);
  });

  it('stops waiting the moment the signal aborts', async () => {
    const controller = new AbortController();
    const pending = pollUntilDone({
      check: () => Promise.resolve('Pending'),
      done: () => false,
      signal: controller.signal,
      schedule: { initialDelayMs: 60_000 },
    });
    setTimeout(() => controller.abort(), 20);
    await expect(pending).rejects.toThrow();
  });

  it('rejects a schedule that makes no sense', () => {
    expect(() => resolvePollSchedule({ factor: 0.5 })).toThrow(TypeError);
    expect(() => resolvePollSchedule({ initialDelayMs: -1 })).toThrow(TypeError);
    expect(pollDelay(100, resolvePollSchedule())).toBe(15_000);
  });
});

describe('TransferScope', () => {
  it('turns an abort caused by the deadline into a DeadlineExceededError naming the phase', async () => {
    const scope = new TransferScope('DownloadReport', 30, undefined);
    scope.phase = 'poll';
    await new Promise((r) => setTimeout(r, 60));
    const e = scope.translate(new TransportError('aborted', 'x'));
    expect(e).toBeInstanceOf(DeadlineExceededError);
    expect((e as DeadlineExceededError).phase).toBe('poll');
    expect(() => scope.throwIfAborted()).toThrow(DeadlineExceededError);
    scope.dispose();
  });

  it("keeps a caller's abort an 'aborted' TransportError", () => {
    const controller = new AbortController();
    const scope = new TransferScope('DownloadReport', 60_000, controller.signal);
    controller.abort();
    const e = scope.translate(new Error('AbortError'));
    expect(e).toBeInstanceOf(TransportError);
    expect((e as TransportError).reason).toBe('aborted');
    scope.dispose();
  });

  it('rejects a deadline that is not a positive number', () => {
    expect(() => new TransferScope('x', 0, undefined)).toThrow(TypeError);
    expect(() => new TransferScope('x', Number.NaN, undefined)).toThrow(TypeError);
  });
});
