import { errorCodeName, errorCodeNumber, KnownErrorCodes } from './error-codes.js';
import {
  AdsApiError,
  AuthenticationError,
  AdsBatchError,
  AdsEditorialError,
  ThrottledError,
  type AdsApiErrorInit,
  type AdsErrorEntry,
  type AdsErrorEntryKind,
  type AuthenticationHint,
  type Protocol,
} from './errors.js';
import { redactPatterns } from './redact.js';

/**
 * Maps a decoded fault (SOAP `detail` or REST fault body) onto the error hierarchy.
 *
 * Fault types of the six v13 services, all deriving from `ApplicationFault {TrackingId}`:
 *   AdApiFaultDetail         { Errors: AdApiError{Code, Detail, ErrorCode, Message}[] }     all six
 *   ApiFault                 { OperationErrors }                  Customer Management, Billing
 *   ApiBatchFault            ApiFault + { BatchErrors }           Customer Management, Billing
 *   ApiFaultDetail           { BatchErrors, OperationErrors }     Campaign, Bulk, Reporting, AdInsight
 *   EditorialApiFaultDetail  { BatchErrors, EditorialErrors, OperationErrors }   Campaign (+ Bulk REST)
 *   AdCenterAuthenticationFault { ErrorCode: NoCredential|InvalidCustomerId|InvalidSecurityTicket,
 *                              ErrorMessage }   REST only (Campaign, Bulk)
 *   AdCenterAuthorizationFault, AdCenterFault, AdCenterInternalErrorFault, AdCenterSystemFault
 *                            { ErrorMessage, FaultingLayer, … }   REST only (Campaign, Bulk)
 *   ApplicationFault / ApplicationFaultBase   only a TrackingId
 * Customer Management and Billing `OperationError`/`BatchError` have no `ErrorCode`: it is
 * filled from the code table. Anything else becomes a plain `AdsApiError` with the fault text.
 */

/** @internal */
export interface FaultInput {
  protocol: Protocol;
  operation: string;
  httpStatus: number;
  trackingId?: string;
  /** Fault detail type name; a namespace prefix (`q1:ApiFault`) is ignored. */
  detailType?: string;
  /** The decoded detail / fault body: members as the specs name them (`Errors`, `OperationErrors`, …). */
  detail?: unknown;
  /** From the `Retry-After` header. */
  retryAfterMs?: number;
  /** SOAP `faultcode` / `faultstring`, used when the detail says nothing. */
  faultCode?: string;
  faultString?: string;
}

/**
 * `redact` scrubs service-provided text (the client passes its own, which knows the tokens it
 * sent); credential patterns are always removed as well.
 *
 * @internal
 */
export function faultToError(
  input: FaultInput,
  redact: (text: string) => string = redactPatterns,
): AdsApiError {
  const scrub = (text: string): string => redactPatterns(redact(text));
  const detail = unwrapDetail(input.detail, input.detailType);
  const faultType = localName(input.detailType) ?? stringMember(detail, 'Type');
  const errors = extractEntries(detail).map((e) => scrubEntry(e, scrub));
  const adCenterText = stringMember(detail, 'ErrorMessage');
  const fallbackText = adCenterText ?? input.faultString;
  const init: AdsApiErrorInit = {
    protocol: input.protocol,
    operation: input.operation,
    httpStatus: input.httpStatus,
    ...defined('trackingId', input.trackingId ?? stringMember(detail, 'TrackingId'), scrub),
    errors,
    faultType,
    ...(errors.length === 0 && fallbackText ? { faultMessage: scrub(fallbackText) } : {}),
  };

  const hint = authenticationHint(init, faultType, detail);
  if (hint) return new AuthenticationError(init, hint);
  if (isThrottled(init)) return new ThrottledError(init, input.retryAfterMs);
  if (faultType === 'EditorialApiFaultDetail' || errors.some((e) => e.kind === 'editorial')) {
    return new AdsEditorialError(init);
  }
  if (errors.some((e) => e.kind === 'batch')) return new AdsBatchError(init);
  return new AdsApiError(init);
}

