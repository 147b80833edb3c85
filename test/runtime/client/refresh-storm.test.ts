import { afterEach, describe, expect, it, vi } from 'vitest';

vi.mock('../../../runtime/src/rest/encode.js', () => import('./fake-codecs.ts'));
vi.mock('../../../runtime/src/rest/decode.js', () => import('./fake-codecs.ts'));

import { OAuthTokenProvider } from '../../../runtime/src/auth/oauth-token-provider.ts';
import type { TokenProvider } from '../../../runtime/src/auth/token-provider.ts';
import { MemoryTokenStore } from '../../../runtime/src/auth/memory-token-store.ts';
import { startTokenServer, type TokenServer } from '../auth/token-server.ts';
import {
  DEVELOPER_TOKEN,
  adApiFaultJson,
  descriptor,
  sendJson,
  startServer,
  type TestServer,
} from './fixtures.ts';
import { fakeSleep, TestClient } from './test-client.ts';

/**
 * A token the service stops accepting while a thousand calls are in flight with it: their
 * 401/109 answers come back over about half a second, in waves, as the connection pool drains.
 * Each rejection passes the token it saw to `invalidate`; only the first finds it still
 * current, so one refresh serves them all (and the refresh token rotates once, not per call).
 */

const OLD_ACCESS = 'at-old-0123456789abcdef';
const OLD_REFRESH = 'rt-old-0123456789abcdef';
const CALLS = 1000;

let api: TestServer | undefined;
let tokens: TokenServer | undefined;
let client: TestClient | undefined;
afterEach(async () => {
  await client?.close();
  await api?.close();
  await tokens?.close();
  client = api = tokens = undefined;
});

async function setUp(): Promise<OAuthTokenProvider> {
  tokens = await startTokenServer((_req, i) => ({
    status: 200,
    body: {
      token_type: 'Bearer',
      access_token: `at-new-${i}-0123456789abcdef`,
      refresh_token: `rt-new-${i}-0123456789abcdef`,
      expires_in: 3600,
    },
  }));
  api = await startServer((req, res) =>
    req.headers['authorization'] === `Bearer ${OLD_ACCESS}`
      ? sendJson(res, 401, adApiFaultJson('t', 109, 'AuthenticationTokenExpired', 'expired'))
      : sendJson(res, 200, { User: { Id: '1' } }),
  );
  return new OAuthTokenProvider({
    clientId: 'client-1',
    tokenEndpoint: tokens.url,
    store: new MemoryTokenStore({
      accessToken: OLD_ACCESS,
      refreshToken: OLD_REFRESH,
      expiresAt: Date.now() + 3_600_000,
    }),
  });
}

function makeClient(auth: TokenProvider): TestClient {
  client = new TestClient(descriptor, {
    developerToken: DEVELOPER_TOKEN,
    auth,
    endpoint: api!.url,
    retry: { sleep: fakeSleep() },
  });
  return client;
}

describe('no refresh storm', () => {
  it(`${CALLS} concurrent calls rejected with 401/109 in waves → at most 2 token requests`, async () => {
    const provider = await setUp();
    const invalidate = vi.spyOn(provider, 'invalidate');
    const c = makeClient(provider);
    const results = await Promise.all(Array.from({ length: CALLS }, () => c.getUser({})));
    expect(results).toHaveLength(CALLS);
    const rejected = api!.requests.filter(
      (r) => r.headers['authorization'] === `Bearer ${OLD_ACCESS}`,
    );
    expect(rejected).toHaveLength(CALLS);
    expect(tokens!.requests.length).toBeGreaterThanOrEqual(1);
    expect(tokens!.requests.length).toBeLessThanOrEqual(2);
    expect(invalidate).toHaveBeenCalledTimes(CALLS);
    expect(invalidate.mock.calls.every(([token]) => token === OLD_ACCESS)).toBe(true);
  });

  it('a custom provider whose invalidate() takes no argument still refreshes', async () => {
    await setUp();
    let current = OLD_ACCESS;
    const custom: TokenProvider = {
      getAccessToken: async () => current,
      invalidate() {
        current = 'at-custom-fresh-0123456789';
      },
    };
    await expect(makeClient(custom).getUser({})).resolves.toEqual({ User: { Id: '1' } });
    expect(api!.requests.map((r) => r.headers['authorization'])).toEqual([
      `Bearer ${OLD_ACCESS}`,
      'Bearer at-custom-fresh-0123456789',
    ]);
  });
});
