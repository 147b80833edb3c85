/**
 * One error hierarchy for both protocols. SKELETON written by the lead so that parallel work
 * can import these names; the errors owner fills in fault mapping, hints and redaction.
 *
 *   AdsError (abstract root, never carries secrets)
 *   ├── AdsApiError              the service answered with a fault
 *   │   ├── AuthenticationError  105/106/109/3101/401/403 with a `hint`
 *   │   ├── ThrottledError       117/207/429 with `retryAfterMs`
 *   │   ├── BatchError           partial failures of batch operations (`errors[i].index`)
 *   │   └── EditorialError       editorial faults (Campaign Management)
 *   ├── ReauthorizationRequiredError  invalid_grant: the user must consent again
 *   └── TransportError           timeout, connection, malformed response
 */

export type Protocol = 'soap' | 'rest';

/** One error entry of a fault, the same shape for every fault type and both protocols. */
export interface AdsErrorEntry {
  code: number;
  errorCode: string;
  message: string;
  details?: string;
  index?: number;
  fieldPath?: string;
}

export abstract class AdsError extends Error {}

export interface AdsApiErrorInit {
  protocol: Protocol;
  operation: string;
  httpStatus: number;
  trackingId?: string;
  errors: AdsErrorEntry[];
  /** The fault detail type (`AdApiFaultDetail`, `ApiFault`, …). */
  faultType?: string;
  message?: string;
}

export class AdsApiError extends AdsError {
  override name = 'AdsApiError';
  readonly protocol: Protocol;
  readonly operation: string;
  readonly httpStatus: number;
  readonly trackingId: string | undefined;
  readonly errors: AdsErrorEntry[];
  readonly faultType: string | undefined;
  constructor(init: AdsApiErrorInit) {
    super(init.message ?? `${init.operation} failed`);
    this.protocol = init.protocol;
    this.operation = init.operation;
    this.httpStatus = init.httpStatus;
    this.trackingId = init.trackingId;
    this.errors = init.errors;
    this.faultType = init.faultType;
  }
}

export type AuthenticationHint =
  | 'access-token-invalid-or-expired'
  | 'developer-token-invalid-or-wrong-environment'
  | 'no-access-to-customer-or-account';

export class AuthenticationError extends AdsApiError {
  override name = 'AuthenticationError';
  constructor(
    init: AdsApiErrorInit,
    readonly hint: AuthenticationHint,
  ) {
    super(init);
  }
}

export class ThrottledError extends AdsApiError {
  override name = 'ThrottledError';
  constructor(
    init: AdsApiErrorInit,
    readonly retryAfterMs: number | undefined,
  ) {
    super(init);
  }
}

export class BatchError extends AdsApiError {
  override name = 'BatchError';
}

export class EditorialError extends AdsApiError {
  override name = 'EditorialError';
}

export class ReauthorizationRequiredError extends AdsError {
  override name = 'ReauthorizationRequiredError';
}

export type TransportFailure = 'timeout' | 'connection' | 'malformed-response' | 'aborted' | 'too-large';

export class TransportError extends AdsError {
  override name = 'TransportError';
  constructor(
    readonly reason: TransportFailure,
    message: string,
    readonly details: { operation?: string; httpStatus?: number; excerpt?: string } = {},
  ) {
    super(message);
  }
}
