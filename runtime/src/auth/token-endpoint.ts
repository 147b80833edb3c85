/**
 * One POST to an OAuth token endpoint (form-encoded, JSON answer) and the mapping of its
 * outcome: a token response, `ReauthorizationRequiredError` for `invalid_grant`, `OAuthError`
 * for other OAuth refusals, `TransportError` for timeouts, network failures, 5xx and answers
 * that are not OAuth JSON. Messages name the endpoint (without query) and never the request's
 * secrets; text from the provider passes through `redact` first.
 */
import { ReauthorizationRequiredError, TransportError } from '../errors.js';
import { OAuthError } from './oauth-error.js';
import { redact } from './redact.js';

export interface TokenResponse {
  accessToken: string;
  refreshToken: string | undefined;
  /** Seconds, as the provider sent it; undefined when absent. */
  expiresIn: number | undefined;
}

export interface TokenRequestOptions {
  timeoutMs: number;
  /** Values that must never appear in an error (the request's secrets). */
  secrets: readonly (string | undefined)[];
  /** What the token is asked with, for messages: `refresh token` or `authorization code`. */
  grantLabel: string;
}

/** A token answer is a few KB; anything far larger is not one. */
const MAX_BODY_BYTES = 256 * 1024;
const OPERATION = 'OAuthTokenRequest';
/** setTimeout's ceiling; the transport refuses deadlines beyond it. */
const MAX_TIMER_MS = 2 ** 31 - 1;

export async function postTokenRequest(
  url: string,
  params: Record<string, string | undefined>,
  options: TokenRequestOptions,
): Promise<TokenResponse> {
  const where = endpointLabel(url);
  const form = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined) form.set(key, value);

  // The runtime's default transport (node:http), imported on first use: importing the auth
  // modules loads no HTTP stack, and a refresh never loads undici, whose modules cost a cold
  // process more than the request itself.
  // One transport per request, closed below: a refresh happens about once an hour, so a
  // pooled keep-alive connection would never be reused, and nothing outlives the call.
  const { NodeHttpTransport } = await import('../node-http-transport.js');
  const timeoutMs = transportTimeout(options.timeoutMs);
  const transport = new NodeHttpTransport({
    timeoutMs,
    // The whole exchange, connect to last byte, within timeoutMs, as before.
    attemptTimeoutMs: timeoutMs,
    maxResponseBytes: MAX_BODY_BYTES,
    connections: 1,
  });
  let status: number;
  let text: string;
  try {
    const response = await transport.send({
      url,
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: form.toString(),
      operation: OPERATION,
    });
    status = response.status;
    text = response.body.toString('utf8');
  } catch (error) {
    throw translate(error, where, options.timeoutMs);
  } finally {
    // Settled requests are aborted or complete, so this only drops the socket; awaited so
    // that no socket or timer of this request is left when the call returns.
    await transport.close().catch(() => undefined);
  }
  return interpret(status, text, where, options);
}

/**
 * The provider's `timeoutMs` is not validated upstream. Values the transport would refuse
 * with a TypeError naming its own options (≤ 0, NaN, Infinity) time out at once instead, as
 * 0 and NaN did under this module's former timer; values beyond setTimeout's range are
 * clamped to it rather than firing after 1 ms.
 */
function transportTimeout(timeoutMs: number): number {
  return Number.isFinite(timeoutMs) && timeoutMs > 0 ? Math.min(timeoutMs, MAX_TIMER_MS) : 1;
}

/**
 * The transport's errors name its operation and may quote the HTTP stack's messages; callers of this
 * module get its own messages, which name only the endpoint and an error code, and no cause.
 */
