import type { Dispatcher } from 'undici';
import { DEFAULT_TIMEOUT_MS, toTransportError } from '../transport.js';
import { nodeGet } from './http-get.js';
import { dispatchGet, type StreamedResponse } from './response-stream.js';
import { DownloadError, DownloadUrlExpiredError, describeUrl } from './errors.js';

/**
 * GET of a pre-signed download URL (a report or bulk file on Microsoft's blob storage), as a
 * stream of chunks. Only the HTTP client's defaults go on the wire: no Authorization, DeveloperToken or
 * other header of the API client, since the URL's own signature is the credential and the
 * download host is not Microsoft Advertising's API.
 */
export interface DownloadOptions {
  signal?: AbortSignal;
  /** Connect, headers and idle-between-chunks timeout, each. Default 100 s. */
  timeoutMs?: number;
  /** An undici dispatcher of your own (a proxy agent, say); by default Node's http, one connection. */
  dispatcher?: Dispatcher;
  /** For messages. Default 'download'. */
  operation?: string;
}

export interface DownloadResponse {
  /** The body; ends when the file does. Stopping early (break) releases the connection. */
  body: AsyncIterable<Uint8Array>;
  /** Content-Length when the server sent one. */
  contentLength: number | undefined;
}

export async function openDownload(
  url: string,
  options: DownloadOptions = {},
): Promise<DownloadResponse> {
  const operation = options.operation ?? 'download';
  const where = describeUrl(url);
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    throw new DownloadError('bad-url', `${operation}: the download URL is not a valid URL`);
  }
  if (target.protocol !== 'https:' && target.protocol !== 'http:') {
    throw new DownloadError('bad-url', `${operation}: ${where} is not an http(s) URL`);
  }
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const streamOptions = {
    headersTimeout: timeoutMs,
    bodyTimeout: timeoutMs,
    ...(options.signal ? { signal: options.signal } : {}),
  };
  const context = { operation, ...(options.signal ? { signal: options.signal } : {}) };
  let response: StreamedResponse;
  try {
    // The caller's dispatcher (a proxy, say) is used as given; otherwise Node's http (see
    // http-get.ts for why not undici), on a connection that closes with the download.
    response = options.dispatcher
      ? await dispatchGet(options.dispatcher, target, streamOptions)
      : await nodeGet(target, streamOptions);
  } catch (e) {
    throw toTransportError(e, context, target.origin);
  }
  const status = response.status;
  if (status < 200 || status > 299) {
    response.discard();
    if (status === 403 || status === 404) throw new DownloadUrlExpiredError(where, status);
    throw new DownloadError(
      'http-status',
      `${operation}: ${where} answered HTTP ${status} instead of the file`,
      status,
    );
  }
  const length = Number(response.headers['content-length']);
  return {
    body: readBody(response.body, (e) => toTransportError(e, context, target.origin, status, true)),
    contentLength: Number.isFinite(length) ? length : undefined,
  };
}

async function* readBody(
  body: AsyncIterable<Uint8Array>,
  mapError: (e: unknown) => Error,
): AsyncGenerator<Uint8Array> {
  try {
    yield* body;
  } catch (e) {
    throw mapError(e);
  }
}
