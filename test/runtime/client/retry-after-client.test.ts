import { describe, expect, it, vi } from 'vitest';

vi.mock('../../../runtime/src/rest/encode.js', () => import('./fake-codecs.ts'));
vi.mock('../../../runtime/src/rest/decode.js', () => import('./fake-codecs.ts'));

import { ThrottledError } from '../../../runtime/src/errors.ts';
import { adApiFaultJson, sendJson } from './fixtures.ts';
import { loopbackPerTest, makeClient } from './test-client.ts';

const { serve, track } = loopbackPerTest();

const throttledReply =
  (retryAfter: string) => (_req: unknown, res: Parameters<typeof sendJson>[0]) =>
    sendJson(res, 429, adApiFaultJson('trk-429', 117, 'CallRateExceeded', 'slow down'), {
      'retry-after': retryAfter,
    });

describe('Retry-After over a real connection', () => {
  it('Retry-After: 3600 → ThrottledError at once, one request, nothing waited', async () => {
    const server = await serve(throttledReply('3600'));
    const { client, sleep } = track(makeClient(server.url));
    const error = await client.getUser({}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ThrottledError);
    expect((error as ThrottledError).retryAfterMs).toBe(3_600_000);
    expect((error as ThrottledError).message).toMatch(/Retry after 3600 s/);
    expect(server.requests).toHaveLength(1);
    expect(sleep).not.toHaveBeenCalled();
  });

  it.each(['0', '-30', 'Thu, 01 Jan 1970 00:00:00 GMT'])(
    'Retry-After: %s on a 117 waits the 117 floor (60 s), not 0',
    async (value) => {
      const server = await serve((req, res, n) =>
        n === 1 ? throttledReply(value)(req, res) : sendJson(res, 200, { User: { Id: '1' } }),
      );
      const { client, sleep } = track(makeClient(server.url));
      await expect(client.getUser({})).resolves.toEqual({ User: { Id: '1' } });
      expect(sleep.mock.calls.map((c) => c[0])).toEqual([60_000]);
    },
  );
});
