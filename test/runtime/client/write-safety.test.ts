import type { ServerResponse } from 'node:http';
import { describe, expect, it, vi } from 'vitest';

vi.mock('../../../runtime/src/soap/encode.js', () => import('./fake-codecs.ts'));
vi.mock('../../../runtime/src/soap/decode.js', () => import('./fake-codecs.ts'));
vi.mock('../../../runtime/src/rest/encode.js', () => import('./fake-codecs.ts'));
vi.mock('../../../runtime/src/rest/decode.js', () => import('./fake-codecs.ts'));

import type { CallOptions, ClientOptions } from '../../../runtime/src/client.ts';
import type { OperationDescriptor, ServiceDescriptor } from '../../../runtime/src/descriptors.ts';
import { AdsApiError, TransportError } from '../../../runtime/src/errors.ts';
import { ATTEMPTS } from '../../../runtime/src/retry.ts';
import { closedPort } from '../../support/loopback-listen.ts';
import {
  DEVELOPER_TOKEN,
  adApiFaultJson,
  descriptor,
  sendJson,
  sendXml,
  soapOk,
} from './fixtures.ts';
import { fakeSleep, fakeTokens, loopbackPerTest, TestClient } from './test-client.ts';

/**
 * Writes are never sent twice: every scenario runs against a real loopback server that counts
 * the requests it received (each one is an execution: the server acted on it before the
 * answer was lost), and the client's retry budget is generous, so only the write rule can
 * keep the count at one.
 */

const getUser = descriptor.operations['GetUser']!;
const addUser: OperationDescriptor = {
  ...getUser,
  name: 'AddUser',
  kind: 'write',
  soap: { ...getUser.soap!, action: 'AddUser' },
  rest: { ...getUser.rest!, path: '/CustomerManagement/v13/User' },
};
const writeDescriptor: ServiceDescriptor = {
  ...descriptor,
  operations: { ...descriptor.operations, AddUser: addUser },
};

class WriteClient extends TestClient {
  addUser(request: object, options?: CallOptions): Promise<Record<string, unknown>> {
    return this.call('AddUser', request, options);
  }
}

const { serve, track } = loopbackPerTest();

function makeWriteClient(endpoint: string, overrides: Partial<ClientOptions> = {}) {
  const sleep = fakeSleep();
  const client = new WriteClient(writeDescriptor, {
    developerToken: DEVELOPER_TOKEN,
    auth: fakeTokens(),
    endpoint,
    retry: { sleep, random: () => 0.5, maxAttempts: 4, retryTimeouts: true },
    ...overrides,
  });
  return { client, sleep };
}

/** Status and headers of a 200, part of the body, then the connection drops. */
function cutAfterHeaders(res: ServerResponse, contentType = 'application/json'): void {
  res.writeHead(200, { 'content-type': contentType, 'content-length': '500' });
  res.write(contentType === 'application/json' ? '{"User":{"Id":"4' : '<s:Envelope');
  setTimeout(() => res.socket?.destroy(), 10);
}

const failure = (p: Promise<unknown>) =>
  p.then(
    () => undefined,
    (e: unknown) => e,
  );

describe('a write is not re-sent once it may have reached the service', () => {
  it.each(['rest', 'soap'] as const)(
    '%s: 200 headers, then the body is cut → one execution, TransportError mayHaveRun',
    async (protocol) => {
      const server = await serve((_req, res) =>
        cutAfterHeaders(res, protocol === 'rest' ? 'application/json' : 'text/xml'),
      );
      const { client, sleep } = track(makeWriteClient(server.url, { protocol }));
      const error = (await failure(client.addUser({ Name: 'x' }))) as TransportError;
      expect(error).toBeInstanceOf(TransportError);
      expect(error).toMatchObject({ reason: 'connection', mayHaveRun: true, httpStatus: 200 });
      expect(error.message).toMatch(/Not re-sent/);
      expect(error.toJSON()).toMatchObject({ mayHaveRun: true });
      expect(server.requests).toHaveLength(1);
      expect(sleep).not.toHaveBeenCalled();
    },
  );

  it('a reset after the request was written → one execution', async () => {
    const server = await serve((req, res) => res.socket?.resetAndDestroy());
    const { client } = track(makeWriteClient(server.url));
    const error = (await failure(client.addUser({}))) as TransportError;
    expect(error).toMatchObject({ reason: 'connection', mayHaveRun: true });
    expect(server.requests).toHaveLength(1);
  });

  it('a timeout after sending (retryTimeouts on) → one execution', async () => {
    const server = await serve(() => undefined); // reads the request, never answers
    const { client } = track(makeWriteClient(server.url, { timeoutMs: 150 }));
    const error = (await failure(client.addUser({}))) as TransportError;
    expect(error).toMatchObject({ reason: 'timeout', mayHaveRun: true });
    expect(server.requests).toHaveLength(1);
  });

  it('a retryable 503 whose body is cut is not a complete answer → one execution', async () => {
    const server = await serve((_req, res) => {
      res.writeHead(503, { 'content-type': 'application/json', 'content-length': '400' });
      res.write('{"TrackingId":"t","Type":"AdApiFaultDetail"');
      setTimeout(() => res.socket?.destroy(), 10);
    });
    const { client } = track(makeWriteClient(server.url));
    const error = (await failure(client.addUser({}))) as TransportError;
    expect(error).toMatchObject({ reason: 'connection', mayHaveRun: true, httpStatus: 503 });
    expect(server.requests).toHaveLength(1);
  });
});

