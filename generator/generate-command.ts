import { join, resolve } from 'node:path';
import { ensureSpecs } from './ensure-specs.ts';
import { REPO_ROOT, SPECS_DIR, serviceIds } from './specs/manifest.ts';

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
 * `adsgen generate`: specs (if missing) → error-code table → runtime/dist, mock/dist and
 * redis/dist → one package per service (atomic, see emit/generate.ts) → a change summary for
 * each service whose spec changed since the previous generate.
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
  if (!args.skipRuntime) {
    const { buildRuntime } = await import('./runtime-build.ts');
    await buildRuntime(io.out);
    const { buildMock } = await import('./mock-build.ts');
    await buildMock(io.out);
    // @adsgen/redis builds itself (its own `npm run build`); after the runtime, whose
    // declarations it compiles against. Its directory is passed: this may run compiled, from
    // dist/, where the build module's own location is not redis/.
    const { buildRedis } = await import('../redis/build.ts');
    await buildRedis(io.out, join(REPO_ROOT, 'redis'));
  }

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
  const loaded = new Map(
    results.flatMap((r) =>
      Object.entries(r.models).map(([protocol, model]) => [`${r.service}.${protocol}`, model]),
    ),
  );
  for (const line of await recordAndSummarize.summarize(
    specsDir,
    outDir,
    services,
    previous,
    loaded,
  ))
    io.out(line);
  const total = results.reduce((n, r) => n + r.ms, 0);
  io.out(`generated ${results.length} package(s) into ${outDir} in ${Math.round(total)} ms`);
  return 0;
}