function translate(error: unknown, where: string, timeoutMs: number): TransportError {
  const transportError = error instanceof TransportError ? error : undefined;
  if (transportError?.reason === 'timeout') {
    return new TransportError(
      'timeout',
      `OAuth token request to ${where} timed out after ${timeoutMs} ms`,
      { operation: OPERATION },
    );
  }
  if (transportError?.reason === 'too-large') {
    return new TransportError(
      'too-large',
      `OAuth token endpoint ${where} answered more than ${MAX_BODY_BYTES} bytes`,
      {
        operation: OPERATION,
        ...(transportError.httpStatus !== undefined
          ? { httpStatus: transportError.httpStatus }
          : {}),
      },
    );
  }
  // Everything else, an invalid HTTP answer included, was and stays a 'connection' failure
  // named by its code (ECONNREFUSED, ECONNRESET, HPE_…, ERR_INVALID_URL, ...). A transport
  // error without one says 'unknown error': its message quotes the HTTP stack's,
  // which this module never repeats.
  const code = transportError
    ? transportError.details.code
    : (error as { code?: unknown } | null)?.code;
  const name = transportError ? undefined : (error as Error | null)?.name;
  const detail = typeof code === 'string' ? code : (name ?? 'unknown error');
  return new TransportError('connection', `OAuth token request to ${where} failed: ${detail}`, {
    operation: OPERATION,
  });
}

function interpret(
  status: number,
  text: string,
  where: string,
  options: TokenRequestOptions,
): TokenResponse {
  const body = parseJsonObject(text);
  if (status >= 200 && status < 300) {
    const accessToken = body?.['access_token'];
    if (body === undefined || typeof accessToken !== 'string' || accessToken === '') {
      throw new TransportError(
        'malformed-response',
        `OAuth token endpoint ${where} answered HTTP ${status} without an access token`,
        {
          operation: OPERATION,
          httpStatus: status,
        },
      );
    }
    const refreshToken = body['refresh_token'];
    return {
      accessToken,
      refreshToken:
        typeof refreshToken === 'string' && refreshToken !== '' ? refreshToken : undefined,
      expiresIn: parseSeconds(body['expires_in']),
    };
  }

  const oauthError = typeof body?.['error'] === 'string' ? (body['error'] as string) : undefined;
  if (oauthError === undefined || status >= 500 || status === 429) {
    // 5xx/429 are the endpoint being unavailable, whatever the body says; a 4xx without an
    // OAuth error body (an HTML 404 from a wrong URL) is not an OAuth answer at all.
    const reason = status >= 500 || status === 429 ? 'connection' : 'malformed-response';
    const suffix = oauthError === undefined ? '' : ` (${redact(oauthError, options.secrets)})`;
    throw new TransportError(
      reason,
      `OAuth token endpoint ${where} answered HTTP ${status}${suffix}`,
      {
        operation: OPERATION,
        httpStatus: status,
      },
    );
  }

  const errorCodes = Array.isArray(body?.['error_codes'])
    ? (body['error_codes'] as unknown[]).filter((c): c is number => typeof c === 'number')
    : [];
  const codes = errorCodes.length > 0 ? `, AADSTS${errorCodes.join('/AADSTS')}` : '';
  const describedAs =
    typeof body?.['error_description'] === 'string'
      ? redact(body['error_description'] as string, options.secrets)
      : undefined;
  const description = describedAs !== undefined ? `: ${describedAs}` : '';
  const label = redact(oauthError, options.secrets);
  if (oauthError === 'invalid_grant') {
    throw new ReauthorizationRequiredError(
      `The identity provider rejected the ${options.grantLabel} (invalid_grant${codes}); the user must sign in and consent again${description}`,
      {
        oauthError,
        ...(describedAs !== undefined ? { description: describedAs } : {}),
      },
    );
  }
  throw new OAuthError(
    `OAuth token endpoint ${where} refused the request (${label}${codes})${description}`,
    {
      error: label,
      httpStatus: status,
      errorCodes,
      ...(describedAs !== undefined ? { description: describedAs } : {}),
    },
  );
}

function parseJsonObject(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

function parseSeconds(value: unknown): number | undefined {
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return typeof n === 'number' && Number.isFinite(n) && n >= 0 ? n : undefined;
}

/** Origin and path only: a query string could carry something the user put there. */
export function endpointLabel(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.origin}${parsed.pathname}`;
  } catch {
    return '(invalid URL)';
  }
}
