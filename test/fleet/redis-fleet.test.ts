/**
 * Eight worker processes, one Microsoft Advertising user, tokens in a real Redis: the fleet
 * refreshes once, survives the refreshing process being killed, and shares throttle windows.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RedisThrottleState, RedisTokenStore } from '@adsgen/redis';
import {
  eightWorkersWithExpiredToken,
  startFleetFixture,
  type FleetFixture,
} from './fleet-fixture.ts';
import { startRedisServer, type RedisServer } from './redis-server.ts';
import { killLockHolderRounds, range } from './kill-rounds.ts';
import { startWorker, stopWorkers } from './workers.ts';

/**
 * The kill test's lock TTL: short, so that twenty rounds of waiting it out stay quick, yet
 * longer than a loaded machine may stall a holder's renewal (a lock that expires under a live
 * holder lets a second refresh through, which a strictly rotating identity provider punishes).
 * The other tests keep the default, 10 s.
 */
const LOCK_TTL_MS = 1500;
const DEFAULT_LOCK_TTL_MS = 10_000;

let redis: RedisServer;
let fleet: FleetFixture;
const stores: RedisTokenStore[] = [];

beforeAll(async () => {
  redis = await startRedisServer();
  fleet = await startFleetFixture();
});

afterAll(async () => {
  await Promise.all(stores.map((s) => s.close()));
  await fleet?.close();
  await redis?.stop();
});

function storeNamed(name: string, lockTtlMs = DEFAULT_LOCK_TTL_MS): RedisTokenStore {
  const store = new RedisTokenStore({ redis: redis.url, name, lockTtlMs });
  stores.push(store);
  return store;
}

function redisStore(name: string, lockTtlMs = DEFAULT_LOCK_TTL_MS) {
  return { kind: 'redis' as const, url: redis.url, name, lockTtlMs };
}

describe('RedisTokenStore across 8 processes', () => {
  it(
    '8 workers × 100 calls with an expired token: one token request, no reauthorization',
    { timeout: 240_000 },
    async () => {
      const outcome = await eightWorkersWithExpiredToken(
        fleet,
        storeNamed('eight-workers'),
        redisStore('eight-workers'),
      );
      expect(outcome.errors).toEqual([]);
      expect(outcome).toMatchObject({ ok: 800, reauth: 0, tokenRequests: 1 });
      expect(outcome.storedRefreshToken).toBe(outcome.issuedRefreshTokens.at(-1));
    },
  );

  it(
    'the lock holder SIGKILLed mid-refresh, 20 times: another worker completes within lock TTL + 1 s, no token lost',
    { timeout: 300_000 },
    async () => {
      const name = 'killed-holder';
      const store = storeNamed(name);
      const outcome = await killLockHolderRounds(fleet, store, redisStore(name, LOCK_TTL_MS), {
        rounds: 20,
        holderPid: async () => Number((await store.lockHolder())?.owner.split('/')[1]),
      });
      // From the kill to another worker's completed call: the lock's expiry, the waiter's
      // poll, one token request and the call itself.
      for (const ms of outcome.completed) expect(ms).toBeLessThan(LOCK_TTL_MS + 1000);
      expect(outcome.issued).toHaveLength(21);
      expect(outcome.stored).toBe(outcome.issued.at(-1));
      console.log(
        `fleet (Redis): lock holder killed 20×, another worker's call completed ${range(outcome.completed)} after the kill (its refresh answered ${range(outcome.refreshed)}; lock TTL ${LOCK_TTL_MS} ms)`,
      );
    },
  );
});

describe('RedisThrottleState across processes', () => {
  it(
    "a 117 with Retry-After seen by one worker delays the others' next call on that account",
    { timeout: 120_000 },
    async () => {
      const name = 'throttled-user';
      const scope = `account:${fleet.mock.state.ids.accountId}`;
      const state = new RedisThrottleState({ redis: redis.url, name });
      const store = storeNamed('throttled-user');
      await fleet.seedExpired(store);
      const shared = fleet.config(redisStore('throttled-user'), {
        throttle: { url: redis.url, name },
      });
      const [first, sibling, unshared] = await Promise.all([
        startWorker(shared),
        startWorker(shared),
        // The control: the same tokens and account, but no shared throttle state.
        startWorker(fleet.config(redisStore('throttled-user'))),
      ]);
      try {
        await Promise.all([first, sibling, unshared].map((w) => w.send('calls 1 1')));
        const fault = fleet.mock.inject({
          match: { operation: 'GetUser' },
          times: 1,
          fault: { kind: 'throttle', status: 'code117', retryAfterS: 3 },
        });
        const firstCall = first.send('calls 1 1');
        let observedAt = Date.now();
        let remaining = await state.remainingMs(scope);
        while (remaining === 0) {
          await new Promise((resolve) => setTimeout(resolve, 10));
          observedAt = Date.now();
          remaining = await state.remainingMs(scope);
        }
        // The window ends no earlier than this (PTTL was read after observedAt).
        const windowEnd = observedAt + remaining;
        const control = await unshared.send('calls 1 1');
        const delayed = await sibling.send('calls 1 1');
        const throttled = await firstCall;
        fault.remove();

        expect(throttled.result).toMatchObject({ ok: 1, errors: [] });
        expect(throttled.result.sentAt).toHaveLength(2);
        expect(control.result).toMatchObject({ ok: 1, errors: [] });
        expect(delayed.result).toMatchObject({ ok: 1, errors: [] });
        expect(remaining).toBeGreaterThan(2000);
        // Without the shared state a sibling walks into the window; with it, it waits it out.
        expect(control.result.sentAt[0]).toBeLessThan(windowEnd);
        expect(delayed.result.sentAt[0]).toBeGreaterThanOrEqual(windowEnd - 5);
      } finally {
        await stopWorkers([first, sibling, unshared]);
        await state.close();
      }
    },
  );
});
