/**
 * What a generated client needs from authentication: a current access token, and a way to
 * say "that token was rejected" so the next call fetches a fresh one. Users can plug in
 * their own implementation (a vault, a shared cache) instead of OAuthTokenProvider.
 */
export interface TokenProvider {
  /** A valid access token; refreshes first when needed. */
  getAccessToken(): Promise<string>;
  /**
   * Forget the cached access token (the service said it is invalid or expired). Pass the
   * token that was rejected when known: if another caller already replaced it, nothing is
   * dropped and no extra refresh happens.
   */
  invalidate?(rejectedAccessToken?: string): void;
}

/** What a token store keeps. `expiresAt` is epoch milliseconds. */
export interface Tokens {
  accessToken?: string;
  refreshToken?: string;
  expiresAt?: number;
}

export interface TokenStore {
  load(): Promise<Tokens | undefined>;
  save(tokens: Tokens): Promise<void>;
}
