/**
 * The Redis connection of a store or throttle: the caller's client (theirs to close), or one
 * opened from a URL (ours to close). Opened ones fail a command after a few reconnection
 * attempts instead of queueing it forever, so a Redis outage surfaces as an error, not a hang.
 */
import { Redis } from 'ioredis';

export type RedisInput = Redis | string;

export interface Connection {
  client: Redis;
  /** Whether close() should end the connection (it was opened here). */
  owned: boolean;
}

export function connect(input: RedisInput): Connection {
  if (typeof input === 'string') {
    const client = new Redis(input, { maxRetriesPerRequest: 2, connectTimeout: 5_000 });
    // Connection errors reach the caller through the failing commands; without a listener
    // ioredis would also print each reconnection failure.
    client.on('error', () => undefined);
    return { client, owned: true };
  }
  if (input === null || typeof input !== 'object' || typeof input.eval !== 'function') {
    throw new TypeError('redis must be an ioredis client or a redis:// URL');
  }
  return { client: input, owned: false };
}

export async function disconnect(connection: Connection): Promise<void> {
  if (!connection.owned) return;
  try {
    await connection.client.quit();
  } catch {
    connection.client.disconnect();
  }
}

/**
 * Keys of one named set of tokens. The name sits in a hash tag (`{…}`) so that all keys of
 * one name live on one Redis Cluster slot, as the Lua scripts touching several need.
 */
export function keyBase(prefix: string, name: string): string {
  if (typeof name !== 'string' || name === '' || /[{}\s]/.test(name)) {
    throw new TypeError('name must be a non-empty string without braces or whitespace');
  }
  return `${prefix}:{${name}}`;
}

/** The error code of a Redis or network failure, for TokenStoreError. */
export function redisErrorCode(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string') return code;
  const name = (error as { name?: unknown } | null)?.name;
  return typeof name === 'string' ? name : 'unknown error';
}
