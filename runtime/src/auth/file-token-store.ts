/**
 * A TokenStore in one JSON file, readable by its owner only (0600). A save never leaves a
 * torn file, even if the process is killed mid-write: the new content goes to a temporary
 * file in the same directory (same file system, so rename is atomic), is fsynced, and then
 * renamed over the old file. Readers see the old content or the new, nothing in between.
 * Saves of one store are serialized so that the last save called is the one that stays.
 *
 * A temporary file never outlives a failed save, and one left by a process that died
 * mid-write is swept by the next store that opens the file (see `sweepStaleTemps`).
 *
 * Processes sharing the file refresh one at a time: `withRefreshLock` (RefreshLock, used by
 * OAuthTokenProvider) holds a lock directory beside the file (proper-lockfile: mkdir is atomic,
 * and the holder touches it while alive). A holder that died is presumed gone once the lock
 * was not touched for `lockStaleMs`; then the next process takes it, one process only (see
 * lock-takeover.ts).
 */
import { nodeCrypto } from '../lazy-crypto.js';
import { mkdir, open, readdir, readFile, rename, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { INSPECT_CUSTOM } from '../inspect-custom.js';
import { setTimeout as sleep } from 'node:timers/promises';
import type { RefreshLock, Tokens, TokenStore } from './token-provider.js';
import { tryLock } from './lock-takeover.js';
import { TokenStoreError } from './token-store-error.js';

const FILE_MODE = 0o600;
const DIR_MODE = 0o700;
/** A temporary file this old belongs to no save in progress, whatever its process. */
const STALE_TEMP_MS = 10 * 60_000;

/** @public */
export interface FileTokenStoreOptions {
  /**
   * A lock not touched for this long belongs to a process that died; it is then taken over.
   * Default 10 000, at least 2 000 (the holder touches it every half of this).
   */
  lockStaleMs?: number;
  /** Longest wait for the refresh lock before failing with TokenStoreError `ELOCKED`. Default 60 000. */
  lockWaitMs?: number;
}

const DEFAULT_LOCK_STALE_MS = 10_000;
const DEFAULT_LOCK_WAIT_MS = 60_000;
/**
 * Polling for a held lock: starts fast (a refresh takes tens of ms), backs off to this, which
 * is also how late a waiter may notice that a dead holder's lock went stale.
 */
const MAX_LOCK_POLL_MS = 100;

/** @public */
export class FileTokenStore implements TokenStore, RefreshLock {
  readonly path: string;
  readonly #lockStaleMs: number;
  readonly #lockWaitMs: number;
  #queue: Promise<void> = Promise.resolve();
  #swept: Promise<void> | undefined;

  constructor(path: string, options: FileTokenStoreOptions = {}) {
    this.path = resolve(path);
    this.#lockStaleMs = Math.max(2_000, options.lockStaleMs ?? DEFAULT_LOCK_STALE_MS);
    this.#lockWaitMs = Math.max(0, options.lockWaitMs ?? DEFAULT_LOCK_WAIT_MS);
  }

  async withRefreshLock<T>(fn: () => Promise<T>): Promise<T> {
    const release = await this.#lock();
    try {
      return await fn();
    } finally {
      // Released or taken over as stale already: either way it is no longer ours.
      await release().catch(() => undefined);
    }
  }

  async #lock(): Promise<() => Promise<void>> {
    const started = Date.now();
    let pause = 5;
    try {
      // Loaded on first refresh, not with the runtime: most processes never take the lock.
      const { default: lockfile } = await import('proper-lockfile');
      await mkdir(dirname(this.path), { recursive: true, mode: DIR_MODE });
      for (;;) {
        try {
          return await tryLock(lockfile, this.path, this.#lockStaleMs);
        } catch (error) {
          const code = errorCode(error);
          // ENOENT: proper-lockfile made the lock directory, but another process that had
          // judged the previous (stale) lock by an earlier look removed it before the stat
          // that follows. The lock is not ours; take turns again like any waiter.
          if (code === 'ENOENT')
            await mkdir(dirname(this.path), { recursive: true, mode: DIR_MODE });
          else if (code !== 'ELOCKED') throw error;
        }
        if (Date.now() - started >= this.#lockWaitMs) {
          throw new TokenStoreError(
            `Timed out after ${this.#lockWaitMs} ms waiting for the refresh lock of token store file ${this.path}`,
            this.path,
            'ELOCKED',
          );
        }
        await sleep(pause * (0.5 + Math.random()));
        pause = Math.min(MAX_LOCK_POLL_MS, pause * 2);
      }
    } catch (error) {
      if (error instanceof TokenStoreError) throw error;
      const code = errorCode(error);
      throw new TokenStoreError(
        `Could not lock token store file ${this.path} (${code})`,
        this.path,
        code,
      );
    }
  }

  async load(): Promise<Tokens | undefined> {
    await (this.#swept ??= sweepStaleTemps(this.path));
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (error) {
      const code = errorCode(error);
      if (code === 'ENOENT') return undefined;
      throw new TokenStoreError(
        `Could not read token store file ${this.path} (${code})`,
        this.path,
        code,
      );
    }
    return parseTokenFile(text, this.path);
  }

  save(tokens: Tokens): Promise<void> {
    const run = this.#queue
      .then(() => (this.#swept ??= sweepStaleTemps(this.path)))
      .then(() => this.#write(tokens));
    this.#queue = run.catch(() => undefined);
    return run;
  }

  async #write(tokens: Tokens): Promise<void> {
    const dir = dirname(this.path);
    const temp = join(
      dir,
      `${tempPrefix(this.path)}${process.pid}.${nodeCrypto().randomBytes(6).toString('hex')}.tmp`,
    );
    const data = serializeTokens(tokens);
    try {
      await mkdir(dir, { recursive: true, mode: DIR_MODE });
      const handle = await open(temp, 'wx', FILE_MODE);
      try {
        // The umask may have narrowed the mode at creation, never widened it; chmod makes it exact.
        await handle.chmod(FILE_MODE);
        await handle.writeFile(data, 'utf8');
        await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(temp, this.path);
    } catch (error) {
      await unlink(temp).catch(() => undefined);
      const code = errorCode(error);
      throw new TokenStoreError(
        `Could not write token store file ${this.path} (${code})`,
        this.path,
        code,
      );
    }
    await syncDirectory(dir);
  }

  toJSON(): Record<string, unknown> {
    return { type: 'FileTokenStore', path: this.path };
  }

  [INSPECT_CUSTOM](): string {
    return `FileTokenStore { path: ${JSON.stringify(this.path)} }`;
  }
}

/** `.tokens.json.`: what the names of a store's temporary files start with, then `<pid>.<hex>.tmp`. */
function tempPrefix(path: string): string {
  return `.${basename(path)}.`;
}

/**
 * Removes the temporary files a killed or crashed save of this token file left behind: those
 * of a process that no longer exists, and any older than STALE_TEMP_MS (its pid may have been
 * reused). A fresh one of a live process may be a save in progress and stays. Best effort:
 * a sweep that fails changes nothing about the store.
 */
export async function sweepStaleTemps(path: string, now = Date.now()): Promise<void> {
  const dir = dirname(path);
  const prefix = tempPrefix(path);
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return;
  }
  for (const name of names) {
    if (!name.startsWith(prefix)) continue;
    const pid = /^(\d+)\.[0-9a-f]+\.tmp$/.exec(name.slice(prefix.length))?.[1];
    if (pid === undefined) continue;
    const file = join(dir, name);
    try {
      if (processAlive(Number(pid)) && now - (await stat(file)).mtimeMs < STALE_TEMP_MS) continue;
      await unlink(file);
    } catch {
      // Gone already (another store swept it, or its save finished), or not ours to remove.
    }
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, under another user.
    return (error as { code?: unknown }).code === 'EPERM';
  }
}

/** Only the known fields are written, in a fixed order. */
export function serializeTokens(tokens: Tokens): string {
  const out: Tokens = {};
  if (tokens.accessToken !== undefined) out.accessToken = tokens.accessToken;
  if (tokens.refreshToken !== undefined) out.refreshToken = tokens.refreshToken;
  if (tokens.expiresAt !== undefined) out.expiresAt = tokens.expiresAt;
  return `${JSON.stringify(out, null, 2)}\n`;
}

/** Parse and check a token file. The error never quotes the content (nor JSON.parse's message, which does). */
export function parseTokenFile(text: string, path: string): Tokens {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new TokenStoreError(
      `Token store file ${path} is corrupt: not valid JSON`,
      path,
      'corrupt',
    );
  }
  const problem = tokensShapeProblem(value);
  if (problem !== undefined) {
    throw new TokenStoreError(`Token store file ${path} is corrupt: ${problem}`, path, 'corrupt');
  }
  const record = value as Record<string, unknown>;
  const tokens: Tokens = {};
  if (record['accessToken'] !== undefined) tokens.accessToken = record['accessToken'] as string;
  if (record['refreshToken'] !== undefined) tokens.refreshToken = record['refreshToken'] as string;
  if (record['expiresAt'] !== undefined) tokens.expiresAt = record['expiresAt'] as number;
  return tokens;
}

function tokensShapeProblem(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return 'not a JSON object';
  const record = value as Record<string, unknown>;
  for (const key of ['accessToken', 'refreshToken'] as const) {
    if (record[key] !== undefined && typeof record[key] !== 'string')
      return `${key} is not a string`;
  }
  const expiresAt = record['expiresAt'];
  if (expiresAt !== undefined && (typeof expiresAt !== 'number' || !Number.isFinite(expiresAt))) {
    return 'expiresAt is not a number';
  }
  return undefined;
}

/** Make the rename itself durable. Best effort: some platforms (Windows) cannot open a directory. */
async function syncDirectory(dir: string): Promise<void> {
  try {
    const handle = await open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // The rename already happened; durability across power loss is all that is at stake.
  }
}

function errorCode(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : 'unknown error';
}
