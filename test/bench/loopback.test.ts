import { request } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { LoopbackServer } from '../../scripts/bench/loopback.ts';

function post(
  origin: string,
  body: string,
  headers: Record<string, string>,
): Promise<{ status: number; type: string; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(`${origin}/svc`, { method: 'POST', headers, agent: false }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (text += d));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          type: String(res.headers['content-type']),
          body: text,
        }),
      );
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('LoopbackServer', () => {
  let server: LoopbackServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('notes the first bytes of a request and answers by the request head, once the body is in', async () => {
    server = await LoopbackServer.start();
    expect(server.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    server.respondWith((head) =>
      head.includes('content-type: application/json')
        ? { contentType: 'application/json', body: '{"ok":true}' }
        : { contentType: 'text/xml', body: '<ok/>' },
    );
    const before = process.hrtime.bigint();
    const first = server.nextFirstBytes();
    const json = await post(server.origin, '{"a":1}', { 'Content-Type': 'application/json' });
    const at = await first;
    expect(typeof at).toBe('bigint');
    expect(at >= before).toBe(true);
    expect(json).toEqual({ status: 200, type: 'application/json', body: '{"ok":true}' });

    const xml = await post(server.origin, 'x'.repeat(100_000), { 'Content-Type': 'text/xml' });
    expect(xml.body).toBe('<ok/>');
    expect(server.requests).toBe(2);
  });

  it('reads a chunked request to its last chunk', async () => {
    server = await LoopbackServer.start();
    server.respondWith(() => ({ contentType: 'text/plain', body: 'done' }));
    const res = await post(server.origin, 'hello', { 'Transfer-Encoding': 'chunked' });
    expect(res.body).toBe('done');
  });
});
