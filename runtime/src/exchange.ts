// Our own method type, not undici's: the public .d.ts then never pulls undici's types (and
// dozens of files) into a consumer's type-check.
import type { HttpMethod } from './descriptors.js';
import type { OperationDescriptor, ServiceDescriptor } from './descriptors.js';
import { TransportError, type AdsApiError, type Protocol } from './errors.js';
import { faultToError } from './fault-to-error.js';
import { safeExcerpt } from './redact.js';
import {
  type RestFault,
  decodeRestFault,
  decodeRestSuccess,
  decodeRestSuccessValue,
} from './rest/decode.js';
import { JsonBody, receiveJson } from './rest/json-body.js';
import { encodeRestBody } from './rest/encode.js';
import { parseRetryAfter, TRANSIENT_STATUS } from './retry.js';
import { decodeSoapResponse } from './soap/decode.js';
import { encodeSoapRequest } from './soap/encode.js';
import type { TransportRequest, TransportResponse } from './transport.js';
import { WireFormatError } from './wire-error.js';

/**
 * One HTTP exchange of one operation in one protocol: the request (URL, method, headers and
 * body from the codecs) and the reading of the response into a value or a typed error.
 * Retries, tokens and logging are the client's business; this module only knows the wire.
 */

export interface ExchangeTarget {
  service: ServiceDescriptor;
  op: OperationDescriptor;
  protocol: Protocol;
  url: string;
}

export interface Credentials {
  accessToken: string;
  developerToken: string;
  customerId?: string | undefined;
  accountId?: string | undefined;
}

export interface HttpRequest {
  method: HttpMethod;
  headers: Record<string, string>;
  body: string;
  /** REST success bodies are parsed as they arrive (see TransportRequest.receive). */
  receive?: TransportRequest['receive'];
}

export interface ExchangeOutcome {
  value: unknown;
  trackingId: string | undefined;
  httpStatus: number;
}

export interface ReadContext {
  redact: (text: string) => string;
  now: () => number;
}

const USER_AGENT = 'adsgen-runtime';

export function buildHttpRequest(
  target: ExchangeTarget,
  request: unknown,
  creds: Credentials,
): HttpRequest {
  const { service, op } = target;
  if (target.protocol === 'soap') {
    const action = op.soap!.action;
    // The encoder writes only the header elements the operation's binding declares.
    const soapHeaders = definedOnly({
      Action: action,
      AuthenticationToken: creds.accessToken,
      DeveloperToken: creds.developerToken,
      CustomerId: creds.customerId,
      CustomerAccountId: creds.accountId,
    });
    return {
      method: 'POST',
      headers: {
        'content-type': 'text/xml; charset=utf-8',
        // Quoted, as WCF expects and as the SDKs' SOAP stacks (suds, WCF, JAX-WS) send it.
        soapaction: `"${action}"`,
        'user-agent': USER_AGENT,
      },
      body: encodeSoapRequest(service, op, request ?? {}, soapHeaders),
    };
  }
  const rest = op.rest!;
  return {
    method: rest.method,
    headers: definedOnly({
      'content-type': 'application/json',
      accept: 'application/json',
      authorization: `Bearer ${creds.accessToken}`,
      developertoken: creds.developerToken,
      customerid: creds.customerId,
      customeraccountid: creds.accountId,
      'user-agent': USER_AGENT,
    }),
    // Every REST operation takes a JSON object body, request-less ones included.
    body: encodeRestBody(service, op, request ?? {}),
    receive: receiveJson,
  };
}

function definedOnly(record: Record<string, string | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(record)) if (v !== undefined && v !== '') out[k] = v;
  return out;
}

