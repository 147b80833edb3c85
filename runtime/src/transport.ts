import type { Agent as UndiciAgent, Dispatcher } from 'undici';
import type { HttpMethod } from './descriptors.js';
import { TransportError } from './errors.js';
import type { HttpTransport } from './http-transport.js';
import { agentClass, envHttpProxyAgentClass, proxyAgentClass } from './undici-agent.js';

/**
 * HTTP for both protocols: one undici Agent per client (keep-alive connection pools per
 * origin), connect/headers/body timeouts, a total deadline per attempt, caller abort, and a
 * cap on the response size read into memory. Failures become `TransportError`s; this layer
 * never looks at bodies beyond counting bytes, and never puts headers or bodies in messages.
 */

/** @public */
export interface TransportOptions {
  /** Connect, headers and body (idle between chunks) timeouts, each. Default 100 s. */
  timeoutMs?: number;
  /**
   * Total deadline of one HTTP attempt, from dispatch (connect included) to the last body
   * byte. `timeoutMs` only bounds the silence between chunks, so a server dripping a byte
   * just under it would otherwise keep a call alive forever. Default 300 s, or `timeoutMs`
   * when that is larger; when given it must be ≥ `timeoutMs` (else a TypeError). Expiry is a
   * `TransportError` 'timeout' (not retried unless the retry policy's `retryTimeouts`).
   */
  attemptTimeoutMs?: number;
  /** Largest response body read; beyond it the connection is dropped. Default 64 MB. */
  maxResponseBytes?: number;
  /** How long an idle keep-alive connection is kept. Default 30 s. */
  keepAliveTimeoutMs?: number;
  /** Connections per origin. Default 16. */
  connections?: number;
  /**
   * Send through an HTTP proxy: `'env'` follows HTTPS_PROXY / HTTP_PROXY / NO_PROXY (undici's
   * EnvHttpProxyAgent), a URL names one proxy (undici's ProxyAgent; credentials in the URL
   * become its Proxy-Authorization). Absent: direct connections.
   */
  proxy?: ProxySetting;
}

/** @public */
export type ProxySetting = 'env' | string | URL;

/** @public */
export interface TransportRequest {
  url: string;
  method: HttpMethod;
  headers: Record<string, string>;
  body: string;
  signal?: AbortSignal;
  /**
   * This request's own deadline (a call's `CallOptions.timeoutMs`): it replaces the
   * transport's idle timeouts and attempt deadline for this one exchange.
   */
  timeoutMs?: number;
  /** For messages only. */
  operation: string;
  /**
   * Called with the final status and headers: a sink it returns is given the body's chunks as
   * they arrive instead of the transport gathering them, and what its `end()` returns becomes
   * the response's `received` (its `body` then stays empty). A transport may ignore this and
   * gather the body as usual.
   */
  receive?: (status: number, headers: TransportResponse['headers']) => BodySink | undefined;
}

/** Takes a response body chunk by chunk (see `TransportRequest.receive`). Never throws. */
export interface BodySink {
  write(chunk: Buffer): void;
  end(): unknown;
}

/** @public */
export interface TransportResponse {
  status: number;
  /** Lower-case names, as undici gives them. */
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
  /** What the request's `receive` sink made of the body, when it took it. */
  received?: unknown;
}

/** @public */
export const DEFAULT_TIMEOUT_MS = 100_000;
/** @public */
export const DEFAULT_ATTEMPT_TIMEOUT_MS = 300_000;
/** setTimeout's ceiling: larger delays fire after 1 ms (with a TimeoutOverflowWarning). */
export const MAX_TIMER_MS = 2 ** 31 - 1;
/** @public */
export const DEFAULT_MAX_RESPONSE_BYTES = 64 * 1024 * 1024;
const EMPTY_BODY = Buffer.alloc(0);

export class Transport implements HttpTransport {
  readonly timeoutMs: number;
  readonly attemptTimeoutMs: number;
  readonly maxResponseBytes: number;
  readonly #agentOptions: ConstructorParameters<typeof UndiciAgent>[0];
  readonly #proxy: ProxySetting | undefined;
  /** Made on the first request (undici is loaded then, see undici-agent.ts). */
  #agent: Promise<Dispatcher> | undefined;
  #closing: Promise<void> | undefined;

