import { mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/**
 * Atomic replacement of service directories under an output directory. Everything is built
 * in a staging directory beside it (`.generated-tmp-<pid>`, same file system, so moves are
 * renames); only when the whole build succeeded is each named service directory swapped in.
 * A failed build removes the staging directory and leaves the output directory untouched;
 * services not named are never touched.
 */
export async function buildAtomically(
  outDir: string,
  services: readonly string[],
  build: (stagingDir: string) => Promise<void>,
): Promise<void> {
  const staging = join(dirname(outDir), `.${basename(outDir)}-tmp-${process.pid}`);
  await rm(staging, { recursive: true, force: true });
  await mkdir(staging, { recursive: true });
  try {
    await build(staging);
    await swapIn(outDir, staging, services);
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

/** Moves each old service directory aside, then the new one in; undoes the moves on failure. */
async function swapIn(outDir: string, staging: string, services: readonly string[]): Promise<void> {
  await mkdir(outDir, { recursive: true });
  const done: { target: string; old?: string }[] = [];
  try {
    for (const id of services) {
      const target = join(outDir, id);
      const step: { target: string; old?: string } = { target };
      if (await exists(target)) {
        step.old = join(staging, `.old-${id}`);
        await rename(target, step.old);
      }
      done.push(step);
      await rename(join(staging, id), target);
    }
  } catch (error) {
    for (const step of done.reverse()) {
      await rm(step.target, { recursive: true, force: true }).catch(() => undefined);
      if (step.old) await rename(step.old, step.target).catch(() => undefined);
    }
    throw error;
  }
}

/** Writes a package's files (relative path → text) under `dir`. */
export async function writeFiles(dir: string, files: ReadonlyMap<string, string>): Promise<void> {
  const dirs = new Set([...files.keys()].map((p) => dirname(join(dir, p))));
  for (const d of dirs) await mkdir(d, { recursive: true });
  await Promise.all([...files].map(([path, text]) => writeFile(join(dir, path), text)));
}
