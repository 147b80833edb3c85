/**
 * OAuth for Microsoft Advertising: authorization-code grant with PKCE and state, code
 * exchange, and access tokens that refresh themselves before they expire.
 *
 * Guarantees, because each one is a way real integrations lose access:
 * - Single flight: concurrent getAccessToken() calls share one store load and one refresh;
 *   across processes too when the store has a refresh lock (RefreshLock).
 * - Rotation is persisted first: a refresh token returned by a refresh is saved to the store
 *   before the new access token is handed out. If the save fails the call fails, the new
 *   tokens stay in memory, and the next call saves again before returning a token.
 * - A failed refresh never loses the refresh token: nothing is deleted from the store, and an
 *   answer without `refresh_token` keeps the old one.
 * - `invalid_grant` → ReauthorizationRequiredError, never retried with the same refresh token;
 *   first the store is read once more, in case another process rotated the token meanwhile.
 * - No secret (client secret, tokens, code, verifier) in any message, JSON or inspect output.
 */
import { INSPECT_CUSTOM } from '../inspect-custom.js';
import { ReauthorizationRequiredError } from '../errors.js';
import { oauthEndpoints, type Environment, type OAuthProviderId } from '../environment.js';
import { createPkcePair, randomState } from './pkce.js';
import { endpointLabel, postTokenRequest, type TokenResponse } from './token-endpoint.js';
import {
  refreshLockOf,
  type TokenProvider,
  type Tokens,
  type TokenStore,
} from './token-provider.js';
import { redactedTokens } from './tokens-view.js';
import { checkRedirect, type PendingAuthorization } from './redirect.js';
import { REDACTED } from '../redact.js';

/** @public */
export interface OAuthTokenProviderOptions {
  /** Application (client) id of the app registration. */
  clientId: string;
  /** Only for confidential (web) apps; public/native apps have none. */
  clientSecret?: string;
  /** Default `production`; picks the OAuth endpoints and scope. */
  environment?: Environment;
  /** Default `microsoft`. `google` requires `scope`. */
  provider?: OAuthProviderId;
  /** Where tokens live between runs; rotated refresh tokens are saved here. */
  store: TokenStore;
  /** Overrides of the table in environment.ts (a mock server, a national cloud, …). */
  tokenEndpoint?: string;
  authorizeEndpoint?: string;
  /** Microsoft tenant; default `common` (production) / `consumers` (sandbox). */
  tenant?: string;
  scope?: string;
  /** Default redirect URI for getAuthorizationUrl and exchangeCode. */
  redirectUri?: string;
  /** Refresh this long before the access token expires. Default 5 minutes. */
  refreshSkewMs?: number;
  /** Called with the new tokens after they were saved (code exchange and every refresh). */
  onTokensRefreshed?: (tokens: Tokens) => void | Promise<void>;
  /** Timeout of one token request. Default 30 s. */
  timeoutMs?: number;
  /** Clock in epoch ms (tests). */
  now?: () => number;
}

/** @public */
export interface AuthorizationUrlOptions {
  redirectUri?: string;
  /** Default: a fresh random value. Keep the returned one to check the redirect. */
  state?: string;
  /** `login`, `consent`, `select_account`, `none`. */
  prompt?: string;
  /** Pre-fills the sign-in name. */
  loginHint?: string;
}

/**
 * What to keep between sending the user to `url` and handling the redirect.
 *
 * @public
 */
export interface AuthorizationRequest {
  url: string;
  state: string;
  codeVerifier: string;
}

/** @public */
export interface ExchangeCodeOptions {
  codeVerifier: string;
  /** Must equal the one of the authorization request; default: the provider's redirectUri. */
  redirectUri?: string;
}

const DEFAULT_SKEW_MS = 5 * 60_000;
const DEFAULT_TIMEOUT_MS = 30_000;

/** @public */
export class OAuthTokenProvider implements TokenProvider {
  readonly clientId: string;
  readonly environment: Environment;
  readonly provider: OAuthProviderId;
  readonly tokenEndpoint: string;
  readonly authorizeEndpoint: string;
  readonly scope: string;
  readonly redirectUri: string | undefined;

