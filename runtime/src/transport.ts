import type { Agent as UndiciAgent, Dispatcher } from 'undici';
import type { HttpMethod } from './descriptors.js';
import type { HttpTransport } from './http-transport.js';
import { Attempt } from './transport-attempt.js';
import { closedError, toTransportError } from './transport-errors.js';
import { agentClass, envHttpProxyAgentClass, proxyAgentClass } from './undici-agent.js';

export { toTransportError } from './transport-errors.js';

/**
 * HTTP for both protocols: the options and request/response shapes of the built-in
 * transports, and the undici one. Each has a keep-alive connection pool per origin,
 * connect/headers/body timeouts, a total deadline per attempt, caller abort, and a cap on the
 * response size read into memory. Failures become `TransportError`s; this layer never looks
 * at bodies beyond counting bytes, and never puts headers or bodies in messages.
 *
 * Two stacks, one behaviour (transport-attempt.ts, transport-errors.ts): a client without a
 * proxy sends through node:http (`NodeHttpTransport`, node-http-transport.ts), whose modules
 * are part of Node, so a cold process's first call does not pay for loading undici's; one
 * with a proxy through undici (`Transport`, below), which has the proxy agents.
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

/**
 * Takes a response body chunk by chunk (see `TransportRequest.receive`). Never throws.
 *
 * @public
 */
export interface BodySink {
  write(chunk: Buffer): void;
  end(): unknown;
}

/** @public */
export interface TransportResponse {
  status: number;
  /** Lower-case names; a header sent more than once is a list of its values. */
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

/**
 * The undici transport: what a client with a `proxy` uses, and one to pass as
 * `ClientOptions.transport` for undici without a proxy (or with `connections` and
 * `keepAliveTimeoutMs` of your choice). Same semantics as `NodeHttpTransport`.
 *
 * @public
 */
export class Transport implements HttpTransport {
  /** Connect, headers and body idle timeouts, each (`TransportOptions.timeoutMs`). */
  readonly timeoutMs: number;
  /** Total deadline of one attempt (`TransportOptions.attemptTimeoutMs`). */
  readonly attemptTimeoutMs: number;
  /** Largest response body read (`TransportOptions.maxResponseBytes`). */
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
    const keepAlive = options.keepAliveTimeoutMs ?? 30_000;
    this.#agentOptions = {
      keepAliveTimeout: keepAlive,
      // A server's Keep-Alive hint may shorten the idle time, never lengthen it past ours
      // (undici's own cap is 10 minutes), as node:http does.
      keepAliveMaxTimeout: keepAlive,
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
    if (this.#closing) throw closedError(operation);
    const url = new URL(request.url);
    if (request.signal?.aborted) throw toTransportError(request.signal.reason, request, url.origin);
    this.#agent ??= makeDispatcher(this.#proxy, this.#agentOptions);
    const agent = await this.#agent;
    if (this.#closing) throw closedError(operation);
    return this.#exchange(agent, request, url);
  }

  #exchange(agent: Dispatcher, request: TransportRequest, url: URL): Promise<TransportResponse> {
    const { signal } = request;
    if (signal?.aborted)
      return Promise.reject(toTransportError(signal.reason, request, url.origin));
    const own = request.timeoutMs;
    const attempt = new Attempt(request, url.origin, this);
    // Before undici hands over the controller (still connecting) there is nothing to abort
    // yet: onRequestStart then aborts a request the attempt has settled.
    let controller: Dispatcher.DispatchController | undefined;
    attempt.cancel = (error) => controller?.abort(error);
    const handler: Dispatcher.DispatchHandler = {
      onRequestStart(c) {
        controller = c;
        // undici calls this on a connected socket just before writing the request.
        if (attempt.settled) c.abort(new Error('settled'));
        else attempt.sent = true;
      },
      // 1xx informational heads come first and are superseded by the final one.
      onResponseStart: (_c, statusCode, headers) => attempt.head(statusCode, headers),
      onResponseData: (_c, chunk) => attempt.data(chunk),
      onResponseEnd: () => attempt.end(),
      onResponseError: (_c, error) => attempt.fail(error),
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
      attempt.fail(error);
    }
    return attempt.done;
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

/** A finite delay ≥ the idle timeout that setTimeout can hold; a TypeError otherwise. */
export function resolveAttemptTimeout(
  timeoutMs: number,
  attemptTimeoutMs: number | undefined,
): number {
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
