import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ClientOptions } from '../../../runtime/src/client.ts';
import { OperationUnavailableError, TransportError } from '../../../runtime/src/errors.ts';
import type { ClientHooks } from '../../../runtime/src/hooks.ts';
import type { HttpTransport } from '../../../runtime/src/http-transport.ts';
import type { TransportRequest } from '../../../runtime/src/transport.ts';
import {
  DEVELOPER_TOKEN,
  SECRETS,
  adApiFaultJson,
  sendJson,
  sendXml,
  soapOk,
  type Handler,
  type TestServer,
} from './fixtures.ts';
import { realDescriptor } from './real-codecs-descriptor.ts';
import { fakeSleep, fakeTokens, loopbackPerTest, TestClient } from './test-client.ts';

/**
 * The client's extension points with the real codecs: a transport of the user's own, hooks
 * (their order over a retry, what they see, what a failing one does), and the per-call
 * options timeoutMs, retry and protocol.
 */

const { serve: start, track } = loopbackPerTest();
let server: TestServer | undefined;
afterEach(() => {
  server = undefined;
});

async function serve(handler: Handler): Promise<TestServer> {
  return (server = await start(handler));
}

function make(options: Partial<ClientOptions> = {}) {
  const sleep = fakeSleep();
  const client = new TestClient(realDescriptor, {
    protocol: 'rest',
    developerToken: DEVELOPER_TOKEN,
    auth: fakeTokens(),
    ...(options.transport || !server ? {} : { endpoint: server.url }),
    retry: { sleep, random: () => 0.5 },
    ...options,
  });
  return track({ client, sleep });
}

const throttled = (res: Parameters<Handler>[1]) =>
  sendJson(res, 429, adApiFaultJson('trk-117', 117, 'CallRateExceeded', 'Call rate exceeded.'), {
    'retry-after': '1',
    TrackingId: 'trk-117',
  });

/** Hooks that write one line per event into `seen`. */
function recordingHooks(seen: string[], events: unknown[] = []): ClientHooks {
  return {
    onRequest: (e) => {
      events.push(e);
      seen.push(`request ${e.attempt} ${e.method} ${e.operation}`);
    },
    onResponse: (e) => {
      events.push(e);
      seen.push(`response ${e.attempt} ${e.status} ${e.trackingId}`);
    },
    onError: (e) => {
      events.push(e);
      seen.push(`error after ${e.attempts}: ${(e.error as Error).name}`);
    },
  };
}

describe('ClientOptions.transport', () => {
  it('a transport of the user’s own gets each request and its response is decoded', async () => {
    const requests: TransportRequest[] = [];
    const close = vi.fn();
    const transport: HttpTransport & { close: () => void } = {
      async send(request) {
        requests.push(request);
        return {
          status: 200,
          headers: { 'content-type': 'application/json', trackingid: 'trk-own' },
          body: Buffer.from(JSON.stringify({ User: { Id: '9007199254740993', UserName: 'ann' } })),
        };
      },
      close,
    };
    const { client } = make({ transport, endpoint: 'https://example.invalid' });
    const result = await client.getUser({ UserId: '5' }, { timeoutMs: 1234 });
    expect(result).toEqual({ User: { Id: '9007199254740993', UserName: 'ann' } });
    expect(requests).toHaveLength(1);
    expect(requests[0]).toMatchObject({
      url: 'https://example.invalid/CustomerManagement/v13/User/Query',
      method: 'POST',
      operation: 'GetUser',
      timeoutMs: 1234,
    });
    expect(JSON.parse(requests[0]!.body)).toEqual({ UserId: '5' });
    expect(requests[0]!.headers['developertoken']).toBe(DEVELOPER_TOKEN);
    // The client did not make the transport: it leaves it open.
    await client.close();
    expect(close).not.toHaveBeenCalled();
  });

  it('a rejection proving nothing was sent is retried, even for a write', async () => {
    let n = 0;
    const transport: HttpTransport = {
      async send(request) {
        if (++n === 1) {
          throw new TransportError('connection', `${request.operation}: refused`, {
            mayHaveRun: false,
          });
        }
        return { status: 200, headers: {}, body: Buffer.from('{}') };
      },
    };
    const { client } = make({ transport });
    await client.restOnly();
    expect(n).toBe(2);
  });

  it('refuses a transport without send, and the built-in transport’s options beside one', () => {
    const auth = fakeTokens();
    const base = { developerToken: DEVELOPER_TOKEN, auth };
    expect(
      () => new TestClient(realDescriptor, { ...base, transport: {} as HttpTransport }),
    ).toThrow('transport must have a send(request) method');
    const transport: HttpTransport = {
      send: async () => ({ status: 200, headers: {}, body: Buffer.alloc(0) }),
    };
    expect(
      () =>
        new TestClient(realDescriptor, {
          ...base,
          transport,
          proxy: 'env',
          maxResponseBytes: 5,
        }),
    ).toThrow('maxResponseBytes, proxy configure the built-in transport');
  });
});

