import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { AdsError, nameClass } from '../errors.js';
import { getResponseMetadata } from '../response-metadata.js';
import { TransferScope } from './deadline.js';
import { parseDelimitedBatches } from './delimited.js';
import { openDownload, type DownloadOptions } from './download.js';
import { pollUntilDone, type PollSchedule } from './poll.js';
import {
  ReportRowReader,
  newReportMetadata,
  type ReportMetadata,
  type ReportValueKind,
} from './report-file.js';
import { unzipSingle } from './unzip.js';

/**
 * A report from request to rows: SubmitGenerateReport, PollGenerateReport until Success or
 * Error (pollUntilDone's backoff), the download URL fetched without the client's credentials,
 * unzipped and parsed as it streams, rows typed by the column-kind table the generated reporting
 * package passes in. Nothing starts until the rows are read (iteration, `toArray`, `toFile`).
 */

/** What `downloadReport` needs of a ReportingClient (any protocol). */
export interface ReportingClientLike {
  submitGenerateReport(
    request: { ReportRequest?: unknown },
    options?: ReportCallOptions,
  ): Promise<{ ReportRequestId?: string | null }>;
  pollGenerateReport(
    request: { ReportRequestId?: string | null },
    options?: ReportCallOptions,
  ): Promise<{
    ReportRequestStatus?: { Status?: string; ReportDownloadUrl?: string | null } | null;
  }>;
}

export interface ReportCallOptions {
  customerId?: string;
  accountId?: string;
  signal?: AbortSignal;
}

/** The request fields `downloadReport` reads (any report type has them). */
export interface ReportRequestLike {
  Type?: string;
  Columns: readonly string[] | null;
  Format?: string | null;
  ExcludeReportHeader?: boolean | null;
  ExcludeReportFooter?: boolean | null;
  ExcludeColumnHeaders?: boolean | null;
}

export type ReportProgress =
  | { phase: 'submitted'; reportRequestId: string }
  | {
      phase: 'polling';
      reportRequestId: string;
      attempt: number;
      status: string;
      /** The wait before the next poll; undefined on the last. */
      nextDelayMs: number | undefined;
    }
  | { phase: 'throttled'; reportRequestId: string; waitMs: number }
  | { phase: 'downloading'; bytes: number; totalBytes: number | undefined }
  | { phase: 'done'; rows: number };

export interface DownloadReportOptions {
  signal?: AbortSignal;
  /** Overall budget in ms, submit to last row; past it a DeadlineExceededError. Default: none. */
  deadlineMs?: number;
  /** Poll intervals (default 1 s growing ×1.5 to 15 s; 60 s after a 117 without Retry-After). */
  poll?: Partial<PollSchedule>;
  /** Waits between polls; injectable for tests. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  onProgress?: (progress: ReportProgress) => void;
  /** CustomerId / CustomerAccountId headers of the two calls, when not the client's defaults. */
  call?: { customerId?: string; accountId?: string };
  /** Download timeouts, or a dispatcher of your own (a proxy). */
  download?: Pick<DownloadOptions, 'timeoutMs' | 'dispatcher'>;
  /** Every value as the text in the file (no number conversion). */
  raw?: boolean;
}

export interface ReportFileResult {
  path: string;
  /** Bytes written (the unzipped CSV/TSV). 0 for an empty report. */
  bytes: number;
  metadata: ReportMetadata;
}

export interface ReportDownload<Row> extends AsyncIterable<Row> {
  /** Every row in memory: for reports you know to be small. */
  toArray(): Promise<Row[]>;
  /** The unzipped report file (CSV/TSV as Microsoft wrote it) at `path`, written atomically. */
  toFile(path: string): Promise<ReportFileResult>;
  /** Filled as the report is read: ids, header, footer, column names, rows so far. */
  readonly metadata: ReportMetadata;
}

/** The report finished with status Error at Microsoft. */
export class ReportError extends AdsError {
  constructor(
    message: string,
    readonly reportRequestId: string | undefined,
    readonly trackingId: string | undefined,
  ) {
    super(`${message}${trackingId ? ` [TrackingId ${trackingId}]` : ''}`);
  }

  override toJSON(): Record<string, unknown> {
    return {
      ...super.toJSON(),
      reportRequestId: this.reportRequestId,
      trackingId: this.trackingId,
    };
  }
}
nameClass(ReportError, 'ReportError');

const OPERATION = 'downloadReport';

