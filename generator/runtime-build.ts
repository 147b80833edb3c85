import { execFile } from 'node:child_process';
import { readFile, readdir, rename, rm, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Plugin } from 'esbuild';
import { REPO_ROOT, SPECS_DIR } from './specs/manifest.ts';

const run = promisify(execFile);
const RUNTIME = join(REPO_ROOT, 'runtime');

/**
 * Builds runtime/dist so generated packages work straight from a checkout: the error-code
 * table from specs/error-codes.json, the declarations by tsc (`--emitDeclarationOnly`: tsc is
 * also the type check), and the JavaScript as ONE esbuild bundle, dist/index.js, with its
 * source map. One module instead of ~45 is measured, not guessed: importing the runtime on a
 * cold process took ~53 ms as separate modules and ~34 ms bundled (`npm run bench`, cold
 * start), for every process that starts a client. undici stays an external dependency (the
 * transport loads its Agent module at run time, see runtime/src/transport.ts).
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
  await bundle(join(runtimeDir, 'src', 'index.ts'), join(outDir, 'index.js'));
  await bundleTransfer(runtimeDir, outDir);
}

/** One entry point → one ESM bundle for Node 20 with its source map; packages stay external. */
async function bundle(entry: string, outfile: string, plugins: Plugin[] = []): Promise<void> {
  const { build } = await import('esbuild');
  const result = await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    sourcemap: true,
    logLevel: 'silent',
    plugins,
  });
  if (result.errors.length > 0) {
    throw new Error(`bundling ${entry} failed: ${result.errors.map((e) => e.text).join('; ')}`);
  }
}

/**
 * The `@adsgen/runtime/transfer` entry (polling, download, unzip, CSV) as dist/transfer.js, a
 * bundle of its own so that importing the main entry does not load it (nor fflate and
 * csv-parse). Its imports of the error classes (errors.ts, or index.ts itself) are left as an
 * import of ./index.js: one class per error in the process, so `instanceof` holds across both
 * entries.
 */
async function bundleTransfer(runtimeDir: string, outDir: string): Promise<void> {
  const shared = new Set(['errors.ts', 'index.ts'].map((f) => join(runtimeDir, 'src', f)));
  const mainEntry: Plugin = {
    name: 'runtime-main-entry',
    setup(b) {
      b.onResolve({ filter: /^\.\.?\/.*\.js$/ }, (args) => {
        const file = join(args.resolveDir, args.path.replace(/\.js$/, '.ts'));
        return shared.has(file) ? { path: './index.js', external: true } : undefined;
      });
    },
  };
  await bundle(join(runtimeDir, 'src', 'transfer', 'index.ts'), join(outDir, 'transfer.js'), [
    mainEntry,
  ]);
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
