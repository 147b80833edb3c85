import { NodeHttpTransport } from '../../../runtime/src/node-http-transport.ts';
import { Transport, type TransportOptions } from '../../../runtime/src/transport.ts';

/**
 * The runtime's two built-in transports, for `describe.each`: every transport test runs
 * against both, since they promise the same semantics (node:http is a client's default,
 * undici is what a client with a proxy uses).
 */
export interface BuiltInTransport {
  name: string;
  make(options?: Omit<TransportOptions, 'proxy'>): Transport | NodeHttpTransport;
}

export const BUILT_IN_TRANSPORTS: BuiltInTransport[] = [
  { name: 'node:http', make: (options) => new NodeHttpTransport(options) },
  { name: 'undici', make: (options) => new Transport(options) },
];
