import { afterEach, vi } from 'vitest';
import {
  ServiceClient,
  type CallOptions,
  type ClientOptions,
} from '../../../runtime/src/client.ts';
import {
  ACCESS_TOKEN_1,
  ACCESS_TOKEN_2,
  DEVELOPER_TOKEN,
  descriptor,
  startServer,
  type TestServer,
} from './fixtures.ts';

/** What a generated client looks like: thin methods over `call`. */
export class TestClient extends ServiceClient {
  getUser(request: { UserId?: string }, options?: CallOptions): Promise<Record<string, unknown>> {
    return this.call('GetUser', request, options);
  }
  soapOnly(options?: CallOptions): Promise<unknown> {
    return this.call('SoapOnly', {}, options);
  }
  restOnly(options?: CallOptions): Promise<unknown> {
    return this.call('RestOnly', {}, options);
  }
  nope(): Promise<unknown> {
    return this.call('NoSuchOperation', {});
  }
}

/** A token provider handing out ACCESS_TOKEN_1, then ACCESS_TOKEN_2 after `invalidate()`. */
export function fakeTokens() {
  let current = ACCESS_TOKEN_1;
  const provider = {
    getAccessToken: vi.fn(async () => current),
    invalidate: vi.fn(() => {
      current = ACCESS_TOKEN_2;
    }),
  };
  return provider;
}

/** Sleep that records and returns at once: retry tests never wait on the wall clock. */
export function fakeSleep() {
  return vi.fn(async (_ms: number, signal?: AbortSignal) => {
    if (signal?.aborted) throw signal.reason;
  });
}

export function makeClient(endpoint: string, overrides: Partial<ClientOptions> = {}) {
  const auth = fakeTokens();
  const sleep = fakeSleep();
  const client = new TestClient(descriptor, {
    developerToken: DEVELOPER_TOKEN,
    auth,
    endpoint,
    customerId: '1234567',
    accountId: '987654321',
    retry: { sleep, random: () => 0.5 },
    ...overrides,
  });
  return { client, auth, sleep };
}

/**
 * Per-test loopback servers and clients, closed after each test: `serve(handler)` starts a
 * server, `track(makeClient(...))` registers the client for closing.
 */
export function loopbackPerTest() {
  let server: TestServer | undefined;
  const clients: TestClient[] = [];
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.close()));
    await server?.close();
    server = undefined;
  });
  return {
    serve: async (handler: Parameters<typeof startServer>[0]): Promise<TestServer> =>
      (server = await startServer(handler)),
    track: <T extends { client: TestClient }>(made: T): T => {
      clients.push(made.client);
      return made;
    },
  };
}
