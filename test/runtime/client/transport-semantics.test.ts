import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TransportError } from '../../../runtime/src/errors.ts';
import type { TransportRequest } from '../../../runtime/src/transport.ts';
import { closedPort, listenOnLoopback } from '../../support/loopback-listen.ts';
import { DEVELOPER_TOKEN, sendJson } from './fixtures.ts';
import { realDescriptor } from './real-codecs-descriptor.ts';
import { fakeSleep, fakeTokens, TestClient } from './test-client.ts';
import { BUILT_IN_TRANSPORTS, type BuiltInTransport } from './transports.ts';

/**
 * What a failure means, the same for both built-in transports (node:http, a client's default;
 * undici, for a client with a proxy), against real servers on loopback: whether the request
 * may have reached the service (`mayHaveRun`, what keeps a write from being sent twice), each
 * timeout, the size cap, abort, the keep-alive pool and close(). Only outcomes are asserted,
 * never durations.
 */

type Handler = (req: IncomingMessage, res: ServerResponse, n: number) => void;

interface Loopback {
  origin: string;
  /** Requests received, in order. */
  requests: number;
  /** Connections accepted, and how many of them are closed by now. */
  connections: number;
  closed: number;
}

const cleanups: (() => Promise<unknown> | unknown)[] = [];
let make: BuiltInTransport['make'];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function serve(handler: Handler): Promise<Loopback> {
  const state: Loopback = { origin: '', requests: 0, connections: 0, closed: 0 };
  const server = createServer((req, res) => {
    const n = ++state.requests;
    req.resume();
    req.on('end', () => handler(req, res, n));
  });
  // The server keeps idle connections for a minute: what closes one sooner is the client.
  server.keepAliveTimeout = 60_000;
  server.on('connection', (socket: Socket) => {
    state.connections++;
    socket.on('close', () => state.closed++);
  });
  const { port, close } = await listenOnLoopback(server);
  cleanups.push(close);
  state.origin = `http://127.0.0.1:${port}`;
  return state;
}

function transport(options: Parameters<BuiltInTransport['make']>[0] = {}) {
  const t = make({ timeoutMs: 5_000, ...options });
  cleanups.push(() => t.close());
  return t;
}

const request = (origin: string, extra: Partial<TransportRequest> = {}): TransportRequest => ({
  url: `${origin}/Api/Svc.svc`,
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: '{"Name":"x"}',
  operation: 'AddThing',
  ...extra,
});

const failure = (p: Promise<unknown>) =>
  p.then(
    () => {
      throw new Error('expected a failure');
    },
    (e: unknown) => e as TransportError,
  );

/**
 * A turn of the event loop: undici puts a connection back in its pool just after it has
 * handed over the response, so a request sent at once would open another.
 */
const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

/** Resolves once `check` holds, polling the event loop (no wall-clock assertion). */
async function until(check: () => boolean): Promise<void> {
  while (!check()) await new Promise((resolve) => setTimeout(resolve, 5));
}

