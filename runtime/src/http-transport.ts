import type { TransportRequest, TransportResponse } from './transport.js';

/**
 * What a client sends its HTTP requests through (`ClientOptions.transport`). The default is
 * the runtime's `NodeHttpTransport` on node:http (keep-alive pools, timeouts, size cap), or
 * its undici `Transport` for a client with a `proxy`: the same semantics on two stacks, and
 * node:http by default because undici's modules make a cold process's first call several
 * times slower to start (see README, cold start). A replacement (a test double, a recording
 * layer, another HTTP stack) implements this one method.
 *
 * The request it gets is complete, credentials included (the access and developer tokens are
 * in its headers for REST and in its body for SOAP): a transport is trusted code and must
 * keep them out of its own logs. It resolves with the response whatever its status (a fault
 * is a response: the client reads it), and rejects only when there is no response; a
 * `TransportError` (see its `mayHaveRun`) is retried as the built-in transport's are: one
 * with `mayHaveRun: false` proves the request never left, so even a write may be re-sent.
 * Any other rejection fails the call as it is, unretried.
 * `request.timeoutMs`, when set, is the call's own deadline for this exchange; `request.signal`
 * aborts it.
 *
 * @public
 */
export interface HttpTransport {
  send(request: TransportRequest): Promise<TransportResponse>;
}
