import type { ServerResponse } from 'node:http';
import { OAuthError, type TokenService } from './token-service.ts';

/** `/oauth2/v2.0/token` and `/{tenant}/oauth2/v2.0/token`; the same for authorize. */
export const TOKEN_PATH = /^(?:\/[^/]+)?\/oauth2\/v2\.0\/token$/;
export const AUTHORIZE_PATH = /^(?:\/[^/]+)?\/oauth2\/v2\.0\/authorize$/;

/**
 * The token endpoint: form-encoded `authorization_code` and `refresh_token` grants, answered
 * with the identity platform's JSON shapes (errors: 400 with `error`, `error_description`,
 * `error_codes`). `client_id` is required, as it is by Microsoft.
 */
export function handleTokenRequest(tokens: TokenService, body: string, res: ServerResponse): void {
  const form = new URLSearchParams(body);
  try {
    if (!form.get('client_id'))
      throw new OAuthError(
        'invalid_request',
        "AADSTS900144: The request body must contain the following parameter: 'client_id'.",
      );
    const grant = form.get('grant_type');
    let result;
    if (grant === 'authorization_code') {
      const code = form.get('code');
      if (!code)
        throw new OAuthError(
          'invalid_request',
          "AADSTS900144: The request body must contain the following parameter: 'code'.",
        );
      result = tokens.exchangeCode(
        code,
        form.get('redirect_uri') ?? undefined,
        form.get('code_verifier') ?? undefined,
      );
    } else if (grant === 'refresh_token') {
      const rt = form.get('refresh_token');
      if (!rt)
        throw new OAuthError(
          'invalid_request',
          "AADSTS900144: The request body must contain the following parameter: 'refresh_token'.",
        );
      result = tokens.refreshGrant(rt);
    } else {
      throw new OAuthError(
        'unsupported_grant_type',
        `AADSTS70003: The app requested an unsupported grant type '${grant ?? ''}'.`,
      );
    }
    sendJson(res, 200, { ...result, ext_expires_in: result.expires_in });
  } catch (e) {
    if (!(e instanceof OAuthError)) throw e;
    const code = Number(/AADSTS(\d+)/.exec(e.description)?.[1] ?? 0);
    sendJson(res, 400, {
      error: e.error,
      error_description: e.description,
      error_codes: [code],
      timestamp: new Date().toISOString().replace('T', ' ').slice(0, 19) + 'Z',
      trace_id: crypto.randomUUID(),
      correlation_id: crypto.randomUUID(),
    });
  }
}

/**
 * The authorize endpoint consents at once for `userId` and redirects back with a code and
 * the caller's `state`, so a client's whole authorization-code flow can run against the mock.
 */
export function handleAuthorize(
  tokens: TokenService,
  url: URL,
  userId: string,
  res: ServerResponse,
): void {
  const redirect = url.searchParams.get('redirect_uri');
  if (!redirect || url.searchParams.get('response_type') !== 'code') {
    sendJson(res, 400, {
      error: 'invalid_request',
      error_description: 'redirect_uri and response_type=code are required',
    });
    return;
  }
  const challenge = url.searchParams.get('code_challenge') ?? undefined;
  const method = url.searchParams.get('code_challenge_method') === 'plain' ? 'plain' : 'S256';
  const code = tokens.createCode({
    userId,
    redirectUri: redirect,
    codeChallenge: challenge,
    codeChallengeMethod: method,
    scope: url.searchParams.get('scope') ?? undefined,
  });
  const target = new URL(redirect);
  target.searchParams.set('code', code);
  const state = url.searchParams.get('state');
  if (state !== null) target.searchParams.set('state', state);
  res.writeHead(302, { Location: target.toString() }).end();
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res
    .writeHead(status, {
      'Content-Type': 'application/json; charset=utf-8',
      'Cache-Control': 'no-store',
    })
    .end(JSON.stringify(body));
}
