import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('../../../runtime/src/soap/encode.js', () => import('./fake-codecs.ts'));
vi.mock('../../../runtime/src/soap/decode.js', () => import('./fake-codecs.ts'));
vi.mock('../../../runtime/src/rest/encode.js', () => import('./fake-codecs.ts'));
vi.mock('../../../runtime/src/rest/decode.js', () => import('./fake-codecs.ts'));

import { TransportError } from '../../../runtime/src/errors.ts';
import {
  DEFAULT_ATTEMPT_TIMEOUT_MS,
  type TransportOptions,
  type TransportRequest,
} from '../../../runtime/src/transport.ts';
import { DEVELOPER_TOKEN, descriptor } from './fixtures.ts';
import { fakeTokens, loopbackPerTest, makeClient, TestClient } from './test-client.ts';
import { BUILT_IN_TRANSPORTS, type BuiltInTransport } from './transports.ts';

/**
 * The per-attempt deadline (attemptTimeoutMs) over real loopback HTTP: a hostile server that
 * drips a byte well inside the idle timeout must still end in a typed timeout. Only outcomes
 * are asserted, never durations.
 */

type Reply = (res: ServerResponse) => void;

const servers: Server[] = [];
const transports: ReturnType<BuiltInTransport['make']>[] = [];
/** The built-in transport under test (each describe.each case sets it). */
let make: BuiltInTransport['make'];
const intervals: NodeJS.Timeout[] = [];

afterEach(async () => {
  for (const i of intervals.splice(0)) clearInterval(i);
  await Promise.all(transports.splice(0).map((t) => t.close()));
  await Promise.all(
    servers.splice(0).map(
      (s) =>
        new Promise<void>((resolve) => {
          s.closeAllConnections();
          s.close(() => resolve());
        }),
    ),
  );
  vi.restoreAllMocks();
});

/** Loopback server answering every request with `reply`; `closed` settles when a response's connection goes. */
async function serve(reply: Reply) {
  let connectionClosed!: () => void;
  const closed = new Promise<void>((resolve) => (connectionClosed = resolve));
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => reply(res));
  });
  server.on('connection', (s: Socket) => s.on('close', () => connectionClosed()));
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { origin: `http://127.0.0.1:${port}`, closed };
}

/** Sends a 200 head, then one body byte every `everyMs`, forever (until the socket closes). */
function drip(everyMs: number): Reply {
  return (res) => {
    res.writeHead(200, { 'content-type': 'text/xml', 'content-length': '1000000' });
    res.write('<');
    const timer = setInterval(() => {
      if (!res.destroyed) res.write('x');
    }, everyMs);
    intervals.push(timer);
    res.on('close', () => clearInterval(timer));
  };
}

function transport(options: Omit<TransportOptions, 'proxy'>) {
  const t = make(options);
  transports.push(t);
  return t;
}

const request = (origin: string, extra: Partial<TransportRequest> = {}): TransportRequest => ({
  url: `${origin}/Api/Svc.svc`,
  method: 'POST',
  headers: { 'content-type': 'text/xml', authorizationtoken: 'secret-token-value' },
  body: '<Envelope/>',
  operation: 'GetUser',
  ...extra,
});