describe('hooks', () => {
  it('over a 117 then success: onRequest, onResponse(429), onRequest, onResponse(200)', async () => {
    await serve((_req, res, n) =>
      n === 1
        ? throttled(res)
        : sendJson(res, 200, { User: { Id: '1' } }, { TrackingId: 'trk-ok' }),
    );
    const seen: string[] = [];
    const events: unknown[] = [];
    const { client, sleep } = make({ hooks: recordingHooks(seen, events) });
    await client.getUser({});
    expect(seen).toEqual([
      'request 1 POST GetUser',
      'response 1 429 trk-117',
      'request 2 POST GetUser',
      'response 2 200 trk-ok',
    ]);
    expect(sleep).toHaveBeenCalledTimes(1);
    // One call: one id on every event; the request headers with the credentials masked.
    expect(new Set(events.map((e) => (e as { callId: number }).callId)).size).toBe(1);
    expect(events[0]).toMatchObject({
      service: 'customer-management',
      protocol: 'rest',
      shadow: false,
      url: `${server!.url}/CustomerManagement/v13/User/Query`,
      headers: { authorization: '[REDACTED]', developertoken: '[REDACTED]' },
    });
    expect(Object.isFrozen((events[0] as { headers: object }).headers)).toBe(true);
    const text = JSON.stringify(events);
    for (const secret of SECRETS) expect(text).not.toContain(secret);
  });

  it('onError once when the call fails for good, after its last response', async () => {
    await serve((_req, res) => throttled(res));
    const seen: string[] = [];
    const events: unknown[] = [];
    const { client } = make({
      hooks: recordingHooks(seen, events),
      retry: { maxAttempts: 2, sleep: fakeSleep() },
    });
    await expect(client.getUser({})).rejects.toMatchObject({ name: 'ThrottledError' });
    expect(seen).toEqual([
      'request 1 POST GetUser',
      'response 1 429 trk-117',
      'request 2 POST GetUser',
      'response 2 429 trk-117',
      'error after 2: ThrottledError',
    ]);
    const text = JSON.stringify(
      events.map((e) => ({ ...(e as object), error: String((e as { error?: unknown }).error) })),
    );
    for (const secret of SECRETS) expect(text).not.toContain(secret);
  });

  it('onError for a call refused before sending: no request, attempts 0', async () => {
    const seen: string[] = [];
    const { client } = make({ hooks: recordingHooks(seen), endpoint: 'http://127.0.0.1:9' });
    await expect(client.soapOnly({ protocol: 'rest' })).rejects.toBeInstanceOf(
      OperationUnavailableError,
    );
    expect(seen).toEqual(['error after 0: OperationUnavailableError']);
  });

  it('a hook that throws or rejects fails nothing and sends a write once', async () => {
    await serve((_req, res) => sendJson(res, 200, {}));
    const warn = vi.fn();
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      const { client } = make({
        logger: { warn },
        hooks: {
          onRequest: () => {
            throw new Error(`tracer down ${DEVELOPER_TOKEN}`);
          },
          onResponse: () => Promise.reject(new Error('exporter down')),
        },
      });
      await expect(client.restOnly()).resolves.toEqual({});
      await new Promise((resolve) => setTimeout(resolve, 10));
      expect(server!.requests).toHaveLength(1);
      expect(unhandled).toEqual([]);
      const lines = warn.mock.calls.map((c) => String(c[0]));
      expect(lines).toEqual([
        'RestOnly: hook onRequest failed: Error: tracer down [REDACTED]',
        'RestOnly: hook onResponse failed: Error: exporter down',
      ]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });
});

describe('CallOptions', () => {
  it('timeoutMs bounds each attempt of this call only', async () => {
    // Answers the second request at once and never the first.
    await serve((_req, res, n) => {
      if (n > 1) sendJson(res, 200, { User: null });
    });
    const { client } = make({ retry: false });
    const error = await client.getUser({}, { timeoutMs: 200 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TransportError);
    expect(error).toMatchObject({ reason: 'timeout' });
    // The next call has the client's timeouts again (100 s): it gets its answer.
    await expect(client.getUser({})).resolves.toEqual({ User: null });
  });

  it('a bad timeoutMs is a TypeError and nothing is sent', async () => {
    await serve((_req, res) => sendJson(res, 200, {}));
    const { client } = make();
    for (const bad of [0, -1, Number.NaN, Infinity, 2 ** 31]) {
      await expect(client.getUser({}, { timeoutMs: bad })).rejects.toThrow(
        'CallOptions.timeoutMs must be a number of milliseconds',
      );
    }
    expect(server!.requests).toHaveLength(0);
  });

  it('retry: false or { maxAttempts } for this call, over the client’s policy', async () => {
    await serve((_req, res) => throttled(res));
    const { client } = make({ retry: { maxAttempts: 4, sleep: fakeSleep() } });
    await expect(client.getUser({}, { retry: false })).rejects.toMatchObject({
      name: 'ThrottledError',
    });
    expect(server!.requests).toHaveLength(1);
    await expect(client.getUser({}, { retry: { maxAttempts: 2 } })).rejects.toMatchObject({
      name: 'ThrottledError',
    });
    expect(server!.requests).toHaveLength(3);
  });

  it('more attempts for a call never re-send a write whose answer was lost', async () => {
    await serve((req, res) => res.socket?.destroy());
    const { client } = make({ retry: false });
    const error = await client
      .restOnly({ retry: { maxAttempts: 6, retryTimeouts: true } })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TransportError);
    expect(error).toMatchObject({ mayHaveRun: true });
    expect(server!.requests).toHaveLength(1);
  });

  it('protocol: this call over SOAP on a REST client; one the operation lacks is refused', async () => {
    await serve((req, res) =>
      req.headers['soapaction'] ? sendXml(res, 200, soapOk('trk-s')) : sendJson(res, 200, {}),
    );
    const { client } = make();
    const value = await client.getUser({ UserId: '7' }, { protocol: 'soap' });
    expect(value).toEqual({ User: { Id: '42' } });
    expect(server!.requests[0]).toMatchObject({
      url: realDescriptor.soap.path,
      headers: { soapaction: '"GetUser"' },
    });
    await expect(client.restOnly({ protocol: 'soap' })).rejects.toBeInstanceOf(
      OperationUnavailableError,
    );
    await expect(client.getUser({}, { protocol: 'grpc' as unknown as 'soap' })).rejects.toThrow(
      "CallOptions.protocol must be 'soap' or 'rest', not 'grpc'",
    );
    expect(server!.requests).toHaveLength(1);
  });
});
