/** Token endpoint failures map to typed errors that carry no secret. */
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import {
  MemoryTokenStore,
  OAuthError,
  StaticTokenProvider,
  type OAuthTokenProviderOptions,
} from '../../../runtime/src/auth/index.ts';
import { ReauthorizationRequiredError, TransportError } from '../../../runtime/src/errors.ts';
import {
  ALL_SECRETS,
  CLIENT_SECRET,
  CODE,
  expired,
  InstrumentedStore,
  NEW_ACCESS,
  OLD_ACCESS,
  OLD_REFRESH,
  START,
  tokenReply,
} from './fixtures.ts';
import { providerHarness } from './provider-harness.ts';
import { expectNoSecrets } from './no-secrets.ts';
import { startTokenServer, type Reply } from './token-server.ts';

const VERIFIER = 'verifier-SECRET-pkce-0123456789abcdef0123456';
const SECRETS = [...ALL_SECRETS, VERIFIER];

const harness = providerHarness({ redirectUri: 'http://localhost/cb', replyWithTokens: false });
const { makeProvider } = harness;

async function refreshFailure(reply: Reply, extra: Partial<OAuthTokenProviderOptions> = {}) {
  harness.server.respond(() => reply);
  const store = new InstrumentedStore(expired());
  const error = await makeProvider(store, extra)
    .getAccessToken()
    .then(
      () => undefined,
      (e: unknown) => e,
    );
  expectNoSecrets(error, SECRETS);
  // A failed refresh never touches the stored tokens.
  expect(await store.inner.load()).toEqual(expired());
  expect(store.saves).toHaveLength(0);
  return error;
}

describe('token endpoint failures', () => {
  it('5xx → TransportError (connection) with the status, and the next call tries again', async () => {
    const error = (await refreshFailure({
      status: 503,
      body: `<html>down ${OLD_REFRESH}</html>`,
    })) as TransportError;
    expect(error).toBeInstanceOf(TransportError);
    expect(error.reason).toBe('connection');
    expect(error.details.httpStatus).toBe(503);
    expect(error.message).toContain('HTTP 503');

    harness.server.respond(() => ({ status: 500, body: { error: 'temporarily_unavailable' } }));
    const store = new InstrumentedStore(expired());
    const provider = makeProvider(store);
    await expect(provider.getAccessToken()).rejects.toBeInstanceOf(TransportError);
    harness.server.respond(() => tokenReply());
    expect(await provider.getAccessToken()).toBe(NEW_ACCESS);
  });

  it('malformed JSON, a missing access_token or a non-OAuth 4xx → TransportError (malformed-response)', async () => {
    for (const reply of [
      { status: 200, body: `{"access_token": "${NEW_ACCESS}", ` },
      { status: 200, body: { refresh_token: OLD_REFRESH, expires_in: 3600 } },
      { status: 404, body: 'Not Found' },
    ]) {
      const error = (await refreshFailure(reply)) as TransportError;
      expect(error).toBeInstanceOf(TransportError);
      expect(error.reason).toBe('malformed-response');
      expect(error.details.httpStatus).toBe(reply.status);
    }
  });

  it('another OAuth error → OAuthError with code, status and a redacted description', async () => {
    const error = (await refreshFailure({
      status: 401,
      body: {
        error: 'invalid_client',
        error_description: `AADSTS7000215: Invalid client secret provided: ${CLIENT_SECRET}`,
        error_codes: [7000215],
      },
    })) as OAuthError;
    expect(error).toBeInstanceOf(OAuthError);
    expect(error.error).toBe('invalid_client');
    expect(error.httpStatus).toBe(401);
    expect(error.errorCodes).toEqual([7000215]);
    expect(error.message).toContain('Invalid client secret provided: [REDACTED]');
  });

  it('connection refused → TransportError (connection)', async () => {
    const closed = await startTokenServer();
    const url = closed.url;
    await closed.close();
    const error = (await refreshFailure({}, { tokenEndpoint: url })) as TransportError;
    expect(error).toBeInstanceOf(TransportError);
    expect(error.reason).toBe('connection');
    expect(error.message).toContain('ECONNREFUSED');
  });

  it('no answer within timeoutMs → TransportError (timeout)', async () => {
    const error = (await refreshFailure({ hang: true }, { timeoutMs: 150 })) as TransportError;
    expect(error).toBeInstanceOf(TransportError);
    expect(error.reason).toBe('timeout');
    expect(error.message).toContain('timed out after 150 ms');
  });

  it('code exchange errors carry neither code, verifier nor client secret', async () => {
    harness.server.respond(() => ({
      status: 400,
      body: {
        error: 'invalid_grant',
        error_description: `code ${CODE} was already redeemed; verifier ${VERIFIER}`,
      },
    }));
    const provider = makeProvider(new InstrumentedStore());
    const error = await provider
      .exchangeCode(CODE, { codeVerifier: VERIFIER })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ReauthorizationRequiredError);
    expect((error as Error).message).toContain('authorization code');
    expectNoSecrets(error, SECRETS);

    harness.server.respond(() => ({ status: 502, body: 'bad gateway' }));
    const transport = await provider
      .exchangeCode(CODE, { codeVerifier: VERIFIER })
      .catch((e: unknown) => e);
    expect(transport).toBeInstanceOf(TransportError);
    expectNoSecrets(transport, SECRETS);
  });
});

describe('no secrets in logs', () => {
  it('console.log / JSON of a provider with tokens shows no secret', async () => {
    harness.server.respond(() => tokenReply());
    const store = new InstrumentedStore(expired());
    const provider = makeProvider(store);
    await provider.getAccessToken();
    const shown = inspect(provider, { depth: 10, showHidden: true });
    const json = JSON.stringify(provider);
    for (const secret of SECRETS) {
      expect(shown).not.toContain(secret);
      expect(json).not.toContain(secret);
      expect(String(provider)).not.toContain(secret);
    }
    expect(JSON.parse(json)).toMatchObject({
      type: 'OAuthTokenProvider',
      clientId: 'client-123',
      clientSecret: '[REDACTED]',
      tokens: {
        accessToken: '[REDACTED]',
        refreshToken: '[REDACTED]',
        expiresAt: new Date(START + 3_600_000).toISOString(),
      },
    });
    expect(shown).toContain('[REDACTED]');
  });

  it('StaticTokenProvider and MemoryTokenStore redact too', async () => {
    const staticProvider = new StaticTokenProvider(OLD_ACCESS);
    expect(await staticProvider.getAccessToken()).toBe(OLD_ACCESS);
    const memory = new MemoryTokenStore({ accessToken: OLD_ACCESS, refreshToken: OLD_REFRESH });
    for (const value of [staticProvider, memory]) {
      expect(inspect(value, { depth: 10, showHidden: true })).not.toContain('SECRET');
      expect(JSON.stringify(value)).not.toContain('SECRET');
    }
    expect(() => new StaticTokenProvider('')).toThrow(TypeError);
  });
});