/** The decoded value of a successful response; throws AdsApiError or TransportError otherwise. */
export function readHttpResponse(
  target: ExchangeTarget,
  res: TransportResponse,
  ctx: ReadContext,
): ExchangeOutcome {
  if (res.received instanceof JsonBody) {
    // Parsed as it arrived: only its beginning is text, for the excerpts of errors.
    const json = res.received;
    res.received = undefined;
    return readRest(
      target,
      {
        status: res.status,
        headers: res.headers,
        body: json.head,
        byteLength: json.byteLength,
        json,
      },
      ctx,
    );
  }
  // From here on the body is needed only as text: the bytes are let go, so that a large
  // response is held once (as text, then as values) rather than twice while it is decoded.
  const received: Received = {
    status: res.status,
    headers: res.headers,
    body: res.body.toString('utf8'),
    byteLength: res.body.byteLength,
  };
  res.body = EMPTY;
  return target.protocol === 'soap'
    ? readSoap(target, received, ctx)
    : readRest(target, received, ctx);
}

const EMPTY = Buffer.alloc(0);

/** A response whose body has been decoded to text (or, `json`, parsed as it arrived). */
interface Received {
  status: number;
  headers: TransportResponse['headers'];
  /** The text, or its first 64 K characters when `json` is set. */
  body: string;
  byteLength: number;
  json?: JsonBody;
}

function readSoap(target: ExchangeTarget, res: Received, ctx: ReadContext): ExchangeOutcome {
  const text = res.body;
  const headerTrackingId = header(res, 'trackingid');
  if (!looksLikeSoapEnvelope(text)) {
    throw (
      statusOnlyError(target, res, ctx, headerTrackingId) ??
      malformed(target, res, ctx, 'a SOAP envelope')
    );
  }
  let decoded: ReturnType<typeof decodeSoapResponse>;
  try {
    decoded = decodeSoapResponse(target.service, target.op, text);
  } catch (error) {
    throw malformed(target, res, ctx, 'a readable SOAP envelope', error);
  }
  const trackingId = decoded.trackingId ?? headerTrackingId;
  if (decoded.kind === 'fault') {
    throw faultToError(
      {
        protocol: 'soap',
        operation: target.op.name,
        httpStatus: res.status,
        ...defined({
          trackingId,
          detailType: decoded.detailType,
          detail: decoded.detail,
          faultCode: decoded.faultCode,
          faultString: decoded.faultString,
          retryAfterMs: retryAfter(res, ctx),
        }),
      },
      ctx.redact,
    );
  }
  if (!isSuccess(res.status)) {
    throw (
      statusOnlyError(target, res, ctx, trackingId) ?? malformed(target, res, ctx, 'a SOAP fault')
    );
  }
  return { value: decoded.value, trackingId, httpStatus: res.status };
}

function readRest(target: ExchangeTarget, res: Received, ctx: ReadContext): ExchangeOutcome {
  const text = res.body;
  const headerTrackingId = header(res, 'trackingid');
  let fault: RestFault;
  if (isSuccess(res.status)) {
    const { json } = res;
    if (json ? json.empty : text.trim() === '')
      return { value: {}, trackingId: headerTrackingId, httpStatus: res.status };
    let decoded: ReturnType<typeof decodeRestSuccess>;
    try {
      decoded = json
        ? decodeRestSuccessValue(target.service, target.op, json.value(), text)
        : decodeRestSuccess(target.service, target.op, text);
    } catch (error) {
      throw malformed(target, res, ctx, 'a JSON response body', error);
    }
    // A fault answered with a success status is the same fault as with 400/500.
    if (decoded.kind === 'ok')
      return { value: decoded.value, trackingId: headerTrackingId, httpStatus: res.status };
    fault = decoded;
  } else {
    const parsed = parseJsonObject(text);
    if (!parsed) {
      throw (
        statusOnlyError(target, res, ctx, headerTrackingId) ??
        malformed(target, res, ctx, 'a JSON fault body')
      );
    }
    try {
      fault = decodeRestFault(target.service, text);
    } catch {
      // The codec could not type the body: map its raw members, which carry the same names.
      fault = {
        ...(typeof parsed.Type === 'string' ? { detailType: parsed.Type } : {}),
        detail: parsed,
      };
    }
  }
  throw faultToError(
    {
      protocol: 'rest',
      operation: target.op.name,
      httpStatus: res.status,
      ...defined({
        trackingId: headerTrackingId ?? fault.trackingId,
        detailType: fault.detailType,
        detail: fault.detail,
        retryAfterMs: retryAfter(res, ctx),
        // Shown only when the fault has no error list (an unknown or bare fault type).
        faultString: `fault body: ${safeExcerpt(res.body, ctx.redact)}`,
      }),
    },
    ctx.redact,
  );
}

