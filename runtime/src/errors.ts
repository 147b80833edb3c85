import { redactPatterns } from './redact.js';

/**
 * One error hierarchy for both protocols. Faults are mapped onto it by `faultToError`
 * (fault-to-error.ts); transports and the client raise the rest.
 *
 *   AdsError (abstract root, never carries secrets)
 *   ├── AdsApiError              the service answered with a fault
 *   │   ├── AuthenticationError  105/106/109/3101/401/403 with a `hint`
 *   │   ├── ThrottledError       117/207/429 with `retryAfterMs`
 *   │   ├── AdsBatchError        partial failures of batch operations (`errors[i].index`)
 *   │   └── AdsEditorialError    editorial faults (Campaign Management)
 *   ├── ReauthorizationRequiredError  invalid_grant: the user must consent again
 *   ├── TransportError           timeout, connection, malformed response, abort, too large
 *   ├── RequestValidationError   the request does not fit its descriptor (never sent)
 *   └── OperationUnavailableError     the operation does not exist in the chosen protocol
 *
 * Secrets: every message passes through `redactPatterns` here, and the client additionally
 * scrubs the exact token values it sent before building messages. Errors keep no raw request,
 * no headers and no token provider objects, so `String(e)`, `e.stack`, `JSON.stringify(e)`
 * (via `toJSON`) and `util.inspect(e)` only show what is listed in each class.
 *
 * Names: the classes for batch and editorial faults carry the `Ads` prefix because the
 * services' own data types are called `BatchError` and `EditorialError` (the entries in a
 * fault's `BatchErrors` list, exported by the generated packages under those names): one
 * import line can hold both without renaming.
 */

/** @public */
export type Protocol = 'soap' | 'rest';

/**
 * Where an entry came from in the fault detail.
 *
 * @public
 */
export type AdsErrorEntryKind = 'api' | 'operation' | 'batch' | 'editorial';

/**
 * Extra members of an `EditorialError` entry (Campaign Management, Bulk).
 *
 * @public
 */
export interface EditorialDetails {
  reasonCode?: number;
  location?: string;
  publisherCountry?: string;
  disapprovedText?: string;
  appealable?: boolean;
}

/**
 * One error entry of a fault, the same shape for every fault type and both protocols.
 *
 * @public
 */
export interface AdsErrorEntry {
  /** Numeric code (`105`); -1 when the fault gives neither a code nor a known symbolic code. */
  code: number;
  /** Symbolic code (`InvalidCredentials`); filled from the code table when the fault omits it, '' when unknown. */
  errorCode: string;
  /** The service's message. */
  message: string;
  /** `Details` / `Detail` of the entry. */
  details?: string;
  /** Position of the failing item in the request's batch (batch and editorial errors). */
  index?: number;
  fieldPath?: string;
  /** Which list of the fault the entry came from. */
  kind?: AdsErrorEntryKind;
  /** BatchError `Type` (for example `EditorialError`). */
  type?: string;
  editorial?: EditorialDetails;
}

/**
 * Sets `name` on the prototype: right in stacks and `String(e)`, absent from own properties.
 *
 * @internal
 */
export function nameClass(cls: { prototype: Error }, name: string): void {
  Object.defineProperty(cls.prototype, 'name', { value: name, writable: true, configurable: true });
}

/** @public */
export abstract class AdsError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(redactPatterns(message), options);
  }

  /** Plain, secret-free data for logs and `JSON.stringify`. */
  toJSON(): Record<string, unknown> {
    return { name: this.name, message: this.message };
  }
}
nameClass(AdsError, 'AdsError');

/** @public */
export interface AdsApiErrorInit {
  protocol: Protocol;
  operation: string;
  httpStatus: number;
  trackingId?: string;
  errors: AdsErrorEntry[];
  /** The fault detail type (`AdApiFaultDetail`, `ApiFault`, …). */
  faultType?: string;
  /** Text of a fault that carries no error list (SOAP faultstring, AdCenter* `ErrorMessage`). */
  faultMessage?: string;
  /** Replaces the generated message entirely. */
  message?: string;
}

/** At most this many entries are spelled out in a message; all stay in `errors`. */
const MESSAGE_ENTRIES = 3;

/**
 * `GetUser failed (REST, HTTP 401): 105 InvalidCredentials: Authentication failed. …
 * [TrackingId 6b2f…]`. Names the operation, the codes, the service's words and the TrackingId
 * that Microsoft support asks for.
 *
 * @public
 */
