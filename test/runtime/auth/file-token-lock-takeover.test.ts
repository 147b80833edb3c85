/**
 * Taking over a stale lock must leave one holder. proper-lockfile alone judges staleness, then
 * removes and re-creates the lock directory in separate steps, so a contender that judged the
 * same stale lock earlier can remove the fresh lock another has just made, and both go on
 * holding it (node-proper-lockfile#121). Contenders here are processes' worth of stores on one
 * file, started together against a lock left stale.
 */
import { mkdir, mkdtemp, rm, utimes } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { FileTokenStore } from '../../../runtime/src/auth/index.ts';

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'adsgen-file-lock-takeover-'));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function leaveStaleLock(path: string): Promise<void> {
  await mkdir(`${path}.lock`);
  const longAgo = new Date(Date.now() - 60_000);
  await utimes(`${path}.lock`, longAgo, longAgo);
}

it('a stale lock taken over by 8 contenders at once has one holder at a time, 40 rounds', async () => {
  const path = join(dir, 'tokens.json');
  let inside = 0;
  let most = 0;
  let entered = 0;
  const hold = async () => {
    inside += 1;
    entered += 1;
    most = Math.max(most, inside);
    await sleep(5);
    inside -= 1;
  };
  for (let round = 0; round < 40; round += 1) {
    await leaveStaleLock(path);
    const stores = Array.from(
      { length: 8 },
      () => new FileTokenStore(path, { lockStaleMs: 2_000, lockWaitMs: 10_000 }),
    );
    await Promise.all(stores.map((store) => store.withRefreshLock(hold)));
  }
  expect(entered).toBe(320);
  expect(most).toBe(1);
}, 60_000);
