import { TransportError } from '../../errors.js';
import { TransferScope } from '../deadline.js';
import { parseRows, type BulkFileFormat } from './csv-rows.js';
import { readBulkRecords } from './read-records.js';
import type { AnyBulkRecord, BulkEntityTable } from './records.js';
import type { BulkServiceCalls, DownloadBulkRequest } from './service-calls.js';
import { pollStatus, resultFile, type TransferOptions } from './transfer.js';

export interface DownloadBulkOptions extends TransferOptions {
  /** CustomerId / CustomerAccountId for the calls, when not the client's defaults. */
  customerId?: string;
  accountId?: string;
}

const DOWNLOAD_DONE = ['Completed'];
const DOWNLOAD_PENDING = ['InProgress', 'Pending', ''];

/**
 * The Bulk download workflow, lazily (nothing is sent until the iteration starts): request the
 * file (FormatVersion 6.0, zipped, Csv unless the request says Tsv), poll its status, then stream
 * the file through unzip and the CSV/TSV parser into records. Aborting the signal or passing the
 * deadline ends the iteration with a TransportError 'aborted' / a DeadlineExceededError.
 */
export async function* downloadBulkRecords(
  client: BulkServiceCalls,
  request: DownloadBulkRequest,
  table: BulkEntityTable,
  options: DownloadBulkOptions = {},
): AsyncGenerator<AnyBulkRecord, void, undefined> {
  const scope = new TransferScope('downloadBulk', options.deadlineMs, options.signal);
  try {
    yield* download(client, request, table, options, scope);
  } catch (e) {
    throw scope.translate(e);
  } finally {
    scope.dispose();
  }
}

async function* download(
  client: BulkServiceCalls,
  request: DownloadBulkRequest,
  table: BulkEntityTable,
  options: DownloadBulkOptions,
  scope: TransferScope,
): AsyncGenerator<AnyBulkRecord, void, undefined> {
  const call = {
    signal: scope.signal,
    ...(options.customerId !== undefined ? { customerId: options.customerId } : {}),
    ...(options.accountId !== undefined ? { accountId: options.accountId } : {}),
  };
  const byCampaigns = (request.Campaigns?.length ?? 0) > 0;
  if (!byCampaigns && !(request.AccountIds?.length ?? 0))
    throw new TypeError('downloadBulk: the request needs AccountIds or Campaigns');
  const full: DownloadBulkRequest = {
    ...request,
    FormatVersion: request.FormatVersion ?? table.formatVersion,
    DownloadFileType: request.DownloadFileType ?? 'Csv',
    CompressionType: request.CompressionType ?? 'Zip',
    DataScope: request.DataScope ?? ['EntityData'],
  };
  const started = byCampaigns
    ? await client.downloadCampaignsByCampaignIds(full, call)
    : await client.downloadCampaignsByAccountIds(full, call);
  const requestId = started.DownloadRequestId;
  if (!requestId)
    throw new TransportError('malformed-response', 'downloadBulk: no DownloadRequestId came back', {
      operation: 'downloadBulk',
    });
  const status = await pollStatus(
    scope,
    'GetBulkDownloadStatus',
    requestId,
    (signal) =>
      client.getBulkDownloadStatus(
        { RequestId: requestId },
        { ...call, ...(signal ? { signal } : {}) },
      ),
    { done: DOWNLOAD_DONE, pending: DOWNLOAD_PENDING },
    options,
  );
  if (!status.ResultFileUrl)
    throw new TransportError(
      'malformed-response',
      'downloadBulk: Completed without a ResultFileUrl',
      {
        operation: 'downloadBulk',
      },
    );
  const format = full.DownloadFileType === 'Tsv' ? 'Tsv' : ('Csv' as BulkFileFormat);
  yield* readBulkRecords(
    parseRows(resultFile(scope, status.ResultFileUrl, 'downloadBulk'), format),
    table,
  );
}
