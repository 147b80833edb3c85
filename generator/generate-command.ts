import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { REPO_ROOT, SPECS_DIR, findService, serviceIds } from './specs/manifest.ts';

export interface GenerateArgs {
  services: string[];
  all: boolean;
  out?: string;
  /** Read specs from here instead of specs/ (tests; a mirror of the spec files). */
  specsDir?: string;
}

type Io = { out: (s: string) => void; err: (s: string) => void };

/**
 * `adsgen generate`: one package per service into the output directory (atomic, see
 * emit/generate.ts), then a change summary for each service whose spec changed since the
 * previous generate (kept in the output directory too). It writes nothing else: the spec files
 * come from `npm run specs`, and runtime/, mock/ and redis/ build themselves (`npm run build`);
 * `npm run generate` runs all three.
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
  assertSpecsPresent(specsDir, services);

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

/** Fails before any work when a spec file of a requested service is not in `specsDir`. */
function assertSpecsPresent(specsDir: string, services: readonly string[]): void {
  const missing = services
    .flatMap((id) => Object.values(findService(id).files))
    .filter((file) => !existsSync(join(specsDir, file)));
  if (missing.length === 0) return;
  const shown = missing.length > 3 ? `${missing.slice(0, 3).join(', ')}, …` : missing.join(', ');
  throw new Error(
    `${specsDir} lacks ${missing.length} spec file(s) (${shown}): run \`npm run specs\` first`,
  );
}