  readonly #clientSecret: string | undefined;
  readonly #store: TokenStore;
  readonly #skewMs: number;
  readonly #timeoutMs: number;
  readonly #now: () => number;
  readonly #onTokensRefreshed: ((tokens: Tokens) => void | Promise<void>) | undefined;

  #tokens: Tokens | undefined;
  #loaded = false;
  /** New tokens are in memory but their save failed: save before handing out a token. */
  #unsaved = false;
  /** invalidate() was called: the cached access token must not be used. */
  #forceRefresh = false;
  /** The refresh token that got invalid_grant; never sent again. */
  #rejectedRefreshToken: string | undefined;
  /** Bumped by a code exchange so that a refresh already in flight does not overwrite its tokens. */
  #generation = 0;
  #inflight: Promise<string> | undefined;

  constructor(options: OAuthTokenProviderOptions) {
    if (typeof options.clientId !== 'string' || options.clientId === '')
      throw new TypeError('clientId is required');
    if (options.store === undefined)
      throw new TypeError('store is required (MemoryTokenStore or FileTokenStore)');
    this.clientId = options.clientId;
    this.environment = options.environment ?? 'production';
    this.provider = options.provider ?? 'microsoft';
    const table = oauthEndpoints({
      environment: this.environment,
      provider: this.provider,
      tenant: options.tenant,
    });
    this.tokenEndpoint = checkUrl(options.tokenEndpoint ?? table.tokenUrl, 'tokenEndpoint');
    this.authorizeEndpoint = checkUrl(
      options.authorizeEndpoint ?? table.authorizeUrl,
      'authorizeEndpoint',
    );
    const scope = options.scope ?? table.scope;
    if (scope === undefined || scope.trim() === '') {
      throw new TypeError(
        `scope is required for provider "${this.provider}" (no default scope is known)`,
      );
    }
    this.scope = scope;
    this.redirectUri = options.redirectUri;
    this.#clientSecret = options.clientSecret === '' ? undefined : options.clientSecret;
    this.#store = options.store;
    this.#skewMs = Math.max(0, options.refreshSkewMs ?? DEFAULT_SKEW_MS);
    this.#timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.#now = options.now ?? Date.now;
    this.#onTokensRefreshed = options.onTokensRefreshed;
  }

  /** The URL to send the user to, with PKCE (S256) and a random state. */
  getAuthorizationUrl(options: AuthorizationUrlOptions = {}): AuthorizationRequest {
    const redirectUri = this.#redirectUri(options.redirectUri);
    const pkce = createPkcePair();
    const state = options.state ?? randomState();
    const url = new URL(this.authorizeEndpoint);
    const params = url.searchParams;
    params.set('client_id', this.clientId);
    params.set('response_type', 'code');
    params.set('redirect_uri', redirectUri);
    params.set('scope', this.scope);
    params.set('state', state);
    params.set('code_challenge', pkce.codeChallenge);
    params.set('code_challenge_method', pkce.codeChallengeMethod);
    // Google issues a refresh token only when asked for offline access; Microsoft uses the offline_access scope.
    if (this.provider === 'google') params.set('access_type', 'offline');
    if (options.prompt !== undefined) params.set('prompt', options.prompt);
    if (options.loginHint !== undefined) params.set('login_hint', options.loginHint);
    return { url: url.toString(), state, codeVerifier: pkce.codeVerifier };
  }

  /**
   * Handle the URL the browser was redirected to: check `state` (CSRF), surface a refused
   * consent as OAuthError, and exchange the code.
   */
  async exchangeRedirect(
    redirectedUrl: string | URL,
    pending: PendingAuthorization,
  ): Promise<Tokens> {
    const code = checkRedirect(redirectedUrl, pending.state);
    return this.exchangeCode(code, {
      codeVerifier: pending.codeVerifier,
      redirectUri: pending.redirectUri,
    });
  }

