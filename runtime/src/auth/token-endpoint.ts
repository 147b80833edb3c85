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
const TIMEOUT_CODES = new Set([
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'UND_ERR_CONNECT_TIMEOUT',
]);

export async function postTokenRequest(
  url: string,
  params: Record<string, string | undefined>,
  options: TokenRequestOptions,
): Promise<TokenResponse> {
  const where = endpointLabel(url);
  const form = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined) form.set(key, value);

  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, options.timeoutMs);
  let status: number;
  let text: string;
  try {
    // undici is imported on first use: a client with a StaticTokenProvider never pays for it
    // here, and importing the runtime stays cheap (cold start is benchmarked).
    const { request } = await import('undici');
    const response = await request(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: form.toString(),
      signal: controller.signal,
      headersTimeout: options.timeoutMs,
      bodyTimeout: options.timeoutMs,
    });
    status = response.statusCode;
    text = await readCapped(response.body, where, status);
  } catch (error) {
    if (error instanceof TransportError) throw error;
    const code = (error as { code?: unknown }).code;
    if (timedOut || (typeof code === 'string' && TIMEOUT_CODES.has(code))) {
      throw new TransportError(
        'timeout',
        `OAuth token request to ${where} timed out after ${options.timeoutMs} ms`,
        {
          operation: OPERATION,
        },
      );
    }
    const detail = typeof code === 'string' ? code : ((error as Error)?.name ?? 'unknown error');
    throw new TransportError('connection', `OAuth token request to ${where} failed: ${detail}`, {
      operation: OPERATION,
    });
  } finally {
    clearTimeout(timer);
  }
  return interpret(status, text, where, options);
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
  const description =
    typeof body?.['error_description'] === 'string'
      ? `: ${redact(body['error_description'] as string, options.secrets)}`
      : '';
  const label = redact(oauthError, options.secrets);
  if (oauthError === 'invalid_grant') {
    throw new ReauthorizationRequiredError(
      `The identity provider rejected the ${options.grantLabel} (invalid_grant${codes}); the user must sign in and consent again${description}`,
    );
  }
  throw new OAuthError(
    `OAuth token endpoint ${where} refused the request (${label}${codes})${description}`,
    {
      error: oauthError,
      httpStatus: status,
      errorCodes,
    },
  );
}

async function readCapped(
  body: AsyncIterable<Buffer> & { destroy(): unknown },
  where: string,
  status: number,
): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) {
      body.destroy();
      throw new TransportError(
        'too-large',
        `OAuth token endpoint ${where} answered more than ${MAX_BODY_BYTES} bytes`,
        {
          operation: OPERATION,
          httpStatus: status,
        },
      );
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
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
