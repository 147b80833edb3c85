/**
 * What the hand-written packages' own builds (runtime/build.ts, mock/build.ts, redis/build.ts)
 * share: tsc for declarations, a dist/ built beside the old one and swapped in whole, and the
 * up-to-date check that lets `npm run build` skip a package nobody edited. Build-time code
 * only: no built package imports it.
 */
import { execFile } from 'node:child_process';
import { readdir, rename, rm, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Runs TypeScript's tsc with `args` in `cwd`; a failure names `what` and carries tsc's output. */
export async function tsc(what: string, args: string[], cwd: string): Promise<void> {
  const bin = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  try {
    await run(process.execPath, [bin, ...args], { cwd });
  } catch (e) {
    const stdout = (e as { stdout?: string }).stdout ?? '';
    throw new Error(`compiling ${what} failed:\n${stdout.slice(0, 4000)}`);
  }
}

/**
 * One package's build: skipped when dist/index.js and dist/index.d.ts are newer than every
 * file of src/, tsconfig.json, package.json and `inputs`; else `compile` fills a staging
 * folder that replaces dist/ whole (replaceDist), and one line says how long it took.
 */
export async function buildPackage(options: {
  /** The folder name, for messages: `runtime`, `mock`, `redis`. */
  name: string;
  dir: string;
  /** Inputs beyond the package's sources and configuration (spec files the mock copies). */
  inputs?: string[];
  compile: (staging: string) => Promise<void>;
  out: (line: string) => void;
}): Promise<void> {
  const { name, dir } = options;
  const dist = join(dir, 'dist');
  const inputs = [
    ...(await filesUnder(join(dir, 'src'))),
    join(dir, 'tsconfig.json'),
    join(dir, 'package.json'),
    ...(options.inputs ?? []),
  ];
  if (await isUpToDate(inputs, [join(dist, 'index.js'), join(dist, 'index.d.ts')])) return;
  const started = performance.now();
  await replaceDist(dir, options.compile);
  options.out(`${name}: built ${name}/dist in ${Math.round(performance.now() - started)} ms`);
}

/**
 * Builds a whole new `<packageDir>/dist` in a staging folder beside it and swaps it in only
 * when complete: no module of an earlier layout lingers, and a failed build (a type error)
 * leaves the previous dist/ working for whatever already uses it.
 */
async function replaceDist(
  packageDir: string,
  build: (staging: string) => Promise<void>,
): Promise<void> {
  const dist = join(packageDir, 'dist');
  const staging = join(packageDir, `.dist-${process.pid}`);
  const old = join(packageDir, `.dist-old-${process.pid}`);
  await rm(staging, { recursive: true, force: true });
  try {
    await build(staging);
    await rename(dist, old).catch((e: NodeJS.ErrnoException) => {
      if (e.code !== 'ENOENT') throw e;
    });
    await rename(staging, dist);
    await rm(old, { recursive: true, force: true });
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

/** Every file under `dir`, recursively, as absolute paths. */
export async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

/** Whether every one of `outputs` exists and is newer than every one of `inputs`. */
async function isUpToDate(inputs: string[], outputs: string[]): Promise<boolean> {
  const mtime = (file: string) => stat(file).then((s) => s.mtimeMs);
  let built: number;
  try {
    built = Math.min(...(await Promise.all(outputs.map(mtime))));
  } catch {
    return false;
  }
  const times = await Promise.all(inputs.map(mtime));
  return times.every((t) => t <= built);
}

/**
 * Runs `build` when the module at `moduleUrl` is the script node was started with (`node
 * --import tsx build.ts`, the package's `npm run build`); a failure prints its message and
 * exits 1.
 */
export function buildWhenRunDirectly(
  moduleUrl: string,
  build: (out: (line: string) => void) => Promise<void>,
): void {
  if (!process.argv[1] || resolve(process.argv[1]) !== fileURLToPath(moduleUrl)) return;
  build(console.log).catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