describe.each(BUILT_IN_TRANSPORTS)('$name', (each) => {
  beforeEach(() => {
    make = each.make;
  });

  describe('attemptTimeoutMs: total deadline of one HTTP attempt', () => {
    it('a body dripping under the idle timeout ends as TransportError timeout naming operation and deadline', async () => {
      const server = await serve(drip(40));
      const t = transport({ timeoutMs: 200, attemptTimeoutMs: 500 });
      const error = (await t.send(request(server.origin)).then(
        () => undefined,
        (e: unknown) => e,
      )) as TransportError;
      expect(error).toBeInstanceOf(TransportError);
      expect(error.reason).toBe('timeout');
      expect(error.message).toBe(
        `GetUser: the response was not complete from ${server.origin} within the attempt deadline of 500 ms (attemptTimeoutMs)`,
      );
      expect(error.httpStatus).toBe(200);
      expect(error.operation).toBe('GetUser');
      expect(JSON.stringify(error)).not.toContain('secret-token-value');
      // The attempt was really abandoned: the connection to the hostile server is dropped.
      await server.closed;
    });

    it('a server that never answers, with idle timeouts disabled (0), still ends at the deadline', async () => {
      const server = await serve(() => {});
      const t = transport({ timeoutMs: 0, attemptTimeoutMs: 300 });
      const error = (await t
        .send(request(server.origin))
        .catch((e: unknown) => e)) as TransportError;
      expect(error).toBeInstanceOf(TransportError);
      expect(error.reason).toBe('timeout');
      expect(error.message).toBe(
        `GetUser: no response from ${server.origin} within the attempt deadline of 300 ms (attemptTimeoutMs)`,
      );
      expect(error.httpStatus).toBeUndefined();
      await server.closed;
    });

    it('the idle timeout still applies on its own when it comes first', async () => {
      const server = await serve(() => {});
      const t = transport({ timeoutMs: 200, attemptTimeoutMs: 60_000 });
      const error = (await t
        .send(request(server.origin))
        .catch((e: unknown) => e)) as TransportError;
      expect(error.reason).toBe('timeout');
      expect(error.message).toBe(`GetUser: timed out waiting for a response from ${server.origin}`);
    });
  });

  describe('the deadline timer is unref’d and cleared on every outcome', () => {
    const DEADLINE = 43_210; // distinctive, so undici's own timers are not mistaken for it

    async function deadlineTimerAfter(
      reply: Reply,
      extra: Partial<TransportRequest> = {},
    ): Promise<{ outcome: string; cleared: boolean; refed: boolean }> {
      const server = await serve(reply);
      const setSpy = vi.spyOn(globalThis, 'setTimeout');
      const clearSpy = vi.spyOn(globalThis, 'clearTimeout');
      const t = transport({ timeoutMs: 10_000, attemptTimeoutMs: DEADLINE });
      const outcome = await t.send(request(server.origin, extra)).then(
        (r) => `status ${r.status}`,
        (e: TransportError) => `error ${e.reason}`,
      );
      const index = setSpy.mock.calls.findIndex((c) => c[1] === DEADLINE);
      expect(index).toBeGreaterThanOrEqual(0);
      const timer = setSpy.mock.results[index]!.value as NodeJS.Timeout;
      return {
        outcome,
        cleared: clearSpy.mock.calls.some((c) => c[0] === timer),
        refed: timer.hasRef(),
      };
    }

    it.each<[string, Reply, string]>([
      ['success', (res) => res.end('<ok/>'), 'status 200'],
      [
        'HTTP 500',
        (res) => {
          res.statusCode = 500;
          res.end('<fault/>');
        },
        'status 500',
      ],
      ['connection reset', (res) => res.socket?.destroy(), 'error connection'],
    ])('%s', async (_name, reply, expected) => {
      expect(await deadlineTimerAfter(reply)).toEqual({
        outcome: expected,
        cleared: true,
        refed: false,
      });
    });

    it('caller abort', async () => {
      const controller = new AbortController();
      const result = await deadlineTimerAfter(
        () => {
          controller.abort();
        },
        { signal: controller.signal },
      );
      expect(result).toEqual({ outcome: 'error aborted', cleared: true, refed: false });
    });
  });

  describe('option validation', () => {
    it('defaults to 300 s, or to timeoutMs when that is larger', () => {
      expect(DEFAULT_ATTEMPT_TIMEOUT_MS).toBe(300_000);
      expect(transport({}).attemptTimeoutMs).toBe(300_000);
      expect(transport({ timeoutMs: 400_000 }).attemptTimeoutMs).toBe(400_000);
      expect(transport({ timeoutMs: 1000, attemptTimeoutMs: 1000 }).attemptTimeoutMs).toBe(1000);
    });

    it('rejects a deadline shorter than the idle timeout', () => {
      expect(() => make({ timeoutMs: 1000, attemptTimeoutMs: 999 })).toThrow(
        new TypeError(
          'attemptTimeoutMs (999 ms) must be ≥ timeoutMs (1000 ms): the total deadline of an attempt cannot be shorter than its idle timeout',
        ),
      );
      // The implicit 100 s idle timeout counts too.
      expect(() => make({ attemptTimeoutMs: 50_000 })).toThrow(TypeError);
    });

    it.each([0, -5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 31, '500' as unknown as number])(
      'rejects attemptTimeoutMs %s',
      (bad) => {
        expect(() => make({ timeoutMs: 0, attemptTimeoutMs: bad })).toThrow(
          /^attemptTimeoutMs must be a number of milliseconds in \(0, 2147483647\], not /,
        );
      },
    );

    it('rejects an unusable timeoutMs', () => {
      expect(() => make({ timeoutMs: -1 })).toThrow(
        /^timeoutMs must be a finite number of milliseconds ≥ 0, not -1$/,
      );
    });
  });
});

describe('through the client', () => {
  const { serve: serveFixture, track } = loopbackPerTest();

  it('ClientOptions.attemptTimeoutMs reaches the transport; expiry is not retried', async () => {
    let requests = 0;
    const server = await serveFixture((_req, res) => {
      requests++;
      drip(40)(res);
    });
    const { client, sleep } = track(
      makeClient(server.url, { timeoutMs: 200, attemptTimeoutMs: 500 }),
    );
    const error = (await client.getUser({}).catch((e: unknown) => e)) as TransportError;
    expect(error).toBeInstanceOf(TransportError);
    expect(error.reason).toBe('timeout');
    expect(error.message).toMatch(
      /^GetUser: the response was not complete from http:\/\/127\.0\.0\.1:\d+ within the attempt deadline of 500 ms \(attemptTimeoutMs\)$/,
    );
    expect(requests).toBe(1);
    expect(sleep).not.toHaveBeenCalled();
  });

  it('an attemptTimeoutMs below timeoutMs fails the constructor with a TypeError', () => {
    expect(
      () =>
        new TestClient(descriptor, {
          developerToken: DEVELOPER_TOKEN,
          auth: fakeTokens(),
          endpoint: 'http://127.0.0.1:9',
          timeoutMs: 5000,
          attemptTimeoutMs: 1000,
        }),
    ).toThrow(/^attemptTimeoutMs \(1000 ms\) must be ≥ timeoutMs \(5000 ms\)/);
  });
});
