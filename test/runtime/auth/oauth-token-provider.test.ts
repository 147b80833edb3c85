/** Code exchange and refresh against a loopback token endpoint. */
import { describe, expect, it } from 'vitest';
import type { Tokens } from '../../../runtime/src/auth/index.ts';
import { ReauthorizationRequiredError } from '../../../runtime/src/errors.ts';
import {
  CLIENT_SECRET,
  CODE,
  InstrumentedStore,
  NEW_ACCESS,
  NEW_REFRESH,
  OLD_ACCESS,
  OLD_REFRESH,
  START,
  tokenReply,
} from './fixtures.ts';
import { providerHarness } from './provider-harness.ts';

const REDIRECT = 'http://localhost:8765/callback';

const harness = providerHarness({ redirectUri: REDIRECT });
const { makeProvider } = harness;

describe('exchangeCode', () => {
  it('posts the authorization_code grant form-encoded and saves the tokens', async () => {
    const store = new InstrumentedStore();
    const refreshed: Tokens[] = [];
    const provider = makeProvider(store, { onTokensRefreshed: (t) => void refreshed.push(t) });
    const pending = provider.getAuthorizationUrl();

    const tokens = await provider.exchangeCode(CODE, { codeVerifier: pending.codeVerifier });

    expect(harness.server.requests).toHaveLength(1);
    const request = harness.server.requests[0]!;
    expect(request.method).toBe('POST');
    expect(request.path).toBe('/tenant/oauth2/v2.0/token');
    expect(request.contentType).toBe('application/x-www-form-urlencoded');
    expect(Object.fromEntries(request.form)).toEqual({
      client_id: 'client-123',
      client_secret: CLIENT_SECRET,
      scope: 'https://ads.microsoft.com/msads.manage offline_access',
      grant_type: 'authorization_code',
      code: CODE,
      redirect_uri: REDIRECT,
      code_verifier: pending.codeVerifier,
    });
    const expected = {
      accessToken: NEW_ACCESS,
      refreshToken: NEW_REFRESH,
      expiresAt: START + 3_600_000,
    };
    expect(tokens).toEqual(expected);
    expect(await store.inner.load()).toEqual(expected);
    expect(refreshed).toEqual([expected]);
    // The exchanged access token is served without another request or a store load.
    expect(await provider.getAccessToken()).toBe(NEW_ACCESS);
    expect(harness.server.requests).toHaveLength(1);
    expect(store.loads).toBe(0);
  });

  it('omits client_secret for public clients and uses the redirect URI given to exchangeCode', async () => {
    const provider = makeProvider(new InstrumentedStore(), { clientSecret: undefined });
    await provider.exchangeCode(CODE, {
      codeVerifier: 'v'.repeat(43),
      redirectUri: 'http://localhost:1/other',
    });
    const form = harness.server.requests[0]!.form;
    expect(form.has('client_secret')).toBe(false);
    expect(form.get('redirect_uri')).toBe('http://localhost:1/other');
    expect(form.get('code_verifier')).toBe('v'.repeat(43));
  });

  it('exchangeRedirect checks the state and exchanges the code from the redirect URL', async () => {
    const store = new InstrumentedStore();
    const provider = makeProvider(store);
    const pending = provider.getAuthorizationUrl();
    const redirected = `${REDIRECT}?code=${CODE}&state=${encodeURIComponent(pending.state)}`;
    await provider.exchangeRedirect(redirected, pending);
    expect(harness.server.requests[0]!.form.get('code')).toBe(CODE);
    expect((await store.inner.load())?.refreshToken).toBe(NEW_REFRESH);
  });
});

