import type { HttpMethod } from './descriptors.js';
import type { Protocol } from './errors.js';
import { REDACTED } from './redact.js';

/**
 * Observation points of a client (`ClientOptions.hooks`), for tracing (an OpenTelemetry span
 * per call or per attempt), metrics and logging. Over one call they run in this order:
 * `onRequest` before each HTTP attempt, `onResponse` for each HTTP response received (a 117
 * or 500 fault included, before it is read), and `onError` once if the call fails for good;
 * a call retried after a 117 shows onRequest, onResponse(429), onRequest, onResponse(200).
 * An attempt that gets no response (a connection reset, a timeout) has an onRequest and no
 * onResponse. `callId` ties the events of one call together, shadow calls included
 * (`shadow: true`).
 *
 * Hooks see no secret: credential headers (Authorization, DeveloperToken,
 * AuthenticationToken, Proxy-Authorization) read `[REDACTED]`, every other header value and the
 * error went through the client's redactor, and bodies are not passed (a SOAP body carries
 * the tokens). Hooks are called synchronously and must not block; a returned promise is
 * not awaited. A hook that throws (or whose promise rejects) is logged at `warn` and
 * otherwise ignored: it never fails the call, never changes what is retried, and never
 * causes a request, a write least of all, to be sent again.
 *
 * @public
 */
export interface ClientHooks {
  onRequest?: (event: RequestHookEvent) => unknown;
  onResponse?: (event: ResponseHookEvent) => unknown;
  onError?: (event: ErrorHookEvent) => unknown;
}

/** @public */
export interface HookEventBase {
  /** The same for every event of one call (per client, counting from 1). */
  callId: number;
  /** As the spec spells it (`GetUser`). */
  operation: string;
  /** The service (`customer-management`). */
  service: string;
  protocol: Protocol;
  /** A shadow call (ClientOptions.shadow) repeating a read on the other protocol. */
  shadow: boolean;
}

/** @public */
export interface RequestHookEvent extends HookEventBase {
  /** 1 for the first attempt. */
  attempt: number;
  method: HttpMethod;
  url: string;
  /** Lower-case names; credential values replaced by `[REDACTED]`. */
  headers: Readonly<Record<string, string>>;
}

/** @public */
export interface ResponseHookEvent extends HookEventBase {
  attempt: number;
  status: number;
  /** Lower-case names, as received (redacted like any text the client passes on). */
  headers: Readonly<Record<string, string | readonly string[]>>;
  /** The TrackingId header, when the service sent one. */
  trackingId: string | undefined;
  /** From sending the request to the end of the response body. */
  durationMs: number;
}

/** @public */
export interface ErrorHookEvent extends HookEventBase {
  /** HTTP attempts made (0 when the call failed before sending anything). */
  attempts: number;
  /** The error the call rejects with (already scrubbed of secrets). */
  error: unknown;
}

const SECRET_HEADERS = new Set([
  'authorization',
  'developertoken',
  'authenticationtoken',
  'proxy-authorization',
]);

/** A frozen, lower-cased copy of request headers with credential values replaced. */
export function hookRequestHeaders(
  headers: Record<string, string>,
  redact: (text: string) => string,
): Readonly<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    const key = name.toLowerCase();
    out[key] = SECRET_HEADERS.has(key) ? REDACTED : redact(value);
  }
  return Object.freeze(out);
}

/** A frozen copy of response headers, every value through the redactor. */
export function hookResponseHeaders(
  headers: Record<string, string | string[] | undefined>,
  redact: (text: string) => string,
): Readonly<Record<string, string | readonly string[]>> {
  const out: Record<string, string | readonly string[]> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    const key = name.toLowerCase();
    if (SECRET_HEADERS.has(key)) out[key] = REDACTED;
    else out[key] = Array.isArray(value) ? Object.freeze(value.map(redact)) : redact(value);
  }
  return Object.freeze(out);
}

/**
 * Calls `hook` with `event`, containing whatever it does: a throw or a rejected promise goes
 * to `onFailure` (the client's warn log), never to the call.
 */
export function runHook<E>(
  hook: ((event: E) => unknown) | undefined,
  event: E,
  onFailure: (error: unknown) => void,
): void {
  if (hook === undefined) return;
  try {
    const result = hook(event);
    if (isThenable(result)) void Promise.resolve(result).catch(onFailure);
  } catch (error) {
    onFailure(error);
  }
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (
    (typeof value === 'object' || typeof value === 'function') &&
    value !== null &&
    typeof (value as { then?: unknown }).then === 'function'
  );
}
