/**
 * A large response is held once while it is decoded. A REST success body is never held
 * whole: the transport hands its chunks to the request's sink, which parses them as they
 * arrive (./rest-streamed.test.ts checks it reads exactly what the whole text gives). Any
 * other body is copied into one buffer as it arrives when it has a Content-Length (no chunks
 * plus their concatenation), and reading the response lets go of the bytes as soon as they
 * are text. The peak RSS per MB of response is measured by `npm run bench`
 * (response-memory); this holds the mechanisms.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TransportError } from '../../../runtime/src/errors.ts';
import { readHttpResponse, type ExchangeTarget } from '../../../runtime/src/exchange.ts';
import { JsonBody, receiveJson } from '../../../runtime/src/rest/json-body.ts';
import type { TransportResponse } from '../../../runtime/src/transport.ts';
import { op, service } from '../codecs/fixture.ts';
import { BUILT_IN_TRANSPORTS } from './transports.ts';

const BODY = JSON.stringify({ CustomerRoles: Array.from({ length: 50_000 }, (_, i) => String(i)) });

describe('response bytes held once', () => {
  let server: Server;
  let origin: string;
  beforeAll(async () => {
    server = createServer((_req, res) => {
      const bytes = Buffer.from(BODY);
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': bytes.length });
      // Many small writes: the body arrives in many chunks.
      for (let i = 0; i < bytes.length; i += 4096) res.write(bytes.subarray(i, i + 4096));
      res.end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('reading the response lets go of its bytes once they are text', () => {
    const target: ExchangeTarget = {
      service,
      op: op('GetUser'),
      protocol: 'rest',
      url: `${origin}/x`,
    };
    const res: TransportResponse = { status: 200, headers: {}, body: Buffer.from(BODY) };
    const out = readHttpResponse(target, res, { redact: (s) => s, now: () => 0 });
    expect((out.value as { CustomerRoles: string[] }).CustomerRoles).toHaveLength(50_000);
    expect(res.body.byteLength).toBe(0);
  });

  describe.each(BUILT_IN_TRANSPORTS)('$name', ({ make }) => {
    it('the transport gathers a Content-Length body into one buffer of exactly that size', async () => {
      const transport = make();
      try {
        const res = await transport.send({
          url: `${origin}/x`,
          method: 'POST',
          headers: {},
          body: '{}',
          operation: 'GetUser',
        });
        expect(res.body.toString()).toBe(BODY);
        // One allocation of exactly the declared size, not a slice of a larger pool buffer.
        expect(res.body.buffer.byteLength).toBe(Buffer.byteLength(BODY));
      } finally {
        await transport.close();
      }
    });

    const request = { method: 'POST' as const, headers: {}, body: '{}', operation: 'GetUser' };
    const target: ExchangeTarget = { service, op: op('GetUser'), protocol: 'rest', url: '' };

    it('a REST success body goes to the sink: the transport keeps none of its bytes', async () => {
      const transport = make();
      try {
        const res = await transport.send({ ...request, url: `${origin}/x`, receive: receiveJson });
        expect(res.body.byteLength).toBe(0);
        expect(res.received).toBeInstanceOf(JsonBody);
        expect((res.received as JsonBody).byteLength).toBe(Buffer.byteLength(BODY));
        const out = readHttpResponse(target, res, { redact: (s) => s, now: () => 0 });
        expect(out.value).toEqual(JSON.parse(BODY));
        expect(res.received).toBeUndefined();
      } finally {
        await transport.close();
      }
    });

    it('a body given to a sink is still cut beyond maxResponseBytes', async () => {
      const transport = make({ maxResponseBytes: 100_000 });
      try {
        const sent = transport.send({ ...request, url: `${origin}/x`, receive: receiveJson });
        await expect(sent).rejects.toBeInstanceOf(TransportError);
        await expect(sent).rejects.toMatchObject({ reason: 'too-large' });
      } finally {
        await transport.close();
      }
    });
  });
});