function isSuccess(status: number): boolean {
  return status >= 200 && status < 300;
}

function header(res: Received, name: string): string | undefined {
  const v = res.headers[name];
  const s = Array.isArray(v) ? v[0] : v;
  return s === undefined || s === '' ? undefined : s;
}

function retryAfter(res: Received, ctx: ReadContext): number | undefined {
  return parseRetryAfter(res.headers['retry-after'], ctx.now());
}

function defined<T extends Record<string, unknown>>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/**
 * A complete SOAP document starts with an Envelope and ends with its end tag. Checking both
 * ends catches HTML error pages and truncated bodies without parsing anything.
 */
function looksLikeSoapEnvelope(text: string): boolean {
  const head = text.slice(0, 512);
  const tail = text.slice(-256);
  return (
    /^\s*(<\?xml[^>]*\?>\s*)?<([\w.-]+:)?Envelope[\s>]/.test(head) &&
    /<\/([\w.-]+:)?Envelope>\s*$/.test(tail)
  );
}

function parseJsonObject(text: string): Record<string, unknown> | undefined {
  try {
    const v: unknown = JSON.parse(text);
    return typeof v === 'object' && v !== null && !Array.isArray(v)
      ? (v as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/**
 * 401/403/429 mean something even without a readable body (a gateway's HTML, an empty 429):
 * map them by status rather than calling them malformed.
 */
function statusOnlyError(
  target: ExchangeTarget,
  res: Received,
  ctx: ReadContext,
  trackingId: string | undefined,
): AdsApiError | undefined {
  if (res.status !== 401 && res.status !== 403 && res.status !== 429) return undefined;
  const excerpt = safeExcerpt(res.body, ctx.redact, 120);
  return faultToError(
    {
      protocol: target.protocol,
      operation: target.op.name,
      httpStatus: res.status,
      ...defined({
        trackingId,
        retryAfterMs: retryAfter(res, ctx),
        faultString: excerpt ? `response body: ${excerpt}` : 'empty response body',
      }),
    },
    ctx.redact,
  );
}

function malformed(
  target: ExchangeTarget,
  res: Received,
  ctx: ReadContext,
  expected: string,
  cause?: unknown,
): TransportError {
  if (cause instanceof WireFormatError) {
    // The codec's own typed error (its path and masked excerpt kept), told which call it was.
    Object.assign(cause.details, { operation: target.op.name, httpStatus: res.status });
    cause.message = ctx.redact(`${target.op.name}: ${cause.message}`);
    return cause;
  }
  const contentType = header(res, 'content-type') ?? 'no content type';
  const excerpt = safeExcerpt(res.body, ctx.redact);
  const reason = cause instanceof Error ? ` (${ctx.redact(cause.message).slice(0, 300)})` : '';
  const notRest =
    target.protocol === 'rest' && (res.status === 404 || res.status === 501)
      ? ` HTTP ${res.status} from REST usually means the operation is not available over REST; try protocol: 'soap'.`
      : '';
  return new TransportError(
    'malformed-response',
    `${target.op.name}: expected ${expected}, got HTTP ${res.status} ${contentType}, ${res.byteLength} bytes${reason}: ${excerpt || '(empty)'}${notRest}`,
    {
      operation: target.op.name,
      httpStatus: res.status,
      excerpt,
      // A complete gateway/unavailable answer says the request was not carried out.
      mayHaveRun: !TRANSIENT_STATUS.has(res.status),
    },
  );
}
