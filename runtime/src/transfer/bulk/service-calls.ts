import type { CallOptions } from '../../client.js';

/**
 * What the Bulk workflows need of a client: the generated BulkClient has these methods (over
 * SOAP or REST alike) and, from ServiceClient, `fileTransferHeaders`. Declared here structurally
 * so the runtime does not depend on the generated package.
 */

export interface BulkOperationError {
  Code?: number;
  ErrorCode?: string | null;
  Message?: string | null;
}

export interface BulkStatusResponse {
  Errors?: BulkOperationError[] | null;
  PercentComplete?: number;
  RequestStatus?: string | null;
  ResultFileUrl?: string | null;
}

/** DownloadCampaignsByAccountIds (with `AccountIds`) or DownloadCampaignsByCampaignIds (`Campaigns`). */
export interface DownloadBulkRequest {
  AccountIds?: string[] | null;
  Campaigns?: { CampaignId?: string; ParentAccountId?: string }[] | null;
  CompressionType?: string | null;
  DataScope?: string[];
  DownloadEntities?: string[] | null;
  DownloadFileType?: string | null;
  FormatVersion?: string | null;
  LastSyncTimeInUTC?: string | null;
}

export interface BulkServiceCalls {
  downloadCampaignsByAccountIds(
    request: DownloadBulkRequest,
    options?: CallOptions,
  ): Promise<{ DownloadRequestId?: string | null }>;
  downloadCampaignsByCampaignIds(
    request: DownloadBulkRequest,
    options?: CallOptions,
  ): Promise<{ DownloadRequestId?: string | null }>;
  getBulkDownloadStatus(
    request: { RequestId?: string | null },
    options?: CallOptions,
  ): Promise<BulkStatusResponse>;
  getBulkUploadUrl(
    request: { ResponseMode?: string; AccountId?: string },
    options?: CallOptions,
  ): Promise<{ RequestId?: string | null; UploadUrl?: string | null }>;
  getBulkUploadStatus(
    request: { RequestId?: string | null },
    options?: CallOptions,
  ): Promise<BulkStatusResponse>;
  fileTransferHeaders(options?: CallOptions): Promise<Record<string, string>>;
}
