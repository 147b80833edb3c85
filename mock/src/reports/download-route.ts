import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ReportJobs } from './jobs.ts';

export const REPORT_FILES_PATH = /^\/reports\/files\/(\d+)\.zip$/;

/**
 * The blob host of report files: answers the signed URL PollGenerateReport handed out with the
 * zip, 403 when URLs are set to be expired (as Azure answers an expired signature), 404 for an
 * unknown file. Records the request headers.
 */
export function serveReportFile(
  jobs: ReportJobs,
  url: URL,
  req: IncomingMessage,
  res: ServerResponse,
): void {
  jobs.downloadHeaders.push(req.headers);
  const id = REPORT_FILES_PATH.exec(url.pathname)?.[1] ?? '';
  if (jobs.config.expiredUrls) {
    res.writeHead(403, { 'Content-Type': 'application/xml' });
    res.end(
      '<Error><Code>AuthenticationFailed</Code><Message>Signed expiry time has passed</Message></Error>',
    );
    return;
  }
  const file = jobs.file(id, url.searchParams.get('sig'));
  if (!file) {
    res.writeHead(404, { 'Content-Type': 'application/xml' });
    res.end('<Error><Code>BlobNotFound</Code></Error>');
    return;
  }
  res.writeHead(200, {
    'Content-Type': 'application/x-zip-compressed',
    'Content-Length': file.length,
  });
  const stall = jobs.config.stallAfterBytes;
  if (stall === undefined) res.end(file);
  else res.write(file.subarray(0, stall)); // and nothing more: the client has to give up
}
