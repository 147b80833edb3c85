/**
 * A TokenStore in Redis for a fleet of processes on many machines sharing one user's tokens.
 *
 * - One refresh per fleet: OAuthTokenProvider refreshes inside `withRefreshLock` (a RedisLock)
 *   and re-reads the store there, so the processes that waited find the new tokens instead of
 *   spending the rotated refresh token again.
 * - Newer tokens always win: every write carries a version, the fencing token of the lock it
 *   was made under (or a fresh one outside the lock, e.g. after a code exchange), and a Lua
 *   compare-and-set writes only over an older version. A holder that stalled past its lock's
 *   expiry cannot overwrite the refresh token its successor saved.
 * - No secret in errors, JSON or inspect output: keys and the name only.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { inspect } from 'node:util';
import { TokenStoreError, type RefreshLock, type Tokens, type TokenStore } from '@adsgen/runtime';
import {
  connect,
  disconnect,
  keyBase,
  redisErrorCode,
  type Connection,
  type RedisInput,
} from './connection.js';
import { LockError, RedisLock, type LockHolder } from './redis-lock.js';

export interface RedisTokenStoreOptions {
  /** An ioredis client (left open by close()) or a `redis://` URL (closed by close()). */
  redis: RedisInput;
  /** Which tokens: one per user and app, e.g. `msads-user-123`. No braces or whitespace. */
  name: string;
  /** Key prefix. Default `adsgen`. Keys: `<prefix>:{<name>}:tokens`, `…:lock`, `…:fence`. */
  prefix?: string;
  /**
   * Expiry of the refresh lock. The holder renews it every third of this while it lives; when
   * it dies the others wait at most this long. Default 10 000.
   */
  lockTtlMs?: number;
  /** Longest wait for the lock before failing with TokenStoreError `ELOCKED`. Default 60 000. */
  lockWaitMs?: number;
}

const DEFAULT_LOCK_TTL_MS = 10_000;
const DEFAULT_LOCK_WAIT_MS = 60_000;

// Writes the fields over an older version only; returns 0 when written, else the newer version.
const SAVE = `
local current = tonumber(redis.call('HGET', KEYS[1], 'version') or '0')
if current >= tonumber(ARGV[1]) then return current end
redis.call('DEL', KEYS[1])
redis.call('HSET', KEYS[1], 'version', ARGV[1], unpack(ARGV, 2))
return 0`;

export class RedisTokenStore implements TokenStore, RefreshLock {
  readonly name: string;
  readonly #connection: Connection;
  readonly #tokensKey: string;
  readonly #lock: RedisLock;
  /** The fence of the lock held by the current async call chain, if any. */
  readonly #held = new AsyncLocalStorage<number>();

  constructor(options: RedisTokenStoreOptions) {
    const base = keyBase(options.prefix ?? 'adsgen', options.name);
    const ttl = positive(options.lockTtlMs, DEFAULT_LOCK_TTL_MS, 'lockTtlMs');
    const wait = positive(options.lockWaitMs, DEFAULT_LOCK_WAIT_MS, 'lockWaitMs');
    this.name = options.name;
    this.#connection = connect(options.redis);
    this.#tokensKey = `${base}:tokens`;
    this.#lock = new RedisLock(this.#connection.client, `${base}:lock`, `${base}:fence`, ttl, wait);
  }

  async load(): Promise<Tokens | undefined> {
    let fields: Record<string, string>;
    try {
      fields = await this.#connection.client.hgetall(this.#tokensKey);
    } catch (error) {
      throw this.#error('read', error);
    }
    if (Object.keys(fields).length === 0) return undefined;
    return this.#parse(fields);
  }

  async save(tokens: Tokens): Promise<void> {
    const args: string[] = [];
    if (tokens.accessToken !== undefined) args.push('accessToken', tokens.accessToken);
    if (tokens.refreshToken !== undefined) args.push('refreshToken', tokens.refreshToken);
    if (tokens.expiresAt !== undefined) args.push('expiresAt', String(tokens.expiresAt));
    let newer: unknown;
    try {
      const version = this.#held.getStore() ?? (await this.#lock.nextFence());
      newer = await this.#connection.client.eval(SAVE, 1, this.#tokensKey, version, ...args);
    } catch (error) {
      throw this.#error('write', error);
    }
    if (newer !== 0) {
      // This process held the lock past its expiry and another one refreshed since: its tokens
      // are newer and stay. Ours are valid too; the next refresh adopts the stored ones.
      process.emitWarning(
        `RedisTokenStore ${this.name}: newer tokens (version ${String(newer)}) were saved by another process; kept them`,
        'AdsgenAuthWarning',
      );
    }
  }

  async withRefreshLock<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await this.#lock.run((fence) => this.#held.run(fence, fn));
    } catch (error) {
      // Errors of `fn` (the refresh) pass through as they are.
      if (!(error instanceof LockError)) throw error;
      throw new TokenStoreError(
        `Could not take the refresh lock of ${this.#tokensKey}: ${error.message}`,
        this.#tokensKey,
        error.code,
      );
    }
  }

  /** Who holds the refresh lock now (operations: which worker is refreshing). */
  lockHolder(): Promise<LockHolder | undefined> {
    return this.#lock.holder();
  }

  /** Closes the connection if the store opened it from a URL. */
  close(): Promise<void> {
    return disconnect(this.#connection);
  }

  toJSON(): Record<string, unknown> {
    return { type: 'RedisTokenStore', key: this.#tokensKey };
  }

  [inspect.custom](): string {
    return `RedisTokenStore { key: ${JSON.stringify(this.#tokensKey)} }`;
  }

  #parse(fields: Record<string, string>): Tokens {
    const tokens: Tokens = {};
    if (fields['accessToken'] !== undefined) tokens.accessToken = fields['accessToken'];
    if (fields['refreshToken'] !== undefined) tokens.refreshToken = fields['refreshToken'];
    const expiresAt = fields['expiresAt'];
    if (expiresAt !== undefined) {
      const value = Number(expiresAt);
      if (expiresAt.trim() === '' || !Number.isFinite(value)) {
        throw new TokenStoreError(
          `Token store ${this.#tokensKey} is corrupt: expiresAt is not a number`,
          this.#tokensKey,
          'corrupt',
        );
      }
      tokens.expiresAt = value;
    }
    return tokens;
  }

  #error(what: 'read' | 'write', error: unknown): TokenStoreError {
    const code = redisErrorCode(error);
    // The Redis error's own message may quote arguments (the tokens): only its code is kept.
    return new TokenStoreError(
      `Could not ${what} token store ${this.#tokensKey} in Redis (${code})`,
      this.#tokensKey,
      code,
    );
  }
}

function positive(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value <= 0) {
    throw new TypeError(`${name} must be a positive number of milliseconds`);
  }
  return value;
}
