import { Agent, type Dispatcher } from 'undici';
import type { HttpMethod } from './descriptors.js';
import { TransportError } from './errors.js';

/**
 * HTTP for both protocols: one undici Agent per client (keep-alive connection pools per
 * origin), connect/headers/body timeouts, caller abort, and a cap on the response size read
 * into memory. Failures become `TransportError`s; this layer never looks at bodies beyond
 * counting bytes, and never puts headers or bodies in messages.
 */

export interface TransportOptions {
  /** Connect, headers and body (idle between chunks) timeouts, each. Default 100 s. */
  timeoutMs?: number;
  /** Largest response body read; beyond it the connection is dropped. Default 64 MB. */
  maxResponseBytes?: number;
  /** How long an idle keep-alive connection is kept. Default 30 s. */
  keepAliveTimeoutMs?: number;
  /** Connections per origin. Default 16. */
  connections?: number;
}

export interface TransportRequest {
  url: string;
  method: HttpMethod;
  headers: Record<string, string>;
  body: string;
  signal?: AbortSignal;
  /** For messages only. */
  operation: string;
}

export interface TransportResponse {
  status: number;
  /** Lower-case names, as undici gives them. */
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

export const DEFAULT_TIMEOUT_MS = 100_000;
export const DEFAULT_MAX_RESPONSE_BYTES = 64 * 1024 * 1024;

export class Transport {
  readonly timeoutMs: number;
  readonly maxResponseBytes: number;
  readonly #agent: Agent;
  #closing: Promise<void> | undefined;

  constructor(options: TransportOptions = {}) {
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.maxResponseBytes = options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
    this.#agent = new Agent({
      keepAliveTimeout: options.keepAliveTimeoutMs ?? 30_000,
      connections: options.connections ?? 16,
      connect: { timeout: this.timeoutMs },
      headersTimeout: this.timeoutMs,
      bodyTimeout: this.timeoutMs,
    });
  }

  async send(request: TransportRequest): Promise<TransportResponse> {
    if (this.#closing) {
      throw new TransportError('aborted', `${request.operation}: the client was closed`, {
        operation: request.operation,
      });
    }
    const url = new URL(request.url);
    let response: Dispatcher.ResponseData;
    try {
      response = await this.#agent.request({
        origin: url.origin,
        path: `${url.pathname}${url.search}`,
        method: request.method,
        headers: request.headers,
        body: request.body,
        signal: request.signal,
      });
    } catch (error) {
      throw toTransportError(error, request, url.origin);
    }
    const status = response.statusCode;
    const declared = Number(response.headers['content-length']);
    if (Number.isFinite(declared) && declared > this.maxResponseBytes) {
      discard(response.body);
      throw tooLarge(request.operation, status, this.maxResponseBytes);
    }
    const chunks: Buffer[] = [];
    let size = 0;
    try {
      for await (const chunk of response.body) {
        const buf = chunk as Buffer;
        size += buf.byteLength;
        if (size > this.maxResponseBytes) {
          discard(response.body);
          throw tooLarge(request.operation, status, this.maxResponseBytes);
        }
        chunks.push(buf);
      }
    } catch (error) {
      if (error instanceof TransportError) throw error;
      throw toTransportError(error, request, url.origin, status);
    }
    return { status, headers: response.headers, body: Buffer.concat(chunks, size) };
  }

  /** Closes pooled connections; pending requests finish first. Safe to call more than once. */
  close(): Promise<void> {
    this.#closing ??= this.#agent.close();
    return this.#closing;
  }
}

/** Drops the connection under a body we will not read; its abort error has no listener otherwise. */
function discard(body: Dispatcher.ResponseData['body']): void {
  body.on('error', () => {});
  body.destroy();
}

function tooLarge(operation: string, httpStatus: number, limit: number): TransportError {
  return new TransportError(
    'too-large',
    `${operation}: the response is larger than ${limit} bytes (maxResponseBytes); it was not read`,
    { operation, httpStatus },
  );
}

const TIMEOUT_CODES = new Set([
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'ETIMEDOUT',
]);

/** undici / socket errors → TransportError. Only codes and undici's own short messages are kept. */
function toTransportError(
  error: unknown,
  request: TransportRequest,
  origin: string,
  httpStatus?: number,
): Error {
  const operation = request.operation;
  const code = errorCode(error);
  // A bad header value or URL is a programming error, not a network failure: never retried.
  if (code === 'UND_ERR_INVALID_ARG' && error instanceof Error) return error;
  const base = {
    operation,
    ...(httpStatus !== undefined ? { httpStatus } : {}),
    ...(code ? { code } : {}),
  };
  if (
    request.signal?.aborted ||
    code === 'UND_ERR_ABORTED' ||
    code === 'ABORT_ERR' ||
    nameOf(error) === 'AbortError'
  ) {
    return new TransportError('aborted', `${operation}: the call was aborted`, base);
  }
  if (code && TIMEOUT_CODES.has(code)) {
    const phase =
      code === 'UND_ERR_CONNECT_TIMEOUT'
        ? 'connecting to'
        : code === 'UND_ERR_BODY_TIMEOUT'
          ? 'reading the response from'
          : 'waiting for a response from';
    return new TransportError('timeout', `${operation}: timed out ${phase} ${origin}`, base);
  }
  if (code?.startsWith('HPE_')) {
    return new TransportError(
      'malformed-response',
      `${operation}: ${origin} sent an invalid HTTP response (${code})`,
      base,
    );
  }
  const what =
    httpStatus !== undefined
      ? 'the connection closed while reading the response from'
      : 'could not complete the request to';
  const detail = error instanceof Error && error.message ? `: ${error.message}` : '';
  return new TransportError(
    'connection',
    `${operation}: ${what} ${origin} (${code ?? 'error'})${detail}`,
    base,
  );
}

function errorCode(error: unknown): string | undefined {
  let e: unknown = error;
  // undici wraps socket errors; the OS code (ECONNRESET) is more telling when present.
  for (let depth = 0; depth < 3 && e && typeof e === 'object'; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && /^E[A-Z]+$/.test(code)) return code;
    e = (e as { cause?: unknown }).cause;
  }
  const top = (error as { code?: unknown } | null)?.code;
  return typeof top === 'string' ? top : undefined;
}

function nameOf(error: unknown): string | undefined {
  return error instanceof Error ? error.name : undefined;
}
