import { spawn } from 'node:child_process';
import { chmod, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  FileTokenStore,
  MemoryTokenStore,
  TokenStoreError,
} from '../../../runtime/src/auth/index.ts';
import { expectNoSecrets } from './no-secrets.ts';
import { PADDING, tokensFor } from './file-store-writer.ts';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'adsgen-token-store-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const TOKENS = {
  accessToken: 'at-SECRET-file-1111',
  refreshToken: 'rt-SECRET-file-2222',
  expiresAt: 1_800_000_000_000,
};

describe('MemoryTokenStore', () => {
  it('starts empty or with the initial tokens, and copies in and out', async () => {
    expect(await new MemoryTokenStore().load()).toBeUndefined();
    const initial = { ...TOKENS };
    const store = new MemoryTokenStore(initial);
    initial.accessToken = 'mutated';
    const loaded = await store.load();
    expect(loaded).toEqual(TOKENS);
    loaded!.refreshToken = 'mutated';
    expect(await store.load()).toEqual(TOKENS);
    await store.save({ refreshToken: 'rt-2' });
    expect(await store.load()).toEqual({ refreshToken: 'rt-2' });
  });
});

describe('FileTokenStore', () => {
  it('round-trips tokens in a 0600 file and loads a missing file as undefined', async () => {
    const path = join(dir, 'nested', 'tokens.json');
    const store = new FileTokenStore(path);
    expect(await store.load()).toBeUndefined();
    await store.save(TOKENS);
    expect(await store.load()).toEqual(TOKENS);
    expect(await new FileTokenStore(path).load()).toEqual(TOKENS);
    if (process.platform !== 'win32') {
      expect((await stat(path)).mode & 0o777).toBe(0o600);
      expect((await stat(join(dir, 'nested'))).mode & 0o777).toBe(0o700);
    }
    expect(JSON.parse(await readFile(path, 'utf8'))).toEqual(TOKENS);
    // Only the token file is left: no temporary files.
    expect(await readdir(join(dir, 'nested'))).toEqual(['tokens.json']);
  });

  it('tightens an existing file to 0600 on save, whatever the umask', async () => {
    if (process.platform === 'win32') return;
    const path = join(dir, 'tokens.json');
    await writeFile(path, '{}');
    await chmod(path, 0o644);
    await new FileTokenStore(path).save(TOKENS);
    expect((await stat(path)).mode & 0o777).toBe(0o600);
  });

  it('keeps only known fields', async () => {
    const path = join(dir, 'tokens.json');
    await new FileTokenStore(path).save({ ...TOKENS, extra: 'x' } as never);
    expect(Object.keys(JSON.parse(await readFile(path, 'utf8')))).toEqual([
      'accessToken',
      'refreshToken',
      'expiresAt',
    ]);
  });

  it('the last of concurrent saves wins', async () => {
    const path = join(dir, 'tokens.json');
    const store = new FileTokenStore(path);
    await Promise.all(
      Array.from({ length: 20 }, (_, i) => store.save({ refreshToken: `rt-${i}` })),
    );
    expect(await store.load()).toEqual({ refreshToken: 'rt-19' });
    expect(await readdir(dir)).toEqual(['tokens.json']);
  });

  it('a corrupt file → TokenStoreError naming the path, not the content', async () => {
    const path = join(dir, 'tokens.json');
    const cases = [
      '{"refreshToken": "rt-SECRET-torn-3333", "accessTo',
      '',
      '["rt-SECRET-torn-3333"]',
      '{"refreshToken": 12345678901}',
      '{"refreshToken": "rt-SECRET-torn-3333", "expiresAt": "soon"}',
    ];
    for (const content of cases) {
      await writeFile(path, content);
      const error = (await new FileTokenStore(path)
        .load()
        .catch((e: unknown) => e)) as TokenStoreError;
      expect(error).toBeInstanceOf(TokenStoreError);
      expect(error.code).toBe('corrupt');
      expect(error.path).toBe(path);
      expect(error.message).toContain(path);
      expect(error.message).toMatch(/is corrupt/);
      expectNoSecrets(error, ['rt-SECRET-torn-3333', '12345678901', 'soon']);
    }
  });

  it('an unwritable location → TokenStoreError with the fs code', async () => {
    const blocker = join(dir, 'file');
    await writeFile(blocker, 'x');
    const error = (await new FileTokenStore(join(blocker, 'tokens.json'))
      .save(TOKENS)
      .catch((e: unknown) => e)) as TokenStoreError;
    expect(error).toBeInstanceOf(TokenStoreError);
    expect(['ENOTDIR', 'EEXIST']).toContain(error.code);
    expectNoSecrets(error, [TOKENS.accessToken, TOKENS.refreshToken]);
  });

  it('never leaves a torn file when the writing process is killed (kill -9, 20 times)', async () => {
    const path = join(dir, 'tokens.json');
    const store = new FileTokenStore(path);
    await store.save(tokensFor(0));
    const writer = fileURLToPath(new URL('./file-store-writer.ts', import.meta.url));
    let next = 1;
    let lastOnDisk = 0;
    let killedAfterWrites = 0;

    for (let round = 0; round < 20; round += 1) {
      const child = spawn(process.execPath, ['--import', 'tsx', writer, path, String(next)], {
        cwd: fileURLToPath(new URL('../../../', import.meta.url)),
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      let lastReported = -1;
      let buffered = '';
      const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
      const firstWrite = new Promise<void>((resolve) => {
        child.stdout.on('data', (chunk: Buffer) => {
          buffered += chunk.toString('utf8');
          const lines = buffered.split('\n');
          buffered = lines.pop() ?? '';
          for (const line of lines) lastReported = Number(line);
          resolve();
        });
      });
      await Promise.race([firstWrite, exited]);
      // A random point within the next few writes.
      await new Promise((resolve) => setTimeout(resolve, Math.floor(Math.random() * 25)));
      child.kill('SIGKILL');
      await exited;
      expect(lastReported).toBeGreaterThanOrEqual(next);

      const loaded = await store.load();
      const n = loaded?.expiresAt as number;
      // Old or new content, complete: every field belongs to the same save.
      expect(loaded).toEqual(tokensFor(n));
      expect(loaded!.accessToken!.length).toBe(`at-${n}-`.length + PADDING);
      // Never older than a save the writer reported as done, never older than before.
      expect(n).toBeGreaterThanOrEqual(lastReported);
      expect(n).toBeGreaterThanOrEqual(lastOnDisk);
      lastOnDisk = n;
      killedAfterWrites += 1;
      next = n + 1000;
    }
    expect(killedAfterWrites).toBe(20);
  }, 120_000);
});
