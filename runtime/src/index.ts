/**
 * @adsgen/runtime: what generated Microsoft Advertising clients and their users import.
 *
 * Results carry a non-enumerable `$metadata` ({ trackingId, attempts, protocol, httpStatus }):
 * read it with `getResponseMetadata(result)`.
 */

export * from './auth/index.js';
export * from './environment.js';
export {
  ServiceClient,
  getResponseMetadata,
  type CallOptions,
  type ClientOptions,
  type LogFn,
  type Logger,
  type ResponseMetadata,
} from './client.js';
export type * from './descriptors.js';
export { descriptorFromJson } from './descriptor-json.js';
export { installOperations } from './operations.js';
export {
  AdsApiError,
  AdsError,
  AuthenticationError,
  AUTHENTICATION_HINTS,
  BatchError,
  EditorialError,
  OperationUnavailableError,
  ReauthorizationRequiredError,
  ThrottledError,
  TransportError,
  describeFault,
  type AdsApiErrorInit,
  type AdsErrorEntry,
  type AdsErrorEntryKind,
  type AuthenticationHint,
  type EditorialDetails,
  type Protocol,
  type ReauthorizationDetails,
  type TransportErrorDetails,
  type TransportFailure,
} from './errors.js';
export { faultToError, type FaultInput } from './fault-to-error.js';
export {
  KnownErrorCodes,
  errorCodeTable,
  type ErrorCodeTable,
  errorCodeName,
  errorCodeNumber,
} from './error-codes.js';
export {
  DEFAULT_RETRY_POLICY,
  backoffDelay,
  classifyError,
  parseRetryAfter,
  type RetryClass,
  type RetryPolicy,
} from './retry.js';
export { REDACTED, Redactor, redactPatterns } from './redact.js';
export {
  DEFAULT_MAX_RESPONSE_BYTES,
  DEFAULT_ATTEMPT_TIMEOUT_MS,
  DEFAULT_TIMEOUT_MS,
  type TransportOptions,
} from './transport.js';
export { operationKind, type OperationKind } from './operation-kind.js';
export type { ProtocolChoice } from './protocol-choice.js';
export { compareValues, type ShadowDifference, type ShadowOptions } from './shadow.js';
