/**
 * What a generated client needs from authentication: a current access token, and a way to
 * say "that token was rejected" so the next call fetches a fresh one. Users can plug in
 * their own implementation (a vault, a shared cache) instead of OAuthTokenProvider.
 *
 * @public
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

/**
 * What a token store keeps. `expiresAt` is epoch milliseconds.
 *
 * @public
 */
export interface Tokens {
  accessToken?: string;
  refreshToken?: string;
  expiresAt?: number;
}

/** @public */
export interface TokenStore {
  load(): Promise<Tokens | undefined>;
  save(tokens: Tokens): Promise<void>;
}

/**
 * Optional part of a TokenStore that several processes share (a file on one machine, Redis
 * across machines). OAuthTokenProvider refreshes inside `withRefreshLock` and re-reads the
 * store there first, so of many processes with the same expired token only the first spends
 * the refresh token; the others find its successor in the store. Without this, two processes
 * refresh at once and a strictly rotating identity provider rejects the loser's token.
 *
 * @public
 */
export interface RefreshLock {
  /**
   * Runs `fn` while holding a lock that every user of the same stored tokens respects, and
   * releases it when `fn` settles. Waits while another holder has it; a holder that died
   * loses it after a timeout.
   */
  withRefreshLock<T>(fn: () => Promise<T>): Promise<T>;
}

/** The store's lock, when it has one. */
export function refreshLockOf(store: TokenStore): RefreshLock | undefined {
  const lock = (store as Partial<RefreshLock>).withRefreshLock;
  return typeof lock === 'function' ? (store as TokenStore & RefreshLock) : undefined;
}
