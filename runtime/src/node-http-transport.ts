import type { Agent as HttpAgent, ClientRequest, IncomingMessage, RequestOptions } from 'node:http';
import type { Socket } from 'node:net';
import type { HttpTransport } from './http-transport.js';
import {
  DEFAULT_MAX_RESPONSE_BYTES,
  DEFAULT_TIMEOUT_MS,
  resolveAttemptTimeout,
  type TransportOptions,
  type TransportRequest,
  type TransportResponse,
} from './transport.js';
import { Attempt } from './transport-attempt.js';
import {
  BODY_TIMEOUT,
  closedError,
  CONNECT_TIMEOUT,
  HEADERS_TIMEOUT,
  toTransportError,
} from './transport-errors.js';

/**
 * HTTP on Node's own node:http / node:https: the default transport of a client without a
 * proxy. Same options and semantics as the undici `Transport` (timeouts per phase, total
 * deadline per attempt, abort, size cap, body sink, keep-alive pool per origin, `close()`),
 * through the same attempt bookkeeping (transport-attempt.ts) and error table
 * (transport-errors.ts). Why a second stack: loading undici's Agent costs a cold process
 * several times what node:http does (its modules are part of Node), and a client's first
 * call pays it; proxies stay with undici (`Transport`), which has the proxy agents.
 */

/**
 * `TransportOptions` without `proxy`: this transport connects directly.
 *
 * @public
 */
export type NodeHttpTransportOptions = Omit<TransportOptions, 'proxy'>;

/** node:http or node:https, loaded when a request first needs it. */
interface Stack {
  request(url: URL, options: RequestOptions): ClientRequest;
  agent: HttpAgent;
}

/**
 * The default transport of a client without a proxy, on node:http and node:https: a
 * keep-alive pool per scheme (`connections` sockets per origin, idle ones closed after
 * `keepAliveTimeoutMs`), the same timeouts, size cap and `mayHaveRun` as `Transport`.
 *
 * @public
 */
export class NodeHttpTransport implements HttpTransport {
  /** Connect, headers and body idle timeouts, each (`TransportOptions.timeoutMs`). */
  readonly timeoutMs: number;
  /** Total deadline of one attempt (`TransportOptions.attemptTimeoutMs`). */
  readonly attemptTimeoutMs: number;
  /** Largest response body read (`TransportOptions.maxResponseBytes`). */
  readonly maxResponseBytes: number;
  readonly #keepAliveTimeoutMs: number;
  readonly #connections: number;
  /** One keep-alive pool per scheme (sockets per origin within it), made on first use. */
  readonly #stacks = new Map<string, Promise<Stack>>();
  #pending = 0;
  #drained: (() => void) | undefined;
  #closing: Promise<void> | undefined;

  constructor(options: NodeHttpTransportOptions = {}) {
    if ((options as TransportOptions).proxy !== undefined) {
      throw new TypeError(
        'NodeHttpTransport sends directly; for a proxy use Transport (undici) or the client’s proxy option',
      );
    }
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.attemptTimeoutMs = resolveAttemptTimeout(this.timeoutMs, options.attemptTimeoutMs);
    this.maxResponseBytes = options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
    this.#keepAliveTimeoutMs = options.keepAliveTimeoutMs ?? 30_000;
    this.#connections = options.connections ?? 16;
  }

