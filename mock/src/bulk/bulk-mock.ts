import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { stringify as stringifyStream } from 'csv-stringify';
import { unzipSync, zipSync, Zip, ZipDeflate } from 'fflate';
import { accountFileRows } from './account-file.ts';
import { checkRow } from './upload-check.ts';

/**
 * The Bulk service of the mock: downloads of a generated account (DownloadCampaignsBy… →
 * GetBulkDownloadStatus, InProgress for `pollsUntilReady` polls, then Completed with a
 * ResultFileUrl on this server), and uploads (GetBulkUploadUrl → multipart POST of a zipped
 * CSV/TSV to the UploadUrl with the documented credential headers → GetBulkUploadStatus → a
 * result file whose invalid rows are followed by `… Error` rows). Files are real: zip archives
 * made with fflate holding CSV/TSV written with csv-stringify.
 */

export interface BulkMockOptions {
  /** Rows of a downloaded account file (default 200). */
  rows?: number;
  /** Status polls answered InProgress before Completed (default 2). */
  pollsUntilReady?: number;
}

interface DownloadJob {
  accountId: string;
  format: 'Csv' | 'Tsv';
  bidSuggestions: boolean;
  polls: number;
}

interface UploadJob {
  accountId: string;
  responseMode: string;
  polls: number;
  userToken?: string;
  uploaded: boolean;
  result?: Buffer;
  withErrors?: boolean;
}

export const BULK_HTTP_PREFIX = '/bulk-files/';

export class BulkMock {
  origin = '';
  readonly options: Required<BulkMockOptions>;
  readonly #downloads = new Map<string, DownloadJob>();
  readonly #uploads = new Map<string, UploadJob>();
  readonly #files = new Map<string, Buffer>();
  #next = 1;

  constructor(options: BulkMockOptions = {}) {
    this.options = { rows: options.rows ?? 200, pollsUntilReady: options.pollsUntilReady ?? 2 };
  }

