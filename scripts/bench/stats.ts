import { spawn } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { BENCH_DIR } from './paths.ts';

/** Median of a non-empty list. */
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new RangeError('median of an empty list');
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Runs `fn` once as a warm-up, then `runs` times, and returns the median of what it returns. */
export async function medianOf(runs: number, fn: () => Promise<number>): Promise<number> {
  await fn();
  const values: number[] = [];
  for (let i = 0; i < runs; i++) values.push(await fn());
  return median(values);
}

/**
 * Side-by-side sampling: each contender runs once as a warm-up, then `runs` rounds run every
 * contender once in turn (A B, B A, A B …), so load from other processes on a shared machine falls
 * on all of them alike. Returns the samples per contender (warm-ups dropped).
 */
export async function alternate<K extends string, T>(
  runs: number,
  contenders: Record<K, () => Promise<T>>,
): Promise<Record<K, T[]>> {
  const keys = Object.keys(contenders) as K[];
  const samples = Object.fromEntries(keys.map((k) => [k, [] as T[]])) as Record<K, T[]>;
  for (const k of keys) await contenders[k]();
  // The order flips every round (ab ba ab …), so neither side always runs right after the
  // other: a cache the first warms or a slowdown that builds up falls on both alike.
  for (let i = 0; i < runs; i++) {
    const round = i % 2 === 0 ? keys : [...keys].reverse();
    for (const k of round) samples[k].push(await contenders[k]());
  }
  return samples;
}

export interface ProcessResult {
  /** Wall time from just before spawn to the child's exit. */
  ms: number;
  /** Peak resident set size of the child in KB, when it ran under `withPeakRss` (else undefined). */
  peakRssKB: number | undefined;
  code: number;
  stdout: string;
  stderr: string;
}

const RSS_MARK = '@@adsgen-bench-maxrss=';
const RSS_REPORTER = pathToFileURL(join(BENCH_DIR, 'children', 'report-rss.mjs')).href;

/**
 * Node arguments that make a Node child print its peak RSS on exit (read back by
 * `timeProcess`): `node ...withPeakRss(script, ...args)`. The preload is a few lines and costs
 * well under a millisecond, and every contender pays it alike.
 */
export function withPeakRss(...args: string[]): string[] {
  return ['--import', RSS_REPORTER, ...args];
}

/** A child that runs longer than this is stuck, not slow: it is killed and the metric fails. */
const PROCESS_TIMEOUT_MS = 180_000;

/**
 * Runs a command to completion and measures its wall time. Throws on a non-zero exit (unless
 * `allowFailure`) and kills a child still running after `timeoutMs`.
 */
export function timeProcess(
  cmd: string,
  args: string[],
  opts: { cwd?: string; env?: NodeJS.ProcessEnv; allowFailure?: boolean; timeoutMs?: number } = {},
): Promise<ProcessResult> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(cmd, args, {
      cwd: opts.cwd,
      env: opts.env ?? process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (d: Buffer) => out.push(d));
    child.stderr.on('data', (d: Buffer) => err.push(d));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, opts.timeoutMs ?? PROCESS_TIMEOUT_MS);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      const ms = performance.now() - started;
      if (timedOut) {
        reject(
          new Error(
            `${cmd} ${args.join(' ')} was still running after ${opts.timeoutMs ?? PROCESS_TIMEOUT_MS} ms`,
          ),
        );
        return;
      }
      const stdout = Buffer.concat(out).toString();
      let stderr = Buffer.concat(err).toString();
      let peakRssKB: number | undefined;
      const at = stderr.lastIndexOf(RSS_MARK);
      if (at >= 0) {
        peakRssKB = Number.parseInt(stderr.slice(at + RSS_MARK.length), 10);
        stderr = stderr.slice(0, at);
      }
      if (code !== 0 && !opts.allowFailure) {
        reject(
          new Error(`${cmd} ${args.join(' ')} exited ${code}:\n${(stderr || stdout).slice(-2000)}`),
        );
      } else resolve({ ms, peakRssKB, code: code ?? -1, stdout, stderr });
    });
  });
}

export interface BenchResult {
  metric: string;
  ours: number;
  baseline: number;
  baselineName: string;
  unit: string;
  /** ours / baseline */
  ratio: number;
  better: 'lower' | 'higher';
  /** The ratio to reach. */
  target: number;
  met: boolean;
  /** A row the issue asks to report but whose target is ours, not the issue's. */
  informational?: boolean;
  /** Peak RSS of each side in MB, where the metric runs processes. */
  peakRssMB?: { ours: number; baseline: number };
  /** Samples behind each median (after the warm-up). */
  runs?: number;
  note?: string;
}

export interface ResultExtras {
  informational?: boolean;
  peakRssKB?: { ours: number[]; baseline: number[] };
  runs?: number;
  note?: string;
}

/**
 * One row of bench/results.json. `met` compares the unrounded ratio with the target in the
 * `better` direction; a ratio that cannot be computed (baseline 0, NaN) never meets it.
 */
export function result(
  metric: string,
  ours: number,
  baseline: number,
  baselineName: string,
  unit: string,
  better: 'lower' | 'higher',
  target: number,
  extras: ResultExtras = {},
): BenchResult {
  const ratio = baseline === 0 ? Number.NaN : ours / baseline;
  const met = Number.isFinite(ratio) && (better === 'lower' ? ratio <= target : ratio >= target);
  const row: BenchResult = {
    metric,
    ours: round(ours),
    baseline: round(baseline),
    baselineName,
    unit,
    ratio: round(ratio, 3),
    better,
    target,
    met,
  };
  if (extras.informational) row.informational = true;
  const rss = extras.peakRssKB;
  if (rss && rss.ours.length > 0 && rss.baseline.length > 0) {
    row.peakRssMB = {
      ours: round(median(rss.ours) / 1024, 1),
      baseline: round(median(rss.baseline) / 1024, 1),
    };
  }
  if (extras.runs !== undefined) row.runs = extras.runs;
  if (extras.note) row.note = extras.note;
  return row;
}

export function round(n: number, digits = 2): number {
  if (!Number.isFinite(n)) return n;
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}
