/** Single flight, rotation persisted before use, invalid_grant, failed saves. */
import { describe, expect, it } from 'vitest';
import { ReauthorizationRequiredError } from '../../../runtime/src/errors.ts';
import {
  ALL_SECRETS,
  expired,
  InstrumentedStore,
  NEW_ACCESS,
  NEW_REFRESH,
  OLD_REFRESH,
  START,
  tokenReply,
} from './fixtures.ts';
import { providerHarness } from './provider-harness.ts';
import { expectNoSecrets } from './no-secrets.ts';
import { deferred } from './token-server.ts';

const harness = providerHarness();
const { makeProvider } = harness;

/** Let every pending microtask and I/O callback run. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('single flight', () => {
  it('100 concurrent callers with an expired token cause exactly one token request', async () => {
    const gate = deferred();
    const received = deferred();
    harness.server.respond(() => {
      received.resolve();
      return { ...tokenReply(), before: gate.promise };
    });
    const store = new InstrumentedStore(expired());
    const provider = makeProvider(store);

    // Half call before the refresh starts, half while its request is held open at the harness.server.
    const calls = Array.from({ length: 50 }, () => provider.getAccessToken());
    await received.promise;
    calls.push(...Array.from({ length: 50 }, () => provider.getAccessToken()));
    gate.resolve();
    const results = await Promise.all(calls);
    expect(results).toHaveLength(100);

    expect(new Set(results)).toEqual(new Set([NEW_ACCESS]));
    expect(harness.server.requests).toHaveLength(1);
    expect(store.saves).toEqual([
      { accessToken: NEW_ACCESS, refreshToken: NEW_REFRESH, expiresAt: START + 3_600_000 },
    ]);
    expect((await store.inner.load())?.refreshToken).toBe(NEW_REFRESH);
    // Later callers get the cached token.
    expect(await provider.getAccessToken()).toBe(NEW_ACCESS);
    expect(harness.server.requests).toHaveLength(1);
  });

  it('100 concurrent callers share one invalid_grant and the refresh token is never sent again', async () => {
    harness.server.respond(() => ({
      status: 400,
      body: { error: 'invalid_grant', error_description: 'AADSTS70000: grant expired' },
    }));
    const store = new InstrumentedStore(expired());
    const provider = makeProvider(store);
    const outcomes = await Promise.allSettled(
      Array.from({ length: 100 }, () => provider.getAccessToken()),
    );
    expect(
      outcomes.every(
        (o) => o.status === 'rejected' && o.reason instanceof ReauthorizationRequiredError,
      ),
    ).toBe(true);
    expect(harness.server.requests).toHaveLength(1);
    await expect(provider.getAccessToken()).rejects.toBeInstanceOf(ReauthorizationRequiredError);
    expect(harness.server.requests).toHaveLength(1);
  });
});

describe('rotation is persisted before the new access token is used', () => {
  it('does not hand out the access token while the save of the rotated refresh token is pending', async () => {
    const store = new InstrumentedStore(expired());
    const gate = deferred();
    const saveStarted = deferred();
    store.saveGate = gate.promise;
    store.onSaveStart = () => saveStarted.resolve();
    const provider = makeProvider(store, {
      onTokensRefreshed: () => void store.events.push('callback'),
    });

    const first = provider.getAccessToken().then((token) => {
      store.events.push(`returned:${token}`);
      return token;
    });
    await saveStarted.promise;
    // A caller arriving during the save waits too.
    const second = provider.getAccessToken().then((token) => {
      store.events.push(`returned-late:${token}`);
      return token;
    });
    for (let i = 0; i < 5; i += 1) await settle();
    expect(store.events).toEqual([`save-start:${NEW_REFRESH}`]);

    gate.resolve();
    expect(await first).toBe(NEW_ACCESS);
    expect(await second).toBe(NEW_ACCESS);
    expect(store.events).toEqual([
      `save-start:${NEW_REFRESH}`,
      'save-end',
      'callback',
      `returned:${NEW_ACCESS}`,
      `returned-late:${NEW_ACCESS}`,
    ]);
  });

  it('a failed save fails the call, keeps the rotated tokens in memory and saves them before the next token is served', async () => {
    const store = new InstrumentedStore(expired());
    store.failSaves = 1;
    const provider = makeProvider(store);

    await expect(provider.getAccessToken()).rejects.toThrow('disk full');
    expect(await store.inner.load()).toEqual(expired());

    expect(await provider.getAccessToken()).toBe(NEW_ACCESS);
    expect(harness.server.requests).toHaveLength(1);
    expect(store.events).toEqual([
      `save-start:${NEW_REFRESH}`,
      'save-failed',
      `save-start:${NEW_REFRESH}`,
      'save-end',
    ]);
    expect((await store.inner.load())?.refreshToken).toBe(NEW_REFRESH);
  });
});

describe('invalid_grant', () => {
  it('throws ReauthorizationRequiredError, keeps the stored refresh token and never retries', async () => {
    harness.server.respond(() => ({
      status: 400,
      body: {
        error: 'invalid_grant',
        error_description: `AADSTS70008: The provided authorization code or refresh token ${OLD_REFRESH} has expired.`,
        error_codes: [70008],
      },
    }));
    const store = new InstrumentedStore(expired());
    const provider = makeProvider(store);

    const error = await provider.getAccessToken().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ReauthorizationRequiredError);
    expect((error as Error).message).toContain('invalid_grant');
    expect((error as Error).message).toContain('AADSTS70008');
    expect((error as Error).message).toContain('[REDACTED]');
    expectNoSecrets(error, ALL_SECRETS);
    expect(await store.inner.load()).toEqual(expired());
    expect(store.saves).toHaveLength(0);

    await expect(provider.getAccessToken()).rejects.toBeInstanceOf(ReauthorizationRequiredError);
    expect(harness.server.requests).toHaveLength(1);
    expect(await store.inner.load()).toEqual(expired());
  });
});
