import { untilAborted } from './abortable.js';
import type { TokenProvider } from './auth/token-provider.js';
import type { OperationDescriptor, ServiceDescriptor } from './descriptors.js';
import { isEnvironment, serviceEndpoints, type Environment } from './environment.js';
import { OperationUnavailableError, type Protocol } from './errors.js';
import { protocolRouter, type ProtocolChoice } from './protocol-choice.js';
import { operationKind } from './operation-kind.js';
import { Shadow, type ShadowOptions } from './shadow.js';
import { buildHttpRequest, readHttpResponse, type ExchangeTarget } from './exchange.js';
import {
  hookRequestHeaders,
  hookResponseHeaders,
  runHook,
  type ClientHooks,
  type HookEventBase,
} from './hooks.js';
import type { HttpTransport } from './http-transport.js';
import { proxySecrets } from './proxy-secrets.js';
import { Redactor } from './redact.js';
import { withMetadata, type RawResponse, type WithResponse } from './response-metadata.js';
import {
  ATTEMPTS,
  mergeRetryPolicy,
  resolveRetryPolicy,
  runWithRetry,
  type RetryPolicy,
} from './retry.js';
import { scrubError } from './scrub-error.js';
import { throttleScope, throttleWindow, type SharedThrottle } from './shared-throttle.js';
import { NodeHttpTransport } from './node-http-transport.js';
import { MAX_TIMER_MS, Transport, type ProxySetting } from './transport.js';

export { getResponseMetadata, type ResponseMetadata } from './response-metadata.js';

/**
 * The base of every generated client. A generated class adds no method bodies: its operations
 * are installed from its descriptor (operations.ts) and declared in an interface merged with
 * the class. One client = one service, one protocol choice, one environment, one connection
 * pool. Each call: token → codec → HTTP → decoded value or typed error, with retries
 * (retry.ts) and secret-free logging.
 */

/** @public */
export type LogFn = (message: string, fields?: Record<string, unknown>) => void;

/**
 * Any console-like logger. Lines never contain tokens, headers or bodies.
 *
 * @public
 */
export interface Logger {
  debug?: LogFn;
  info?: LogFn;
  warn?: LogFn;
  error?: LogFn;
}

/** @public */
export interface ClientOptions {
  /**
   * Wire protocol. Default 'rest' (SOAP is switched off on 2027-01-31). Per operation:
   * `{ default: 'rest', soap: ['GetCampaignsByIds'] }`.
   */
  protocol?: ProtocolChoice;
  /**
   * Shadow mode: each read (or safe) call is repeated on the other protocol in the background
   * and the decoded results compared; differences go to `onDifference`. Writes never shadow.
   */
  shadow?: ShadowOptions;
  /** Default 'production'. Drives the service host (and, in `auth`, the OAuth endpoints). */
  environment?: Environment;
  developerToken: string;
  /** Default CustomerId header; a call's `CallOptions.customerId` wins. */
  customerId?: string;
  /** Default CustomerAccountId header; a call's `CallOptions.accountId` wins. */
  accountId?: string;
  auth: TokenProvider;
  /**
   * Replaces the service origin (a mock server, a proxy): SOAP goes to endpoint + the
   * service's SOAP path, REST to endpoint + the operation's path. A path prefix is kept.
   */
  endpoint?: string;
  /** Overrides of the retry policy, or `false` for no backoff retries. */
  retry?: Partial<RetryPolicy> | false;
  /**
   * What HTTP requests go through. Default: the runtime's `NodeHttpTransport` (node:http and
   * node:https), or, when `proxy` is set, its undici `Transport` (which has the proxy agents);
   * both have the same timeouts, size cap and retry semantics. node:http is the default for
   * start-up time: undici's modules cost a cold process's first call several times what
   * node:http's do. `new Transport({...})` here uses undici without a proxy. A transport of
   * your own owns its timeouts, size limit, proxy and connections: `timeoutMs`,
   * `attemptTimeoutMs`, `maxResponseBytes` and `proxy` are then refused, and `close()` leaves
   * it open. It sees the credentials (see `HttpTransport`).
   */
  transport?: HttpTransport;
  /**
   * An HTTP proxy for the built-in transport: `'env'` follows HTTPS_PROXY, HTTP_PROXY and
   * NO_PROXY (undici's EnvHttpProxyAgent); a URL (`http://user:pass@proxy:3128`) sends every
   * request through that proxy (undici's ProxyAgent; credentials in the URL become its
   * Proxy-Authorization and are redacted like tokens). Loaded only when set.
   */
  proxy?: ProxySetting;
  /**
   * Tracing and logging hooks: onRequest per attempt, onResponse per HTTP response, onError
   * once per failed call. They see no secret, and a hook that throws never fails a call or
   * causes a re-send (see `ClientHooks`).
   */
  hooks?: ClientHooks;
  /** Connect, headers and body timeouts, each (the body one is idle time between chunks). Default 100 s. */
  timeoutMs?: number;
  /**
   * Total deadline of one HTTP attempt, connect to last byte, however steadily bytes arrive.
   * Default 300 s (or `timeoutMs` if larger); must be ≥ `timeoutMs`. Expiry: `TransportError`
   * 'timeout', not retried unless `retry.retryTimeouts`.
   */
  attemptTimeoutMs?: number;
  /** Largest response read into memory. Default 64 MB. */
  maxResponseBytes?: number;
  logger?: Logger;
  /**
   * Throttling windows shared with other processes (opt-in; e.g. @adsgen/redis's
   * RedisThrottleState): a 117/429 with Retry-After seen here holds their calls on the same
   * account too, and theirs hold ours. When it fails, calls go ahead unshared.
   */
  sharedThrottle?: SharedThrottle;
}

