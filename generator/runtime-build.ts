import { execFile } from 'node:child_process';
import { readFile, readdir, rename, rm, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { REPO_ROOT, SPECS_DIR } from './specs/manifest.ts';
import { bundleForNode } from './esbuild-bundle.ts';

const run = promisify(execFile);
const RUNTIME = join(REPO_ROOT, 'runtime');

/**
 * Builds runtime/dist so generated packages work straight from a checkout: the error-code
 * table from specs/error-codes.json, the declarations by tsc (`--emitDeclarationOnly`: tsc is
 * also the type check), and the JavaScript as esbuild bundles with source maps, one per entry
 * (index, internal, transfer/index) over shared chunks: a process that starts a client loads a
 * few modules instead of dozens, which the cold-start bench measures. undici stays an external
 * dependency (the transport loads its Agent module at run time, see runtime/src/transport.ts).
 *
 * Skips the work when dist/index.js is newer than every runtime source file. Otherwise builds a
 * whole new dist/ and swaps it in, so no module of an earlier layout lingers and a failed build
 * changes nothing.
 */
export async function buildRuntime(
  out: (line: string) => void,
  runtimeDir: string = RUNTIME,
): Promise<void> {
  const { writeErrorCodeTable } = await import('./error-codes/generate.ts');
  // Write to a temp file and replace only on change, so an unchanged table keeps its mtime
  // and the build below can be skipped.
  const table = join(runtimeDir, 'src', 'error-codes.generated.ts');
  const fresh = `${table}.tmp-${process.pid}`;
  await writeErrorCodeTable(SPECS_DIR, fresh);
  const [before, after] = await Promise.all([
    readFile(table, 'utf8').catch(() => ''),
    readFile(fresh, 'utf8'),
  ]);
  if (before === after) await rm(fresh);
  else await rename(fresh, table);
  const dist = join(runtimeDir, 'dist');
  if (await isUpToDate(join(runtimeDir, 'src'), join(dist, 'index.js'))) return;
  const started = performance.now();
  // Built beside dist/ and swapped in only when complete: a failed build (a type error in
  // runtime/src) leaves the previous dist/ working for the packages already generated.
  const staging = join(runtimeDir, `.dist-${process.pid}`);
  await rm(staging, { recursive: true, force: true });
  try {
    await compile(runtimeDir, staging);
    const old = join(runtimeDir, `.dist-old-${process.pid}`);
    await rename(dist, old).catch((e: NodeJS.ErrnoException) => {
      if (e.code !== 'ENOENT') throw e;
    });
    await rename(staging, dist);
    await rm(old, { recursive: true, force: true });
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
  out(`runtime: built runtime/dist in ${Math.round(performance.now() - started)} ms`);
}

/** runtime/src → `outDir`: declarations by tsc (which type-checks), JavaScript by esbuild. */
async function compile(runtimeDir: string, outDir: string): Promise<void> {
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  try {
    await run(
      process.execPath,
      [tsc, '-p', join(runtimeDir, 'tsconfig.json'), '--emitDeclarationOnly', '--outDir', outDir],
      { cwd: REPO_ROOT },
    );
  } catch (e) {
    const stdout = (e as { stdout?: string }).stdout ?? '';
    throw new Error(`compiling runtime/ failed:\n${stdout.slice(0, 4000)}`);
  }
  // Two entries (the public one and `internal`, for generated code) share one chunk, so both
  // see the same classes: an error thrown by the client is `instanceof` what users import.
  // `transfer` (polling, download, unzip, CSV for reports and bulk files) is a third entry,
  // dist/transfer/index.js: importing the public entry does not load it, fflate or csv-parse.
  await bundleForNode('runtime/', {
    entryPoints: ['index', 'internal', 'transfer/index'].map((name) =>
      join(runtimeDir, 'src', `${name}.ts`),
    ),
    outdir: outDir,
    chunkNames: 'runtime-[hash]',
  });
}

async function isUpToDate(srcDir: string, output: string): Promise<boolean> {
  let outTime: number;
  try {
    outTime = (await stat(output)).mtimeMs;
  } catch {
    return false;
  }
  const walk = async (dir: string): Promise<boolean> => {
    for (const e of await readdir(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) {
        if (!(await walk(p))) return false;
      } else if ((await stat(p)).mtimeMs > outTime) return false;
    }
    return true;
  };
  return walk(srcDir);
}
