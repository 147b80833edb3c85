/**
 * SharedThrottle in Redis: a throttling window is a key that expires when the window ends
 * (`SET … PX retryAfterMs`, lengthened only, never shortened, in Lua). Waiters read its PTTL,
 * Redis's own clock, so machines whose clocks disagree still wait the same window.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { inspect } from 'node:util';
import type { SharedThrottle } from '@adsgen/runtime';
import { connect, disconnect, keyBase, type Connection, type RedisInput } from './connection.js';

export interface RedisThrottleStateOptions {
  /** An ioredis client (left open by close()) or a `redis://` URL (closed by close()). */
  redis: RedisInput;
  /** Whose throttling: one per Microsoft Advertising user (and developer token). */
  name: string;
  /** Key prefix. Default `adsgen`. Keys: `<prefix>:{<name>}:throttle:<scope>`. */
  prefix?: string;
  /** Longest single wait, whatever was reported. Default 300 000 (5 min). */
  maxWaitMs?: number;
}

const LENGTHEN = `
if redis.call('PTTL', KEYS[1]) < tonumber(ARGV[1]) then
  redis.call('SET', KEYS[1], '1', 'PX', ARGV[1])
end
return 1`;

const DEFAULT_MAX_WAIT_MS = 300_000;

export class RedisThrottleState implements SharedThrottle {
  readonly name: string;
  readonly #connection: Connection;
  readonly #base: string;
  readonly #maxWaitMs: number;

  constructor(options: RedisThrottleStateOptions) {
    this.#base = `${keyBase(options.prefix ?? 'adsgen', options.name)}:throttle`;
    this.name = options.name;
    this.#maxWaitMs = options.maxWaitMs ?? DEFAULT_MAX_WAIT_MS;
    this.#connection = connect(options.redis);
  }

  /** What is left of the window reported for `scope`, in ms (0: none). */
  async remainingMs(scope: string): Promise<number> {
    const ms = await this.#connection.client.pttl(this.#key(scope));
    return ms > 0 ? ms : 0;
  }

  async wait(scope: string, signal?: AbortSignal): Promise<void> {
    const ms = Math.min(await this.remainingMs(scope), this.#maxWaitMs);
    if (ms > 0) await sleep(ms, undefined, signal === undefined ? {} : { signal });
  }

  async report(scope: string, retryAfterMs: number): Promise<void> {
    const ms = Math.ceil(Math.min(retryAfterMs, this.#maxWaitMs));
    if (!(ms > 0)) return;
    await this.#connection.client.eval(LENGTHEN, 1, this.#key(scope), ms);
  }

  close(): Promise<void> {
    return disconnect(this.#connection);
  }

  toJSON(): Record<string, unknown> {
    return { type: 'RedisThrottleState', key: this.#base };
  }

  [inspect.custom](): string {
    return `RedisThrottleState { key: ${JSON.stringify(this.#base)} }`;
  }

  #key(scope: string): string {
    return `${this.#base}:${scope}`;
  }
}
