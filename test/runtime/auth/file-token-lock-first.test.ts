/**
 * proper-lockfile's first lock in a process probes the file system's mtime precision and dates
 * that lock up to a second ahead, so a holder dying within that second would leave a lock that
 * goes stale late. FileTokenStore spends the probe on a throwaway lock: its first real lock is
 * dated now. (Vitest gives each test file a fresh module graph, so this is a first lock.)
 */
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { FileTokenStore } from '../../../runtime/src/auth/index.ts';

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'adsgen-file-lock-first-'));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

it("dates a process's first lock now, not ahead, and leaves no probe behind", async () => {
  const path = join(dir, 'tokens.json');
  const store = new FileTokenStore(path);
  const ahead = await store.withRefreshLock(
    async () => (await stat(`${path}.lock`)).mtimeMs - Date.now(),
  );
  expect(ahead).toBeLessThanOrEqual(2);
  expect(await readdir(dir)).toEqual([]);
});
