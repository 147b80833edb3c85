import { createWriteStream, openAsBlob } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { AdsApiError, AuthenticationError, TransportError } from '../../errors.js';
import { chunksOf, type BulkFileSource } from './byte-streams.js';
import { zipSingle } from '../unzip.js';
import { readBulkRecordsFromFile, writeBulkRecordsToFile } from './bulk-file.js';
import type { BulkFileFormat } from './csv-rows.js';
import type { AnyBulkRecord, BulkEntityTable, BulkRecordInput } from './records.js';
import type { BulkServiceCalls } from './service-calls.js';
import { TransferScope } from '../deadline.js';
import { pollStatus, resultFile, type TransferOptions } from './transfer.js';

/** Records to write, or an existing Bulk file (CSV/TSV, zipped or not) to send as it is. */
export type UploadBulkInput<R> = Iterable<R> | AsyncIterable<R> | { file: BulkFileSource };

export interface UploadBulkOptions extends TransferOptions {
  /** ErrorsAndResults (default): the result file echoes every record; ErrorsOnly: only errors. */
  responseMode?: 'ErrorsOnly' | 'ErrorsAndResults';
  /** The account uploaded to; default the client's account (CustomerAccountId). */
  accountId?: string;
  customerId?: string;
  /** Format of the file written from records (default Csv). */
  format?: BulkFileFormat;
}

export interface UploadBulkResult<R> {
  requestId: string;
  /** Completed or CompletedWithErrors. */
  requestStatus: string;
  /**
   * The result file's records with their errors, read as they stream in (once: the result URL is
   * valid for minutes, so iterate it promptly). Empty when the service gave no result file.
   */
  records: AsyncIterable<R>;
}

const UPLOAD_DONE = ['Completed', 'CompletedWithErrors'];
const UPLOAD_PENDING = ['PendingFileUpload', 'FileUploaded', 'InProgress', ''];

/**
 * The Bulk upload workflow: write the records as a Bulk file (Format Version first) and zip it
 * into a temporary file, GetBulkUploadUrl, POST the zip as multipart/form-data (undici FormData,
 * the file streamed from disk) with the credential headers Microsoft documents for this POST,
 * poll GetBulkUploadStatus, and read the result file. The POST is sent once and never retried:
 * the service may have taken the file even when the answer is lost.
 */
