/**
 * What every fleet test starts: the mock server (its token endpoint rotates refresh tokens
 * strictly: a rotated one used again is invalid_grant and revokes its successors), a
 * recording proxy in front of it, and helpers to seed a store with an expired access token.
 */
import type { Tokens, TokenStore } from '@adsgen/runtime';
import { startMockServer, type MockServer } from '../../mock/src/server.ts';
import { startRecordingProxy, type RecordingProxy } from './recording-proxy.ts';
import type { WorkerConfig } from './fleet-worker.ts';
import { startWorker, stopWorkers } from './workers.ts';

export interface FleetFixture {
  mock: MockServer;
  proxy: RecordingProxy;
  config(store: WorkerConfig['store'], extra?: Partial<WorkerConfig>): WorkerConfig;
  /** Issues a consent's tokens and stores them with the access token already expired. */
  seedExpired(store: TokenStore): Promise<Tokens>;
  close(): Promise<void>;
}

export async function startFleetFixture(): Promise<FleetFixture> {
  const mock = await startMockServer();
  const proxy = await startRecordingProxy(mock.origin);
  return {
    mock,
    proxy,
    config: (store, extra = {}) => ({
      store,
      apiOrigin: proxy.origin,
      tokenEndpoint: `${proxy.origin}/common/oauth2/v2.0/token`,
      developerToken: mock.state.developerToken,
      accountId: mock.state.ids.accountId,
      ...extra,
    }),
    seedExpired: async (store) => {
      const issued = mock.oauth.issue();
      mock.oauth.expire(issued.access_token);
      const tokens = {
        accessToken: issued.access_token,
        refreshToken: issued.refresh_token,
        expiresAt: Date.now() - 1000,
      };
      await store.save(tokens);
      return tokens;
    },
    close: async () => {
      await proxy.close();
      await mock.close();
    },
  };
}

export interface FleetOutcome {
  ok: number;
  reauth: number;
  errors: string[];
  tokenRequests: number;
  issuedRefreshTokens: string[];
  storedRefreshToken: string | undefined;
}

/**
 * Eight worker processes start together on a store holding an expired access token and make
 * 100 calls each, four at a time: what reached the token endpoint and what the store holds.
 */
export async function eightWorkersWithExpiredToken(
  fleet: FleetFixture,
  store: TokenStore,
  storeConfig: WorkerConfig['store'],
): Promise<FleetOutcome> {
  await fleet.seedExpired(store);
  const tokenRequestsBefore = fleet.proxy.tokenRequests();
  const issuedBefore = fleet.proxy.issuedRefreshTokens.length;
  const workers = await Promise.all(
    Array.from({ length: 8 }, () => startWorker(fleet.config(storeConfig))),
  );
  const outcome: FleetOutcome = {
    ok: 0,
    reauth: 0,
    errors: [],
    tokenRequests: 0,
    issuedRefreshTokens: [],
    storedRefreshToken: undefined,
  };
  try {
    for (const { result } of await Promise.all(workers.map((w) => w.send('calls 100 4')))) {
      outcome.ok += result.ok;
      outcome.reauth += result.reauth;
      outcome.errors.push(...result.errors);
    }
  } finally {
    await stopWorkers(workers);
  }
  outcome.tokenRequests = fleet.proxy.tokenRequests() - tokenRequestsBefore;
  outcome.issuedRefreshTokens = fleet.proxy.issuedRefreshTokens.slice(issuedBefore);
  outcome.storedRefreshToken = (await store.load())?.refreshToken;
  return outcome;
}
