/**
 * A lock in Redis with a fencing token: SET NX PX taken in a Lua script together with an
 * INCR, so every holder gets a number larger than every holder before it. The holder renews
 * the expiry while it runs (so a slow refresh keeps it) and releases it only if it still
 * holds it (compare-and-delete in Lua); a holder that died stops renewing and the lock
 * expires after `ttlMs`. Waiters poll with backoff, never sleeping past the lock's expiry.
 */
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Redis } from 'ioredis';
import { redisErrorCode } from './connection.js';

// Returns the new fence, or nil when the lock is held.
const ACQUIRE = `
if redis.call('EXISTS', KEYS[1]) == 1 then return false end
local fence = redis.call('INCR', KEYS[2])
redis.call('SET', KEYS[1], fence .. ' ' .. ARGV[1], 'PX', ARGV[2])
return fence`;

const RENEW = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return 0`;

const RELEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;

const MAX_POLL_MS = 100;

export interface LockHolder {
  fence: number;
  /** `host/pid/random` of the process holding it. */
  owner: string;
}

/** The lock could not be had: `ELOCKED` (still held after the wait) or the Redis failure's code. */
export class LockError extends Error {
  override name = 'LockError';
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
  }
}

export class RedisLock {
  readonly #redis: Redis;
  readonly #lockKey: string;
  readonly #fenceKey: string;
  readonly #ttlMs: number;
  readonly #waitMs: number;

  constructor(redis: Redis, lockKey: string, fenceKey: string, ttlMs: number, waitMs: number) {
    this.#redis = redis;
    this.#lockKey = lockKey;
    this.#fenceKey = fenceKey;
    this.#ttlMs = ttlMs;
    this.#waitMs = waitMs;
  }

  /** A fence for a write made outside the lock: newer than every holder so far. */
  async nextFence(): Promise<number> {
    return this.#redis.incr(this.#fenceKey);
  }

  async holder(): Promise<LockHolder | undefined> {
    const value = await this.#redis.get(this.#lockKey);
    return value === null ? undefined : parseValue(value);
  }

  /** Runs `fn(fence)` holding the lock; waits up to `waitMs` for it (else LockError). */
  async run<T>(fn: (fence: number) => Promise<T>): Promise<T> {
    const owner = `${hostname()}/${process.pid}/${randomBytes(6).toString('hex')}`;
    const fence = await this.#acquire(owner);
    const value = `${fence} ${owner}`;
    const renewal = setInterval(
      () => {
        this.#redis.eval(RENEW, 1, this.#lockKey, value, this.#ttlMs).catch(() => undefined);
      },
      Math.max(50, Math.floor(this.#ttlMs / 3)),
    );
    renewal.unref();
    try {
      return await fn(fence);
    } finally {
      clearInterval(renewal);
      // If this fails the lock expires by itself after ttlMs.
      await this.#redis.eval(RELEASE, 1, this.#lockKey, value).catch(() => undefined);
    }
  }

  async #acquire(owner: string): Promise<number> {
    try {
      return await this.#poll(owner);
    } catch (error) {
      if (error instanceof LockError) throw error;
      throw new LockError('Redis failed while taking the lock', redisErrorCode(error));
    }
  }

  async #poll(owner: string): Promise<number> {
    const deadline = Date.now() + this.#waitMs;
    let pause = 5;
    for (;;) {
      const fence = await this.#redis.eval(
        ACQUIRE,
        2,
        this.#lockKey,
        this.#fenceKey,
        owner,
        this.#ttlMs,
      );
      if (typeof fence === 'number') return fence;
      const left = deadline - Date.now();
      if (left <= 0) throw new LockError(`still held after ${this.#waitMs} ms`, 'ELOCKED');
      const expiresIn = await this.#redis.pttl(this.#lockKey);
      const wait = Math.min(pause * (0.5 + Math.random()), left, expiresIn > 0 ? expiresIn : pause);
      await sleep(Math.max(1, wait));
      pause = Math.min(MAX_POLL_MS, pause * 2);
    }
  }
}

function parseValue(value: string): LockHolder | undefined {
  const space = value.indexOf(' ');
  const fence = Number(value.slice(0, space));
  if (space < 0 || !Number.isSafeInteger(fence)) return undefined;
  return { fence, owner: value.slice(space + 1) };
}
