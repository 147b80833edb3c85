import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TransportError } from '../../../runtime/src/errors.ts';
import type { NodeHttpTransport } from '../../../runtime/src/node-http-transport.ts';
import type { Transport } from '../../../runtime/src/transport.ts';
import { BUILT_IN_TRANSPORTS, type BuiltInTransport } from './transports.ts';

/**
 * What each built-in transport makes of real HTTP/1.1 responses on loopback: the final
 * response after informational ones, bodies of any framing, headers as undici gives them
 * (lower case, a repeat as a list), and the request as sent.
 */

let server: Server | undefined;
let transport: Transport | NodeHttpTransport | undefined;
let builtIn: BuiltInTransport;

afterEach(async () => {
  await transport?.close();
  if (server) {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server!.close(() => resolve()));
  }
  server = transport = undefined;
});

async function serve(handler: (req: IncomingMessage, res: ServerResponse) => void) {
  server = createServer(handler);
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  transport = builtIn.make({ timeoutMs: 5_000 });
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const send = (origin: string, path = '/svc?x=1', body = '{"a":1}') =>
  transport!.send({
    url: origin + path,
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-custom': 'v' },
    body,
    operation: 'GetThing',
  });

describe.each(BUILT_IN_TRANSPORTS)('$name over real HTTP', (each) => {
  beforeEach(() => {
    builtIn = each;
  });

  it('sends method, path with query, headers and body as given', async () => {
    let seen: { method?: string; url?: string; headers?: object; body?: string } = {};
    const origin = await serve((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        seen = {
          method: req.method,
          url: req.url,
          headers: req.headers,
          body: Buffer.concat(chunks).toString(),
        };
        res.end('ok');
      });
    });
    const response = await send(origin, '/a/b?c=d&e=f', 'é€😀');
    expect(response.status).toBe(200);
    expect(seen).toMatchObject({
      method: 'POST',
      url: '/a/b?c=d&e=f',
      headers: {
        'content-type': 'application/json',
        'x-custom': 'v',
        'content-length': String(Buffer.byteLength('é€😀')),
      },
      body: 'é€😀',
    });
  });

  it('frames a DELETE’s body with its Content-Length', async () => {
    let seen: { length?: string; body?: string } = {};
    const origin = await serve((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        seen = { length: req.headers['content-length'], body: Buffer.concat(chunks).toString() };
        res.end('deleted');
      });
    });
    const response = await transport!.send({
      url: `${origin}/thing`,
      method: 'DELETE',
      headers: { 'content-type': 'application/json' },
      body: '{"Ids":[1]}',
      operation: 'DeleteThing',
    });
    expect(response.status).toBe(200);
    expect(seen).toEqual({ length: '11', body: '{"Ids":[1]}' });
  });

  it('answers with the final response after a 103 Early Hints', async () => {
    const origin = await serve((_req, res) => {
      res.writeEarlyHints({ link: '</style.css>; rel=preload; as=style' });
      res.writeHead(201, { 'content-type': 'text/plain', 'x-trackingid': 't-1' });
      res.end('final body');
    });
    const response = await send(origin);
    expect(response.status).toBe(201);
    expect(response.body.toString()).toBe('final body');
    expect(response.headers['x-trackingid']).toBe('t-1');
    expect(response.headers['link']).toBeUndefined();
  });

  it('gathers a chunked body of many pieces, byte for byte', async () => {
    const pieces = Array.from({ length: 200 }, (_, i) => `piece-${i}-${'ü'.repeat(i % 7)};`);
    const origin = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
      for (const p of pieces) res.write(p);
      res.end();
    });
    const response = await send(origin);
    expect(response.headers['transfer-encoding']).toBe('chunked');
    expect(response.body.toString('utf8')).toBe(pieces.join(''));
  });

  it('gives header names in lower case and repeated headers as a list', async () => {
    const origin = await serve((_req, res) => {
      res.setHeader('X-MS-TrackingId', 'abc');
      res.setHeader('Set-Cookie', ['a=1', 'b=2']);
      res.end();
    });
    const response = await send(origin);
    expect(response.headers['x-ms-trackingid']).toBe('abc');
    expect(response.headers['set-cookie']).toEqual(['a=1', 'b=2']);
    expect(response.body.length).toBe(0);
  });

  it('turns a response that is not HTTP into a typed error, not a crash', async () => {
    const origin = await serve(() => undefined);
    server!.removeAllListeners('request');
    server!.on('connection', (socket) => socket.end('SSH-2.0-OpenSSH_9.6\r\n\r\n'));
    const error = await send(origin).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TransportError);
    expect((error as TransportError).reason).toBe('malformed-response');
    expect((error as TransportError).message).toMatch(
      /^GetThing: http:\/\/127\.0\.0\.1:\d+ sent an invalid HTTP response \((HPE_[A-Z_]+|HTTPParserError)\)$/,
    );
  });
});
