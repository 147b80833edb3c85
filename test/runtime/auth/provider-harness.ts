/**
 * The setup the OAuth provider tests share: one loopback token endpoint per test file, its
 * recorded requests cleared (and, unless told otherwise, its answer reset to a good token
 * reply) before each test, a fresh fake clock, and providers pointed at both.
 */
import { afterAll, beforeAll, beforeEach } from 'vitest';
import {
  OAuthTokenProvider,
  type OAuthTokenProviderOptions,
} from '../../../runtime/src/auth/index.ts';
import { CLIENT_SECRET, Clock, type InstrumentedStore, tokenReply } from './fixtures.ts';
import { startTokenServer, type TokenServer } from './token-server.ts';

export interface HarnessOptions {
  /** The providers' redirectUri; none by default. */
  redirectUri?: string;
  /** Answer each test's token requests with `tokenReply()` until it says otherwise. Default true. */
  replyWithTokens?: boolean;
}

export function providerHarness(options: HarnessOptions = {}) {
  let server: TokenServer | undefined;
  let clock = new Clock();
  beforeAll(async () => {
    server = await startTokenServer();
  });
  afterAll(() => server?.close());
  beforeEach(() => {
    harness.server.requests.length = 0;
    if (options.replyWithTokens ?? true) harness.server.respond(() => tokenReply());
    clock = new Clock();
  });
  const harness = {
    get server(): TokenServer {
      if (!server) throw new Error('the token server starts in beforeAll');
      return server;
    },
    get clock(): Clock {
      return clock;
    },
    makeProvider(
      store: InstrumentedStore,
      extra: Partial<OAuthTokenProviderOptions> = {},
    ): OAuthTokenProvider {
      return new OAuthTokenProvider({
        clientId: 'client-123',
        clientSecret: CLIENT_SECRET,
        store,
        tokenEndpoint: harness.server.url,
        ...(options.redirectUri !== undefined ? { redirectUri: options.redirectUri } : {}),
        now: clock.now,
        ...extra,
      });
    },
  };
  return harness;
}
