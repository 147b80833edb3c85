import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { GENERATED, SCRATCH, SPECS, TSC, WSDL_TSCLIENT_CLI } from '../paths.ts';
import {
  alternate,
  median,
  result,
  timeProcess,
  withPeakRss,
  type BenchResult,
  type ProcessResult,
} from '../stats.ts';

/**
 * Type-check cost: `tsc --noEmit -p` over generated/campaign-management/src against the same
 * over wsdl-tsclient's output for campaign-management.wsdl (generated beforehand, untimed).
 * One compiler configuration for both: strict, skipLibCheck, bundler resolution (our sources
 * use `.js` specifiers, wsdl-tsclient's none), Node types. Target <= 1.0.
 */
export async function benchTypeCheck(
  runs: number,
  log: (s: string) => void,
): Promise<BenchResult[]> {
  const work = join(SCRATCH, `typecheck-${process.pid}`);
  await mkdir(work, { recursive: true });
  try {
    const theirsDir = join(work, 'wsdl-tsclient');
    await timeProcess(process.execPath, [
      WSDL_TSCLIENT_CLI,
      join(SPECS, 'campaign-management.wsdl'),
      '-o',
      theirsDir,
    ]);
    const ours = await project(work, 'ours', [
      join(GENERATED, 'campaign-management', 'src', '**', '*.ts'),
    ]);
    const theirs = await project(work, 'theirs', [join(theirsDir, '**', '*.ts')]);
    const tsc = (config: string) => () =>
      timeProcess(process.execPath, withPeakRss(TSC, '--noEmit', '-p', config), {
        allowFailure: true,
      });
    // A compile swings on a shared 2-core machine about as much as the two sides differ: at
    // least 9 samples each, so the median holds still.
    const samples = Math.max(runs, 9);
    const s = await alternate(samples, { ours: tsc(ours), theirs: tsc(theirs) });
    const errors = [...s.ours, ...s.theirs].filter((r) => r.code !== 0);
    if (errors.length) {
      // Timing a compile that fails would time something else; say so and keep the numbers.
      log(
        `  WARNING: tsc reported errors:\n${(errors[0]!.stdout || errors[0]!.stderr).slice(0, 1500)}`,
      );
    }
    log(`  type-check campaign-management: ours ${ms(s.ours)}, wsdl-tsclient ${ms(s.theirs)}`);
    return [
      result(
        'type-check: tsc --noEmit on generated campaign-management/src vs on wsdl-tsclient output',
        median(s.ours.map((r) => r.ms)),
        median(s.theirs.map((r) => r.ms)),
        'wsdl-tsclient',
        'ms',
        'lower',
        1.0,
        {
          runs: samples,
          peakRssKB: { ours: rss(s.ours), baseline: rss(s.theirs) },
          ...(errors.length ? { note: 'tsc reported type errors in at least one run' } : {}),
        },
      ),
    ];
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

async function project(dir: string, name: string, include: string[]): Promise<string> {
  const path = join(dir, `tsconfig.${name}.json`);
  const config = {
    compilerOptions: {
      strict: true,
      skipLibCheck: true,
      noEmit: true,
      target: 'ES2022',
      module: 'ESNext',
      moduleResolution: 'Bundler',
      lib: ['ES2023'],
      types: ['node'],
    },
    include,
  };
  await writeFile(path, JSON.stringify(config, null, 2));
  return path;
}

function rss(samples: ProcessResult[]): number[] {
  return samples.flatMap((r) => (r.peakRssKB === undefined ? [] : [r.peakRssKB]));
}

function ms(samples: ProcessResult[]): string {
  return `${median(samples.map((r) => r.ms)).toFixed(0)} ms`;
}