export function describeFault(init: AdsApiErrorInit, suffix?: string): string {
  const head = `${init.operation} failed (${init.protocol.toUpperCase()}, HTTP ${init.httpStatus})`;
  const parts = init.errors.slice(0, MESSAGE_ENTRIES).map(describeEntry);
  if (init.errors.length > MESSAGE_ENTRIES)
    parts.push(`and ${init.errors.length - MESSAGE_ENTRIES} more`);
  if (parts.length === 0) {
    parts.push(
      init.faultMessage ??
        (init.faultType ? `${init.faultType} without error details` : 'no fault details'),
    );
  }
  const tracking = init.trackingId ? ` [TrackingId ${init.trackingId}]` : '';
  return `${head}: ${parts.join('; ')}${suffix ? ` ${suffix}` : ''}${tracking}`;
}

function describeEntry(e: AdsErrorEntry): string {
  const where =
    e.index !== undefined ? `item ${e.index}${e.fieldPath ? ` (${e.fieldPath})` : ''}: ` : '';
  const code = e.errorCode ? `${e.code} ${e.errorCode}` : `${e.code}`;
  const text = e.message || e.details || '';
  return `${where}${code}${text ? `: ${text}` : ''}`;
}

/** @public */
export class AdsApiError extends AdsError {
  readonly protocol: Protocol;
  readonly operation: string;
  readonly httpStatus: number;
  readonly trackingId: string | undefined;
  readonly errors: AdsErrorEntry[];
  readonly faultType: string | undefined;
  readonly faultMessage: string | undefined;
  constructor(init: AdsApiErrorInit) {
    super(init.message ?? describeFault(init));
    this.protocol = init.protocol;
    this.operation = init.operation;
    this.httpStatus = init.httpStatus;
    this.trackingId = init.trackingId;
    this.errors = init.errors;
    this.faultType = init.faultType;
    this.faultMessage = init.faultMessage;
  }

  /** Code of the first entry. */
  get code(): number | undefined {
    return this.errors[0]?.code;
  }

  /** Symbolic code of the first entry. */
  get errorCode(): string | undefined {
    return this.errors[0]?.errorCode;
  }

  /** Whether any entry carries one of `codes`. */
  hasCode(...codes: number[]): boolean {
    return this.errors.some((e) => codes.includes(e.code));
  }

  override toJSON(): Record<string, unknown> {
    return {
      ...super.toJSON(),
      protocol: this.protocol,
      operation: this.operation,
      httpStatus: this.httpStatus,
      trackingId: this.trackingId,
      faultType: this.faultType,
      faultMessage: this.faultMessage,
      errors: this.errors,
    };
  }
}
nameClass(AdsApiError, 'AdsApiError');

/** @public */
export type AuthenticationHint =
  | 'access-token-invalid-or-expired'
  | 'developer-token-invalid-or-wrong-environment'
  | 'no-access-to-customer-or-account';

/**
 * What to do about each credential failure mode, appended to the message.
 *
 * @public
 */
export const AUTHENTICATION_HINTS: Readonly<Record<AuthenticationHint, string>> = {
  'access-token-invalid-or-expired':
    'Probable cause: the OAuth access token is invalid, expired or was issued for the other environment (production vs sandbox); refresh it, or sign in again.',
  'developer-token-invalid-or-wrong-environment':
    'Probable cause: the developer token is invalid or belongs to the other environment (production vs sandbox).',
  'no-access-to-customer-or-account':
    'Probable cause: the credentials are valid but the user has no access to the CustomerId / CustomerAccountId sent; check both ids.',
};

/** @public */
export class AuthenticationError extends AdsApiError {
  constructor(
    init: AdsApiErrorInit,
    readonly hint: AuthenticationHint,
  ) {
    super({ ...init, message: init.message ?? describeFault(init, AUTHENTICATION_HINTS[hint]) });
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), hint: this.hint };
  }
}
nameClass(AuthenticationError, 'AuthenticationError');

/** @public */
export class ThrottledError extends AdsApiError {
  constructor(
    init: AdsApiErrorInit,
    /** From the `Retry-After` header, when the service sent one. */
    readonly retryAfterMs: number | undefined,
  ) {
    const wait =
      retryAfterMs !== undefined ? `Retry after ${Math.ceil(retryAfterMs / 1000)} s.` : undefined;
    super({ ...init, message: init.message ?? describeFault(init, wait) });
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), retryAfterMs: this.retryAfterMs };
  }
}
nameClass(ThrottledError, 'ThrottledError');

/**
 * A batch operation failed for some items: `errors[i].index` points into the request's list.
 * (`BatchError` without the prefix is the service's data type of one such entry.)
 *
 * @public
 */
export class AdsBatchError extends AdsApiError {
  /** Entries grouped by the index of the request item they refer to. */
  byIndex(): Map<number, AdsErrorEntry[]> {
    const map = new Map<number, AdsErrorEntry[]>();
    for (const e of this.errors) {
      if (e.index === undefined) continue;
      const list = map.get(e.index) ?? [];
      list.push(e);
      map.set(e.index, list);
    }
    return map;
  }
}
nameClass(AdsBatchError, 'AdsBatchError');