const AUTH_CODES: ReadonlySet<number> = new Set([
  KnownErrorCodes.InvalidCredentials,
  KnownErrorCodes.UserIsNotAuthorized,
  KnownErrorCodes.AuthenticationTokenExpired,
  KnownErrorCodes.OAuthTokenInvalid,
]);
const THROTTLE_CODES: ReadonlySet<number> = new Set([
  KnownErrorCodes.CallRateExceeded,
  KnownErrorCodes.ConcurrentRequestOverLimit,
]);

/** Codes decide first; the HTTP status decides when no entry has a telling code. */
function authenticationHint(
  init: AdsApiErrorInit,
  faultType: string | undefined,
  detail: unknown,
): AuthenticationHint | undefined {
  if (init.errors.some((e) => THROTTLE_CODES.has(e.code))) return undefined;
  const entry = init.errors.find((e) => AUTH_CODES.has(e.code));
  if (entry) {
    switch (entry.code) {
      case KnownErrorCodes.UserIsNotAuthorized:
        return 'no-access-to-customer-or-account';
      case KnownErrorCodes.InvalidCredentials:
        // 105 covers both tokens; the message usually names the developer token when it is that one.
        return /developer\s*token/i.test(`${entry.message} ${entry.details ?? ''}`)
          ? 'developer-token-invalid-or-wrong-environment'
          : 'access-token-invalid-or-expired';
      default:
        return 'access-token-invalid-or-expired';
    }
  }
  if (faultType === 'AdCenterAuthorizationFault') return 'no-access-to-customer-or-account';
  if (faultType === 'AdCenterAuthenticationFault') {
    return stringMember(detail, 'ErrorCode') === 'InvalidCustomerId'
      ? 'no-access-to-customer-or-account'
      : 'access-token-invalid-or-expired';
  }
  if (init.httpStatus === 401) return 'access-token-invalid-or-expired';
  if (init.httpStatus === 403) {
    // A 403 naming an account or customer is an access problem; a bare one is usually the developer token.
    const text = init.errors.map((e) => `${e.errorCode} ${e.message}`).join(' ');
    return /account|customer/i.test(text)
      ? 'no-access-to-customer-or-account'
      : 'developer-token-invalid-or-wrong-environment';
  }
  return undefined;
}

function isThrottled(init: AdsApiErrorInit): boolean {
  return init.httpStatus === 429 || init.errors.some((e) => THROTTLE_CODES.has(e.code));
}

// ---------------------------------------------------------------------------------------
// Reading the detail. Codecs hand over members as the specs spell them; SOAP decoders may
// also keep array wrappers (`{ AdApiError: [...] }`) or give numbers as strings, so the
// readers below accept those shapes too.

const FAULT_TYPES = new Set([
  'ApplicationFault',
  'ApplicationFaultBase',
  'AdApiFaultDetail',
  'ApiFault',
  'ApiBatchFault',
  'ApiFaultDetail',
  'EditorialApiFaultDetail',
  'AdCenterAuthenticationFault',
  'AdCenterAuthorizationFault',
  'AdCenterFault',
  'AdCenterInternalErrorFault',
  'AdCenterSystemFault',
]);

/** Error lists of the fault types, with the kind each list's entries get. */
const ENTRY_LISTS: ReadonlyArray<[member: string, kind: AdsErrorEntryKind]> = [
  ['Errors', 'api'],
  ['OperationErrors', 'operation'],
  ['BatchErrors', 'batch'],
  ['EditorialErrors', 'editorial'],
];

function localName(name: string | undefined): string | undefined {
  if (!name) return undefined;
  const i = name.lastIndexOf(':');
  return i >= 0 ? name.slice(i + 1) : name;
}

/** `{ AdApiFaultDetail: {...} }` (detail keyed by its element) → the inner object. */
function unwrapDetail(detail: unknown, detailType: string | undefined): unknown {
  if (!isRecord(detail)) return detail;
  const keys = Object.keys(detail);
  const only = keys.length === 1 ? keys[0]! : undefined;
  if (only && (FAULT_TYPES.has(localName(only)!) || localName(only) === localName(detailType))) {
    return detail[only];
  }
  return detail;
}

function extractEntries(detail: unknown): AdsErrorEntry[] {
  if (!isRecord(detail)) return [];
  const entries: AdsErrorEntry[] = [];
  for (const [member, kind] of ENTRY_LISTS) {
    for (const item of listItems(member_(detail, member))) {
      const entry = toEntry(item, kind);
      if (entry) entries.push(entry);
    }
  }
  return entries;
}

