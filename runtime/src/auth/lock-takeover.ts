/**
 * One attempt at FileTokenStore's lock through proper-lockfile (`tryLock`), mended in two
 * places: taking over a stale lock is single-winner, and the process's first real lock is not
 * dated ahead.
 *
 * proper-lockfile judges a lock stale by its mtime, then removes the directory and makes it
 * again, in separate steps. A contender that judged the same stale lock a moment earlier can
 * then remove the lock another contender has just made, and both go on as holders
 * (node-proper-lockfile#121) — two refreshes spending one refresh token. Here the removal of
 * a lock this process does not hold happens only under a second, short-lived lock directory
 * (`<lock>-takeover`), and only after the lock is judged stale again under it; a fresh lock
 * found there is reported as held (ELOCKED), and the caller waits its turn.
 *
 * The takeover lock is held for a stat and an rmdir. Should its holder die inside that window,
 * it is removed once older than TAKEOVER_STALE_MS; two contenders doing that at the same
 * instant is the remaining (second-order) race.
 */
import type * as NodeFs from 'node:fs';
import type { lock } from 'proper-lockfile';

const TAKEOVER_STALE_MS = 2_000;
/** The probe lock lives for a few file operations; any stale time ≥ proper-lockfile's minimum serves. */
const PROBE_STALE_MS = 10_000;

type Callback = (error: NodeJS.ErrnoException | null) => void;
/** proper-lockfile, as loaded on first use (its `lock`). */
type Lockfile = { lock: typeof lock };
type SharedFs = Pick<LockFs, 'mkdir' | 'stat' | 'utimes' | 'realpath' | 'rmdirSync'>;

/** The fs subset proper-lockfile calls, plus `acquired()` to mark the lock as ours. */
interface LockFs {
  mkdir: typeof NodeFs.mkdir;
  stat: typeof NodeFs.stat;
  utimes: typeof NodeFs.utimes;
  realpath: typeof NodeFs.realpath;
  rmdirSync: typeof NodeFs.rmdirSync;
  rmdir(path: string, callback: Callback): void;
  /** From now on an rmdir of the lock is its holder releasing it, not a takeover. */
  acquired(): void;
}

/**
 * What every attempt's file system inherits. proper-lockfile probes the file system's mtime
 * precision on its first lock and caches the answer on the fs object it was given; the probe
 * sets the new lock's mtime up to a second ahead, which delays the lock's going stale if its
 * holder dies within that second. Carried over to this shared object after an attempt, the
 * probe runs once per process, as with proper-lockfile's own default fs; `tryLock` spends it
 * on a throwaway lock before the first real one.
 */
let sharedFs: SharedFs | undefined;
function shared(): SharedFs {
  const fs = nodeFs();
  return (sharedFs ??= {
    mkdir: fs.mkdir,
    stat: fs.stat,
    utimes: fs.utimes,
    realpath: fs.realpath,
    rmdirSync: fs.rmdirSync,
  });
}

/**
 * node:fs as Node's own module object: an ESM import of it would build its namespace at the
 * runtime's import, loading fs/promises and the stream modules a client without a token file
 * never needs.
 */
function nodeFs(): typeof NodeFs {
  return process.getBuiltinModule('node:fs');
}

/** The throwaway lock that learns the mtime precision: once per process, however it ends. */
let probed: Promise<void> | undefined;

/**
 * One attempt at the lock of `path` (`<path>.lock`): its release when taken, else proper-lockfile's
 * error (ELOCKED while another process holds it).
 */
export async function tryLock(
  lockfile: Lockfile,
  path: string,
  staleMs: number,
): Promise<() => Promise<void>> {
  await (probed ??= probePrecision(lockfile, `${path}.probe`));
  return lockOnce(lockfile, path, staleMs);
}

async function lockOnce(
  lockfile: Lockfile,
  path: string,
  staleMs: number,
): Promise<() => Promise<void>> {
  const fs = lockFs(`${path}.lock`, staleMs);
  const release = await lockfile.lock(path, {
    realpath: false,
    stale: staleMs,
    fs,
    // The default throws from a timer (a crash). A lock lost while refreshing changes nothing
    // the refresh can still undo; the save that follows is atomic either way.
    onCompromised: () => undefined,
  });
  fs.acquired();
  return release;
}

/**
 * proper-lockfile's first lock in a process probes the file system's mtime precision and leaves
 * that lock's mtime up to a second ahead: a holder dying in that second would leave a lock that
 * goes stale up to a second late. The probe is spent on a throwaway lock instead. Best effort:
 * a probe that fails (another process holds the probe lock) leaves things as they were.
 */
async function probePrecision(lockfile: Lockfile, target: string): Promise<void> {
  try {
    const release = await lockOnce(lockfile, target, PROBE_STALE_MS);
    await release();
  } catch {
    // Not probed: the first real lock probes, as proper-lockfile does by itself.
  }
}

/** Before `acquired()`, removing `lockDir` is a guarded takeover. */
function lockFs(lockDir: string, staleMs: number): LockFs {
  let held = false;
  const fs = nodeFs();
  const base = shared();
  const attempt: LockFs = Object.assign(Object.create(base) as SharedFs, {
    rmdir(path: string, callback: Callback) {
      if (held || path !== lockDir) fs.rmdir(path, callback);
      else takeOverStale(lockDir, staleMs).then(() => callback(null), callback);
    },
    acquired() {
      held = true;
      for (const key of Object.getOwnPropertySymbols(attempt)) {
        if (!Object.getOwnPropertySymbols(base).includes(key))
          Object.defineProperty(base, key, { value: (attempt as never)[key] });
      }
    },
  });
  return attempt;
}

async function takeOverStale(lockDir: string, staleMs: number): Promise<void> {
  const fs = nodeFs();
  const guard = `${lockDir}-takeover`;
  try {
    await fs.promises.mkdir(guard);
  } catch (error) {
    if (code(error) !== 'EEXIST') throw error;
    await removeIfOlder(guard, TAKEOVER_STALE_MS);
    throw held(lockDir);
  }
  try {
    // Judged again now that no other contender can remove it: it may have been replaced by a
    // fresh lock since proper-lockfile looked.
    if (!(await removeIfOlder(lockDir, staleMs))) throw held(lockDir);
  } finally {
    await fs.promises.rmdir(guard).catch(() => undefined);
  }
}

/** True when the directory is gone afterwards (removed here, or already). */
async function removeIfOlder(path: string, ageMs: number): Promise<boolean> {
  const fs = nodeFs();
  try {
    const { mtimeMs } = await fs.promises.stat(path);
    if (mtimeMs >= Date.now() - ageMs) return false;
    await fs.promises.rmdir(path);
    return true;
  } catch (error) {
    if (code(error) === 'ENOENT') return true;
    throw error;
  }
}

function held(lockDir: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`Lock ${lockDir} is held`), { code: 'ELOCKED' });
}

function code(error: unknown): unknown {
  return (error as { code?: unknown } | null)?.code;
}