describe('getAccessToken', () => {
  it('refreshes an expired access token with the refresh_token grant and saves the rotation', async () => {
    const store = new InstrumentedStore({
      accessToken: OLD_ACCESS,
      refreshToken: OLD_REFRESH,
      expiresAt: START - 1,
    });
    const provider = makeProvider(store);
    expect(await provider.getAccessToken()).toBe(NEW_ACCESS);
    expect(harness.server.requests).toHaveLength(1);
    expect(Object.fromEntries(harness.server.requests[0]!.form)).toEqual({
      client_id: 'client-123',
      client_secret: CLIENT_SECRET,
      scope: 'https://ads.microsoft.com/msads.manage offline_access',
      grant_type: 'refresh_token',
      refresh_token: OLD_REFRESH,
    });
    expect(await store.inner.load()).toEqual({
      accessToken: NEW_ACCESS,
      refreshToken: NEW_REFRESH,
      expiresAt: START + 3_600_000,
    });
  });

  it('serves a fresh stored token without a request, loading the store once', async () => {
    const store = new InstrumentedStore({
      accessToken: OLD_ACCESS,
      refreshToken: OLD_REFRESH,
      expiresAt: START + 6 * 60_000,
    });
    const provider = makeProvider(store);
    for (let i = 0; i < 3; i += 1) expect(await provider.getAccessToken()).toBe(OLD_ACCESS);
    expect(store.loads).toBe(1);
    expect(harness.server.requests).toHaveLength(0);
  });

  it('refreshes once the clock enters the skew window (default 5 minutes)', async () => {
    const store = new InstrumentedStore({
      accessToken: OLD_ACCESS,
      refreshToken: OLD_REFRESH,
      expiresAt: START + 6 * 60_000,
    });
    const provider = makeProvider(store);
    expect(await provider.getAccessToken()).toBe(OLD_ACCESS);
    harness.clock.advance(59_999);
    expect(await provider.getAccessToken()).toBe(OLD_ACCESS);
    expect(harness.server.requests).toHaveLength(0);
    harness.clock.advance(1); // now exactly expiresAt - 5 min
    expect(await provider.getAccessToken()).toBe(NEW_ACCESS);
    expect(harness.server.requests).toHaveLength(1);
  });

  it('refreshes a token within the skew and honours a custom skew', async () => {
    const within = makeProvider(
      new InstrumentedStore({
        accessToken: OLD_ACCESS,
        refreshToken: OLD_REFRESH,
        expiresAt: START + 4 * 60_000,
      }),
    );
    expect(await within.getAccessToken()).toBe(NEW_ACCESS);
    const noSkew = makeProvider(
      new InstrumentedStore({
        accessToken: OLD_ACCESS,
        refreshToken: OLD_REFRESH,
        expiresAt: START + 4 * 60_000,
      }),
      { refreshSkewMs: 0 },
    );
    expect(await noSkew.getAccessToken()).toBe(OLD_ACCESS);
    expect(harness.server.requests).toHaveLength(1);
  });

  it('refreshes when only a refresh token is stored', async () => {
    const provider = makeProvider(new InstrumentedStore({ refreshToken: OLD_REFRESH }));
    expect(await provider.getAccessToken()).toBe(NEW_ACCESS);
    expect(harness.server.requests[0]!.form.get('refresh_token')).toBe(OLD_REFRESH);
  });

  it('keeps the old refresh token when the answer has none', async () => {
    harness.server.respond(() => tokenReply(NEW_ACCESS, null, '1800'));
    const store = new InstrumentedStore({
      accessToken: OLD_ACCESS,
      refreshToken: OLD_REFRESH,
      expiresAt: START - 1,
    });
    expect(await makeProvider(store).getAccessToken()).toBe(NEW_ACCESS);
    // expires_in given as a string is accepted too.
    expect(await store.inner.load()).toEqual({
      accessToken: NEW_ACCESS,
      refreshToken: OLD_REFRESH,
      expiresAt: START + 1_800_000,
    });
  });

  it('uses a token of unknown expiry until invalidated', async () => {
    harness.server.respond(() => tokenReply(NEW_ACCESS, NEW_REFRESH, null));
    const store = new InstrumentedStore({ accessToken: OLD_ACCESS, refreshToken: OLD_REFRESH });
    const provider = makeProvider(store);
    harness.clock.advance(10 * 3_600_000);
    expect(await provider.getAccessToken()).toBe(OLD_ACCESS);
    provider.invalidate();
    expect(await provider.getAccessToken()).toBe(NEW_ACCESS);
    expect(await store.inner.load()).toEqual({
      accessToken: NEW_ACCESS,
      refreshToken: NEW_REFRESH,
    });
  });

  it('invalidate() forces one refresh; invalidate(otherToken) is a no-op', async () => {
    const store = new InstrumentedStore({
      accessToken: OLD_ACCESS,
      refreshToken: OLD_REFRESH,
      expiresAt: START + 3_600_000,
    });
    const provider = makeProvider(store);
    expect(await provider.getAccessToken()).toBe(OLD_ACCESS);
    provider.invalidate('some-token-that-was-already-replaced');
    expect(await provider.getAccessToken()).toBe(OLD_ACCESS);
    expect(harness.server.requests).toHaveLength(0);
    provider.invalidate(OLD_ACCESS);
    expect(await provider.getAccessToken()).toBe(NEW_ACCESS);
    expect(await provider.getAccessToken()).toBe(NEW_ACCESS);
    expect(harness.server.requests).toHaveLength(1);
  });

  it('without any refresh token asks for consent and sends no request', async () => {
    const provider = makeProvider(new InstrumentedStore());
    await expect(provider.getAccessToken()).rejects.toBeInstanceOf(ReauthorizationRequiredError);
    await expect(provider.getAccessToken()).rejects.toThrow(/sign in and consent/);
    expect(harness.server.requests).toHaveLength(0);
  });

  it('calls onTokensRefreshed after the save with the new tokens, and survives a throwing listener', async () => {
    const store = new InstrumentedStore({
      accessToken: OLD_ACCESS,
      refreshToken: OLD_REFRESH,
      expiresAt: START - 1,
    });
    const seen: Array<{ tokens: Tokens; storedAtCall: Tokens | undefined }> = [];
    const provider = makeProvider(store, {
      onTokensRefreshed: async (tokens) => {
        seen.push({ tokens, storedAtCall: await store.inner.load() });
        throw new Error(`listener failed with ${tokens.refreshToken}`);
      },
    });
    const warnings: string[] = [];
    const onWarning = (w: Error) => warnings.push(w.message);
    process.on('warning', onWarning);
    try {
      expect(await provider.getAccessToken()).toBe(NEW_ACCESS);
      await new Promise((r) => setImmediate(r));
    } finally {
      process.off('warning', onWarning);
    }
    const expected = {
      accessToken: NEW_ACCESS,
      refreshToken: NEW_REFRESH,
      expiresAt: START + 3_600_000,
    };
    expect(seen).toEqual([{ tokens: expected, storedAtCall: expected }]);
    expect(warnings.some((w) => w.includes('onTokensRefreshed callback threw Error'))).toBe(true);
    expect(warnings.join('\n')).not.toContain(NEW_REFRESH);
  });

  it('adopts tokens another process rotated into the shared store instead of using its stale refresh token', async () => {
    const store = new InstrumentedStore({
      accessToken: OLD_ACCESS,
      refreshToken: OLD_REFRESH,
      expiresAt: START + 3_600_000,
    });
    const provider = makeProvider(store);
    expect(await provider.getAccessToken()).toBe(OLD_ACCESS);
    // Another process refreshed: its access token is already expired for us, its refresh token is newer.
    await store.inner.save({
      accessToken: 'at-other',
      refreshToken: 'rt-other',
      expiresAt: START - 1,
    });
    provider.invalidate();
    expect(await provider.getAccessToken()).toBe(NEW_ACCESS);
    expect(harness.server.requests.map((r) => r.form.get('refresh_token'))).toEqual(['rt-other']);
  });

  it('a later code exchange replaces tokens whose refresh token was rejected', async () => {
    harness.server.respond(() => ({ status: 400, body: { error: 'invalid_grant' } }));
    const store = new InstrumentedStore({ refreshToken: OLD_REFRESH });
    const provider = makeProvider(store);
    await expect(provider.getAccessToken()).rejects.toBeInstanceOf(ReauthorizationRequiredError);
    harness.server.respond(() => tokenReply());
    await provider.exchangeCode(CODE, { codeVerifier: 'v'.repeat(43) });
    expect(await provider.getAccessToken()).toBe(NEW_ACCESS);
    expect(harness.server.requests.map((r) => r.form.get('grant_type'))).toEqual([
      'refresh_token',
      'authorization_code',
    ]);
  });
});
