/**
 * proper-lockfile can fail a lock it just made with ENOENT: another process that judged the
 * previous, stale lock by an earlier look removes the fresh one before proper-lockfile stats
 * it. The store must treat that as "not ours yet" and wait its turn, not fail the refresh.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';

const calls = vi.hoisted(() => ({ lock: 0, failures: [] as string[] }));

vi.mock('proper-lockfile', async (original) => {
  const real = ((await original()) as { default: typeof import('proper-lockfile') }).default;
  return {
    default: {
      ...real,
      lock: async (...args: Parameters<typeof real.lock>) => {
        // The store's once-per-process precision probe (a throwaway lock) is not the lock here.
        if (args[0].endsWith('.probe')) return real.lock(...args);
        calls.lock += 1;
        const code = calls.failures.shift();
        if (code) throw Object.assign(new Error(`simulated ${code}`), { code });
        return real.lock(...args);
      },
    },
  };
});

const { FileTokenStore, TokenStoreError } = await import('../../../runtime/src/auth/index.ts');

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'adsgen-file-lock-race-'));
  calls.lock = 0;
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

it('retries a lock that vanished under it (ENOENT) and runs the refresh once', async () => {
  calls.failures.push('ENOENT', 'ENOENT');
  const store = new FileTokenStore(join(dir, 'tokens.json'));
  const refresh = vi.fn(async () => 'refreshed');
  await expect(store.withRefreshLock(refresh)).resolves.toBe('refreshed');
  expect(refresh).toHaveBeenCalledTimes(1);
  expect(calls.lock).toBe(3);
});

it('still fails at once on another error, naming the file', async () => {
  calls.failures.push('EACCES');
  const store = new FileTokenStore(join(dir, 'tokens.json'));
  const refresh = vi.fn(async () => 'refreshed');
  const error = await store.withRefreshLock(refresh).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(TokenStoreError);
  expect((error as Error).message).toContain('tokens.json');
  expect(refresh).not.toHaveBeenCalled();
});
