/**
 * FileTokenStore's refresh lock (proper-lockfile): one holder at a time within and across
 * processes, a lock left by a dead process taken over once stale, a bounded wait.
 */
import { mkdir, mkdtemp, rm, stat, utimes } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { FileTokenStore, TokenStoreError } from '../../../runtime/src/auth/index.ts';

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'adsgen-file-lock-'));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

it('runs one holder at a time and removes the lock afterwards', async () => {
  const path = join(dir, 'tokens.json');
  const a = new FileTokenStore(path);
  const b = new FileTokenStore(path);
  let inside = 0;
  let most = 0;
  const hold = async () => {
    inside += 1;
    most = Math.max(most, inside);
    await new Promise((resolve) => setTimeout(resolve, 30));
    inside -= 1;
  };
  await Promise.all([a.withRefreshLock(hold), b.withRefreshLock(hold), a.withRefreshLock(hold)]);
  expect(most).toBe(1);
  await expect(stat(`${path}.lock`)).rejects.toMatchObject({ code: 'ENOENT' });
});

it('takes over a lock whose holder died (not touched for lockStaleMs)', async () => {
  const path = join(dir, 'tokens.json');
  await mkdir(`${path}.lock`);
  const longAgo = new Date(Date.now() - 60_000);
  await utimes(`${path}.lock`, longAgo, longAgo);
  const store = new FileTokenStore(path, { lockStaleMs: 2_000, lockWaitMs: 5_000 });
  await expect(store.withRefreshLock(async () => 'refreshed')).resolves.toBe('refreshed');
});

it('gives up on a live lock after lockWaitMs with TokenStoreError ELOCKED', async () => {
  const path = join(dir, 'tokens.json');
  await mkdir(`${path}.lock`);
  const store = new FileTokenStore(path, { lockWaitMs: 200 });
  const error = await store.withRefreshLock(async () => 'ran').catch((e: unknown) => e);
  expect(error).toBeInstanceOf(TokenStoreError);
  expect(error).toMatchObject({ code: 'ELOCKED', path });
});

it('errors of the refresh itself pass through and release the lock', async () => {
  const path = join(dir, 'tokens.json');
  const store = new FileTokenStore(path);
  const failure = new Error('token endpoint said no');
  await expect(store.withRefreshLock(() => Promise.reject(failure))).rejects.toBe(failure);
  await expect(store.withRefreshLock(async () => 'again')).resolves.toBe('again');
});