/**
 * Editorial review rejected items (`EditorialApiFaultDetail`); entries carry `editorial`.
 * (`EditorialError` without the prefix is the service's data type of one such entry.)
 *
 * @public
 */
export class AdsEditorialError extends AdsApiError {}
nameClass(AdsEditorialError, 'AdsEditorialError');

/** @public */
export interface ReauthorizationDetails {
  /** Identity provider (`microsoft`, `google`). */
  provider?: string;
  /** OAuth `error` (`invalid_grant`). */
  oauthError?: string;
  /** OAuth `error_description`, redacted. */
  description?: string;
}

/**
 * The refresh token was rejected (`invalid_grant`): the user must sign in and consent again.
 *
 * @public
 */
export class ReauthorizationRequiredError extends AdsError {
  readonly details: ReauthorizationDetails;
  constructor(
    message = 'The refresh token was rejected (invalid_grant): the user must sign in and consent again.',
    details: ReauthorizationDetails = {},
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.details = {
      ...details,
      ...(details.description !== undefined
        ? { description: redactPatterns(details.description) }
        : {}),
    };
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), ...this.details };
  }
}
nameClass(ReauthorizationRequiredError, 'ReauthorizationRequiredError');

/** @public */
export type TransportFailure =
  'timeout' | 'connection' | 'malformed-response' | 'aborted' | 'too-large';

/** @public */
export interface TransportErrorDetails {
  operation?: string;
  httpStatus?: number;
  /** A short, redacted, single-line start of the response body. */
  excerpt?: string;
  /** The underlying error code (`UND_ERR_SOCKET`, `ECONNRESET`, `UND_ERR_HEADERS_TIMEOUT`). */
  code?: string;
}

/** @public */
export interface TransportErrorInit extends TransportErrorDetails {
  /** See `TransportError.mayHaveRun`. Default true: only proof that nothing was sent clears it. */
  mayHaveRun?: boolean;
}

/** @public */
export class TransportError extends AdsError {
  readonly details: TransportErrorDetails;
  /**
   * Whether the service may have carried out the request: true once the request may have
   * left this process and no complete answer says otherwise (a body cut after the headers, a
   * reset or timeout after sending, a 200 whose body is unreadable). False only with proof it
   * was not: the connection was refused, the name did not resolve, TLS failed before sending,
   * the call was aborted before sending, or a complete 502/503/504 answer. A write (Add,
   * Update, Delete, …) that fails with `mayHaveRun: true` was not re-sent: check its effect
   * (for example with a Get) before calling it again.
   */
  readonly mayHaveRun: boolean;
  constructor(
    readonly reason: TransportFailure,
    message: string,
    init: TransportErrorInit = {},
    options?: { cause?: unknown },
  ) {
    super(message, options);
    const { mayHaveRun = true, ...details } = init;
    this.mayHaveRun = mayHaveRun;
    this.details = {
      ...details,
      ...(details.excerpt !== undefined ? { excerpt: redactPatterns(details.excerpt) } : {}),
    };
  }

  get operation(): string | undefined {
    return this.details.operation;
  }

  get httpStatus(): number | undefined {
    return this.details.httpStatus;
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), reason: this.reason, mayHaveRun: this.mayHaveRun, ...this.details };
  }
}
nameClass(TransportError, 'TransportError');

/**
 * The operation is unknown, or exists only in the other protocol (for example AdInsight `PutMetricData` over REST).
 *
 * @public
 */
export class OperationUnavailableError extends AdsError {
  constructor(
    readonly operation: string,
    readonly protocol: Protocol,
    readonly availableIn: Protocol | undefined,
  ) {
    super(
      availableIn
        ? `${operation} is not available over ${protocol.toUpperCase()}; it exists only over ${availableIn.toUpperCase()}: create the client with protocol: '${availableIn}' for this call.`
        : `${operation} is not an operation of this service.`,
    );
  }

  override toJSON(): Record<string, unknown> {
    return {
      ...super.toJSON(),
      operation: this.operation,
      protocol: this.protocol,
      availableIn: this.availableIn,
    };
  }
}
nameClass(OperationUnavailableError, 'OperationUnavailableError');

/**
 * The request does not fit the operation's descriptor, found before anything is sent: the
 * same check, path and reason over SOAP and REST. `path` names the value
 * (`AddAdsRequest.Ads[2].FinalUrls[0]`), `reason` what is wrong with it.
 *
 * @public
 */
export class RequestValidationError extends AdsError {
  readonly path: string;
  readonly reason: string;
  constructor(path: string, reason: string) {
    super(`${path}: ${reason}`);
    this.path = path;
    this.reason = redactPatterns(reason);
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), path: this.path, reason: this.reason };
  }
}
nameClass(RequestValidationError, 'RequestValidationError');
