/**
 * Worker processes on one machine sharing a FileTokenStore: the file lock makes the fleet
 * refresh once, as Redis does across machines, and survives its holder being killed.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileTokenStore } from '@adsgen/runtime';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  eightWorkersWithExpiredToken,
  startFleetFixture,
  type FleetFixture,
} from './fleet-fixture.ts';
import { killLockHolderRounds, range } from './kill-rounds.ts';

let fleet: FleetFixture;
let dir: string;

beforeAll(async () => {
  fleet = await startFleetFixture();
  dir = await mkdtemp(join(tmpdir(), 'adsgen-fleet-'));
});

afterAll(async () => {
  await fleet?.close();
  if (dir !== undefined) await rm(dir, { recursive: true, force: true });
});

it(
  'FileTokenStore: 8 workers × 100 calls with an expired token make one token request',
  { timeout: 240_000 },
  async () => {
    const path = join(dir, 'tokens.json');
    const outcome = await eightWorkersWithExpiredToken(fleet, new FileTokenStore(path), {
      kind: 'file',
      path,
    });
    expect(outcome.errors).toEqual([]);
    expect(outcome).toMatchObject({ ok: 800, reauth: 0, tokenRequests: 1 });
    expect(outcome.storedRefreshToken).toBe(outcome.issuedRefreshTokens.at(-1));
  },
);

/**
 * The kill test's stale time: proper-lockfile's minimum (the holder touches the lock every
 * half of it), so twenty rounds of waiting it out stay quick.
 */
const LOCK_STALE_MS = 2000;

it(
  'FileTokenStore: the lock holder SIGKILLed mid-refresh, 20 times: another worker completes within stale time + 1 s, no token lost',
  { timeout: 300_000 },
  async () => {
    const path = join(dir, 'killed-holder.json');
    const outcome = await killLockHolderRounds(
      fleet,
      new FileTokenStore(path),
      { kind: 'file', path, lockStaleMs: LOCK_STALE_MS },
      { rounds: 20 },
    );
    // From the kill to another worker's completed call: the lock going stale, the waiter's
    // poll, one token request and the call itself.
    for (const ms of outcome.completed) expect(ms).toBeLessThan(LOCK_STALE_MS + 1000);
    expect(outcome.issued).toHaveLength(21);
    expect(outcome.stored).toBe(outcome.issued.at(-1));
    console.log(
      `fleet (file): lock holder killed 20×, another worker's call completed ${range(outcome.completed)} after the kill (its refresh answered ${range(outcome.refreshed)}; stale time ${LOCK_STALE_MS} ms)`,
    );
  },
);