  /**
   * Answers a Bulk operation, or undefined for one the synthesizer answers: the other operations,
   * and status requests for ids this mock did not issue (schema-driven tests of every operation
   * send made-up ids and expect a well-formed answer).
   */
  handle(operation: string, req: Record<string, unknown>, accountHeader: string | undefined) {
    switch (operation) {
      case 'DownloadCampaignsByAccountIds':
      case 'DownloadCampaignsByCampaignIds': {
        const ids = req['AccountIds'];
        const accountId = (Array.isArray(ids) ? String(ids[0]) : undefined) ?? accountHeader ?? '0';
        const scope = req['DataScope'];
        const id = `d-${this.#next++}`;
        this.#downloads.set(id, {
          accountId,
          format: req['DownloadFileType'] === 'Tsv' ? 'Tsv' : 'Csv',
          bidSuggestions: JSON.stringify(scope ?? '').includes('BidSuggestionsData'),
          polls: 0,
        });
        return { DownloadRequestId: id };
      }
      case 'GetBulkDownloadStatus': {
        const id = String(req['RequestId'] ?? '');
        const job = this.#downloads.get(id);
        if (!job) return undefined;
        job.polls++;
        if (job.polls <= this.options.pollsUntilReady)
          return {
            RequestStatus: 'InProgress',
            PercentComplete: Math.round((100 * job.polls) / (this.options.pollsUntilReady + 1)),
            ResultFileUrl: null,
            Errors: null,
          };
        return {
          RequestStatus: 'Completed',
          PercentComplete: 100,
          ResultFileUrl: `${this.origin}${BULK_HTTP_PREFIX}download/${id}`,
          Errors: null,
        };
      }
      case 'GetBulkUploadUrl': {
        const id = `u-${this.#next++}`;
        this.#uploads.set(id, {
          accountId: String(req['AccountId'] ?? ''),
          responseMode: String(req['ResponseMode'] ?? 'ErrorsOnly'),
          polls: 0,
          uploaded: false,
        });
        return { RequestId: id, UploadUrl: `${this.origin}${BULK_HTTP_PREFIX}upload/${id}` };
      }
      case 'GetBulkUploadStatus': {
        const id = String(req['RequestId'] ?? '');
        const job = this.#uploads.get(id);
        if (!job) return undefined;
        if (!job.uploaded)
          return { RequestStatus: 'PendingFileUpload', PercentComplete: 0, ResultFileUrl: null };
        job.polls++;
        if (job.polls <= this.options.pollsUntilReady)
          return { RequestStatus: 'InProgress', PercentComplete: 50, ResultFileUrl: null };
        return {
          RequestStatus: job.withErrors ? 'CompletedWithErrors' : 'Completed',
          PercentComplete: 100,
          ResultFileUrl: `${this.origin}${BULK_HTTP_PREFIX}result/${id}`,
        };
      }
      default:
        return undefined;
    }
  }

  /** The file transfer endpoints: GET a download or result file, POST an upload. */
  async serveHttp(
    req: IncomingMessage,
    res: ServerResponse,
    checkCredentials: (headers: IncomingHttpHeaders) => string | undefined,
  ): Promise<void> {
    const [, , kind, id = ''] = (req.url ?? '').split('?')[0]!.split('/');
    if (kind === 'download' && req.method === 'GET') {
      const job = this.#downloads.get(id);
      if (!job) return notFound(res);
      res.writeHead(200, { 'Content-Type': 'application/zip' });
      const cached = this.#files.get(`${job.format}:${job.bidSuggestions}:${job.accountId}`);
      if (cached) {
        res.end(cached);
        return;
      }
      await pipeline(Readable.from(zipStream(job, this.options.rows)), res);
      return;
    }
    if (kind === 'result' && req.method === 'GET') {
      const job = this.#uploads.get(id);
      if (!job?.result) return notFound(res);
      res.writeHead(200, { 'Content-Type': 'application/zip' });
      res.end(job.result);
      return;
    }
    if (kind === 'upload' && req.method === 'POST') {
      const job = this.#uploads.get(id);
      const body = await readAll(req);
      if (!job) return notFound(res);
      const denied = checkCredentials(req.headers);
      if (denied) return sendJson(res, 401, 105, 'InvalidCredentials', denied);
      if (job.uploaded)
        return sendJson(
          res,
          400,
          3224,
          'BulkServiceUrlAlreadyUsedForUpload',
          'The URL has already been used for file upload.',
        );
      const file = await uploadedFile(req.headers, body);
      if (!file)
        return sendJson(
          res,
          400,
          3223,
          'BulkServiceInvalidFileExtension',
          'Expected one zipped file.',
        );
      job.uploaded = true;
      const { zip, withErrors } = resultFile(file, job.responseMode);
      job.result = zip;
      job.withErrors = withErrors;
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end('{}');
      return;
    }
    notFound(res);
  }

  /** Builds a download file ahead of time (benchmarks measure the client, not the generator); returns the zip. */
  async prepare(
    accountId: string,
    format: 'Csv' | 'Tsv' = 'Csv',
    bidSuggestions = false,
  ): Promise<Buffer> {
    const chunks: Uint8Array[] = [];
    for await (const c of zipStream(
      { accountId, format, bidSuggestions, polls: 0 },
      this.options.rows,
    ))
      chunks.push(c);
    const zip = Buffer.concat(chunks);
    this.#files.set(`${format}:${bidSuggestions}:${accountId}`, zip);
    return zip;
  }
}