/**
 * Options of one call; each wins over the client's for this call only.
 *
 * @public
 */
export interface CallOptions {
  customerId?: string;
  accountId?: string;
  signal?: AbortSignal;
  /**
   * Deadline of each HTTP attempt of this call, connect to last byte, in milliseconds: it
   * replaces the client's `timeoutMs` and `attemptTimeoutMs` for it. Retries each get their
   * own; for one deadline over the whole call, pass `signal: AbortSignal.timeout(ms)`.
   */
  timeoutMs?: number;
  /**
   * This call's retry policy, over the client's: `{ maxAttempts: 1 }` or `false` for no
   * backoff retries, `{ maxAttempts: 8 }` for more. Whatever it says, a write is re-sent only
   * after a failure that proves it did not run.
   */
  retry?: Partial<RetryPolicy> | false;
  /** The protocol of this call, over the client's choice for the operation. */
  protocol?: Protocol;
}

/** An attempt's response and its decoded outcome, for `call` and `withResponse` alike. */
interface Invoked {
  value: unknown;
  response: RawResponse;
}

/** @public */
export class ServiceClient {
  /** The default protocol (operations may be routed to the other one, see `protocolOf`). */
  readonly protocol: Protocol;
  readonly #route: (operation: string) => Protocol;
  readonly #shadow: Shadow | undefined;
  readonly environment: Environment;
  readonly #descriptor: ServiceDescriptor;
  readonly #auth: TokenProvider;
  readonly #developerToken: string;
  readonly #customerId: string | undefined;
  readonly #accountId: string | undefined;
  readonly #soapUrl: string;
  readonly #restOrigin: string;
  readonly #retry: RetryPolicy;
  readonly #transport: HttpTransport;
  /** Only a transport this client made is closed by `close()`. */
  readonly #ownTransport: { close(): Promise<void> } | undefined;
  readonly #redactor = new Redactor();
  readonly #logger: Logger | undefined;
  readonly #hooks: ClientHooks | undefined;
  readonly #sharedThrottle: SharedThrottle | undefined;
  #calls = 0;

  constructor(descriptor: ServiceDescriptor, options: ClientOptions) {
    if (!options || typeof options !== 'object')
      throw new TypeError('ServiceClient: options are required');
    const router = protocolRouter(options.protocol, descriptor);
    if (typeof options.developerToken !== 'string' || options.developerToken.trim() === '') {
      throw new TypeError('ServiceClient: developerToken is required');
    }
    if (!options.auth || typeof options.auth.getAccessToken !== 'function') {
      throw new TypeError(
        'ServiceClient: auth must be a TokenProvider (an object with getAccessToken())',
      );
    }
    this.protocol = router.default;
    this.#route = router.of;
    this.#shadow = options.shadow === undefined ? undefined : new Shadow(options.shadow);
    const environment = options.environment ?? 'production';
    if (!isEnvironment(environment)) {
      throw new TypeError(
        `ServiceClient: environment must be 'production' or 'sandbox', not '${String(environment)}'`,
      );
    }
    this.environment = environment;
    this.#descriptor = descriptor;
    this.#auth = options.auth;
    this.#developerToken = options.developerToken;
    this.#redactor.add(options.developerToken);
    this.#customerId = options.customerId;
    this.#accountId = options.accountId;
    this.#logger = options.logger;
    this.#hooks = options.hooks;
    this.#sharedThrottle = options.sharedThrottle;
    this.#retry = resolveRetryPolicy(options.retry);
    if (options.endpoint) {
      const base = options.endpoint.replace(/\/+$/, '');
      new URL(base); // fail early on a malformed endpoint
      this.#soapUrl = base + descriptor.soap.path;
      this.#restOrigin = base;
    } else {
      const urls = serviceEndpoints(descriptor.id, this.environment);
      this.#soapUrl = urls.soapUrl;
      this.#restOrigin = new URL(urls.restBaseUrl).origin;
    }
    if (options.transport !== undefined) {
      this.#transport = userTransport(options);
      return;
    }
    for (const secret of proxySecrets(options.proxy)) this.#redactor.add(secret);
    // Last: nothing above may fail after the connection pool exists.
    this.#ownTransport = this.#transport = builtInTransport(options);
  }

