import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { operationFault } from '../faults/api-fault.ts';
import { zipReport, type ReportFileSpec } from './report-file.ts';

/** How the mock's Reporting service behaves; change it at any time with `configure`. */
export interface MockReportsConfig {
  /** Data rows of each report (default 10). 0 gives a Success without a download URL, as Microsoft does for an empty report. */
  rows: number;
  /** PollGenerateReport answers Pending this many times before the final status (default 1). */
  pendingPolls: number;
  /** Final status (default 'Success'). */
  finalStatus: 'Success' | 'Error';
  /** Download URLs answer 403, as an expired signature does (default false). */
  expiredUrls: boolean;
  /** Send this many bytes of the file, then stall without closing (default: send it all). */
  stallAfterBytes: number | undefined;
}

export const DEFAULT_REPORTS_CONFIG: MockReportsConfig = {
  rows: 10,
  pendingPolls: 1,
  finalStatus: 'Success',
  expiredUrls: false,
  stallAfterBytes: undefined,
};

interface ReportJob {
  id: string;
  spec: ReportFileSpec;
  polls: number;
  signature: string;
  file?: Buffer;
}

/** Report requests submitted to the mock, their poll progress and their files. */
export class ReportJobs {
  config: MockReportsConfig = { ...DEFAULT_REPORTS_CONFIG };
  readonly jobs = new Map<string, ReportJob>();
  /** Request headers of every file download, for tests that check no credential reached the file host. */
  readonly downloadHeaders: IncomingHttpHeaders[] = [];

  submit(request: Record<string, unknown>): { ReportRequestId: string } {
    const r = (request['ReportRequest'] ?? {}) as Record<string, unknown>;
    const columns = columnNames(r['Columns']);
    if (columns.length === 0)
      throw operationFault(
        2014,
        'ReportingServiceNullColumns',
        'The report request has no columns.',
      );
    const id = String(10_000_000_000 + this.jobs.size);
    this.jobs.set(id, {
      id,
      polls: 0,
      signature: randomUUID().replaceAll('-', ''),
      spec: {
        columns,
        format: r['Format'] === 'Tsv' ? 'Tsv' : 'Csv',
        rows: this.config.rows,
        reportName: typeof r['ReportName'] === 'string' ? r['ReportName'] : '',
        aggregation: typeof r['Aggregation'] === 'string' ? r['Aggregation'] : 'Summary',
        excludeHeader: r['ExcludeReportHeader'] === true || r['ExcludeReportHeader'] === 'true',
        excludeFooter: r['ExcludeReportFooter'] === true || r['ExcludeReportFooter'] === 'true',
        excludeColumnHeaders:
          r['ExcludeColumnHeaders'] === true || r['ExcludeColumnHeaders'] === 'true',
      },
    });
    return { ReportRequestId: id };
  }

  /** Undefined for an id this mock did not hand out: the schema synthesizer answers those. */
  poll(request: Record<string, unknown>, origin: string): Record<string, unknown> | undefined {
    const id = String(request['ReportRequestId'] ?? '');
    const job = this.jobs.get(id);
    if (!job) return undefined;
    job.polls++;
    if (job.polls <= this.config.pendingPolls)
      return { ReportRequestStatus: { ReportDownloadUrl: null, Status: 'Pending' } };
    if (this.config.finalStatus === 'Error')
      return { ReportRequestStatus: { ReportDownloadUrl: null, Status: 'Error' } };
    const url =
      job.spec.rows === 0
        ? null
        : `${origin}/reports/files/${id}.zip?sv=2026-01-01&se=2026-12-31&sp=r&sig=${job.signature}`;
    return { ReportRequestStatus: { ReportDownloadUrl: url, Status: 'Success' } };
  }

  /** The zipped file for a download path, or undefined when unknown or the signature is wrong. */
  file(id: string, signature: string | null): Buffer | undefined {
    const job = this.jobs.get(id);
    if (!job || job.signature !== signature) return undefined;
    return (job.file ??= zipReport(job.spec, `report-${id}`));
  }
}

/** `Columns` as sent over either protocol: a JSON array, or SOAP's element wrapping the items. */
function columnNames(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String);
  if (typeof value === 'string') return [value];
  if (value && typeof value === 'object') {
    const inner = Object.values(value as Record<string, unknown>);
    if (inner.length === 1) return columnNames(inner[0]);
  }
  return [];
}
