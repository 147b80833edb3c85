import { setTimeout as delay } from 'node:timers/promises';
import { ThrottledError } from '../errors.js';

/**
 * Polls a server-side job (a report, a bulk download or upload) until it is done: waits
 * `initialDelayMs` before the second check, multiplies the wait by `factor` after each check up
 * to `maxDelayMs`. Microsoft asks clients to poll reports and bulk jobs at intervals of seconds,
 * not in a tight loop; its own SDKs wait a few seconds between polls.
 *
 * The client's own retry policy handles throttling within one call; a ThrottledError that still
 * comes out of it (117 CallRateExceeded, 429) is waited out here: its `Retry-After` when the
 * service sent one, else `throttleDelayMs` (Microsoft: about 60 s), and the poll goes on. Any
 * other error ends the poll. Aborting `signal` rejects the pending wait at once.
 */
export interface PollSchedule {
  /** Wait after the first check. Default 1000. */
  initialDelayMs: number;
  /** Longest wait between checks. Default 15 000. */
  maxDelayMs: number;
  /** Growth of the wait after each check. Default 1.5. */
  factor: number;
  /** Wait after a ThrottledError without Retry-After. Default 60 000. */
  throttleDelayMs: number;
}

export const DEFAULT_POLL_SCHEDULE: Readonly<PollSchedule> = Object.freeze({
  initialDelayMs: 1000,
  maxDelayMs: 15_000,
  factor: 1.5,
  throttleDelayMs: 60_000,
});

export interface PollProgress<S> {
  /** 1 for the first check. */
  attempt: number;
  /** The latest answer. */
  state: S;
  /** How long the next wait is, or undefined when `done`. */
  nextDelayMs: number | undefined;
}

export interface PollOptions<S> {
  /** One status check; gets the signal to pass to the call. */
  check: (signal: AbortSignal | undefined) => Promise<S>;
  /** True when the job is finished (successfully or not): polling stops and returns it. */
  done: (state: S) => boolean;
  schedule?: Partial<PollSchedule>;
  signal?: AbortSignal;
  /** After every check, before the wait. */
  onPoll?: (progress: PollProgress<S>) => void;
  /** Called when a ThrottledError is waited out, with the wait. */
  onThrottled?: (waitMs: number, error: ThrottledError) => void;
  /** Waits `ms`, rejecting when `signal` aborts. Injectable for tests. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

export function resolvePollSchedule(schedule: Partial<PollSchedule> = {}): PollSchedule {
  const s = { ...DEFAULT_POLL_SCHEDULE };
  for (const key of Object.keys(DEFAULT_POLL_SCHEDULE) as (keyof PollSchedule)[]) {
    const v = schedule[key];
    if (v === undefined) continue;
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || (key === 'factor' && v < 1))
      throw new TypeError(
        `poll schedule ${key} must be a finite number ≥ ${key === 'factor' ? 1 : 0}, not ${String(v)}`,
      );
    s[key] = v;
  }
  return s;
}

/** The wait after check number `attempt` (1-based). */
export function pollDelay(attempt: number, schedule: PollSchedule): number {
  const grown = schedule.initialDelayMs * schedule.factor ** Math.max(0, attempt - 1);
  return Math.round(Math.min(schedule.maxDelayMs, grown));
}

const defaultSleep = (ms: number, signal?: AbortSignal): Promise<void> =>
  delay(ms, undefined, signal ? { signal } : {});

export async function pollUntilDone<S>(options: PollOptions<S>): Promise<S> {
  const schedule = resolvePollSchedule(options.schedule);
  const sleep = options.sleep ?? defaultSleep;
  for (let attempt = 1; ;) {
    options.signal?.throwIfAborted();
    let state: S;
    try {
      state = await options.check(options.signal);
    } catch (e) {
      if (!(e instanceof ThrottledError) || options.signal?.aborted) throw e;
      const wait = e.retryAfterMs ?? schedule.throttleDelayMs;
      options.onThrottled?.(wait, e);
      await sleep(wait, options.signal);
      continue;
    }
    const finished = options.done(state);
    const nextDelayMs = finished ? undefined : pollDelay(attempt, schedule);
    options.onPoll?.({ attempt, state, nextDelayMs });
    if (nextDelayMs === undefined) return state;
    await sleep(nextDelayMs, options.signal);
    attempt++;
  }
}
