import type { ClientOptions } from '@adsgen/runtime';
import { StaticTokenProvider } from '@adsgen/runtime';
import { startMock, type Mock } from '../../mock/src/index.ts';

/** Client options for the seeded user of `mock`, with `extra` on top. */
export function mockOptions(mock: Mock, extra: Partial<ClientOptions> = {}): ClientOptions {
  return {
    environment: 'sandbox',
    endpoint: mock.url,
    developerToken: mock.state.developerToken,
    customerId: mock.state.ids.customerId,
    accountId: mock.state.ids.accountId,
    auth: new StaticTokenProvider(mock.oauth.issue().access_token),
    retry: false,
    ...extra,
  };
}

/** Calls per operation and protocol the mock received: `GetUser` → { soap, rest }. */
export function callsOf(mock: Mock, service: string, operation: string) {
  const key = `${service}.${operation}`;
  return {
    soap: mock.stats.calls.soap.get(key) ?? 0,
    rest: mock.stats.calls.rest.get(key) ?? 0,
  };
}

export { startMock, type Mock };
