/**
 * The redirect back from the authorize endpoint: `?code=…&state=…` on success,
 * `?error=…&error_description=…&state=…` when the user refused or sign-in failed. The state
 * is checked before anything else: a redirect whose state we did not issue is a CSRF attempt
 * (or a stale tab), and its code must not be exchanged.
 */
import { nodeCrypto } from '../lazy-crypto.js';
import { OAuthError } from './oauth-error.js';
import { redact } from './redact.js';

/**
 * What getAuthorizationUrl returned (plus the redirect URI if it was not the provider's default).
 *
 * @public
 */
export interface PendingAuthorization {
  state: string;
  codeVerifier: string;
  redirectUri?: string;
}

/** Returns the authorization code, or throws OAuthError. */
export function checkRedirect(redirectedUrl: string | URL, expectedState: string): string {
  let params: URLSearchParams;
  try {
    params = new URL(redirectedUrl).searchParams;
  } catch {
    throw new OAuthError('The redirect URL is not a valid absolute URL', {
      error: 'invalid_redirect',
    });
  }
  const state = params.get('state');
  if (state === null || !sameString(state, expectedState)) {
    throw new OAuthError(
      'The redirect does not carry the state of this authorization request; its code is not used',
      {
        error: 'state_mismatch',
      },
    );
  }
  const error = params.get('error');
  if (error !== null) {
    const code = params.get('code') ?? undefined;
    const description = params.get('error_description');
    const detail = description === null ? '' : `: ${redact(description, [code])}`;
    throw new OAuthError(`Sign-in did not complete (${redact(error, [code])})${detail}`, { error });
  }
  const code = params.get('code');
  if (code === null || code === '') {
    throw new OAuthError('The redirect carries neither an authorization code nor an error', {
      error: 'missing_code',
    });
  }
  return code;
}

function sameString(a: string, b: string): boolean {
  const left = Buffer.from(a, 'utf8');
  const right = Buffer.from(b, 'utf8');
  return left.length === right.length && nodeCrypto().timingSafeEqual(left, right);
}
