import { readdirSync, statSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import {
  alternate,
  median,
  result,
  timeProcess,
  withPeakRss,
  type BenchResult,
  type ProcessResult,
} from '../stats.ts';
import {
  BIN,
  OPENAPI_TS_CLI,
  ROOT,
  SCRATCH,
  SERVICES,
  SPECS,
  TSC,
  WSDL_TSCLIENT_CLI,
} from '../paths.ts';

/**
 * Generation time, each tool as a fresh process the way a user runs it, alternated run by run:
 * - ours: `adsgen generate --all` (six services, SOAP + REST merged, packages with dist/)
 *   against wsdl-tsclient on campaign-management.wsdl alone (target ratio <= 1.0);
 * - per service: `adsgen generate <id>` against wsdl-tsclient (SOAP) and openapi-typescript
 *   (REST) on that service's files, with the same 1.0 target (informational rows).
 */
export async function benchGeneration(
  runs: number,
  log: (s: string) => void,
): Promise<BenchResult[]> {
  const entry = await ensureCompiledGenerator(log);
  const work = join(SCRATCH, `gen-${process.pid}`);
  await mkdir(work, { recursive: true });
  const node = process.execPath;
  const ours = (services: string[]) => () =>
    timeProcess(
      node,
      withPeakRss(
        BIN,
        'generate',
        ...(services.length ? services : ['--all']),
        '--out',
        join(work, 'ours'),
      ),
    );
  const wsdlTsclient = (id: string) => () =>
    timeProcess(
      node,
      withPeakRss(
        WSDL_TSCLIENT_CLI,
        join(SPECS, `${id}.wsdl`),
        '-o',
        join(work, 'wsdl-tsclient', id),
      ),
    );
  const openapiTs = (id: string) => () =>
    timeProcess(
      node,
      withPeakRss(
        OPENAPI_TS_CLI,
        join(SPECS, `${id}.openapi.json`),
        '-o',
        join(work, 'openapi-ts', `${id}.d.ts`),
      ),
    );
  try {
    const results: BenchResult[] = [];
    const all = await alternate(runs, {
      ours: ours([]),
      theirs: wsdlTsclient('campaign-management'),
    });
    results.push(
      row(
        'generation: adsgen generate --all (6 services, SOAP+REST) vs wsdl-tsclient on campaign-management.wsdl',
        all.ours,
        all.theirs,
        'wsdl-tsclient',
        runs,
        false,
      ),
    );
    results[0]!.note = `adsgen ran ${entry}`;
    log(line('--all vs wsdl-tsclient(campaign-management)', all.ours, all.theirs));
    for (const id of SERVICES) {
      const s = await alternate(runs, {
        ours: ours([id]),
        soap: wsdlTsclient(id),
        rest: openapiTs(id),
      });
      results.push(
        row(
          `generation: ${id} (SOAP+REST package) vs wsdl-tsclient (SOAP)`,
          s.ours,
          s.soap,
          'wsdl-tsclient',
          runs,
          true,
        ),
      );
      results.push(
        row(
          `generation: ${id} (SOAP+REST package) vs openapi-typescript (REST types)`,
          s.ours,
          s.rest,
          'openapi-typescript',
          runs,
          true,
        ),
      );
      log(`${line(`${id} vs wsdl-tsclient`, s.ours, s.soap)}; openapi-typescript ${ms(s.rest)}`);
    }
    return results;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/**
 * What users run is the compiled generator (`npm ci` builds dist/ through `prepare`); bin/adsgen.js
 * falls back to tsx when dist/ is older than generator/, as in a checkout being edited. Build
 * it first (untimed) so the bench times the shipped path, and say which path it timed.
 */
async function ensureCompiledGenerator(log: (s: string) => void): Promise<string> {
  if (compiledIsFresh()) return 'the compiled generator (dist/)';
  log('  compiling the generator (tsc -p tsconfig.build.json), untimed …');
  await timeProcess(process.execPath, [TSC, '-p', join(ROOT, 'tsconfig.build.json')], {
    cwd: ROOT,
    allowFailure: true,
  });
  if (compiledIsFresh()) return 'the compiled generator (dist/)';
  log('  WARNING: dist/generator is still older than generator/: timing the tsx fallback');
  return 'the TypeScript sources through tsx (dist/ was stale)';
}

/** bin/adsgen.js's own test: dist/generator/cli.js newer than every file under generator/. */
function compiledIsFresh(): boolean {
  const newest = (dir: string): number =>
    Math.max(
      0,
      ...readdirSync(dir, { withFileTypes: true }).map((e) =>
        e.isDirectory() ? newest(join(dir, e.name)) : statSync(join(dir, e.name)).mtimeMs,
      ),
    );
  try {
    return (
      statSync(join(ROOT, 'dist', 'generator', 'cli.js')).mtimeMs >= newest(join(ROOT, 'generator'))
    );
  } catch {
    return false;
  }
}

function row(
  metric: string,
  ours: ProcessResult[],
  theirs: ProcessResult[],
  name: string,
  runs: number,
  informational: boolean,
): BenchResult {
  return result(
    metric,
    median(ours.map((r) => r.ms)),
    median(theirs.map((r) => r.ms)),
    name,
    'ms',
    'lower',
    1.0,
    {
      informational,
      runs,
      peakRssKB: { ours: rss(ours), baseline: rss(theirs) },
    },
  );
}

function rss(samples: ProcessResult[]): number[] {
  return samples.flatMap((r) => (r.peakRssKB === undefined ? [] : [r.peakRssKB]));
}

function ms(samples: ProcessResult[]): string {
  return `${median(samples.map((r) => r.ms)).toFixed(0)} ms`;
}

function line(what: string, ours: ProcessResult[], theirs: ProcessResult[]): string {
  return `  generation ${what}: ours ${ms(ours)}, theirs ${ms(theirs)}`;
}
