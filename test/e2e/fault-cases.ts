/**
 * Every fault kind the mock can inject, with the typed error a generated client must turn it
 * into and whether the retry policy must try again. The e2e test runs each case over SOAP and
 * REST: once with the fault on every attempt (the typed error surfaces after the expected
 * number of attempts), and for retried kinds once with a single fault (the call then succeeds
 * on attempt 2).
 */
import {
  AdsApiError,
  ThrottledError,
  TransportError,
  WireFormatError,
  type ClientOptions,
  type TransportFailure,
} from '@adsgen/runtime';
import type { FaultSpec } from '../../mock/src/faults/inject.ts';

/**
 * Long enough that the mock has validated the request (xmllint, slow on a loaded machine) and
 * taken the delay fault before the client gives up: the suite counts every fault it injects.
 */
export const FAULT_TIMEOUT_MS = 2000;
/** Below the 50 MB body, above anything the mock normally sends. */
export const FAULT_MAX_RESPONSE_BYTES = 8 * 1024 * 1024;

type ErrorClass =
  typeof AdsApiError | typeof ThrottledError | typeof TransportError | typeof WireFormatError;

export interface FaultCase {
  name: string;
  fault: FaultSpec;
  /** The exact class of the error (not a subclass: `AdsApiError` means a plain API fault). */
  errorClass: ErrorClass;
  /** Where one protocol surfaces a subclass (REST's JSON decoder names the path it refused). */
  errorClassByProtocol?: { soap?: ErrorClass; rest?: ErrorClass };
  /** TransportError reason. */
  reason?: TransportFailure;
  /** Numeric error code of the first entry (API faults). */
  code?: number;
  /** HTTP status the error carries, per protocol. */
  httpStatus?: { soap: number; rest: number };
  faultType?: string;
  retryAfterMs?: number;
  /** The policy retries this failure (so with 3 attempts the mock sees 3 faults). */
  retried: boolean;
  /** Client options beyond the defaults the fault needs (a short timeout, a size cap). */
  options?: Partial<ClientOptions>;
}

export const FAULT_CASES: readonly FaultCase[] = [
  {
    name: 'delay beyond timeoutMs',
    fault: { kind: 'delay', ms: FAULT_TIMEOUT_MS * 3 },
    errorClass: TransportError,
    reason: 'timeout',
    // A timed-out call may have been carried out: not retried unless retryTimeouts.
    retried: false,
    options: { timeoutMs: FAULT_TIMEOUT_MS },
  },
  {
    name: 'HTTP 429 + Retry-After',
    fault: { kind: 'throttle', status: 429, retryAfterS: 7 },
    errorClass: ThrottledError,
    code: 117,
    httpStatus: { soap: 429, rest: 429 },
    retryAfterMs: 7000,
    retried: true,
  },
  {
    name: '117 CallRateExceeded + Retry-After',
    fault: { kind: 'throttle', status: 'code117', retryAfterS: 2 },
    errorClass: ThrottledError,
    code: 117,
    httpStatus: { soap: 500, rest: 400 },
    retryAfterMs: 2000,
    retried: true,
  },
  {
    name: '500 InternalError',
    fault: { kind: 'internal' },
    errorClass: AdsApiError,
    code: 0,
    httpStatus: { soap: 500, rest: 500 },
    retried: true,
  },
  {
    name: 'connection reset',
    fault: { kind: 'reset' },
    errorClass: TransportError,
    reason: 'connection',
    retried: true,
  },
  {
    name: 'truncated body',
    fault: { kind: 'truncated' },
    errorClass: TransportError,
    reason: 'connection',
    retried: true,
  },
  {
    name: 'HTML error page (503)',
    fault: { kind: 'html' },
    errorClass: TransportError,
    reason: 'malformed-response',
    httpStatus: { soap: 503, rest: 503 },
    retried: true,
  },
  {
    name: '50 MB body',
    fault: { kind: 'huge', bytes: 50 * 1024 * 1024 },
    errorClass: TransportError,
    reason: 'too-large',
    retried: false,
    options: { maxResponseBytes: FAULT_MAX_RESPONSE_BYTES },
  },
  {
    name: 'entity expansion (billion laughs)',
    fault: { kind: 'entity-expansion' },
    errorClass: TransportError,
    errorClassByProtocol: { rest: WireFormatError },
    reason: 'malformed-response',
    httpStatus: { soap: 200, rest: 200 },
    retried: false,
  },
  {
    name: 'unknown fault detail type',
    fault: { kind: 'unknown-fault-detail' },
    errorClass: AdsApiError,
    faultType: 'MysteryFaultDetail',
    httpStatus: { soap: 500, rest: 400 },
    retried: false,
  },
];
