/**
 * Bulk files: the reader and writer (driven by the bulk package's entity table) and the
 * download and upload workflows, on the transfer core (poll, download, unzip, CSV).
 */
export {
  BULK_DELETE_VALUE,
  bulkRecordType,
  unknownBulkRecord,
  type AnyBulkRecord,
  type BulkColumnKind,
  type BulkDeleteValue,
  type BulkEntityTable,
  type BulkRecordExtras,
  type BulkRecordInput,
  type BulkRowError,
  type UnknownBulkRecord,
  type UnknownBulkType,
} from './records.js';
export { BulkFileError } from './errors.js';
export { readBulkRecords } from './read-records.js';
export { writeBulkRows, type WriteBulkOptions } from './write-records.js';
export {
  readBulkRecordsFromFile,
  writeBulkRecordsToFile,
  type ReadBulkFileOptions,
  type WriteBulkFileOptions,
} from './bulk-file.js';
export type { BulkFileSource } from './byte-streams.js';
export type { BulkFileFormat } from './csv-rows.js';
export type {
  BulkOperationError,
  BulkServiceCalls,
  BulkStatusResponse,
  DownloadBulkRequest,
} from './service-calls.js';
export { BulkRequestFailedError, type TransferOptions, type TransferProgress } from './transfer.js';
export { downloadBulkRecords, type DownloadBulkOptions } from './download-bulk.js';
export {
  uploadBulkRecords,
  type UploadBulkInput,
  type UploadBulkOptions,
  type UploadBulkResult,
} from './upload-bulk.js';