  /** Authorization-code grant. Saves the tokens to the store and returns them. */
  async exchangeCode(code: string, options: ExchangeCodeOptions): Promise<Tokens> {
    const redirectUri = this.#redirectUri(options.redirectUri);
    const response = await this.#tokenRequest(
      {
        grant_type: 'authorization_code',
        code,
        redirect_uri: redirectUri,
        code_verifier: options.codeVerifier,
      },
      'authorization code',
      [code, options.codeVerifier],
    );
    this.#generation += 1;
    const tokens = this.#tokensFrom(response, undefined);
    await this.#persist(tokens);
    return { ...tokens };
  }

  /** A valid access token; loads the store on first use and refreshes when needed. */
  async getAccessToken(): Promise<string> {
    const cached = this.#usableAccessToken();
    if (cached !== undefined) return cached;
    this.#inflight ??= this.#obtain().finally(() => {
      this.#inflight = undefined;
    });
    return this.#inflight;
  }

  /**
   * Forget the cached access token so that the next getAccessToken() refreshes. Pass the token
   * that was rejected to make this a no-op when another caller already replaced it.
   */
  invalidate(rejectedAccessToken?: string): void {
    if (
      rejectedAccessToken !== undefined &&
      this.#loaded &&
      this.#tokens?.accessToken !== rejectedAccessToken
    )
      return;
    this.#forceRefresh = true;
  }

  toJSON(): Record<string, unknown> {
    return {
      type: 'OAuthTokenProvider',
      provider: this.provider,
      environment: this.environment,
      clientId: this.clientId,
      clientSecret: this.#clientSecret === undefined ? undefined : REDACTED,
      tokenEndpoint: endpointLabel(this.tokenEndpoint),
      authorizeEndpoint: endpointLabel(this.authorizeEndpoint),
      scope: this.scope,
      redirectUri: this.redirectUri,
      store: this.#store.constructor?.name,
      tokens: redactedTokens(this.#tokens),
    };
  }

  [INSPECT_CUSTOM](
    _depth: number,
    options: object,
    inspect: (value: unknown, options?: object) => string,
  ): string {
    return `OAuthTokenProvider ${inspect(this.toJSON(), { ...options, depth: 2 })}`;
  }

  #usableAccessToken(): string | undefined {
    if (!this.#loaded || this.#unsaved || this.#forceRefresh) return undefined;
    const tokens = this.#tokens;
    if (tokens?.accessToken === undefined || tokens.accessToken === '') return undefined;
    // Unknown expiry: use it; a rejection leads to invalidate() and a refresh.
    if (tokens.expiresAt !== undefined && tokens.expiresAt - this.#skewMs <= this.#now())
      return undefined;
    return tokens.accessToken;
  }

  /** The single-flight body of getAccessToken(). */
  async #obtain(): Promise<string> {
    if (!this.#loaded) {
      const stored = await this.#store.load();
      // A code exchange may have completed while the store was being read; its tokens are newer.
      if (!this.#loaded) {
        this.#tokens = stored;
        this.#loaded = true;
      }
    }
    if (this.#unsaved && this.#tokens !== undefined) await this.#persist(this.#tokens);
    return this.#usableAccessToken() ?? this.#refresh();
  }

  /**
   * A store shared between processes is re-read and refreshed from under its lock, so that a
   * fleet with one expired token spends its refresh token once.
   */
  #refresh(): Promise<string> {
    const lock = refreshLockOf(this.#store);
    return lock === undefined ? this.#refreshNow() : lock.withRefreshLock(() => this.#refreshNow());
  }

  /** `reloaded`: the retry after an invalid_grant that found a rotated token in the store. */
  async #refreshNow(reloaded = false): Promise<string> {
    await this.#adoptNewerStoredTokens();
    const adopted = this.#usableAccessToken();
    if (adopted !== undefined) return adopted;

    const previous = this.#tokens;
    const refreshToken = previous?.refreshToken;
    if (refreshToken === undefined || refreshToken === '') {
      throw new ReauthorizationRequiredError(
        'No refresh token is stored: the user must sign in and consent (authorization-code grant) first',
      );
    }
    if (refreshToken === this.#rejectedRefreshToken) {
      throw new ReauthorizationRequiredError(
        'The stored refresh token was already rejected (invalid_grant); the user must sign in and consent again',
      );
    }
    const generation = this.#generation;
    let response: TokenResponse;
    try {
      response = await this.#tokenRequest(
        { grant_type: 'refresh_token', refresh_token: refreshToken },
        'refresh token',
        [refreshToken],
      );
    } catch (error) {
      if (!(error instanceof ReauthorizationRequiredError)) throw error;
      this.#rejectedRefreshToken = refreshToken;
      // Another process sharing the store may have rotated the token after we read it (the
      // old one can then be refused): once, look again before asking the user to sign in.
      if (reloaded || generation !== this.#generation) throw error;
      await this.#adoptNewerStoredTokens();
      if (this.#tokens?.refreshToken === refreshToken) throw error;
      return this.#refreshNow(true);
    }
    if (generation !== this.#generation) {
      // A code exchange replaced the tokens while this refresh was in flight; its tokens win.
      return this.#usableAccessToken() ?? response.accessToken;
    }
    const tokens = this.#tokensFrom(response, refreshToken);
    this.#forceRefresh = false;
    await this.#persist(tokens);
    return tokens.accessToken as string;
  }

  /**
   * Another process sharing the store (a CLI and a daemon on one FileTokenStore) may have
   * rotated the refresh token since we loaded it; the old one may no longer work. Adopt the
   * stored tokens when their refresh token differs. Read errors are ignored: memory is
   * authoritative and the next save rewrites the file.
   */
  async #adoptNewerStoredTokens(): Promise<void> {
    if (this.#unsaved) return;
    const stored = await this.#store.load().catch(() => undefined);
    const current = this.#tokens?.refreshToken;
    if (
      stored?.refreshToken !== undefined &&
      stored.refreshToken !== '' &&
      stored.refreshToken !== current
    ) {
      this.#tokens = { ...stored };
      this.#forceRefresh = false;
    }
  }

  #tokensFrom(response: TokenResponse, previousRefreshToken: string | undefined): Tokens {
    const tokens: Tokens = { accessToken: response.accessToken };
    const refreshToken = response.refreshToken ?? previousRefreshToken;
    if (refreshToken !== undefined) tokens.refreshToken = refreshToken;
    if (response.expiresIn !== undefined)
      tokens.expiresAt = this.#now() + response.expiresIn * 1000;
    return tokens;
  }

  /** Memory first (so a failed save cannot lose a rotated token), then the store, then the callback. */
  async #persist(tokens: Tokens): Promise<void> {
    this.#tokens = tokens;
    this.#loaded = true;
    this.#forceRefresh = false;
    this.#unsaved = true;
    await this.#store.save({ ...tokens });
    this.#unsaved = false;
    if (tokens.refreshToken !== this.#rejectedRefreshToken) this.#rejectedRefreshToken = undefined;
    await this.#notify(tokens);
  }

  async #notify(tokens: Tokens): Promise<void> {
    if (this.#onTokensRefreshed === undefined) return;
    try {
      await this.#onTokensRefreshed({ ...tokens });
    } catch (error) {
      // The tokens are saved; a failing listener must not fail the call. Its message could
      // quote the tokens, so only the error's name is reported.
      process.emitWarning(
        `onTokensRefreshed callback threw ${(error as Error)?.name ?? 'an error'}`,
        'AdsgenAuthWarning',
      );
    }
  }

  #tokenRequest(
    grant: Record<string, string>,
    grantLabel: string,
    secrets: string[],
  ): Promise<TokenResponse> {
    return postTokenRequest(
      this.tokenEndpoint,
      { client_id: this.clientId, client_secret: this.#clientSecret, scope: this.scope, ...grant },
      { timeoutMs: this.#timeoutMs, grantLabel, secrets: [...secrets, this.#clientSecret] },
    );
  }

  #redirectUri(given: string | undefined): string {
    const redirectUri = given ?? this.redirectUri;
    if (redirectUri === undefined || redirectUri === '') {
      throw new TypeError(
        'redirectUri is required (pass it here or to the OAuthTokenProvider constructor)',
      );
    }
    return redirectUri;
  }
}

function checkUrl(value: string, name: string): string {
  try {
    new URL(value);
  } catch {
    throw new TypeError(`${name} is not a valid absolute URL`);
  }
  return value;
}
