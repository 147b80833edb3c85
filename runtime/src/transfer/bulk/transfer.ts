import { AdsError, nameClass } from '../../errors.js';
import type { TransferScope } from '../deadline.js';
import { openDownload } from '../download.js';
import { pollUntilDone, type PollSchedule } from '../poll.js';
import { unzipSingle } from '../unzip.js';

/**
 * What the Bulk workflows add to the transfer core: their options, their status polling
 * (GetBulkDownloadStatus / GetBulkUploadStatus, with PercentComplete for `onProgress`) and the
 * failure of a request that ended in a failure status.
 */

export interface TransferOptions {
  signal?: AbortSignal;
  /** Whole-workflow deadline in ms, polling and download included: past it a DeadlineExceededError. */
  deadlineMs?: number;
  /** Called after each status poll. */
  onProgress?: (progress: TransferProgress) => void;
  /** First wait between status polls (default 1 000 ms); grows ×1.5 up to `maxPollIntervalMs`. */
  pollIntervalMs?: number;
  /** Default 20 000 ms (Microsoft suggests 15–20 s for accounts well under a million keywords). */
  maxPollIntervalMs?: number;
  /** Waits between polls; injectable for tests. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

export interface TransferProgress {
  requestId: string;
  requestStatus: string;
  percentComplete: number;
}

/** A Bulk request that ended in a failure status (Failed, FailedFullSyncRequired, …). */
export class BulkRequestFailedError extends AdsError {
  constructor(
    readonly operation: string,
    readonly requestId: string,
    readonly requestStatus: string,
    readonly errors: readonly {
      Code?: number;
      ErrorCode?: string | null;
      Message?: string | null;
    }[],
  ) {
    const first = errors[0];
    super(
      `${operation}: request ${requestId} ended with status ${requestStatus}` +
        (first
          ? `: ${first.ErrorCode ?? ''} ${first.Code ?? ''} ${first.Message ?? ''}`.trimEnd()
          : ''),
    );
  }

  override toJSON(): Record<string, unknown> {
    return {
      ...super.toJSON(),
      operation: this.operation,
      requestId: this.requestId,
      requestStatus: this.requestStatus,
      errors: this.errors,
    };
  }
}
nameClass(BulkRequestFailedError, 'BulkRequestFailedError');

export interface StatusResponse {
  RequestStatus?: string | null;
  PercentComplete?: number;
  ResultFileUrl?: string | null;
  Errors?: readonly { Code?: number; ErrorCode?: string | null; Message?: string | null }[] | null;
}

function schedule(options: TransferOptions): Partial<PollSchedule> {
  return {
    initialDelayMs: options.pollIntervalMs ?? 1000,
    maxDelayMs: options.maxPollIntervalMs ?? 20_000,
  };
}

/**
 * Polls `get` until the status is one of `done` (resolves to the response) or leaves the
 * `pending` set (BulkRequestFailedError). A 117 that outlasts the client's retries is waited
 * out and polling goes on (polling is a read).
 */
export async function pollStatus(
  scope: TransferScope,
  operation: string,
  requestId: string,
  get: (signal: AbortSignal | undefined) => Promise<StatusResponse>,
  states: { done: readonly string[]; pending: readonly string[] },
  options: TransferOptions,
): Promise<StatusResponse> {
  scope.phase = 'poll';
  const status = await pollUntilDone<StatusResponse>({
    check: get,
    done: (s) => !states.pending.includes(s.RequestStatus ?? ''),
    signal: scope.signal,
    schedule: schedule(options),
    ...(options.sleep ? { sleep: options.sleep } : {}),
    onPoll: ({ state }) =>
      options.onProgress?.({
        requestId,
        requestStatus: state.RequestStatus ?? '',
        percentComplete: state.PercentComplete ?? 0,
      }),
  });
  const requestStatus = status.RequestStatus ?? '';
  if (!states.done.includes(requestStatus))
    throw new BulkRequestFailedError(operation, requestId, requestStatus, status.Errors ?? []);
  return status;
}

/** A result file's bytes, unzipped: fetched without the API's credentials (the URL is signed). */
export async function* resultFile(
  scope: TransferScope,
  url: string,
  operation: string,
): AsyncGenerator<Uint8Array> {
  scope.phase = 'download';
  const { body } = await openDownload(url, { signal: scope.signal, operation });
  yield* unzipSingle(body);
}