  /** The protocol `operation` is sent with. */
  protocolOf(operation: string): Protocol {
    return this.#route(operation);
  }

  /** Calls `operation` and resolves to its decoded response, with `$metadata` attached. */
  protected async call<Req, Res>(
    operation: string,
    request: Req,
    options: CallOptions = {},
  ): Promise<Res> {
    const { value } = await this.#call(operation, request, options);
    return value as Res;
  }

  /** Like `call`, resolving to `{ data, response }`: what `client.withResponse.x()` returns. */
  protected async callWithResponse<Req, Res>(
    operation: string,
    request: Req,
    options: CallOptions = {},
  ): Promise<WithResponse<Res>> {
    const { value, response } = await this.#call(operation, request, options);
    return { data: value as Res, response };
  }

  async #call(operation: string, request: unknown, options: CallOptions): Promise<Invoked> {
    const protocol = options.protocol ?? this.#route(operation);
    if (protocol !== 'soap' && protocol !== 'rest') {
      throw new TypeError(
        `CallOptions.protocol must be 'soap' or 'rest', not '${String(protocol as unknown)}'`,
      );
    }
    const invoked = await this.#invoke(protocol, operation, request, options, false);
    const value = withMetadata(invoked.value, invoked.response);
    const shadow = protocol === 'soap' ? 'rest' : 'soap';
    if (
      this.#shadow?.covers(operation, this.#descriptor) &&
      this.#descriptor.operations[operation]?.[shadow]
    ) {
      const { customerId, accountId } = options;
      this.#shadow.run(this.#descriptor, operation, { primary: protocol, shadow }, value, () =>
        this.#invoke(shadow, operation, request, { customerId, accountId }, true).then(
          (i) => i.value,
        ),
      );
    }
    return { value, response: invoked.response };
  }

  /** Resolves when every shadow call started so far has been compared (`close` waits too). */
  async shadowsSettled(): Promise<void> {
    await this.#shadow?.settled();
  }

  async #invoke(
    protocol: Protocol,
    operation: string,
    request: unknown,
    options: CallOptions,
    shadow: boolean,
  ): Promise<Invoked> {
    const hook: HookEventBase = {
      callId: ++this.#calls,
      operation,
      service: this.#descriptor.id,
      protocol,
      shadow,
    };
    const redact = this.#redactor.fn;
    let sent = 0;
    try {
      const op = this.#operation(operation, protocol);
      const policy =
        options.retry === undefined ? this.#retry : mergeRetryPolicy(this.#retry, options.retry);
      const timeoutMs = callTimeout(options.timeoutMs);
      const target: ExchangeTarget = {
        service: this.#descriptor,
        op,
        protocol,
        url: protocol === 'soap' ? this.#soapUrl : this.#restOrigin + op.rest!.path,
      };
      const customerId = options.customerId ?? this.#customerId;
      const accountId = options.accountId ?? this.#accountId;
      // The token the last attempt sent: a rejection invalidates that one, not whatever is current.
      let sentToken: string | undefined;
      const scope = throttleScope(customerId, accountId);
      const { value: outcome, attempts } = await runWithRetry(
        async (attempt) => {
          await this.#awaitSharedThrottle(operation, scope, options.signal);
          // A refresh may be slow and is shared with other calls: abort stops this one waiting.
          const accessToken = await untilAborted(
            this.#auth.getAccessToken(),
            options.signal,
            operation,
          );
          this.#redactor.add(accessToken);
          sentToken = accessToken;
          const http = buildHttpRequest(target, request, {
            accessToken,
            developerToken: this.#developerToken,
            customerId,
            accountId,
          });
          const started = Date.now();
          this.#log('debug', `${operation}: ${http.method} ${target.url} (attempt ${attempt})`, {
            operation,
            protocol,
            attempt,
          });
          if (this.#hooks?.onRequest) {
            this.#runHook('onRequest', {
              ...hook,
              attempt,
              method: http.method,
              url: redact(target.url),
              headers: hookRequestHeaders(http.headers, redact),
            });
          }
          sent = attempt;
          const response = await this.#transport.send({
            ...http,
            url: target.url,
            operation,
            ...(options.signal ? { signal: options.signal } : {}),
            ...(timeoutMs !== undefined ? { timeoutMs } : {}),
          });
          const durationMs = Date.now() - started;
          const trackingHeader = response.headers['trackingid'];
          const headerTrackingId = Array.isArray(trackingHeader)
            ? trackingHeader[0]
            : trackingHeader;
          this.#log('debug', `${operation}: HTTP ${response.status} in ${durationMs} ms`, {
            operation,
            protocol,
            attempt,
            httpStatus: response.status,
            trackingId: headerTrackingId,
          });
          if (this.#hooks?.onResponse) {
            this.#runHook('onResponse', {
              ...hook,
              attempt,
              status: response.status,
              headers: hookResponseHeaders(response.headers, redact),
              trackingId: headerTrackingId === undefined ? undefined : redact(headerTrackingId),
              durationMs,
            });
          }
          const { headers } = response;
          try {
            return { ...readHttpResponse(target, response, { redact, now: policy.now }), headers };
          } catch (error) {
            await this.#reportSharedThrottle(operation, scope, error);
            throw error;
          }
        },
        {
          policy,
          kind: operationKind(operation, op),
          ...(options.signal ? { signal: options.signal } : {}),
          refreshAuth: () => {
            this.#log(
              'info',
              `${operation}: access token rejected; refreshing it and retrying once`,
              { operation, protocol },
            );
            // Hundreds of calls in flight may be rejected with the same token: the provider
            // refreshes for the first and ignores the rest, whose token it already replaced.
            this.#auth.invalidate?.(sentToken);
          },
          onRetry: (e) => {
            const why =
              e.error instanceof Error ? `${e.error.name}: ${e.error.message}` : String(e.error);
            this.#log(
              'warn',
              `${operation}: retrying in ${e.delayMs} ms after attempt ${e.attempt} (${e.why}): ${why}`,
              {
                operation,
                protocol,
                attempt: e.attempt,
                delayMs: e.delayMs,
              },
            );
          },
        },
      );
      // The headers are redacted when first read: most calls never look at them, and the
      // redactor scans every value.
      const rawHeaders = outcome.headers;
      let headers: RawResponse['headers'] | undefined;
      return {
        value: outcome.value,
        response: Object.freeze({
          status: outcome.httpStatus,
          get headers() {
            return (headers ??= hookResponseHeaders(rawHeaders, redact));
          },
          trackingId: outcome.trackingId,
          protocol,
          attempts,
        }),
      };
    } catch (error) {
      scrubError(error, redact);
      const attempts = (error as { [ATTEMPTS]?: number } | null)?.[ATTEMPTS];
      this.#log(
        'debug',
        `${operation}: failed${attempts ? ` after ${attempts} attempt(s)` : ''}: ${describe(error)}`,
        {
          operation,
          protocol,
        },
      );
      if (this.#hooks?.onError) {
        this.#runHook('onError', { ...hook, attempts: attempts ?? sent, error });
      }
      throw error;
    }
  }

  /**
   * The credential headers Microsoft documents for HTTP requests made outside an operation (a
   * Bulk upload's multipart POST): AuthenticationToken (not Authorization), DeveloperToken,
   * CustomerId, and the account as both CustomerAccountId and AccountId. The access token is
   * registered with this client's redactor like a call's.
   */
  async fileTransferHeaders(options: CallOptions = {}): Promise<Record<string, string>> {
    const accessToken = await untilAborted(
      this.#auth.getAccessToken(),
      options.signal,
      'file transfer',
    );
    this.#redactor.add(accessToken);
    const customerId = options.customerId ?? this.#customerId;
    const accountId = options.accountId ?? this.#accountId;
    return {
      AuthenticationToken: accessToken,
      DeveloperToken: this.#developerToken,
      ...(customerId !== undefined ? { CustomerId: customerId } : {}),
      ...(accountId !== undefined ? { CustomerAccountId: accountId, AccountId: accountId } : {}),
    };
  }

  /** Closes the connection pool. Pending calls (and shadow comparisons) finish first. */
  async close(): Promise<void> {
    await this.#shadow?.settled();
    await this.#ownTransport?.close();
  }

  async #awaitSharedThrottle(
    operation: string,
    scope: string,
    signal: AbortSignal | undefined,
  ): Promise<void> {
    if (this.#sharedThrottle === undefined) return;
    try {
      await untilAborted(this.#sharedThrottle.wait(scope, signal), signal, operation);
    } catch (error) {
      if (signal?.aborted) throw error;
      this.#log('warn', `${operation}: shared throttle state unavailable: ${describe(error)}`, {
        operation,
      });
    }
  }

  async #reportSharedThrottle(operation: string, scope: string, error: unknown): Promise<void> {
    const windowMs = throttleWindow(error);
    if (this.#sharedThrottle === undefined || windowMs === undefined) return;
    try {
      await this.#sharedThrottle.report(scope, windowMs);
    } catch (failure) {
      this.#log('warn', `${operation}: could not share a throttle window: ${describe(failure)}`, {
        operation,
      });
    }
  }

  #operation(name: string, protocol: Protocol): OperationDescriptor {
    const op = Object.hasOwn(this.#descriptor.operations, name)
      ? this.#descriptor.operations[name]
      : undefined;
    if (!op) throw new OperationUnavailableError(name, protocol, undefined);
    const binding = protocol === 'soap' ? op.soap : op.rest;
    if (!binding) {
      throw new OperationUnavailableError(name, protocol, protocol === 'soap' ? 'rest' : 'soap');
    }
    return op;
  }

  /** Runs one hook; what it throws is logged and goes no further. */
  #runHook<K extends keyof ClientHooks>(
    name: K,
    event: Parameters<NonNullable<ClientHooks[K]>>[0],
  ): void {
    runHook(this.#hooks?.[name] as ((e: typeof event) => unknown) | undefined, event, (error) =>
      this.#log('warn', `${event.operation}: hook ${name} failed: ${describe(error)}`, {
        operation: event.operation,
      }),
    );
  }

  #log(level: keyof Logger, message: string, fields: Record<string, unknown>): void {
    const fn = this.#logger?.[level];
    if (!fn) return;
    const safe: Record<string, unknown> = { protocol: this.protocol, ...fields };
    for (const [k, v] of Object.entries(safe))
      if (typeof v === 'string') safe[k] = this.#redactor.redact(v);
    try {
      fn.call(this.#logger, this.#redactor.redact(message), safe);
    } catch {
      // A failing logger must not fail the call.
    }
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

/** A call's `timeoutMs`, checked before anything is sent. */
function callTimeout(timeoutMs: number | undefined): number | undefined {
  if (timeoutMs === undefined) return undefined;
  if (
    typeof timeoutMs !== 'number' ||
    !Number.isFinite(timeoutMs) ||
    timeoutMs <= 0 ||
    timeoutMs > MAX_TIMER_MS
  ) {
    throw new TypeError(
      `CallOptions.timeoutMs must be a number of milliseconds in (0, ${MAX_TIMER_MS}], not ${String(timeoutMs)}`,
    );
  }
  return timeoutMs;
}

/**
 * The client's own transport. Without a proxy: node:http (NodeHttpTransport), whose modules
 * are part of Node, so a cold process's first call does not load undici (a few times the
 * import time). With one: undici (Transport), which has the proxy agents.
 */
function builtInTransport(options: ClientOptions): HttpTransport & { close(): Promise<void> } {
  const settings = {
    ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
    ...(options.attemptTimeoutMs !== undefined
      ? { attemptTimeoutMs: options.attemptTimeoutMs }
      : {}),
    ...(options.maxResponseBytes !== undefined
      ? { maxResponseBytes: options.maxResponseBytes }
      : {}),
  };
  return options.proxy === undefined
    ? new NodeHttpTransport(settings)
    : new Transport({ ...settings, proxy: options.proxy });
}

/** The user's transport, checked; the built-in transport's options cannot come with it. */
function userTransport(options: ClientOptions): HttpTransport {
  const transport = options.transport;
  if (typeof transport?.send !== 'function') {
    throw new TypeError('ServiceClient: transport must have a send(request) method');
  }
  const builtIn = (['timeoutMs', 'attemptTimeoutMs', 'maxResponseBytes', 'proxy'] as const).filter(
    (k) => options[k] !== undefined,
  );
  if (builtIn.length > 0) {
    throw new TypeError(
      `ServiceClient: ${builtIn.join(', ')} configure the built-in transport; with your own transport, set them on it`,
    );
  }
  return transport;
}