/** The account file as a zip, streaming: rows → csv-stringify → fflate. */
async function* zipStream(job: DownloadJob, rows: number): AsyncGenerator<Uint8Array> {
  const out: Uint8Array[] = [];
  const zip = new Zip((err, data) => {
    if (err) throw err;
    out.push(data);
  });
  const entry = new ZipDeflate(`Download.${job.format.toLowerCase()}`, { level: 6 });
  zip.add(entry);
  const csv = stringifyStream({
    delimiter: job.format === 'Tsv' ? '\t' : ',',
    record_delimiter: '\r\n',
  });
  const source = Readable.from(
    accountFileRows({
      accountId: job.accountId,
      rows,
      bidSuggestions: job.bidSuggestions,
    }),
  );
  source.pipe(csv);
  entry.push(Buffer.from('\uFEFF', 'utf8'), false);
  for await (const text of csv as AsyncIterable<Buffer>) {
    entry.push(text, false);
    yield* out.splice(0);
  }
  entry.push(new Uint8Array(0), true);
  zip.end();
  yield* out.splice(0);
}

async function readAll(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

/** The one file of a multipart/form-data body (parsed by the platform's Request.formData). */
async function uploadedFile(
  headers: IncomingHttpHeaders,
  body: Buffer,
): Promise<Uint8Array | undefined> {
  const type = headers['content-type'];
  if (!type?.startsWith('multipart/form-data')) return undefined;
  const form = await new Request('http://mock/upload', {
    method: 'POST',
    headers: { 'content-type': type },
    body,
  }).formData();
  const files = [...form.values()].filter((v) => typeof v !== 'string');
  if (files.length !== 1) return undefined;
  // A File (a Blob) whatever the DOM or undici typings call it.
  const file = files[0] as unknown as Blob;
  return new Uint8Array(await file.arrayBuffer());
}

/** Checks each uploaded row; the result file echoes rows (ErrorsAndResults) and adds error rows. */
function resultFile(zip: Uint8Array, responseMode: string): { zip: Buffer; withErrors: boolean } {
  const entries = Object.entries(unzipSync(zip));
  const [name, bytes] = entries[0] ?? ['upload.csv', new Uint8Array(0)];
  const text = Buffer.from(bytes)
    .toString('utf8')
    .replace(/^\uFEFF/, '');
  const delimiter = name.endsWith('.tsv') || /^[^\n,]*\t/.test(text) ? '\t' : ',';
  const rows = parse(text, {
    delimiter,
    relax_column_count: true,
    skip_empty_lines: true,
  }) as string[][];
  const header = rows[0] ?? ['Type'];
  const out: string[][] = [
    [...header, ...['Error', 'Error Number'].filter((h) => !header.includes(h))],
  ];
  const width = out[0]!.length;
  const errorAt = out[0]!.indexOf('Error');
  const numberAt = out[0]!.indexOf('Error Number');
  let withErrors = false;
  for (const cells of rows.slice(1)) {
    const type = cells[0] ?? '';
    const padded = [...cells, ...new Array<string>(width - cells.length).fill('')];
    if (type === 'Format Version') {
      if (responseMode === 'ErrorsAndResults') out.push(padded);
      continue;
    }
    const byName = new Map(header.map((h, i) => [h, cells[i] ?? '']));
    const error = checkRow(type, byName);
    if (responseMode === 'ErrorsAndResults') out.push(padded);
    if (error) {
      withErrors = true;
      const row = [...padded];
      row[0] = `${type} Error`;
      row[errorAt] = error.errorCode;
      row[numberAt] = String(error.code);
      out.push(row);
    }
  }
  const csv = `\uFEFF${stringify(out, { delimiter, record_delimiter: '\r\n' })}`;
  return {
    zip: Buffer.from(
      zipSync({ [`Results.${delimiter === '\t' ? 'tsv' : 'csv'}`]: Buffer.from(csv, 'utf8') }),
    ),
    withErrors,
  };
}

function notFound(res: ServerResponse): void {
  res.writeHead(404, { 'Content-Type': 'text/plain' });
  res.end('no such bulk file');
}

function sendJson(
  res: ServerResponse,
  status: number,
  code: number,
  errorCode: string,
  message: string,
): void {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8' });
  res.end(
    JSON.stringify({
      TrackingId: crypto.randomUUID(),
      Code: code,
      ErrorCode: errorCode,
      Message: message,
    }),
  );
}
