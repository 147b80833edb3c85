import { untilAborted } from './abortable.js';
import type { TokenProvider } from './auth/token-provider.js';
import type { OperationDescriptor, ServiceDescriptor } from './descriptors.js';
import { isEnvironment, serviceEndpoints, type Environment } from './environment.js';
import { OperationUnavailableError, type Protocol } from './errors.js';
import { protocolRouter, type ProtocolChoice } from './protocol-choice.js';
import { operationKind } from './operation-kind.js';
import { Shadow, type ShadowOptions } from './shadow.js';
import { buildHttpRequest, readHttpResponse, type ExchangeTarget } from './exchange.js';
import { Redactor } from './redact.js';
import { ATTEMPTS, resolveRetryPolicy, runWithRetry, type RetryPolicy } from './retry.js';
import { throttleScope, throttleWindow, type SharedThrottle } from './shared-throttle.js';
import { Transport } from './transport.js';

/**
 * The base of every generated client. A generated class adds no method bodies: its operations
 * are installed from its descriptor (operations.ts) and declared in an interface merged with
 * the class. One client = one service, one protocol choice, one environment, one connection
 * pool. Each call: token → codec → HTTP → decoded value or typed error, with retries
 * (retry.ts) and secret-free logging.
 */

export type LogFn = (message: string, fields?: Record<string, unknown>) => void;

/** Any console-like logger. Lines never contain tokens, headers or bodies. */
export interface Logger {
  debug?: LogFn;
  info?: LogFn;
  warn?: LogFn;
  error?: LogFn;
}

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

export interface CallOptions {
  customerId?: string;
  accountId?: string;
  signal?: AbortSignal;
}

/**
 * Attached to every resolved value as the non-enumerable property `$metadata` (so it does
 * not show in JSON or spreads): `(await client.getUser(req)).$metadata` via
 * `getResponseMetadata(result)`.
 */
export interface ResponseMetadata {
  /** Microsoft's TrackingId: quote it to support. */
  trackingId: string | undefined;
  /** HTTP attempts made, the successful one included. */
  attempts: number;
  protocol: Protocol;
  httpStatus: number;
}

export function getResponseMetadata(value: unknown): ResponseMetadata | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  return (value as { $metadata?: ResponseMetadata }).$metadata;
}

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
  readonly #transport: Transport;
  readonly #redactor = new Redactor();
  readonly #logger: Logger | undefined;
  readonly #sharedThrottle: SharedThrottle | undefined;

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
    // Last: nothing above may fail after the connection pool exists.
    this.#transport = new Transport({
      ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
      ...(options.attemptTimeoutMs !== undefined
        ? { attemptTimeoutMs: options.attemptTimeoutMs }
        : {}),
      ...(options.maxResponseBytes !== undefined
        ? { maxResponseBytes: options.maxResponseBytes }
        : {}),
    });
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
    const protocol = this.#route(operation);
    const value = await this.#invoke<Req, Res>(protocol, operation, request, options);
    const shadow = protocol === 'soap' ? 'rest' : 'soap';
    if (
      this.#shadow?.covers(operation, this.#descriptor) &&
      this.#descriptor.operations[operation]?.[shadow]
    ) {
      const { customerId, accountId } = options;
      this.#shadow.run(this.#descriptor, operation, { primary: protocol, shadow }, value, () =>
        this.#invoke(shadow, operation, request, { customerId, accountId }),
      );
    }
    return value;
  }

  /** Resolves when every shadow call started so far has been compared (`close` waits too). */
  async shadowsSettled(): Promise<void> {
    await this.#shadow?.settled();
  }

  async #invoke<Req, Res>(
    protocol: Protocol,
    operation: string,
    request: Req,
    options: CallOptions,
  ): Promise<Res> {
    const op = this.#operation(operation, protocol);
    const target: ExchangeTarget = {
      service: this.#descriptor,
      op,
      protocol,
      url: protocol === 'soap' ? this.#soapUrl : this.#restOrigin + op.rest!.path,
    };
    const customerId = options.customerId ?? this.#customerId;
    const accountId = options.accountId ?? this.#accountId;
    const redact = this.#redactor.fn;
    // The token the last attempt sent: a rejection invalidates that one, not whatever is current.
    let sentToken: string | undefined;
    const scope = throttleScope(customerId, accountId);
    try {
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
          const response = await this.#transport.send({
            ...http,
            url: target.url,
            operation,
            ...(options.signal ? { signal: options.signal } : {}),
          });
          const trackingHeader = response.headers['trackingid'];
          this.#log(
            'debug',
            `${operation}: HTTP ${response.status} in ${Date.now() - started} ms`,
            {
              operation,
              protocol,
              attempt,
              httpStatus: response.status,
              trackingId: Array.isArray(trackingHeader) ? trackingHeader[0] : trackingHeader,
            },
          );
          try {
            return readHttpResponse(target, response, { redact, now: this.#retry.now });
          } catch (error) {
            await this.#reportSharedThrottle(operation, scope, error);
            throw error;
          }
        },
        {
          policy: this.#retry,
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
      const metadata: ResponseMetadata = {
        trackingId: outcome.trackingId,
        attempts,
        protocol,
        httpStatus: outcome.httpStatus,
      };
      return withMetadata(outcome.value, metadata) as Res;
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
    await this.#transport.close();
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

function withMetadata(value: unknown, metadata: ResponseMetadata): object {
  const target = typeof value === 'object' && value !== null ? value : {};
  if (Object.isExtensible(target)) {
    Object.defineProperty(target, '$metadata', {
      value: Object.freeze(metadata),
      enumerable: false,
      configurable: true,
    });
  }
  return target;
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

/**
 * Last line of defence: whatever was thrown (ours, a codec's, the token provider's), its
 * message, stack and structured fields (`trackingId`, `errors[]`, `details`, …) lose every
 * secret this client knows, down the cause chain.
 */
function scrubError(error: unknown, redact: (text: string) => string, depth = 0): void {
  if (!(error instanceof Error) || depth > 4) return;
  try {
    error.message = redact(error.message);
    if (typeof error.stack === 'string') error.stack = redact(error.stack);
    scrubFields(error as unknown as Record<string, unknown>, redact, 0);
  } catch {
    // Frozen or exotic errors keep their text.
  }
  scrubError(error.cause, redact, depth + 1);
}

/** Redacts the strings of own enumerable fields, in place, through plain objects and arrays. */
function scrubFields(
  target: Record<string, unknown> | unknown[],
  redact: (text: string) => string,
  depth: number,
): void {
  if (depth > 4) return;
  for (const [key, value] of Object.entries(target)) {
    if (typeof value === 'string') {
      const clean = redact(value);
      if (clean !== value) (target as Record<string, unknown>)[key] = clean;
    } else if (Array.isArray(value) || isPlainObject(value)) {
      scrubFields(value as Record<string, unknown>, redact, depth + 1);
    }
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}