  constructor(options: TransportOptions = {}) {
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.attemptTimeoutMs = resolveAttemptTimeout(this.timeoutMs, options.attemptTimeoutMs);
    this.maxResponseBytes = options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
    this.#agentOptions = {
      keepAliveTimeout: options.keepAliveTimeoutMs ?? 30_000,
      connections: options.connections ?? 16,
      connect: { timeout: this.timeoutMs },
      headersTimeout: this.timeoutMs,
      bodyTimeout: this.timeoutMs,
    };
    if (options.proxy !== undefined) {
      if (options.proxy !== 'env') new URL(String(options.proxy)); // fail early on a bad URL
      this.#proxy = options.proxy;
    }
  }

  /**
   * One HTTP exchange through undici's low-level `dispatch`: the body is gathered straight
   * from the socket's chunks (no stream objects per call) and cut off the moment it passes
   * `maxResponseBytes`, whether declared by Content-Length or not. A timer bounds the whole
   * attempt (`attemptTimeoutMs`); it is unref'd and cleared on every outcome.
   */
  async send(request: TransportRequest): Promise<TransportResponse> {
    const operation = request.operation;
    const closed = () =>
      new TransportError('aborted', `${operation}: the client was closed`, {
        operation,
        mayHaveRun: false,
      });
    if (this.#closing) throw closed();
    const url = new URL(request.url);
    if (request.signal?.aborted) throw toTransportError(request.signal.reason, request, url.origin);
    this.#agent ??= makeDispatcher(this.#proxy, this.#agentOptions);
    const agent = await this.#agent;
    if (this.#closing) throw closed();
    return this.#exchange(agent, request, url);
  }

  #exchange(agent: Dispatcher, request: TransportRequest, url: URL): Promise<TransportResponse> {
    const operation = request.operation;
    const { signal } = request;
    if (signal?.aborted)
      return Promise.reject(toTransportError(signal.reason, request, url.origin));
    const limit = this.maxResponseBytes;
    const own = request.timeoutMs;
    const deadlineMs = own ?? this.attemptTimeoutMs;
    return new Promise<TransportResponse>((resolve, reject) => {
      let controller: Dispatcher.DispatchController | undefined;
      // undici calls onRequestStart on a connected socket just before writing the request:
      // until then nothing has left this process, so the service cannot have run it.
      let sent = false;
      let status: number | undefined;
      let headers: TransportResponse['headers'] = {};
      let chunks: Buffer[] = [];
      let size = 0;
      // With a Content-Length the body is copied into one buffer as it arrives and each chunk
      // is let go at once: a large response is then held once, not as chunks plus their concat.
      let whole: Buffer | undefined;
      let sink: BodySink | undefined;
      let settled = false;
      const settle = (error: Error | undefined, response?: TransportResponse): void => {
        if (settled) return;
        settled = true;
        clearTimeout(deadline);
        signal?.removeEventListener('abort', onAbort);
        if (error) reject(error);
        else resolve(response!);
      };
      // Settle first, then abort: before undici hands over the controller (still connecting)
      // there is nothing to abort yet, and onRequestStart aborts a settled request itself.
      const deadline = setTimeout(() => {
        const error = deadlineExceeded(operation, url.origin, deadlineMs, status, sent);
        settle(error);
        controller?.abort(error);
      }, deadlineMs);
      deadline.unref();
      const onAbort = (): void => {
        const reason = abortReason(signal!);
        if (controller) controller.abort(reason);
        else settle(toTransportError(reason, request, url.origin, status, sent));
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      const handler: Dispatcher.DispatchHandler = {
        onRequestStart(c) {
          controller = c;
          if (settled) c.abort(new Error('settled'));
          else sent = true;
        },
        onResponseStart(c, statusCode, responseHeaders) {
          // 1xx informational heads come first and are superseded by the final one.
          status = statusCode;
          headers = responseHeaders;
          chunks = [];
          size = 0;
          whole = undefined;
          sink = request.receive?.(statusCode, responseHeaders);
          const declared = Number(responseHeaders['content-length']);
          if (Number.isFinite(declared) && declared > limit) {
            c.abort(tooLarge(operation, statusCode, limit));
          } else if (sink === undefined && Number.isSafeInteger(declared) && declared > 0) {
            whole = Buffer.allocUnsafe(declared);
          }
        },
        onResponseData(c, chunk) {
          const end = size + chunk.byteLength;
          if (end > limit) {
            c.abort(tooLarge(operation, status ?? 0, limit));
            return;
          }
          if (sink !== undefined) sink.write(chunk);
          else if (whole !== undefined && end <= whole.byteLength) chunk.copy(whole, size);
          else {
            // More than declared (undici refuses that) or no length: gather the chunks.
            if (whole !== undefined) chunks.push(whole.subarray(0, size));
            whole = undefined;
            chunks.push(chunk);
          }
          size = end;
        },
        onResponseEnd() {
          if (sink !== undefined) {
            const received = sink.end();
            sink = undefined;
            settle(undefined, { status: status ?? 0, headers, body: EMPTY_BODY, received });
            return;
          }
          const body = whole !== undefined ? whole.subarray(0, size) : Buffer.concat(chunks, size);
          chunks = [];
          whole = undefined;
          settle(undefined, { status: status ?? 0, headers, body });
        },
        onResponseError(_c, error) {
          settle(
            error instanceof TransportError
              ? error
              : toTransportError(error, request, url.origin, status, sent),
          );
        },
      };
      try {
        agent.dispatch(
          {
            origin: url.origin,
            path: `${url.pathname}${url.search}`,
            method: request.method,
            headers: request.headers,
            body: request.body,
            ...(own !== undefined ? { headersTimeout: own, bodyTimeout: own } : {}),
          },
          handler,
        );
      } catch (error) {
        settle(toTransportError(error, request, url.origin));
      }
    });
  }

  /** Closes pooled connections; pending requests finish first. Safe to call more than once. */
  close(): Promise<void> {
    this.#closing ??= this.#agent
      ? this.#agent.then(
          (agent) => agent.close(),
          () => undefined, // undici never loaded: nothing to close
        )
      : Promise.resolve();
    return this.#closing;
  }
}

