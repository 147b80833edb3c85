import { describe, expect, it } from 'vitest';
import {
  MemoryTokenStore,
  OAuthError,
  OAuthTokenProvider,
} from '../../../runtime/src/auth/index.ts';
import { codeChallengeS256 } from '../../../runtime/src/auth/pkce.ts';

const REDIRECT = 'http://localhost:8765/callback';

function provider(extra: Partial<ConstructorParameters<typeof OAuthTokenProvider>[0]> = {}) {
  return new OAuthTokenProvider({
    clientId: 'client-123',
    store: new MemoryTokenStore(),
    redirectUri: REDIRECT,
    ...extra,
  });
}

describe('getAuthorizationUrl', () => {
  it('builds a Microsoft production URL with PKCE S256, state and scope', () => {
    const request = provider().getAuthorizationUrl();
    const url = new URL(request.url);
    expect(`${url.origin}${url.pathname}`).toBe(
      'https://login.microsoftonline.com/common/oauth2/v2.0/authorize',
    );
    const p = url.searchParams;
    expect(p.get('client_id')).toBe('client-123');
    expect(p.get('response_type')).toBe('code');
    expect(p.get('redirect_uri')).toBe(REDIRECT);
    expect(p.get('scope')).toBe('https://ads.microsoft.com/msads.manage offline_access');
    expect(p.get('state')).toBe(request.state);
    expect(request.state.length).toBeGreaterThanOrEqual(32);
    expect(p.get('code_challenge_method')).toBe('S256');
    expect(p.get('code_challenge')).toBe(codeChallengeS256(request.codeVerifier));
    expect(p.has('prompt')).toBe(false);
    expect(p.has('access_type')).toBe(false);
  });

  it('uses a fresh state and verifier for every request', () => {
    const p = provider();
    const a = p.getAuthorizationUrl();
    const b = p.getAuthorizationUrl();
    expect(a.state).not.toBe(b.state);
    expect(a.codeVerifier).not.toBe(b.codeVerifier);
  });

  it('passes a given state, prompt, login hint and redirect URI', () => {
    const request = provider().getAuthorizationUrl({
      state: 'my-state',
      prompt: 'consent',
      loginHint: 'someone@example.com',
      redirectUri: 'https://app.example.com/cb',
    });
    const p = new URL(request.url).searchParams;
    expect(request.state).toBe('my-state');
    expect(p.get('state')).toBe('my-state');
    expect(p.get('prompt')).toBe('consent');
    expect(p.get('login_hint')).toBe('someone@example.com');
    expect(p.get('redirect_uri')).toBe('https://app.example.com/cb');
  });

  it('uses the sandbox login host, consumers tenant and sandbox scope', () => {
    const url = new URL(provider({ environment: 'sandbox' }).getAuthorizationUrl().url);
    expect(`${url.origin}${url.pathname}`).toBe(
      'https://login.windows-ppe.net/consumers/oauth2/v2.0/authorize',
    );
    expect(url.searchParams.get('scope')).toBe(
      'https://api.ads.microsoft.com/msads.manage offline_access',
    );
  });

  it('honours tenant, scope and endpoint overrides', () => {
    const p = provider({
      tenant: 'contoso.onmicrosoft.com',
      scope: 'https://ads.microsoft.com/ads.manage offline_access',
    });
    expect(p.tokenEndpoint).toBe(
      'https://login.microsoftonline.com/contoso.onmicrosoft.com/oauth2/v2.0/token',
    );
    expect(new URL(p.getAuthorizationUrl().url).searchParams.get('scope')).toBe(
      'https://ads.microsoft.com/ads.manage offline_access',
    );
    const overridden = provider({ authorizeEndpoint: 'http://127.0.0.1:9/authorize' });
    expect(overridden.getAuthorizationUrl().url.startsWith('http://127.0.0.1:9/authorize?')).toBe(
      true,
    );
  });

  it('asks Google for offline access and requires a scope for Google', () => {
    expect(() => provider({ provider: 'google' })).toThrow(
      /scope is required for provider "google"/,
    );
    const google = provider({ provider: 'google', scope: 'openid email' });
    const url = new URL(google.getAuthorizationUrl().url);
    expect(`${url.origin}${url.pathname}`).toBe('https://accounts.google.com/o/oauth2/v2/auth');
    expect(url.searchParams.get('access_type')).toBe('offline');
    expect(google.tokenEndpoint).toBe('https://oauth2.googleapis.com/token');
  });

  it('requires a redirect URI', () => {
    const p = new OAuthTokenProvider({ clientId: 'c', store: new MemoryTokenStore() });
    expect(() => p.getAuthorizationUrl()).toThrow(/redirectUri is required/);
  });

  it('rejects invalid configuration', () => {
    expect(() => provider({ clientId: '' })).toThrow(/clientId is required/);
    expect(() => provider({ tokenEndpoint: 'not a url' })).toThrow(
      /tokenEndpoint is not a valid absolute URL/,
    );
  });
});

describe('exchangeRedirect', () => {
  it('refuses a redirect whose state differs, without exchanging the code', async () => {
    const p = provider({ tokenEndpoint: 'http://127.0.0.1:9/never-called' });
    const pending = p.getAuthorizationUrl();
    const error = await p
      .exchangeRedirect(`${REDIRECT}?code=abc&state=forged`, pending)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OAuthError);
    expect((error as OAuthError).error).toBe('state_mismatch');
  });

  it('surfaces a refused consent as OAuthError with the provider error code', async () => {
    const p = provider();
    const pending = p.getAuthorizationUrl();
    const url = `${REDIRECT}?error=access_denied&error_description=The+user+declined&state=${encodeURIComponent(pending.state)}`;
    const error = (await p.exchangeRedirect(url, pending).catch((e: unknown) => e)) as OAuthError;
    expect(error).toBeInstanceOf(OAuthError);
    expect(error.error).toBe('access_denied');
    expect(error.message).toContain('The user declined');
  });

  it('reports a redirect without code', async () => {
    const p = provider();
    const pending = p.getAuthorizationUrl();
    const error = (await p
      .exchangeRedirect(`${REDIRECT}?state=${encodeURIComponent(pending.state)}`, pending)
      .catch((e: unknown) => e)) as OAuthError;
    expect(error.error).toBe('missing_code');
  });
});