describe.each(BUILT_IN_TRANSPORTS)('$name', (each) => {
  beforeEach(() => {
    make = each.make;
  });

  describe('whether the request may have reached the service', () => {
    it('connection refused: not sent', async () => {
      const port = await closedPort();
      const error = await failure(transport().send(request(`http://127.0.0.1:${port}`)));
      expect(error).toBeInstanceOf(TransportError);
      expect(error).toMatchObject({ reason: 'connection', mayHaveRun: false });
      expect(error.details.code).toBe('ECONNREFUSED');
      expect(error.message).toMatch(
        /^AddThing: could not complete the request to http:\/\/127\.0\.0\.1:\d+ \(ECONNREFUSED\)/,
      );
    });

    it('the server closes the connection after reading the request: may have run', async () => {
      const server = await serve((_req, res) => res.socket?.destroy());
      const error = await failure(transport().send(request(server.origin)));
      expect(error).toMatchObject({ reason: 'connection', mayHaveRun: true });
      expect(error.httpStatus).toBeUndefined();
      expect(server.requests).toBe(1);
    });

    it('a pooled connection the server drops on the next request: may have run, not re-sent', async () => {
      const server = await serve((_req, res, n) =>
        n === 1 ? sendJson(res, 200, {}) : res.socket?.destroy(),
      );
      const t = transport();
      await expect(t.send(request(server.origin))).resolves.toMatchObject({ status: 200 });
      await nextTurn();
      const error = await failure(t.send(request(server.origin)));
      expect(error).toMatchObject({ reason: 'connection', mayHaveRun: true });
      // Sent once on the pooled connection, and not again on a fresh one by the stack itself.
      expect(server.requests).toBe(2);
      expect(server.connections).toBe(1);
    });

    it('a header value with a line break: refused before sending, as a programming error', async () => {
      const server = await serve((_req, res) => sendJson(res, 200, {}));
      const error = await failure(
        transport().send(request(server.origin, { headers: { 'x-note': 'a\r\nInjected: 1' } })),
      );
      expect(error).toBeInstanceOf(Error);
      expect(error).not.toBeInstanceOf(TransportError);
      expect(server.requests).toBe(0);
    });

    it('a body cut after the head: may have run, with the status', async () => {
      const server = await serve((_req, res) => {
        res.writeHead(200, { 'content-length': '500' });
        res.write('{"partial":');
        setTimeout(() => res.socket?.destroy(), 10);
      });
      const error = await failure(transport().send(request(server.origin)));
      expect(error).toMatchObject({ reason: 'connection', mayHaveRun: true, httpStatus: 200 });
      expect(error.message).toMatch(
        /^AddThing: the connection closed while reading the response from http:\/\/127\.0\.0\.1:\d+ /,
      );
    });
  });

  describe('timeouts', () => {
    it('no response head within timeoutMs: a headers timeout, may have run', async () => {
      const server = await serve(() => undefined);
      const error = await failure(
        transport({ timeoutMs: 150, attemptTimeoutMs: 60_000 }).send(request(server.origin)),
      );
      expect(error).toMatchObject({ reason: 'timeout', mayHaveRun: true });
      expect(error.details.code).toBe('UND_ERR_HEADERS_TIMEOUT');
      expect(error.message).toBe(
        `AddThing: timed out waiting for a response from ${server.origin}`,
      );
    });

    it('a body that stops mid-way: a body timeout with the status', async () => {
      const server = await serve((_req, res) => {
        res.writeHead(200, { 'content-length': '100' });
        res.write('{"started":');
      });
      const error = await failure(
        transport({ timeoutMs: 150, attemptTimeoutMs: 60_000 }).send(request(server.origin)),
      );
      expect(error).toMatchObject({ reason: 'timeout', mayHaveRun: true, httpStatus: 200 });
      expect(error.details.code).toBe('UND_ERR_BODY_TIMEOUT');
      expect(error.message).toBe(`AddThing: timed out reading the response from ${server.origin}`);
    });

    it('a request’s own timeoutMs replaces the transport’s', async () => {
      const server = await serve(() => undefined);
      const error = await failure(
        transport({ timeoutMs: 60_000 }).send(request(server.origin, { timeoutMs: 150 })),
      );
      expect(error).toMatchObject({ reason: 'timeout', mayHaveRun: true });
    });
  });

  describe('maxResponseBytes', () => {
    it('a declared Content-Length over the cap: dropped at once, nothing read', async () => {
      const server = await serve((_req, res) => {
        res.writeHead(200, { 'content-length': '1000' });
        res.write('x'.repeat(10));
      });
      const error = await failure(
        transport({ maxResponseBytes: 100 }).send(request(server.origin)),
      );
      expect(error).toMatchObject({ reason: 'too-large', httpStatus: 200 });
      expect(error.message).toBe(
        'AddThing: the response is larger than 100 bytes (maxResponseBytes); it was not read',
      );
      await until(() => server.closed >= 1);
    });

    it('no Content-Length: cut once the body passes the cap', async () => {
      const server = await serve((_req, res) => {
        res.writeHead(200, { 'content-type': 'text/plain' });
        for (let i = 0; i < 20; i++) res.write('y'.repeat(50));
      });
      const error = await failure(
        transport({ maxResponseBytes: 100 }).send(request(server.origin)),
      );
      expect(error).toMatchObject({ reason: 'too-large', httpStatus: 200 });
      await until(() => server.closed >= 1);
    });

    it('a body at the cap is read whole', async () => {
      const server = await serve((_req, res) => res.end('z'.repeat(100)));
      const response = await transport({ maxResponseBytes: 100 }).send(request(server.origin));
      expect(response.body.toString()).toBe('z'.repeat(100));
    });
  });

  describe('abort', () => {
    it('before connecting: aborted, not sent, nothing reaches the server', async () => {
      const server = await serve((_req, res) => sendJson(res, 200, {}));
      const t = transport();
      const already = await failure(
        t.send(request(server.origin, { signal: AbortSignal.abort() })),
      );
      expect(already).toMatchObject({ reason: 'aborted', mayHaveRun: false });
      const controller = new AbortController();
      const sent = t.send(request(server.origin, { signal: controller.signal }));
      controller.abort();
      expect(await failure(sent)).toMatchObject({ reason: 'aborted', mayHaveRun: false });
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(server.requests).toBe(0);
    });

    it('while the body arrives: aborted, may have run, the connection dropped', async () => {
      const server = await serve((_req, res) => {
        res.writeHead(200, { 'content-length': '100000' });
        res.write('a'.repeat(1000));
      });
      const controller = new AbortController();
      const error = await failure(
        transport().send(
          request(server.origin, {
            signal: controller.signal,
            receive: () => ({ write: () => controller.abort(), end: () => undefined }),
          }),
        ),
      );
      expect(error).toMatchObject({ reason: 'aborted', mayHaveRun: true, httpStatus: 200 });
      await until(() => server.closed >= 1);
    });
  });

  describe('the keep-alive pool', () => {
    it('sequential requests share one connection', async () => {
      const server = await serve((_req, res) => sendJson(res, 200, { ok: true }));
      const t = transport();
      for (let i = 0; i < 3; i++) {
        const response = await t.send(request(server.origin));
        expect(JSON.parse(response.body.toString())).toEqual({ ok: true });
        await nextTurn();
      }
      expect(server.requests).toBe(3);
      expect(server.connections).toBe(1);
    });

    it('an idle connection is closed after keepAliveTimeoutMs', async () => {
      const server = await serve((_req, res) => sendJson(res, 200, {}));
      await transport({ keepAliveTimeoutMs: 100 }).send(request(server.origin));
      await until(() => server.closed >= 1);
    });

    it('connections caps the sockets per origin', async () => {
      const waiting: ServerResponse[] = [];
      const server = await serve((_req, res) => {
        waiting.push(res);
        if (waiting.length === 1) setTimeout(() => sendJson(waiting[0]!, 200, { n: 1 }), 50);
        else sendJson(res, 200, { n: waiting.length });
      });
      const t = transport({ connections: 1 });
      const responses = await Promise.all([
        t.send(request(server.origin)),
        t.send(request(server.origin)),
      ]);
      expect(responses.map((r) => r.status)).toEqual([200, 200]);
      expect(server.connections).toBe(1);
    });
  });

  describe('close()', () => {
    it('lets a pending request finish, then refuses sends as not sent', async () => {
      let answer!: () => void;
      const server = await serve((_req, res) => {
        answer = () => sendJson(res, 200, { late: true });
      });
      const t = transport();
      const pending = t.send(request(server.origin));
      await until(() => server.requests === 1);
      const closing = t.close();
      answer();
      const response = await pending;
      expect(JSON.parse(response.body.toString())).toEqual({ late: true });
      await closing;
      const refused = await failure(t.send(request(server.origin)));
      expect(refused).toMatchObject({ reason: 'aborted', mayHaveRun: false });
      expect(refused.message).toBe('AddThing: the client was closed');
      await until(() => server.closed >= 1);
      expect(server.requests).toBe(1);
    });

    it('closes a transport that never sent, and is safe to call twice', async () => {
      const t = transport();
      await expect(t.close()).resolves.toBeUndefined();
      await expect(t.close()).resolves.toBeUndefined();
      await expect(t.send(request('http://127.0.0.1:9'))).rejects.toThrow(
        'AddThing: the client was closed',
      );
    });
  });

  describe('through a client (transport option)', () => {
    function client(origin: string) {
      const t = transport();
      const c = new TestClient(realDescriptor, {
        protocol: 'rest',
        developerToken: DEVELOPER_TOKEN,
        auth: fakeTokens(),
        endpoint: origin,
        transport: t,
        retry: { sleep: fakeSleep(), random: () => 0.5, maxAttempts: 4 },
      });
      cleanups.push(() => c.close());
      return c;
    }

    it('a write whose connection closed after it was read is not re-sent', async () => {
      const server = await serve((_req, res) => res.socket?.destroy());
      const error = await failure(client(server.origin).restOnly());
      expect(error).toMatchObject({ reason: 'connection', mayHaveRun: true });
      expect(server.requests).toBe(1);
    });

    it('a read after the same failure is re-sent, then succeeds', async () => {
      const server = await serve((_req, res, n) =>
        n === 1 ? res.socket?.destroy() : sendJson(res, 200, { User: { Id: '5' } }),
      );
      await expect(client(server.origin).getUser({})).resolves.toEqual({ User: { Id: '5' } });
      expect(server.requests).toBe(2);
    });
  });
});
