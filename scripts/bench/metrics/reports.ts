import { createReadStream } from 'node:fs';
import { mkdir, rm, stat, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import {
  reportLines,
  zipReport,
  type ReportFileSpec,
} from '../../../mock/src/reports/report-file.ts';
import { BENCH_DIR, SCRATCH } from '../paths.ts';
import { alternate, median, result, timeProcess, withPeakRss, type BenchResult } from '../stats.ts';

/**
 * Reports: a 10-column campaign report (zipped CSV with header and footer, as the mock writes
 * it) downloaded from a loopback file server and read to the last typed row by downloadReport
 * (download, streaming unzip, csv-parse, typed values), against csv-parse alone reading the
 * unzipped file from disk: rows/s, target ≥ 0.8 of csv-parse. Peak RSS of the downloadReport
 * process at 100k and 1M rows, against a 100 MB budget: memory must not grow with the rows.
 */
const COLUMNS = [
  'TimePeriod',
  'AccountId',
  'CampaignId',
  'CampaignName',
  'Impressions',
  'Clicks',
  'Ctr',
  'AverageCpc',
  'Spend',
  'Conversions',
];
const BUDGET_MB = 100;
const CHILD = join(BENCH_DIR, 'children', 'report-rows.mjs');

function spec(rows: number): ReportFileSpec {
  return {
    columns: COLUMNS,
    format: 'Csv',
    rows,
    reportName: 'bench',
    aggregation: 'Daily',
    excludeHeader: false,
    excludeFooter: false,
    excludeColumnHeaders: false,
  };
}

interface Run {
  rows: number;
  ms: number;
  rssKB: number;
}

async function child(args: string[]): Promise<Run> {
  // A 1M-row run takes seconds on an idle machine but minutes on a shared, loaded one.
  const r = await timeProcess(process.execPath, withPeakRss(CHILD, ...args), {
    timeoutMs: 30 * 60_000,
  });
  const out = JSON.parse(r.stdout) as { rows: number; ms: number };
  return { ...out, rssKB: r.peakRssKB ?? Number.NaN };
}

/** A loopback file host for the report zips: path → file on disk. */
async function serveFiles(
  files: Map<string, string>,
): Promise<{ origin: string; close(): Promise<void> }> {
  const server = createServer((req, res) => {
    const path = files.get(new URL(req.url ?? '/', 'http://x').pathname);
    if (!path) return void res.writeHead(404).end();
    res.writeHead(200, { 'Content-Type': 'application/zip' });
    createReadStream(path).pipe(res);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

export async function benchReports(runs: number, log: (s: string) => void): Promise<BenchResult[]> {
  const dir = join(SCRATCH, 'reports');
  await mkdir(dir, { recursive: true });
  const files = new Map<string, string>();
  const { origin, close } = await serveFiles(files);
  try {
    const sizes = [100_000, 1_000_000];
    for (const n of sizes) {
      const zip = join(dir, `report-${n}.zip`);
      await writeFile(zip, zipReport(spec(n), `report-${n}`));
      files.set(`/report-${n}.zip`, zip);
    }
    const csv = join(dir, 'report-1000000.csv');
    await writeFile(csv, reportLines(spec(1_000_000)));
    log(
      `  files: 1M rows ${((await stat(csv)).size / 2 ** 20).toFixed(0)} MB CSV, ${((await stat(files.get('/report-1000000.zip')!)).size / 2 ** 20).toFixed(0)} MB zipped`,
    );
    const url = (n: number) => `${origin}/report-${n}.zip?sig=bench`;
    const s = await alternate(runs, {
      ours: () => child(['ours', url(1_000_000), COLUMNS.join(',')]),
      csvParse: () => child(['csv-parse', csv]),
      ours100k: () => child(['ours', url(100_000), COLUMNS.join(',')]),
    });
    for (const r of [...s.ours, ...s.ours100k])
      if (r.rows !== 1_000_000 && r.rows !== 100_000) throw new Error(`read ${r.rows} rows`);
    const rate = (rs: Run[]) => median(rs.map((r) => r.rows / (r.ms / 1000)));
    const rss = (rs: Run[]) => median(rs.map((r) => r.rssKB)) / 1024;
    log(
      `  reports: downloadReport ${Math.round(rate(s.ours))} rows/s, csv-parse alone ${Math.round(rate(s.csvParse))} rows/s; peak RSS ${rss(s.ours100k).toFixed(0)} MB at 100k rows, ${rss(s.ours).toFixed(0)} MB at 1M`,
    );
    const rssRow = (n: string, rs: Run[]) =>
      result(
        `reports: peak RSS of downloadReport reading ${n} rows (constant memory) vs a ${BUDGET_MB} MB budget`,
        rss(rs),
        BUDGET_MB,
        `${BUDGET_MB} MB budget`,
        'MB',
        'lower',
        1,
        { runs },
      );
    return [
      result(
        'reports: rows/s, 1M-row 10-column zipped CSV report from a loopback download through downloadReport (unzip, parse, typed rows) vs csv-parse alone on the unzipped file',
        rate(s.ours),
        rate(s.csvParse),
        'csv-parse',
        'rows/s',
        'higher',
        0.8,
        {
          runs,
          peakRssKB: { ours: s.ours.map((r) => r.rssKB), baseline: s.csvParse.map((r) => r.rssKB) },
        },
      ),
      rssRow('100k', s.ours100k),
      rssRow('1M', s.ours),
    ];
  } finally {
    await close();
    await rm(dir, { recursive: true, force: true });
  }
}

/** Rows of the long run: five times the bench's largest, read as one report. */
const LONG_ROWS = 5_000_000;

/**
 * Opt-in (`--only reports-long`, ≈1 min to write the file and ~15 s a run): one 5M-row report
 * read in one process, peak RSS against the same budget. Past ~2M rows V8's young generation
 * reaches its maximum size, so this is where the pipeline's memory levels off.
 */
export async function benchReportsLong(
  runs: number,
  log: (s: string) => void,
): Promise<BenchResult[]> {
  const dir = join(SCRATCH, 'reports-long');
  await mkdir(dir, { recursive: true });
  const zip = join(dir, 'report.zip');
  const { origin, close } = await serveFiles(new Map([['/report.zip', zip]]));
  try {
    await writeFile(zip, zipReport(spec(LONG_ROWS), 'report'));
    log(`  file: 5M rows, ${((await stat(zip)).size / 2 ** 20).toFixed(0)} MB zipped`);
    const s = await alternate(runs, {
      ours: () => child(['ours', `${origin}/report.zip?sig=bench`, COLUMNS.join(',')]),
    });
    for (const r of s.ours) if (r.rows !== LONG_ROWS) throw new Error(`read ${r.rows} rows`);
    const mb = s.ours.map((r) => r.rssKB / 1024);
    log(
      `  reports-long: peak RSS ${mb.map((m) => m.toFixed(0)).join(' / ')} MB, ${Math.round(median(s.ours.map((r) => r.rows / (r.ms / 1000))))} rows/s`,
    );
    return [
      result(
        `reports: peak RSS of downloadReport reading one ${LONG_ROWS / 1e6}M-row report (constant memory) vs a ${BUDGET_MB} MB budget`,
        median(mb),
        BUDGET_MB,
        `${BUDGET_MB} MB budget`,
        'MB',
        'lower',
        1,
        { runs },
      ),
    ];
  } finally {
    await close();
    await rm(dir, { recursive: true, force: true });
  }
}