  /**
   * One HTTP exchange: the body is gathered from the response's chunks into one buffer (or
   * the request's sink) and cut off the moment it passes `maxResponseBytes`; a timer bounds
   * the whole attempt (`attemptTimeoutMs`), unref'd and cleared on every outcome.
   */
  async send(request: TransportRequest): Promise<TransportResponse> {
    const operation = request.operation;
    if (this.#closing) throw closedError(operation);
    const url = new URL(request.url);
    if (request.signal?.aborted) throw toTransportError(request.signal.reason, request, url.origin);
    const stack = await this.#stack(url.protocol, operation);
    if (this.#closing) throw closedError(operation);
    if (request.signal?.aborted) throw toTransportError(request.signal.reason, request, url.origin);
    this.#pending++;
    const attempt = this.#exchange(stack, request, url);
    const release = (): void => {
      if (--this.#pending === 0) this.#drained?.();
    };
    attempt.then(release, release);
    return attempt;
  }

  #stack(protocol: string, operation: string): Promise<Stack> {
    let stack = this.#stacks.get(protocol);
    if (stack === undefined) {
      if (protocol !== 'http:' && protocol !== 'https:') {
        throw new TypeError(
          `${operation}: ${protocol} URLs are not supported, only http: and https:`,
        );
      }
      stack = loadStack(protocol, {
        keepAlive: true,
        maxSockets: this.#connections,
        // node:http closes a pooled socket idle this long (and sooner when the server's
        // Keep-Alive header says it will).
        timeout: this.#keepAliveTimeoutMs,
      });
      this.#stacks.set(protocol, stack);
    }
    return stack;
  }

  #exchange(stack: Stack, request: TransportRequest, url: URL): Promise<TransportResponse> {
    const own = request.timeoutMs;
    const attempt = new Attempt(request, url.origin, this);
    // Idle timeouts per phase, as undici's: connecting (the transport's), then the response
    // head and the silence between body chunks (the request's own deadline when it has one).
    const connectMs = this.timeoutMs;
    const idleMs = own ?? this.timeoutMs;
    let idle: NodeJS.Timeout | undefined;
    const expire = (code: string) => (): void =>
      attempt.abort(Object.assign(new Error(code), { code }));
    const phase = (ms: number, code: string): void => {
      clearTimeout(idle);
      idle = ms > 0 ? setTimeout(expire(code), ms) : undefined;
      idle?.unref();
    };
    attempt.done.then(
      () => clearTimeout(idle),
      () => clearTimeout(idle),
    );

    let req: ClientRequest;
    try {
      req = stack.request(url, {
        method: request.method,
        headers: withContentLength(request.headers, request.body),
        agent: stack.agent,
      });
    } catch (error) {
      attempt.fail(error);
      return attempt.done;
    }
    attempt.cancel = () => req.destroy();
    phase(connectMs, CONNECT_TIMEOUT);
    const connected = (): void => {
      if (attempt.settled) return;
      attempt.sent = true;
      phase(idleMs, HEADERS_TIMEOUT);
    };
    req.on('socket', (socket: Socket) => {
      // A pooled socket is connected already; a new one has sent nothing until it connects
      // (for TLS: until the handshake is done, the request is written only after it).
      if (req.reusedSocket) connected();
      else socket.once(url.protocol === 'https:' ? 'secureConnect' : 'connect', connected);
    });
    req.on('response', (res: IncomingMessage) => {
      if (attempt.settled) return void res.destroy();
      phase(idleMs, BODY_TIMEOUT);
      attempt.head(res.statusCode ?? 0, headersOf(res.rawHeaders));
      if (attempt.settled) return;
      res.on('data', (chunk: Buffer) => {
        idle?.refresh();
        attempt.data(chunk);
      });
      res.on('end', () => attempt.end());
      res.on('error', (error) => attempt.fail(error));
      res.on('close', () => attempt.fail(connectionLost('aborted')));
    });
    // 'error' stays listened to after the attempt is settled: destroying a request emits one.
    req.on('error', (error) => attempt.fail(error));
    req.on('close', () => attempt.fail(connectionLost('socket hang up')));
    req.end(request.body);
    return attempt.done;
  }

  /** Closes pooled connections; pending requests finish first. Safe to call more than once. */
  close(): Promise<void> {
    this.#closing ??= (async () => {
      if (this.#pending > 0) await new Promise<void>((resolve) => (this.#drained = resolve));
      for (const stack of this.#stacks.values()) {
        await stack.then(
          (s) => s.agent.destroy(),
          () => undefined, // never loaded: nothing to close
        );
      }
    })();
    return this.#closing;
  }
}

async function loadStack(
  protocol: 'http:' | 'https:',
  options: ConstructorParameters<typeof HttpAgent>[0],
): Promise<Stack> {
  const http = protocol === 'https:' ? await import('node:https') : await import('node:http');
  return { request: http.request, agent: new http.Agent(options) };
}

/**
 * The body's length in a Content-Length header, as undici sends it. node:http computes one
 * only for methods it expects a body with: a DELETE's body would go out unframed, and the
 * server would read it as the next request.
 */
function withContentLength(headers: Record<string, string>, body: string): Record<string, string> {
  if (body.length === 0) return headers;
  for (const name of Object.keys(headers))
    if (name.toLowerCase() === 'content-length') return headers;
  return { ...headers, 'content-length': String(Buffer.byteLength(body)) };
}

/** node:http's word for a connection gone before the response was complete. */
function connectionLost(message: string): Error {
  return Object.assign(new Error(message), { code: 'ECONNRESET' });
}

/**
 * Header names in lower case and a repeated header as a list, as undici gives them (node's
 * own `headers` joins most repeats into one string and drops some).
 */
function headersOf(raw: string[]): TransportResponse['headers'] {
  const headers: Record<string, string | string[]> = {};
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = raw[i]!.toLowerCase();
    const value = raw[i + 1]!;
    if (name === '__proto__') continue;
    const seen = Object.hasOwn(headers, name) ? headers[name] : undefined;
    if (seen === undefined) headers[name] = value;
    else if (Array.isArray(seen)) seen.push(value);
    else headers[name] = [seen, value];
  }
  return headers;
}
