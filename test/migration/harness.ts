import type { ClientOptions } from '@adsgen/runtime';
import { StaticTokenProvider, compareValues } from '@adsgen/runtime';
import type { ServiceDescriptor } from '@adsgen/runtime/internal';
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

export type Protocol = 'soap' | 'rest';

/** One client per protocol of the same service. */
export type ClientPair = Record<Protocol, object>;

/**
 * Calls a read over both protocols and compares the decoded answers the way shadow mode does
 * (compareValues: nil and absent alike, key/value spelling, flags as sets). Returns both
 * answers and the differences found.
 */
export async function readBoth<R>(
  clients: ClientPair,
  descriptor: ServiceDescriptor,
  operation: string,
  request: object,
): Promise<{ soap: R; rest: R; differences: unknown[] }> {
  const o = descriptor.operations[operation]!;
  const method = o.method ?? operation.charAt(0).toLowerCase() + operation.slice(1);
  const call = (p: Protocol) =>
    (clients[p] as Record<string, (r: object) => Promise<R>>)[method]!.call(clients[p], request);
  const [soap, rest] = await Promise.all([call('soap'), call('rest')]);
  const differences: unknown[] = [];
  compareValues(soap, rest, { type: o.response! }, descriptor.types, '', differences as never);
  return { soap, rest, differences };
}