function toEntry(item: unknown, listKind: AdsErrorEntryKind): AdsErrorEntry | undefined {
  if (!isRecord(item)) return undefined;
  const symbolic = stringMember(item, 'ErrorCode');
  // -1 marks "no code in the fault": 0 would read as InternalError and be retried.
  const code =
    numberMember(item, 'Code') ?? (symbolic ? errorCodeNumber(symbolic) : undefined) ?? -1;
  const type = stringMember(item, 'Type');
  const kind: AdsErrorEntryKind = type === 'EditorialError' ? 'editorial' : listKind;
  const entry: AdsErrorEntry = {
    code,
    errorCode: symbolic ?? errorCodeName(code) ?? '',
    message: stringMember(item, 'Message') ?? '',
    kind,
  };
  const details = stringMember(item, 'Details') ?? stringMember(item, 'Detail');
  if (details !== undefined) entry.details = details;
  const index = numberMember(item, 'Index');
  if (index !== undefined) entry.index = index;
  const fieldPath = stringMember(item, 'FieldPath');
  if (fieldPath !== undefined) entry.fieldPath = fieldPath;
  if (type !== undefined) entry.type = type;
  if (kind === 'editorial') {
    const editorial = {
      reasonCode: numberMember(item, 'ReasonCode'),
      location: stringMember(item, 'Location'),
      publisherCountry: stringMember(item, 'PublisherCountry'),
      disapprovedText: stringMember(item, 'DisapprovedText'),
      appealable: booleanMember(item, 'Appealable'),
    };
    entry.editorial = Object.fromEntries(
      Object.entries(editorial).filter(([, v]) => v !== undefined),
    );
  }
  return entry;
}

/**
 * Every text of an entry comes from the service, which may echo what it was sent (a token in
 * a Details, a developer token in a FieldPath): all of them, not only the message, are scrubbed.
 */
function scrubEntry(e: AdsErrorEntry, redact: (text: string) => string): AdsErrorEntry {
  const out = scrubStrings(e, redact);
  if (e.editorial !== undefined) out.editorial = scrubStrings(e.editorial, redact);
  return out;
}

function scrubStrings<T extends object>(o: T, redact: (text: string) => string): T {
  const out = { ...o } as Record<string, unknown>;
  for (const [k, v] of Object.entries(out)) if (typeof v === 'string') out[k] = redact(v);
  return out as T;
}

/** `{ [key]: scrubbed value }`, or nothing when the value is absent. */
function defined<K extends string>(
  key: K,
  value: string | undefined,
  redact: (text: string) => string,
): { [P in K]?: string } {
  return (value === undefined ? {} : { [key]: redact(value) }) as { [P in K]?: string };
}

/** Items of a list member: a plain array, a single item, or a SOAP wrapper `{ Item: [...] }`. */
function listItems(value: unknown, depth = 0): unknown[] {
  if (value === null || value === undefined || depth > 3) return [];
  if (Array.isArray(value))
    return value.flatMap((v) => (Array.isArray(v) ? listItems(v, depth + 1) : [v]));
  if (!isRecord(value)) return [];
  if (member_(value, 'Code') !== undefined || member_(value, 'Message') !== undefined)
    return [value];
  const keys = Object.keys(value).filter((k) => !k.startsWith('@') && !k.startsWith('$'));
  return keys.length === 1 ? listItems(value[keys[0]!], depth + 1) : [];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A member by its spec name, or its camelCase spelling. */
function member_(obj: Record<string, unknown>, name: string): unknown {
  if (name in obj) return obj[name];
  const camel = name[0]!.toLowerCase() + name.slice(1);
  return camel in obj ? obj[camel] : undefined;
}

function stringMember(obj: unknown, name: string): string | undefined {
  if (!isRecord(obj)) return undefined;
  const v = member_(obj, name);
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'bigint') return String(v);
  return undefined;
}

function numberMember(obj: Record<string, unknown>, name: string): number | undefined {
  const v = member_(obj, name);
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'string' && /^-?\d+$/.test(v.trim())) return Number(v.trim());
  return undefined;
}

function booleanMember(obj: Record<string, unknown>, name: string): boolean | undefined {
  const v = member_(obj, name);
  if (typeof v === 'boolean') return v;
  if (v === 'true' || v === 'false') return v === 'true';
  return undefined;
}
