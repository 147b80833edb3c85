/**
 * @adsgen/runtime/transfer: the generic pieces of Microsoft Advertising's file workflows
 * (reports and bulk): poll a job with backoff, download its pre-signed URL without the API's
 * credentials, unzip and parse CSV/TSV as streams; and Bulk files' reader, writer and
 * workflows. A separate entry point, loaded only by code that transfers files, so importing
 * `@adsgen/runtime` loads none of it (nor fflate, Papa Parse or csv-stringify).
 */
export {
  DEFAULT_POLL_SCHEDULE,
  pollDelay,
  pollUntilDone,
  resolvePollSchedule,
  type PollOptions,
  type PollProgress,
  type PollSchedule,
} from './poll.js';
export { TransferScope } from './deadline.js';
export { openDownload, type DownloadOptions, type DownloadResponse } from './download.js';
export { unzipSingle, zipSingle, type ZipEntryInfo } from './unzip.js';
export { parseDelimited, parseDelimitedBatches, type DelimitedOptions } from './delimited.js';
export {
  DeadlineExceededError,
  DownloadError,
  DownloadUrlExpiredError,
  describeUrl,
  type DownloadFailure,
  type TransferPhase,
} from './errors.js';
export {
  ReportError,
  startReportDownload,
  type DownloadReportOptions,
  type ReportCallOptions,
  type ReportDownload,
  type ReportFileResult,
  type ReportProgress,
  type ReportRequestLike,
  type ReportingClientLike,
} from './report.js';
export {
  parseReportNumber,
  ReportRowReader,
  type ReportHeader,
  type ReportKindValues,
  type ReportLayout,
  type ReportMetadata,
  type ReportRowOf,
  type ReportValueKind,
} from './report-file.js';
export { splitPreamble, type SplitFile } from './report-preamble.js';
export * from './bulk/index.js';
