import { AdsError, nameClass } from '../errors.js';

/**
 * Errors of the transfer helpers (polling a server-side job, downloading and reading its
 * file). They extend `AdsError`, so one `catch` still covers every failure of the runtime.
 * Download URLs carry a signature in their query string: messages name the host and path
 * only, never the query.
 */

/** Which step of a transfer was running. */
export type TransferPhase = 'submit' | 'upload' | 'poll' | 'download' | 'read';

/** The caller's overall `deadlineMs` passed before the transfer finished. */
export class DeadlineExceededError extends AdsError {
  constructor(
    readonly operation: string,
    readonly phase: TransferPhase,
    readonly deadlineMs: number,
  ) {
    super(`${operation}: not finished within deadlineMs (${deadlineMs} ms), while in ${phase}`);
  }

  override toJSON(): Record<string, unknown> {
    return {
      ...super.toJSON(),
      operation: this.operation,
      phase: this.phase,
      deadlineMs: this.deadlineMs,
    };
  }
}
nameClass(DeadlineExceededError, 'DeadlineExceededError');

export type DownloadFailure =
  'url-expired' | 'http-status' | 'bad-url' | 'bad-archive' | 'bad-file';

/** The file could not be fetched or opened. `reason` says which way. */
export class DownloadError extends AdsError {
  constructor(
    readonly reason: DownloadFailure,
    message: string,
    readonly httpStatus?: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }

  override toJSON(): Record<string, unknown> {
    return {
      ...super.toJSON(),
      reason: this.reason,
      ...(this.httpStatus !== undefined ? { httpStatus: this.httpStatus } : {}),
    };
  }
}
nameClass(DownloadError, 'DownloadError');

/**
 * The download host answered 403 or 404: the URL's signature has expired (Microsoft's report
 * and bulk URLs live for minutes) or the file is gone. Submitting the job again gives a new URL.
 */
export class DownloadUrlExpiredError extends DownloadError {
  constructor(location: string, httpStatus: number) {
    super(
      'url-expired',
      `the download URL ${location} has expired or no longer exists (HTTP ${httpStatus}); submit the request again for a fresh URL`,
      httpStatus,
    );
  }
}
nameClass(DownloadUrlExpiredError, 'DownloadUrlExpiredError');

/** `scheme://host/path` of a URL, without its query (which holds the signature) or fragment. */
export function describeUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}${u.pathname}`;
  } catch {
    return '(an invalid URL)';
  }
}