describe('a write is retried when the failure proves it did not run', () => {
  it('complete retryable answers (0 InternalError, 117, HTML 503) → re-sent, then succeeds', async () => {
    const server = await serve((_req, res, n) => {
      if (n === 1) sendJson(res, 500, adApiFaultJson('t1', 0, 'InternalError', 'try again'));
      else if (n === 2)
        sendJson(res, 400, adApiFaultJson('t2', 117, 'CallRateExceeded', 'slow'), {
          'retry-after': '1',
        });
      else if (n === 3) {
        res.writeHead(503, { 'content-type': 'text/html' });
        res.end('<html>Service Unavailable</html>');
      } else sendJson(res, 200, { UserId: '7' });
    });
    const { client, sleep } = track(makeWriteClient(server.url));
    await expect(client.addUser({})).resolves.toEqual({ UserId: '7' });
    expect(server.requests).toHaveLength(4);
    expect(sleep).toHaveBeenCalledTimes(3);
  });

  it('a refused connection (nothing listening) → retried to maxAttempts, mayHaveRun false', async () => {
    const port = await closedPort();
    const { client, sleep } = track(makeWriteClient(`http://127.0.0.1:${port}`));
    const error = (await failure(client.addUser({}))) as TransportError;
    expect(error).toMatchObject({ reason: 'connection', mayHaveRun: false });
    expect(error.details.code).toBe('ECONNREFUSED');
    expect(error.message).not.toMatch(/Not re-sent/);
    expect((error as { [ATTEMPTS]?: number })[ATTEMPTS]).toBe(4);
    expect(sleep).toHaveBeenCalledTimes(3);
  });

  it('a validation fault is final for writes as for reads', async () => {
    const server = await serve((_req, res) =>
      sendJson(res, 400, adApiFaultJson('t', 1001, 'InvalidName', 'bad name')),
    );
    const { client } = track(makeWriteClient(server.url));
    await expect(client.addUser({})).rejects.toBeInstanceOf(AdsApiError);
    expect(server.requests).toHaveLength(1);
  });
});

describe('reads are still retried after the same failures', () => {
  it.each(['rest', 'soap'] as const)(
    '%s: a body cut after the headers → re-sent, then succeeds',
    async (protocol) => {
      const server = await serve((_req, res, n) => {
        if (n === 1)
          return cutAfterHeaders(res, protocol === 'rest' ? 'application/json' : 'text/xml');
        if (protocol === 'rest') sendJson(res, 200, { User: { Id: '4' } });
        else sendXml(res, 200, soapOk('trk', '<User><Id>4</Id></User>'));
      });
      const { client } = track(makeWriteClient(server.url, { protocol }));
      await expect(client.getUser({})).resolves.toMatchObject({ User: { Id: '4' } });
      expect(server.requests).toHaveLength(2);
    },
  );

  it('a reset after the request was written → re-sent', async () => {
    const server = await serve((_req, res, n) =>
      n === 1 ? res.socket?.resetAndDestroy() : sendJson(res, 200, { User: { Id: '5' } }),
    );
    const { client } = track(makeWriteClient(server.url));
    await expect(client.getUser({})).resolves.toEqual({ User: { Id: '5' } });
    expect(server.requests).toHaveLength(2);
  });
});
