import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readdir, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FileTokenStore, TokenStoreError } from '../../../runtime/src/auth/index.ts';
import { ReauthorizationRequiredError } from '../../../runtime/src/errors.ts';
import { expired, InstrumentedStore, NEW_ACCESS, OLD_REFRESH, tokenReply } from './fixtures.ts';
import { providerHarness } from './provider-harness.ts';

/**
 * Token files are shared by processes that may die mid-write: nothing temporary outlives a
 * failure, a crash's leftovers are swept by the next store that opens the file, and a
 * refresh token another process rotated is picked up before the user is told to sign in again.
 */

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'adsgen-token-hygiene-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const TOKENS = { accessToken: 'at-hygiene-1111', refreshToken: 'rt-hygiene-2222' };

/** The pid of a process that has exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', ''], { stdio: 'ignore' });
  return child.pid!;
}

describe('FileTokenStore temporary files', () => {
  it('sweeps the stale temporary files of its token file on open, and only those', async () => {
    const path = join(dir, 'tokens.json');
    await writeFile(path, JSON.stringify(TOKENS));
    const dead = `.tokens.json.${deadPid()}.a1b2c3d4e5f6.tmp`;
    const old = `.tokens.json.${process.pid}.0123456789ab.tmp`;
    const live = `.tokens.json.${process.pid}.ba9876543210.tmp`;
    const others = ['.other.json.1.a1b2c3d4e5f6.tmp', 'tokens.json.bak', 'notes.tmp'];
    for (const name of [dead, old, live, ...others]) await writeFile(join(dir, name), 'x');
    const hourAgo = new Date(Date.now() - 3_600_000);
    await utimes(join(dir, old), hourAgo, hourAgo);

    expect(await new FileTokenStore(path).load()).toEqual(TOKENS);
    const left = (await readdir(dir)).sort();
    // The dead writer's and the hour-old file go; a fresh one of a live process may be a save
    // in progress; files of other names are not the store's.
    expect(left).toEqual([live, ...others, 'tokens.json'].sort());
  });

  it('the sweep also runs when the first use is a save', async () => {
    const path = join(dir, 'tokens.json');
    const dead = `.tokens.json.${deadPid()}.a1b2c3d4e5f6.tmp`;
    await writeFile(join(dir, dead), 'x');
    await new FileTokenStore(path).save(TOKENS);
    expect(await readdir(dir)).toEqual(['tokens.json']);
  });

  it('a save that fails after writing its temporary file removes it', async () => {
    // The token path is a directory: the rename over it fails once the temp file is written.
    const path = join(dir, 'tokens.json');
    await mkdir(path);
    await writeFile(join(path, 'keep'), 'x');
    const error = await new FileTokenStore(path).save(TOKENS).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TokenStoreError);
    expect(await readdir(dir)).toEqual(['tokens.json']);
  });
});

describe('invalid_grant after another process rotated the refresh token', () => {
  const harness = providerHarness({ replyWithTokens: false });
  const ROTATED = 'rt-SECRET-rotated-elsewhere-5150';

  it('reloads the store once and refreshes with the rotated token', async () => {
    const store = new InstrumentedStore(expired());
    harness.server.respond(async (req) => {
      if (req.form.get('refresh_token') === OLD_REFRESH) {
        // Another process rotated the token while this request was on its way.
        await store.inner.save({ ...expired(), refreshToken: ROTATED });
        return { status: 400, body: { error: 'invalid_grant' } };
      }
      return tokenReply();
    });
    const provider = harness.makeProvider(store);
    await expect(provider.getAccessToken()).resolves.toBe(NEW_ACCESS);
    expect(harness.server.requests.map((r) => r.form.get('refresh_token'))).toEqual([
      OLD_REFRESH,
      ROTATED,
    ]);
  });

  it('the same token still in the store → ReauthorizationRequiredError after one reload', async () => {
    const store = new InstrumentedStore(expired());
    harness.server.respond(() => ({ status: 400, body: { error: 'invalid_grant' } }));
    const provider = harness.makeProvider(store);
    const loadsBefore = store.loads;
    await expect(provider.getAccessToken()).rejects.toBeInstanceOf(ReauthorizationRequiredError);
    expect(harness.server.requests).toHaveLength(1);
    // First load, the check before refreshing, and the one reload after invalid_grant.
    expect(store.loads - loadsBefore).toBe(3);
  });
});