/** undici's dispatcher for the proxy setting: a plain Agent, or a proxy agent around one. */
async function makeDispatcher(
  proxy: ProxySetting | undefined,
  options: ConstructorParameters<typeof UndiciAgent>[0],
): Promise<Dispatcher> {
  if (proxy === undefined) return new (await agentClass())(options);
  if (proxy === 'env') return new (await envHttpProxyAgentClass())(options);
  return new (await proxyAgentClass())({ ...options, uri: String(proxy) });
}

/** The signal's reason when it is an Error, else an AbortError like fetch's. */
function abortReason(signal: AbortSignal): Error {
  return signal.reason instanceof Error
    ? signal.reason
    : new DOMException('The call was aborted', 'AbortError');
}

/** A finite delay ≥ the idle timeout that setTimeout can hold; a TypeError otherwise. */
function resolveAttemptTimeout(timeoutMs: number, attemptTimeoutMs: number | undefined): number {
  if (typeof timeoutMs !== 'number' || !Number.isFinite(timeoutMs) || timeoutMs < 0) {
    throw new TypeError(
      `timeoutMs must be a finite number of milliseconds ≥ 0, not ${String(timeoutMs)}`,
    );
  }
  if (attemptTimeoutMs === undefined) {
    return Math.min(MAX_TIMER_MS, Math.max(DEFAULT_ATTEMPT_TIMEOUT_MS, timeoutMs));
  }
  if (
    typeof attemptTimeoutMs !== 'number' ||
    !Number.isFinite(attemptTimeoutMs) ||
    attemptTimeoutMs <= 0 ||
    attemptTimeoutMs > MAX_TIMER_MS
  ) {
    throw new TypeError(
      `attemptTimeoutMs must be a number of milliseconds in (0, ${MAX_TIMER_MS}], not ${String(attemptTimeoutMs)}`,
    );
  }
  if (attemptTimeoutMs < timeoutMs) {
    throw new TypeError(
      `attemptTimeoutMs (${attemptTimeoutMs} ms) must be ≥ timeoutMs (${timeoutMs} ms): the total deadline of an attempt cannot be shorter than its idle timeout`,
    );
  }
  return attemptTimeoutMs;
}

/** The whole attempt outlived `attemptTimeoutMs`, however steadily bytes were arriving. */
function deadlineExceeded(
  operation: string,
  origin: string,
  deadlineMs: number,
  httpStatus: number | undefined,
  sent: boolean,
): TransportError {
  const phase = httpStatus === undefined ? 'no response' : 'the response was not complete';
  return new TransportError(
    'timeout',
    `${operation}: ${phase} from ${origin} within the attempt deadline of ${deadlineMs} ms (attemptTimeoutMs)`,
    { operation, mayHaveRun: sent, ...(httpStatus !== undefined ? { httpStatus } : {}) },
  );
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

/**
 * Failures that happen while connecting, before a request can be written: whatever undici
 * says about the phase, these prove the service never saw it.
 */
const NOT_SENT_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EAI_NONAME',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
]);

/**
 * undici / socket errors → TransportError. Only codes and undici's own short messages are
 * kept. `sent`: the request was handed to a connected socket (it may have reached the service).
 */
export function toTransportError(
  error: unknown,
  request: Pick<TransportRequest, 'operation' | 'signal'>,
  origin: string,
  httpStatus?: number,
  sent = false,
): Error {
  const operation = request.operation;
  // undici's parser errors carry an HPE_ code only for some failures; their name says it always.
  const parserError = nameOf(error) === 'HTTPParserError';
  const code = errorCode(error) ?? (parserError ? 'HTTPParserError' : undefined);
  // A bad header value or URL is a programming error, not a network failure: never retried.
  if (code === 'UND_ERR_INVALID_ARG' && error instanceof Error) return error;
  const base = {
    operation,
    mayHaveRun: (sent || httpStatus !== undefined) && !NOT_SENT_CODES.has(code ?? ''),
    ...(httpStatus !== undefined ? { httpStatus } : {}),
    ...(code ? { code } : {}),
  };
  // undici reports a proxy that will not open the tunnel as an abort; nothing was sent.
  const refused = /^Proxy response \((\d{3})\)/.exec(error instanceof Error ? error.message : '');
  if (refused && !request.signal?.aborted) {
    return new TransportError(
      'connection',
      `${operation}: the proxy refused to open a tunnel to ${origin} (HTTP ${refused[1]})`,
      { operation, mayHaveRun: false, code: 'PROXY_TUNNEL_REFUSED' },
    );
  }
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
  if (parserError || code?.startsWith('HPE_')) {
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
