/**
 * RedisTokenStore against a real redis-server: round trips, the fenced lock (safe release,
 * expiry of a dead holder, bounded wait), the versioned write that keeps newer tokens, and
 * errors that name the key, never a token.
 */
import { inspect } from 'node:util';
import { TokenStoreError } from '@adsgen/runtime';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RedisTokenStore } from '@adsgen/redis';
import { startRedisServer, type RedisServer } from './redis-server.ts';

let server: RedisServer;
let redis: Redis;
let counter = 0;

beforeAll(async () => {
  server = await startRedisServer();
  redis = new Redis(server.url);
});

afterAll(async () => {
  await redis?.quit();
  await server?.stop();
});

/** A store on a fresh name, sharing the test's connection. */
function freshStore(options: { lockTtlMs?: number; lockWaitMs?: number } = {}) {
  counter += 1;
  const name = `unit-${counter}`;
  const open = () => new RedisTokenStore({ redis, name, ...options });
  return { name, open, lockKey: `adsgen:{${name}}:lock`, tokensKey: `adsgen:{${name}}:tokens` };
}

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve: () => void = () => undefined;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe('RedisTokenStore', () => {
  it('round-trips tokens and shows only its key', async () => {
    const { open, tokensKey } = freshStore();
    const store = open();
    expect(await store.load()).toBeUndefined();
    const tokens = { accessToken: 'at-secret-1', refreshToken: 'rt-secret-1', expiresAt: 1234 };
    await store.save(tokens);
    expect(await store.load()).toEqual(tokens);
    await store.save({ refreshToken: 'rt-secret-2' });
    expect(await store.load()).toEqual({ refreshToken: 'rt-secret-2' });
    const shown = `${JSON.stringify(store)} ${inspect(store)}`;
    expect(shown).toContain(tokensKey);
    expect(shown).not.toMatch(/secret/);
  });

  it('a holder whose lock expired cannot overwrite the tokens its successor saved', async () => {
    const { open, lockKey } = freshStore();
    const slow = open();
    const next = open();
    await slow.save({ refreshToken: 'rt-0' });
    const warnings: string[] = [];
    const onWarning = (w: Error) => warnings.push(w.message);
    process.on('warning', onWarning);
    try {
      await slow.withRefreshLock(async () => {
        // As if this holder stalled past the expiry: the lock is gone, another one refreshes.
        await redis.del(lockKey);
        await next.withRefreshLock(() => next.save({ refreshToken: 'rt-newer' }));
        await slow.save({ refreshToken: 'rt-older' });
      });
      await new Promise((resolve) => setImmediate(resolve));
    } finally {
      process.off('warning', onWarning);
    }
    expect((await next.load())?.refreshToken).toBe('rt-newer');
    expect(warnings.join('\n')).toMatch(/newer tokens .* kept them/);
    expect(warnings.join('\n')).not.toMatch(/rt-/);
  });

  it('a save outside the lock (a new consent) wins over every earlier version', async () => {
    const { open } = freshStore();
    const store = open();
    await store.withRefreshLock(() => store.save({ refreshToken: 'rt-refreshed' }));
    await store.save({ refreshToken: 'rt-consent' });
    expect((await store.load())?.refreshToken).toBe('rt-consent');
  });

  it('releasing never deletes a lock another process took over', async () => {
    const { open, lockKey } = freshStore();
    const first = open();
    const second = open();
    const secondInside = deferred();
    const secondMayLeave = deferred();
    let secondRun: Promise<void> | undefined;
    await first.withRefreshLock(async () => {
      await redis.del(lockKey);
      secondRun = second.withRefreshLock(async () => {
        secondInside.resolve();
        await secondMayLeave.promise;
      });
      await secondInside.promise;
    });
    const holder = await second.lockHolder();
    expect(holder?.owner).toMatch(new RegExp(`/${process.pid}/`));
    expect(await redis.get(lockKey)).not.toBeNull();
    secondMayLeave.resolve();
    await secondRun;
    expect(await redis.get(lockKey)).toBeNull();
  });

  it('fences grow with every holder', async () => {
    const { open } = freshStore();
    const store = open();
    const fences: number[] = [];
    for (let i = 0; i < 3; i += 1) {
      await store.withRefreshLock(async () => {
        fences.push((await store.lockHolder())!.fence);
      });
    }
    expect(fences[1]).toBeGreaterThan(fences[0]!);
    expect(fences[2]).toBeGreaterThan(fences[1]!);
  });

  it('a dead holder releases by expiry: the next one gets the lock once it expired', async () => {
    const { open, lockKey } = freshStore({ lockTtlMs: 5000 });
    await redis.set(lockKey, '7 elsewhere/999999/dead', 'PX', 400);
    let ranWhileHeld = false;
    await open().withRefreshLock(async () => {
      ranWhileHeld = (await redis.get(lockKey))?.startsWith('7 ') ?? false;
    });
    expect(ranWhileHeld).toBe(false);
  });

  it('gives up waiting for a held lock after lockWaitMs with TokenStoreError ELOCKED', async () => {
    const { open, lockKey } = freshStore({ lockWaitMs: 200 });
    await redis.set(lockKey, '1 elsewhere/1/busy', 'PX', 60_000);
    const error = await open()
      .withRefreshLock(async () => 'ran')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TokenStoreError);
    expect(error).toMatchObject({ code: 'ELOCKED' });
    await redis.del(lockKey);
  });

  it('errors of the refresh itself pass through the lock unchanged', async () => {
    const { open } = freshStore();
    const failure = Object.assign(new Error('token endpoint said no'), { code: 'invalid_grant' });
    await expect(open().withRefreshLock(() => Promise.reject(failure))).rejects.toBe(failure);
  });

  it('a corrupt entry is a TokenStoreError that quotes nothing stored', async () => {
    const { open, tokensKey } = freshStore();
    await redis.hset(tokensKey, 'refreshToken', 'rt-secret-x', 'expiresAt', 'soon', 'version', '1');
    const error = await open()
      .load()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TokenStoreError);
    expect(error).toMatchObject({ code: 'corrupt' });
    expect(String((error as Error).message)).not.toMatch(/secret|soon/);
  });

  it('Redis unreachable: load and save fail with TokenStoreError, not a hang', async () => {
    const closed = await startRedisServer();
    await closed.stop();
    const store = new RedisTokenStore({ redis: closed.url, name: 'unreachable' });
    try {
      const loadError = await store.load().catch((e: unknown) => e);
      expect(loadError).toBeInstanceOf(TokenStoreError);
      const saveError = await store
        .save({ refreshToken: 'rt-secret-unsaved' })
        .catch((e: unknown) => e);
      expect(saveError).toBeInstanceOf(TokenStoreError);
      expect(String((saveError as Error).message)).not.toMatch(/secret/);
    } finally {
      await store.close();
    }
  });

  it('refuses a name that would break the key layout', () => {
    expect(() => new RedisTokenStore({ redis, name: 'a}b' })).toThrow(TypeError);
    expect(() => new RedisTokenStore({ redis, name: '' })).toThrow(TypeError);
  });
});
