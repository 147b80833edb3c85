import { createHash, randomBytes } from 'node:crypto';

/** Why a token was refused (mapped to fault 109 / 105 by the API side, invalid_grant by OAuth). */
export type AccessCheck =
  { ok: true; userId: string } | { ok: false; reason: 'expired' | 'unknown' };

export interface TokenResponse {
  token_type: 'Bearer';
  scope: string;
  expires_in: number;
  access_token: string;
  refresh_token: string;
}

export interface AuthorizationCodeOptions {
  userId: string;
  redirectUri?: string;
  /** PKCE challenge; when set, the exchange must present the matching verifier. */
  codeChallenge?: string;
  /** `S256` (default) or `plain`. */
  codeChallengeMethod?: 'S256' | 'plain';
  scope?: string;
}

export class OAuthError extends Error {
  constructor(
    readonly error:
      'invalid_grant' | 'invalid_request' | 'unsupported_grant_type' | 'invalid_client',
    readonly description: string,
  ) {
    super(`${error}: ${description}`);
  }
}

interface RefreshRecord {
  userId: string;
  scope: string;
  /** Rotation family: reuse of a rotated token revokes every token of the family. */
  family: string;
  state: 'live' | 'used' | 'revoked';
}

const DEFAULT_SCOPE = 'https://ads.microsoft.com/msads.manage offline_access';

/**
 * The identity platform's token side, in memory: authorization codes (single use, optional
 * PKCE), access tokens that expire after `lifetimeS` by the injected clock, refresh tokens that
 * rotate on every use. Presenting an already-rotated refresh token is treated as theft, as
 * Microsoft does: invalid_grant, and the whole family (including the newest) is revoked.
 */
export class TokenService {
  private readonly codes = new Map<string, AuthorizationCodeOptions & { used: boolean }>();
  private readonly access = new Map<
    string,
    { userId: string; expiresAt: number; family: string; revoked: boolean }
  >();
  private readonly refresh = new Map<string, RefreshRecord>();
  issuedAccessTokens = 0;
  refreshGrants = 0;

  constructor(
    private readonly clock: () => number,
    private readonly lifetimeS: number,
  ) {}

  createCode(opts: AuthorizationCodeOptions): string {
    const code = `M.code.${token(24)}`;
    this.codes.set(code, { ...opts, used: false });
    return code;
  }

  /** Issues a fresh token pair for a user (what a completed consent would give). */
  issue(
    userId: string,
    scope = DEFAULT_SCOPE,
    family = token(8),
    lifetimeS = this.lifetimeS,
  ): TokenResponse {
    const accessToken = `EwA.mock.${token(32)}`;
    const refreshToken = `M.R3.mock.${token(32)}`;
    this.access.set(accessToken, {
      userId,
      expiresAt: this.clock() + lifetimeS * 1000,
      family,
      revoked: false,
    });
    this.refresh.set(refreshToken, { userId, scope, family, state: 'live' });
    this.issuedAccessTokens++;
    return {
      token_type: 'Bearer',
      scope,
      expires_in: lifetimeS,
      access_token: accessToken,
      refresh_token: refreshToken,
    };
  }

  exchangeCode(
    code: string,
    redirectUri: string | undefined,
    verifier: string | undefined,
  ): TokenResponse {
    const rec = this.codes.get(code);
    if (!rec || rec.used)
      throw new OAuthError(
        'invalid_grant',
        'AADSTS70008: The provided authorization code or refresh token has expired or was already redeemed.',
      );
    rec.used = true;
    if (rec.redirectUri !== undefined && redirectUri !== rec.redirectUri) {
      throw new OAuthError(
        'invalid_grant',
        'AADSTS50011: The redirect URI does not match the one the authorization code was issued for.',
      );
    }
    if (rec.codeChallenge !== undefined) {
      const expected =
        rec.codeChallengeMethod === 'plain'
          ? verifier
          : createHash('sha256')
              .update(verifier ?? '')
              .digest('base64url');
      if (!verifier || expected !== rec.codeChallenge)
        throw new OAuthError(
          'invalid_grant',
          'AADSTS501481: The Code_Verifier does not match the code_challenge supplied in the authorization request.',
        );
    }
    return this.issue(rec.userId, rec.scope);
  }

  refreshGrant(refreshToken: string): TokenResponse {
    const rec = this.refresh.get(refreshToken);
    if (!rec || rec.state === 'revoked')
      throw new OAuthError(
        'invalid_grant',
        'AADSTS70000: The provided refresh token is invalid or has been revoked.',
      );
    if (rec.state === 'used') {
      this.revokeFamily(rec.family);
      throw new OAuthError(
        'invalid_grant',
        'AADSTS70000: The refresh token was already used; it and its successors are revoked.',
      );
    }
    rec.state = 'used';
    this.refreshGrants++;
    return this.issue(rec.userId, rec.scope, rec.family);
  }

  /** Revokes a refresh or access token (and, for a refresh token, its whole family). */
  revoke(tokenValue: string): void {
    const r = this.refresh.get(tokenValue);
    if (r) this.revokeFamily(r.family);
    const a = this.access.get(tokenValue);
    if (a) a.revoked = true;
  }

  /** Makes an access token expired now (for 109 tests without waiting). */
  expire(accessToken: string): void {
    const a = this.access.get(accessToken);
    if (a) a.expiresAt = this.clock() - 1;
  }

  checkAccess(accessToken: string): AccessCheck {
    const a = this.access.get(accessToken);
    if (!a || a.revoked) return { ok: false, reason: 'unknown' };
    if (this.clock() >= a.expiresAt) return { ok: false, reason: 'expired' };
    return { ok: true, userId: a.userId };
  }

  private revokeFamily(family: string): void {
    for (const r of this.refresh.values()) if (r.family === family) r.state = 'revoked';
    for (const a of this.access.values()) if (a.family === family) a.revoked = true;
  }
}

function token(bytes: number): string {
  return randomBytes(bytes).toString('base64url');
}
