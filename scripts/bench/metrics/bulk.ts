import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { unzipSync } from 'fflate';
import { startMockServer } from '../../../mock/src/server.ts';
import { BENCH_DIR } from '../paths.ts';
import { median, result, timeProcess, withPeakRss, type BenchResult } from '../stats.ts';

const ROWS = 1_000_000;
const CHILD = join(BENCH_DIR, 'children', 'bulk-download.mjs');

/**
 * Bulk download: records/s reading a 1,000,000-row Bulk file (zipped CSV) downloaded from the
 * mock over loopback, unzip and parse included, in a fresh process, and that process's peak RSS
 * (target ≤ 150 MB: constant memory). The baseline is the Python SDK's BulkFileReader on the same
 * file, unzipped on disk; when `bingads` cannot be installed (no PyPI on this machine) the row
 * says so and reports ours alone.
 */
export async function benchBulk(runs: number, log: (s: string) => void): Promise<BenchResult[]> {
  const server = await startMockServer({ bulk: { rows: ROWS, pollsUntilReady: 0 } });
  try {
    const { customerId, accountId } = server.state.ids;
    const t = performance.now();
    const zip = await server.bulk.prepare(accountId);
    log(
      `  bulk: prepared a ${ROWS}-row account file in ${((performance.now() - t) / 1000).toFixed(1)} s`,
    );
    const python = await pythonBaseline(log, zip, runs);
    const token = server.oauth.issue().access_token;
    const samples: { rate: number; rssKB: number }[] = [];
    for (let i = 0; i <= runs; i++) {
      const run = await timeProcess(
        process.execPath,
        withPeakRss(CHILD, server.origin, token, customerId, accountId),
      );
      const out = JSON.parse(run.stdout) as { records: number; ms: number };
      if (out.records !== ROWS)
        throw new Error(`bulk: read ${out.records} records, expected ${ROWS}`);
      const rate = out.records / (out.ms / 1000);
      log(
        `  bulk run ${i}${i === 0 ? ' (warm-up)' : ''}: ${Math.round(rate)} records/s, peak RSS ${Math.round((run.peakRssKB ?? 0) / 1024)} MB`,
      );
      if (i > 0) samples.push({ rate, rssKB: run.peakRssKB ?? Number.NaN });
    }
    const rate = median(samples.map((s) => s.rate));
    const rssMB = median(samples.map((s) => s.rssKB)) / 1024;
    return [
      result(
        `bulk: records/s parsing a ${ROWS.toLocaleString('en')}-row Bulk file from a loopback download (unzip included) vs Python bingads BulkFileReader`,
        rate,
        python.rate,
        python.name,
        'records/s',
        'higher',
        10,
        { runs, ...(python.note ? { note: python.note, informational: true } : {}) },
      ),
      result(
        `bulk: peak RSS of the process reading ${ROWS.toLocaleString('en')} Bulk records (target ≤ 150 MB)`,
        rssMB,
        150,
        'the 150 MB budget',
        'MB',
        'lower',
        1,
        { runs },
      ),
    ];
  } finally {
    await server.close();
  }
}

/** The Python SDK reading the same file: what a Python team would run instead. */
const PYTHON_READER = `
import json, sys, time
from bingads.v13.bulk import BulkFileReader, ResultFileType
start = time.perf_counter()
records = 0
with BulkFileReader(file_path=sys.argv[1], result_file_type=ResultFileType.full_download, file_type='Csv') as reader:
    for entity in reader:
        records += 1
print(json.dumps({'records': records, 'ms': (time.perf_counter() - start) * 1000}))
`;

/**
 * Python's BulkFileReader on the unzipped file (its best case: no download, no unzip), median
 * of `runs`. It needs `bingads` (from PyPI or a local mirror); when it cannot be installed the
 * row says why and reports ours alone.
 */
async function pythonBaseline(
  log: (s: string) => void,
  zip: Uint8Array,
  runs: number,
): Promise<{ rate: number; name: string; note?: string }> {
  const run = promisify(execFile);
  const dir = await mkdtemp(join(tmpdir(), 'adsgen-bingads-'));
  try {
    try {
      await run(
        'python3',
        ['-m', 'pip', 'install', '--quiet', '--target', join(dir, 'site'), 'bingads'],
        {
          timeout: 600_000,
        },
      );
    } catch (e) {
      const why =
        (e as NodeJS.ErrnoException).code === 'ENOENT'
          ? 'python3 is not installed'
          : 'bingads cannot be installed: no PyPI or mirror here has it';
      log(`  bulk: Python bingads unavailable (${why}); reporting ours alone`);
      return {
        rate: Number.NaN,
        name: 'Python bingads (unavailable)',
        note: `Python bingads unavailable on this machine (${why}): no baseline, ours alone`,
      };
    }
    const [name, bytes] = Object.entries(unzipSync(zip))[0]!;
    const file = join(dir, name);
    await writeFile(file, bytes);
    await writeFile(join(dir, 'read.py'), PYTHON_READER);
    const rates: number[] = [];
    for (let i = 0; i < Math.max(1, runs); i++) {
      const { stdout } = await run('python3', [join(dir, 'read.py'), file], {
        env: { ...process.env, PYTHONPATH: join(dir, 'site') },
        timeout: 60 * 60_000,
        maxBuffer: 1 << 20,
      });
      const out = JSON.parse(stdout.trim().split('\n').pop()!) as { records: number; ms: number };
      rates.push(out.records / (out.ms / 1000));
      log(`  bulk: Python BulkFileReader ${Math.round(rates.at(-1)!)} records/s`);
    }
    return { rate: median(rates), name: 'Python bingads BulkFileReader' };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
