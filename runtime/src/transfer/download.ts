import type { Dispatcher } from 'undici';
import { DEFAULT_TIMEOUT_MS, toTransportError } from '../transport.js';
import { agentClass } from '../undici-agent.js';
import { dispatchGet, type StreamedResponse } from './response-stream.js';
import { DownloadError, DownloadUrlExpiredError, describeUrl } from './errors.js';

/**
 * GET of a pre-signed download URL (a report or bulk file on Microsoft's blob storage), as a
 * stream of chunks. Only undici's defaults go on the wire: no Authorization, DeveloperToken or
 * other header of the API client, since the URL's own signature is the credential and the
 * download host is not Microsoft Advertising's API.
 */
export interface DownloadOptions {
  signal?: AbortSignal;
  /** Connect, headers and idle-between-chunks timeout, each. Default 100 s. */
  timeoutMs?: number;
  /** A dispatcher of your own (a proxy agent, say); by default a private Agent, closed after. */
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
  // undici's Agent class, as the API client loads it (its module alone, not the package entry).
  const own = options.dispatcher
    ? undefined
    : new (await agentClass())({
        connect: { timeout: timeoutMs },
        headersTimeout: timeoutMs,
        bodyTimeout: timeoutMs,
      });
  const dispatcher = options.dispatcher ?? own!;
  const release = () => void own?.destroy().catch(() => undefined);
  const context = { operation, ...(options.signal ? { signal: options.signal } : {}) };
  let response: StreamedResponse;
  try {
    response = await dispatchGet(dispatcher, target, {
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs,
      ...(options.signal ? { signal: options.signal } : {}),
    });
  } catch (e) {
    release();
    throw toTransportError(e, context, target.origin);
  }
  const status = response.status;
  if (status < 200 || status > 299) {
    response.discard();
    release();
    if (status === 403 || status === 404) throw new DownloadUrlExpiredError(where, status);
    throw new DownloadError(
      'http-status',
      `${operation}: ${where} answered HTTP ${status} instead of the file`,
      status,
    );
  }
  const length = Number(response.headers['content-length']);
  return {
    body: readBody(
      response.body,
      (e) => toTransportError(e, context, target.origin, status, true),
      release,
    ),
    contentLength: Number.isFinite(length) ? length : undefined,
  };
}

async function* readBody(
  body: AsyncIterable<Buffer>,
  mapError: (e: unknown) => Error,
  release: () => void,
): AsyncGenerator<Uint8Array> {
  try {
    yield* body;
  } catch (e) {
    throw mapError(e);
  } finally {
    release();
  }
}
