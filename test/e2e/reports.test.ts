/**
 * downloadReport end to end over both protocols: the generated ReportingClient against the
 * mock's Reporting service, which writes real zipped CSV/TSV report files and serves them from
 * a signed URL on its loopback "blob host".
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ThrottledError, TransportError } from '@adsgen/runtime';
import {
  DeadlineExceededError,
  DownloadUrlExpiredError,
  ReportError,
  type ReportProgress,
} from '@adsgen/runtime/transfer';
import {
  ReportingClient,
  downloadReport,
  type CampaignPerformanceReportRequest,
} from '../../generated/reporting/dist/index.js';
import { startMockServer, type MockServer } from '../../mock/src/server.ts';
import { sandboxOptions } from './harness.ts';

const PROTOCOLS = ['rest', 'soap'] as const;
const noWait = () => Promise.resolve();

function campaignReport(
  extra: Partial<CampaignPerformanceReportRequest> = {},
): CampaignPerformanceReportRequest & {
  Columns: ('TimePeriod' | 'CampaignId' | 'CampaignName' | 'Impressions' | 'Spend' | 'Ctr')[];
} {
  return {
    Type: 'CampaignPerformanceReportRequest',
    ReportName: 'My campaign report',
    Format: 'Csv',
    Aggregation: 'Daily',
    Columns: ['TimePeriod', 'CampaignId', 'CampaignName', 'Impressions', 'Spend', 'Ctr'],
    Scope: { AccountIds: ['1234'] },
    Time: { PredefinedTime: 'LastSevenDays' },
    ...extra,
  } as CampaignPerformanceReportRequest & {
    Columns: ('TimePeriod' | 'CampaignId' | 'CampaignName' | 'Impressions' | 'Spend' | 'Ctr')[];
  };
}

let server: MockServer;
const clients: ReportingClient[] = [];
function client(protocol: 'soap' | 'rest', retry = false): ReportingClient {
  const c = new ReportingClient(
    sandboxOptions(server, protocol, retry ? { retry: { sleep: noWait, maxAttempts: 2 } } : {}),
  );
  clients.push(c);
  return c;
}

beforeAll(async () => {
  server = await startMockServer({ reports: { rows: 250, pendingPolls: 2 } });
});
afterAll(async () => {
  await Promise.all(clients.map((c) => c.close()));
  expect(server.stats.validationErrors).toEqual([]);
  await server.close();
});

describe.each(PROTOCOLS)('downloadReport over %s', (protocol) => {
  it('submits, polls Pending → Success, downloads and yields typed rows; header and footer are metadata', async () => {
    server.reports.configure({ rows: 250, pendingPolls: 2, finalStatus: 'Success' });
    const progress: ReportProgress['phase'][] = [];
    const report = downloadReport(client(protocol), campaignReport(), {
      sleep: noWait,
      onProgress: (p) => progress.push(p.phase),
    });
    const rows = [];
    for await (const row of report) {
      const impressions: number | null = row.Impressions;
      const id: string = row.CampaignId;
      // @ts-expect-error Clicks was not requested
      void row.Clicks;
      rows.push({ impressions, id, row });
    }
    expect(rows).toHaveLength(250);
    const first = rows[1]!.row;
    expect(typeof first.Impressions).toBe('number');
    expect(first.Impressions).toBe(7919);
    expect(first.Spend).toBe(1.31);
    expect(first.Ctr).toBe(0.37);
    expect(first.CampaignId).toBe('1000001');
    expect(first.CampaignName).toBe('CampaignName 1 "quoted", with comma');
    expect(Object.keys(first)).toEqual([
      'TimePeriod',
      'CampaignId',
      'CampaignName',
      'Impressions',
      'Spend',
      'Ctr',
    ]);
    const m = report.metadata;
    expect(m.header?.reportName).toBe('My campaign report');
    expect(m.header?.rows).toBe(250);
    expect(m.header?.reportAggregation).toBe('Daily');
    expect(m.footer).toHaveLength(1);
    expect(m.footer[0]).toMatch(/Microsoft Corporation/);
    expect(m.fileName).toMatch(/\.csv$/);
    expect(m.reportRequestId).toMatch(/^\d+$/);
    expect(progress.filter((p) => p === 'polling')).toHaveLength(3);
    expect(progress[0]).toBe('submitted');
    expect(progress).toContain('downloading');
    expect(progress.at(-1)).toBe('done');
  });

  it('sends no API credential to the download host', async () => {
    server.reports.downloadHeaders.length = 0;
    await downloadReport(client(protocol), campaignReport(), { sleep: noWait }).toArray();
    expect(server.reports.downloadHeaders).toHaveLength(1);
    const names = Object.keys(server.reports.downloadHeaders[0]!);
    for (const h of ['authorization', 'developertoken', 'customerid', 'customeraccountid'])
      expect(names).not.toContain(h);
  });

  it('reads TSV without header, footer and column names the same way', async () => {
    const rows = await downloadReport(
      client(protocol),
      campaignReport({
        Format: 'Tsv',
        ExcludeReportHeader: true,
        ExcludeReportFooter: true,
        ExcludeColumnHeaders: true,
      }),
      { sleep: noWait },
    ).toArray();
    expect(rows).toHaveLength(250);
    expect(rows[2]!.Impressions).toBe(15838);
    expect(rows[2]!.CampaignName).toBe('CampaignName 2 "quoted", with comma');
  });

  it('turns a report that ends in Error into a ReportError with the TrackingId', async () => {
    server.reports.configure({ finalStatus: 'Error' });
    try {
      const e = await downloadReport(client(protocol), campaignReport(), { sleep: noWait })
        .toArray()
        .catch((x: unknown) => x);
      expect(e).toBeInstanceOf(ReportError);
      expect((e as ReportError).trackingId).toMatch(/^[0-9a-f-]{36}$/);
      expect((e as ReportError).message).toContain((e as ReportError).trackingId);
    } finally {
      server.reports.configure({ finalStatus: 'Success' });
    }
  });
});

describe('downloadReport: header and footer combinations (REST)', () => {
  it.each([
    [false, false],
    [true, false],
    [false, true],
    [true, true],
  ])('ExcludeReportHeader %s, ExcludeReportFooter %s: the same rows', async (h, f) => {
    server.reports.configure({ rows: 40 });
    const report = downloadReport(
      client('rest'),
      campaignReport({ ExcludeReportHeader: h, ExcludeReportFooter: f }),
      { sleep: noWait },
    );
    const rows = await report.toArray();
    expect(rows).toHaveLength(40);
    expect(rows[39]!.Impressions).toBe((39 * 7919) % 100000);
    expect(report.metadata.header === undefined).toBe(h);
    expect(report.metadata.footer.length).toBe(f ? 0 : 1);
  });
});

describe('downloadReport: failures and limits (REST)', () => {
  it('yields zero rows for an empty report (Success without a URL)', async () => {
    server.reports.configure({ rows: 0 });
    try {
      const report = downloadReport(client('rest'), campaignReport(), { sleep: noWait });
      expect(await report.toArray()).toEqual([]);
      expect(report.metadata.rows).toBe(0);
    } finally {
      server.reports.configure({ rows: 250 });
    }
  });

  it('says an expired download URL has expired', async () => {
    server.reports.configure({ expiredUrls: true });
    try {
      const e = await downloadReport(client('rest'), campaignReport(), { sleep: noWait })
        .toArray()
        .catch((x: unknown) => x);
      expect(e).toBeInstanceOf(DownloadUrlExpiredError);
      expect((e as Error).message).toMatch(/expired/);
      expect((e as Error).message).not.toMatch(/sig=/);
    } finally {
      server.reports.configure({ expiredUrls: false });
    }
  });

  it('keeps polling through 117 CallRateExceeded, waiting its Retry-After', async () => {
    const fault = server.inject({
      match: { operation: 'PollGenerateReport' },
      times: 2,
      fault: { kind: 'throttle', status: 'code117', retryAfterS: 3 },
    });
    const waits: number[] = [];
    try {
      const rows = await downloadReport(client('soap'), campaignReport(), {
        sleep: (ms) => {
          waits.push(ms);
          return Promise.resolve();
        },
      }).toArray();
      expect(rows).toHaveLength(250);
      expect(waits.filter((w) => w === 3000)).toHaveLength(2);
    } finally {
      fault.remove();
    }
    expect(ThrottledError).toBeDefined();
  });

  it('stops at the deadline while the report is still Pending', async () => {
    server.reports.configure({ pendingPolls: 1_000_000 });
    try {
      const e = await downloadReport(client('rest'), campaignReport(), {
        deadlineMs: 300,
        poll: { initialDelayMs: 20, maxDelayMs: 20 },
      })
        .toArray()
        .catch((x: unknown) => x);
      expect(e).toBeInstanceOf(DeadlineExceededError);
      expect((e as DeadlineExceededError).phase).toBe('poll');
    } finally {
      server.reports.configure({ pendingPolls: 2 });
    }
  });

  it('aborts mid-download', async () => {
    server.reports.configure({ rows: 20_000, stallAfterBytes: 4096 });
    const controller = new AbortController();
    try {
      const report = downloadReport(client('rest'), campaignReport(), {
        sleep: noWait,
        signal: controller.signal,
        onProgress: (p) => {
          if (p.phase === 'downloading') setTimeout(() => controller.abort(), 50);
        },
      });
      const e = await report.toArray().catch((x: unknown) => x);
      expect(e).toBeInstanceOf(TransportError);
      expect((e as TransportError).reason).toBe('aborted');
    } finally {
      server.reports.configure({ rows: 250, stallAfterBytes: undefined });
    }
  });

  it('writes the unzipped report with toFile', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'adsgen-report-'));
    try {
      server.reports.configure({ rows: 5 });
      const result = await downloadReport(client('rest'), campaignReport(), {
        sleep: noWait,
      }).toFile(join(dir, 'report.csv'));
      const text = await readFile(result.path, 'utf8');
      expect(text).toMatch(/^"Report Name: My campaign report"\r\n/);
      expect(text.trim().split('\r\n')).toHaveLength(9 + 1 + 1 + 5 + 1 + 1);
      expect(result.bytes).toBe(Buffer.byteLength(text));
    } finally {
      server.reports.configure({ rows: 250 });
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('can be read once', async () => {
    const report = downloadReport(client('rest'), campaignReport(), { sleep: noWait });
    await report.toArray();
    await expect(report.toArray()).rejects.toThrow(/once/);
  });
});
