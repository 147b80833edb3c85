import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  getResponseMetadata,
  type RawResponse,
  type RequestHookEvent,
  type WithResponse,
} from '@adsgen/runtime';
import {
  CustomerManagementClient,
  type GetUserResponse,
} from '../../generated/customer-management/dist/index.js';
import { startMockServer, type MockServer } from '../../mock/src/server.ts';
import { sandboxOptions } from './harness.ts';

/**
 * The generated client's `withResponse` view, as a consumer calls it, against the mock on
 * both protocols: the decoded value with the HTTP status, headers and TrackingId, typed; and
 * per-call options and hooks reaching a generated method.
 */
let server: MockServer;
beforeAll(async () => {
  server = await startMockServer();
});
afterAll(async () => {
  await server.close();
});

describe.each(['rest', 'soap'] as const)('%s: client.withResponse', (protocol) => {
  it('resolves to { data, response } with the status, headers and TrackingId', async () => {
    const client = new CustomerManagementClient(sandboxOptions(server, protocol));
    try {
      const result = await client.withResponse.getUser({ UserId: null });
      // Typed: the data is the operation's response, the response a RawResponse.
      const typed: WithResponse<GetUserResponse> = result;
      const response: RawResponse = typed.response;
      expect(result.data.User?.Id).toBe(server.state.ids.userId);
      expect(response).toMatchObject({ status: 200, protocol, attempts: 1 });
      expect(response.trackingId).toMatch(/\S/);
      expect(response.trackingId).toBe(getResponseMetadata(result.data)?.trackingId);
      expect(String(response.headers['content-type'])).toContain(
        protocol === 'soap' ? 'text/xml' : 'application/json',
      );
      expect(Object.isFrozen(response.headers)).toBe(true);
      // The same view object each time, and the plain method still resolves to the value.
      expect(client.withResponse).toBe(client.withResponse);
      expect((await client.getUser({ UserId: null })).User?.Id).toBe(server.state.ids.userId);
      // @ts-expect-error: the data is a GetUserResponse, which has no Accounts
      expect(result.data.Accounts).toBeUndefined();
      // @ts-expect-error: withResponse holds the operations only
      expect(client.withResponse.close).toBeUndefined();
    } finally {
      await client.close();
    }
  });

  it('per-call protocol and hooks reach a generated method', async () => {
    const other = protocol === 'soap' ? 'rest' : 'soap';
    const requests: RequestHookEvent[] = [];
    const client = new CustomerManagementClient(
      sandboxOptions(server, protocol, { hooks: { onRequest: (e) => requests.push(e) } }),
    );
    try {
      const { response } = await client.withResponse.getUser(
        { UserId: null },
        { protocol: other, timeoutMs: 30_000, retry: { maxAttempts: 2 } },
      );
      expect(response.protocol).toBe(other);
      expect(requests.map((r) => [r.operation, r.protocol])).toEqual([['GetUser', other]]);
    } finally {
      await client.close();
    }
  });
});
