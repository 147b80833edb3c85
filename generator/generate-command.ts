import { execFile } from 'node:child_process';
import { readFile, readdir, rename, rm, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { ensureSpecs } from './ensure-specs.ts';
import { REPO_ROOT, SPECS_DIR, serviceIds } from './specs/manifest.ts';

const run = promisify(execFile);

export interface GenerateArgs {
  services: string[];
  all: boolean;
  out?: string;
  /** Read specs from here instead of specs/ (tests; a mirror of the spec files). */
  specsDir?: string;
  /** Skip compiling runtime/ (tests that only look at generated sources). */
  skipRuntime?: boolean;
}

type Io = { out: (s: string) => void; err: (s: string) => void };

/**
 * `adsgen generate`: specs (if missing) → error-code table → runtime/dist → one package per
 * service (atomic, see emit/generate.ts) → a change summary for each service whose spec
 * changed since the previous generate.
 */
export async function runGenerate(args: GenerateArgs, io: Io): Promise<number> {
  const all = serviceIds();
  const services = args.all || args.services.length === 0 ? all : args.services;
  for (const s of services) {
    if (!all.includes(s))
      throw new Error(`unknown service '${s}'; expected one of: ${all.join(', ')}`);
  }
  const outDir = resolve(args.out ?? join(REPO_ROOT, 'generated'));
  const specsDir = args.specsDir ?? SPECS_DIR;
  if (!args.specsDir) await ensureSpecs(io.out);
  if (!args.skipRuntime) await buildRuntime(io);

  const { generate } = await import('./emit/generate.ts');
  const { recordAndSummarize } = await import('./generate-summary.ts');
  const previous = await recordAndSummarize.loadPrevious(outDir, services);
  const results = await generate({
    services,
    specsDir,
    outDir,
    log: io.out,
    tty: Boolean(process.stdout.isTTY),
  });
  for (const line of await recordAndSummarize.summarize(specsDir, outDir, services, previous))
    io.out(line);
  const total = results.reduce((n, r) => n + r.ms, 0);
  io.out(`generated ${results.length} package(s) into ${outDir} in ${Math.round(total)} ms`);
  return 0;
}

/**
 * Writes the error-code table from specs/error-codes.json and compiles runtime/ to
 * runtime/dist, so generated packages work straight from a checkout. Skips the compile when
 * runtime/dist is newer than every runtime source file.
 */
export async function buildRuntime(io: Io): Promise<void> {
  const { writeErrorCodeTable } = await import('./error-codes/generate.ts');
  const runtimeDir = join(REPO_ROOT, 'runtime');
  // Write to a temp file and replace only on change, so an unchanged table keeps its mtime
  // and the compile below can be skipped.
  const table = join(runtimeDir, 'src', 'error-codes.generated.ts');
  const fresh = `${table}.tmp-${process.pid}`;
  await writeErrorCodeTable(SPECS_DIR, fresh);
  const [before, after] = await Promise.all([
    readFile(table, 'utf8').catch(() => ''),
    readFile(fresh, 'utf8'),
  ]);
  if (before === after) await rm(fresh);
  else await rename(fresh, table);
  if (await isUpToDate(join(runtimeDir, 'src'), join(runtimeDir, 'dist', 'index.js'))) return;
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  const started = performance.now();
  try {
    await run(process.execPath, [tsc, '-p', join(runtimeDir, 'tsconfig.json')], { cwd: REPO_ROOT });
  } catch (e) {
    const out = (e as { stdout?: string }).stdout ?? '';
    throw new Error(`compiling runtime/ failed:\n${out.slice(0, 4000)}`);
  }
  io.out(`runtime: compiled to runtime/dist in ${Math.round(performance.now() - started)} ms`);
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