export async function uploadBulkRecords(
  client: BulkServiceCalls,
  input: UploadBulkInput<BulkRecordInput>,
  table: BulkEntityTable,
  options: UploadBulkOptions = {},
): Promise<UploadBulkResult<AnyBulkRecord>> {
  const scope = new TransferScope('uploadBulk', options.deadlineMs, options.signal);
  const dir = await mkdtemp(join(tmpdir(), 'adsgen-bulk-'));
  try {
    scope.phase = 'upload';
    const zipPath = join(dir, 'upload.zip');
    await writeZip(input, table, options.format, zipPath, scope);
    const base = {
      ...(options.customerId !== undefined ? { customerId: options.customerId } : {}),
      ...(options.accountId !== undefined ? { accountId: options.accountId } : {}),
    };
    const call = { ...base, signal: scope.signal };
    const headers = await client.fileTransferHeaders(call);
    const accountId = options.accountId ?? headers['CustomerAccountId'];
    if (accountId === undefined)
      throw new TypeError('uploadBulk: no account: pass accountId or create the client with one');
    const upload = await client.getBulkUploadUrl(
      { ResponseMode: options.responseMode ?? 'ErrorsAndResults', AccountId: accountId },
      call,
    );
    const requestId = upload.RequestId;
    if (!requestId || !upload.UploadUrl)
      throw new TransportError(
        'malformed-response',
        'uploadBulk: GetBulkUploadUrl gave no RequestId or UploadUrl',
        {
          operation: 'uploadBulk',
        },
      );
    await postFile(scope, upload.UploadUrl, headers, zipPath);
    const status = await pollStatus(
      scope,
      'GetBulkUploadStatus',
      requestId,
      (signal) =>
        client.getBulkUploadStatus(
          { RequestId: requestId },
          { ...base, ...(signal ? { signal } : {}) },
        ),
      { done: UPLOAD_DONE, pending: UPLOAD_PENDING },
      options,
    );
    const url = status.ResultFileUrl;
    if (!url) scope.dispose();
    return {
      requestId,
      requestStatus: status.RequestStatus ?? '',
      // The result file is read under the same scope: the deadline covers it too.
      records: url ? resultRecords(scope, url, table) : emptyRecords(),
    };
  } catch (e) {
    scope.dispose();
    throw scope.translate(e);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function writeZip(
  input: UploadBulkInput<BulkRecordInput>,
  table: BulkEntityTable,
  format: BulkFileFormat | undefined,
  path: string,
  scope: TransferScope,
): Promise<void> {
  const isFile = typeof input === 'object' && input !== null && 'file' in input;
  const bytes = isFile
    ? passOrZip(chunksOf(input.file), format)
    : zipSingle(
        `upload.${format === 'Tsv' ? 'tsv' : 'csv'}`,
        writeBulkRecordsToFile(input, table, format ? { format } : {}),
      );
  await pipeline(Readable.from(bytes), createWriteStream(path), { signal: scope.signal });
}

/** A file already zipped goes as it is; a plain CSV/TSV file is zipped. */
async function* passOrZip(
  chunks: AsyncIterable<Uint8Array>,
  format: BulkFileFormat | undefined,
): AsyncGenerator<Uint8Array> {
  const iterator = chunks[Symbol.asyncIterator]();
  const first = await iterator.next();
  if (first.done) throw new TypeError('uploadBulk: the file is empty');
  const all = (async function* () {
    yield first.value;
    for (let r = await iterator.next(); !r.done; r = await iterator.next()) yield r.value;
  })();
  const zipped = first.value[0] === 0x50 && first.value[1] === 0x4b;
  if (zipped) yield* all;
  else yield* zipSingle(`upload.${format === 'Tsv' ? 'tsv' : 'csv'}`, all);
}

async function postFile(
  scope: TransferScope,
  url: string,
  headers: Record<string, string>,
  zipPath: string,
): Promise<void> {
  const { request, FormData } = await import('undici');
  const form = new FormData();
  form.append('file', await openAsBlob(zipPath, { type: 'application/zip' }), 'upload.zip');
  let response;
  try {
    response = await request(url, { method: 'POST', headers, body: form, signal: scope.signal });
  } catch (e) {
    // Never retried: the service may have taken the file even when the answer is lost.
    throw new TransportError(
      'connection',
      `uploadBulk: the file POST failed: ${(e as Error).message}`,
      { operation: 'uploadBulk', mayHaveRun: true },
      { cause: e },
    );
  }
  const text = await response.body.text();
  if (response.statusCode === 200) return;
  const body = parseJson(text);
  const init = {
    protocol: 'rest' as const,
    operation: 'uploadBulk',
    httpStatus: response.statusCode,
    ...(typeof body?.['TrackingId'] === 'string' ? { trackingId: body['TrackingId'] } : {}),
    errors: [
      {
        kind: 'operation' as const,
        code: typeof body?.['Code'] === 'number' ? body['Code'] : 0,
        errorCode:
          typeof body?.['ErrorCode'] === 'string'
            ? body['ErrorCode']
            : `HTTP${response.statusCode}`,
        message:
          typeof body?.['Message'] === 'string'
            ? body['Message']
            : `the upload POST answered HTTP ${response.statusCode}`,
      },
    ],
  };
  if (response.statusCode !== 401) throw new AdsApiError(init);
  const errorCode = init.errors[0]!.errorCode;
  throw new AuthenticationError(
    init,
    /DeveloperToken/i.test(errorCode)
      ? 'developer-token-invalid-or-wrong-environment'
      : init.errors[0]!.code === 106
        ? 'no-access-to-customer-or-account'
        : 'access-token-invalid-or-expired',
  );
}

function parseJson(text: string): Record<string, unknown> | undefined {
  try {
    const v: unknown = JSON.parse(text);
    return v && typeof v === 'object' ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

async function* resultRecords(
  scope: TransferScope,
  url: string,
  table: BulkEntityTable,
): AsyncGenerator<AnyBulkRecord> {
  try {
    yield* readBulkRecordsFromFile(resultFile(scope, url, 'uploadBulk'), table);
  } catch (e) {
    throw scope.translate(e);
  } finally {
    scope.dispose();
  }
}

async function* emptyRecords(): AsyncGenerator<AnyBulkRecord> {}