export function startReportDownload<Row>(
  client: ReportingClientLike,
  request: ReportRequestLike,
  options: DownloadReportOptions,
  kinds: Readonly<Record<string, ReportValueKind>>,
): ReportDownload<Row> {
  const format = request.Format ?? 'Csv';
  if (format !== 'Csv' && format !== 'Tsv')
    throw new TypeError(`downloadReport reads Csv and Tsv reports, not ${String(format)}`);
  if (!Array.isArray(request.Columns) || request.Columns.length === 0)
    throw new TypeError('downloadReport needs the report request to name its Columns');
  const metadata = newReportMetadata();
  let started = false;
  const claim = () => {
    if (started) throw new TypeError('a report download can be read once');
    started = true;
  };

  async function* rows(): AsyncGenerator<Row> {
    const scope = new TransferScope(OPERATION, options.deadlineMs, options.signal);
    try {
      const body = await fileBytes(client, request, options, scope, metadata);
      if (!body) return options.onProgress?.({ phase: 'done', rows: 0 });
      const delimiter = format === 'Tsv' ? '\t' : ',';
      const header = request.ExcludeReportHeader !== true;
      // Header lines, column names, rows and footer come in one stream: the reader tells them
      // apart by its state and the record's shape.
      const reader = new ReportRowReader(
        {
          columns: request.Columns!,
          header,
          footer: request.ExcludeReportFooter !== true,
          columnHeaders: request.ExcludeColumnHeaders !== true,
        },
        kinds,
        metadata,
        options.raw,
      );
      const batches = parseDelimitedBatches(body, { delimiter });
      for await (const batch of batches) for (const row of reader.push(batch)) yield row as Row;
      reader.finish();
      options.onProgress?.({ phase: 'done', rows: metadata.rows });
    } catch (e) {
      throw scope.translate(e);
    } finally {
      scope.dispose();
    }
  }

  return {
    metadata,
    [Symbol.asyncIterator]() {
      claim();
      return rows();
    },
    async toArray() {
      claim();
      const out: Row[] = [];
      for await (const row of rows()) out.push(row);
      return out;
    },
    async toFile(path: string) {
      claim();
      const scope = new TransferScope(OPERATION, options.deadlineMs, options.signal);
      const partial = `${path}.partial-${process.pid}-${Date.now()}`;
      let bytes = 0;
      try {
        const body = await fileBytes(client, request, options, scope, metadata);
        const counted = async function* () {
          for await (const chunk of body ?? []) {
            bytes += chunk.length;
            yield chunk;
          }
        };
        await pipeline(Readable.from(counted()), createWriteStream(partial, { mode: 0o600 }));
        await rename(partial, path);
        return { path, bytes, metadata };
      } catch (e) {
        await rm(partial, { force: true });
        throw scope.translate(e);
      } finally {
        scope.dispose();
      }
    },
  };
}

/** Submit, poll, and the unzipped file's bytes; undefined for an empty report (no URL). */
async function fileBytes(
  client: ReportingClientLike,
  request: ReportRequestLike,
  options: DownloadReportOptions,
  scope: TransferScope,
  metadata: ReportMetadata,
): Promise<AsyncIterable<Uint8Array> | undefined> {
  const call = { ...options.call, signal: scope.signal };
  const progress = options.onProgress;
  scope.phase = 'submit';
  const submitted = await client.submitGenerateReport({ ReportRequest: request }, call);
  const id = submitted.ReportRequestId ?? undefined;
  if (!id)
    throw new ReportError(
      'SubmitGenerateReport answered without a ReportRequestId',
      undefined,
      getResponseMetadata(submitted)?.trackingId,
    );
  metadata.reportRequestId = id;
  progress?.({ phase: 'submitted', reportRequestId: id });
  scope.phase = 'poll';
  let trackingId: string | undefined;
  const status = await pollUntilDone({
    check: async (signal) => {
      const answer = await client.pollGenerateReport(
        { ReportRequestId: id },
        { ...options.call, ...(signal ? { signal } : {}) },
      );
      trackingId = getResponseMetadata(answer)?.trackingId;
      return answer.ReportRequestStatus ?? {};
    },
    done: (s) => s.Status !== 'Pending',
    signal: scope.signal,
    ...(options.poll ? { schedule: options.poll } : {}),
    ...(options.sleep ? { sleep: options.sleep } : {}),
    onPoll: (p) =>
      progress?.({
        phase: 'polling',
        reportRequestId: id,
        attempt: p.attempt,
        status: p.state.Status ?? '(none)',
        nextDelayMs: p.nextDelayMs,
      }),
    onThrottled: (waitMs) => progress?.({ phase: 'throttled', reportRequestId: id, waitMs }),
  });
  if (status.Status === 'Error')
    throw new ReportError(`report ${id} finished with status Error`, id, trackingId);
  if (status.Status !== 'Success')
    throw new ReportError(
      `PollGenerateReport answered status ${String(status.Status ?? '(none)')} for report ${id}`,
      id,
      trackingId,
    );
  const url = status.ReportDownloadUrl;
  if (!url) return undefined;
  scope.phase = 'download';
  const { body, contentLength } = await openDownload(url, {
    ...options.download,
    signal: scope.signal,
    operation: OPERATION,
  });
  let bytes = 0;
  const counted = async function* () {
    for await (const chunk of body) {
      bytes += chunk.length;
      progress?.({ phase: 'downloading', bytes, totalBytes: contentLength });
      yield chunk;
    }
  };
  return unzipSingle(progress ? counted() : body, (entry) => (metadata.fileName = entry.name));
}
