/**
 * `npm run bench`: adsgen against the alternatives on this machine, side by side, and
 * bench/results.json (git-ignored). Never fails the build: a missed target is `met: false` in
 * the table and the file; only a bench that cannot run at all exits non-zero.
 *
 *   npm run bench [-- --runs 5] [-- --only generation,cold-start,codec,typecheck,memory,response-memory,bulk,reports] [-- --no-generate]
 *
 * `reports-long` (one 5M-row report) runs only when named in --only: it adds minutes.
 */
import { mkdir, rmdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { benchBulk } from './metrics/bulk.ts';
import { benchCodecs } from './metrics/codec.ts';
import { benchColdStart } from './metrics/cold-start.ts';
import { benchGeneration } from './metrics/generation.ts';
import { benchMemory } from './metrics/memory.ts';
import { benchReports, benchReportsLong } from './metrics/reports.ts';
import { benchResponseMemory } from './metrics/response-memory.ts';
import { benchTypeCheck } from './metrics/typecheck.ts';
import { RESULTS, ROOT, SCRATCH } from './paths.ts';
import { timeProcess, type BenchResult } from './stats.ts';
import { formatTable } from './table.ts';

const METRICS = {
  generation: benchGeneration,
  'cold-start': benchColdStart,
  codec: benchCodecs,
  typecheck: benchTypeCheck,
  memory: benchMemory,
  'response-memory': benchResponseMemory,
  bulk: benchBulk,
  reports: benchReports,
  'reports-long': benchReportsLong,
} satisfies Record<string, (runs: number, log: (s: string) => void) => Promise<BenchResult[]>>;
type MetricName = keyof typeof METRICS;
/** Metrics that run only when named in --only. */
const OPT_IN: readonly MetricName[] = ['reports-long'];

interface Args {
  runs: number;
  only: MetricName[];
  generate: boolean;
}

function parseArgs(argv: string[]): Args {
  const args: Args = {
    runs: 5,
    only: (Object.keys(METRICS) as MetricName[]).filter((m) => !OPT_IN.includes(m)),
    generate: true,
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const value = () => {
      const v = a.includes('=') ? a.slice(a.indexOf('=') + 1) : argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a.startsWith('--runs')) {
      args.runs = Number(value());
      if (!Number.isInteger(args.runs) || args.runs < 1)
        throw new Error('--runs must be a positive integer');
    } else if (a.startsWith('--only')) {
      const names = value()
        .split(',')
        .map((s) => s.trim());
      for (const n of names)
        if (!(n in METRICS))
          throw new Error(`unknown metric '${n}'; expected ${Object.keys(METRICS).join(', ')}`);
      args.only = names as MetricName[];
    } else if (a === '--no-generate') {
      args.generate = false;
    } else {
      throw new Error(`unknown argument '${a}'`);
    }
  }
  return args;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const log = (s: string) => process.stderr.write(`${s}\n`);
  const started = performance.now();
  log(
    `adsgen bench: node ${process.version}, ${args.runs} runs + 1 warm-up each, contenders alternated`,
  );
  if (args.generate) {
    // The packages under test are the ones the current generator and runtime produce:
    // `npm run generate` brings missing specs, builds runtime/, redis/ and mock/ (each skips
    // when up to date) and generates; `adsgen generate` alone builds nothing.
    log('building and generating (npm run generate), outside any timing …');
    await timeProcess('npm', ['run', 'generate'], { cwd: ROOT, timeoutMs: 600_000 });
  }
  const results: BenchResult[] = [];
  for (const name of args.only) {
    const t = performance.now();
    log(`\n${name} …`);
    try {
      results.push(...(await METRICS[name](args.runs, log)));
    } catch (error) {
      // One broken metric must not hide the others' numbers.
      log(
        `  ${name} FAILED: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
      );
      process.exitCode = 1;
    }
    log(`  (${name}: ${((performance.now() - t) / 1000).toFixed(1)} s)`);
  }
  await rmdir(SCRATCH).catch(() => {}); // each metric removed its own folder; leave no empty one
  await mkdir(dirname(RESULTS), { recursive: true });
  await writeFile(RESULTS, `${JSON.stringify(results, null, 2)}\n`);
  console.log(`\n${formatTable(results)}`);
  const missed = results.filter((r) => !r.met);
  console.log(
    `\n${results.length - missed.length}/${results.length} rows met their target` +
      `${
        missed.length
          ? ` (missed: ${missed
              .map((r) => r.metric.split(':')[0])
              .filter((v, i, a) => a.indexOf(v) === i)
              .join(', ')})`
          : ''
      }` +
      `; wrote ${RESULTS} in ${((performance.now() - started) / 1000).toFixed(0)} s`,
  );
}

await main();
