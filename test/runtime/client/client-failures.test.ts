import { describe, expect, it, vi } from 'vitest';

vi.mock('../../../runtime/src/soap/encode.js', () => import('./fake-codecs.ts'));
vi.mock('../../../runtime/src/soap/decode.js', () => import('./fake-codecs.ts'));
vi.mock('../../../runtime/src/rest/encode.js', () => import('./fake-codecs.ts'));
vi.mock('../../../runtime/src/rest/decode.js', () => import('./fake-codecs.ts'));

import { getResponseMetadata } from '../../../runtime/src/client.ts';
import {
  AuthenticationError,
  AdsBatchError,
  ThrottledError,
  TransportError,
} from '../../../runtime/src/errors.ts';
import {
  ACCESS_TOKEN_1,
  ACCESS_TOKEN_2,
  adApiFaultJson,
  adApiFaultXml,
  sendJson,
  sendXml,
  soapFault,
  soapOk,
} from './fixtures.ts';
import { fakeSleep, loopbackPerTest, makeClient } from './test-client.ts';

const { serve, track } = loopbackPerTest();

describe('expired token: one refresh, one retry', () => {
  it('REST 401 with code 109 → invalidate + getAccessToken once more, one retry with the new token', async () => {
    const server = await serve((_req, res, n) =>
      n === 1
        ? sendJson(
            res,
            401,
            adApiFaultJson(
              'trk-109',
              109,
              'AuthenticationTokenExpired',
              'Authentication token expired.',
            ),
          )
        : sendJson(res, 200, { User: { Id: '1' } }, { TrackingId: 'trk-ok' }),
    );
    const { client, auth, sleep } = track(makeClient(server.url));
    const result = await client.getUser({});

    expect(result).toEqual({ User: { Id: '1' } });
    expect(auth.invalidate).toHaveBeenCalledTimes(1);
    expect(auth.getAccessToken).toHaveBeenCalledTimes(2);
    expect(server.requests.map((r) => r.headers['authorization'])).toEqual([
      `Bearer ${ACCESS_TOKEN_1}`,
      `Bearer ${ACCESS_TOKEN_2}`,
    ]);
    expect(sleep).not.toHaveBeenCalled();
    expect(getResponseMetadata(result)).toMatchObject({ attempts: 2, trackingId: 'trk-ok' });
  });

  it('a second rejection is final: AuthenticationError after exactly two requests and one refresh', async () => {
    const server = await serve((_req, res) =>
      sendJson(
        res,
        401,
        adApiFaultJson(
          'trk-again',
          109,
          'AuthenticationTokenExpired',
          'Authentication token expired.',
        ),
      ),
    );
    const { client, auth } = track(makeClient(server.url));
    const error = await client.getUser({}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect((error as AuthenticationError).hint).toBe('access-token-invalid-or-expired');
    expect(server.requests).toHaveLength(2);
    expect(auth.invalidate).toHaveBeenCalledTimes(1);
  });

  it('SOAP fault 3101 (HTTP 500) refreshes too, even with retries disabled', async () => {
    const server = await serve((_req, res, n) =>
      n === 1
        ? sendXml(
            res,
            500,
            soapFault(
              'trk-3101',
              adApiFaultXml('trk-3101', 3101, 'OAuthTokenInvalid', 'Invalid OAuth token.'),
            ),
          )
        : sendXml(res, 200, soapOk('trk-ok')),
    );
    const { client, auth } = track(makeClient(server.url, { protocol: 'soap', retry: false }));
    await client.getUser({});
    expect(auth.invalidate).toHaveBeenCalledTimes(1);
    expect(server.requests[1]!.body).toContain(
      `<h:AuthenticationToken>${ACCESS_TOKEN_2}</h:AuthenticationToken>`,
    );
  });
});

describe('code 105: AuthenticationError with TrackingId and no token', () => {
  for (const protocol of ['rest', 'soap'] as const) {
    it(`${protocol}`, async () => {
      const message =
        'Authentication failed. Either supplied credentials are invalid or the account is inactive';
      const server = await serve((_req, res) =>
        protocol === 'rest'
          ? sendJson(res, 401, adApiFaultJson('trk-105', 105, 'InvalidCredentials', message), {
              TrackingId: 'trk-105',
            })
          : sendXml(
              res,
              500,
              soapFault('trk-105', adApiFaultXml('trk-105', 105, 'InvalidCredentials', message)),
            ),
      );
      const { client } = track(makeClient(server.url, { protocol }));
      const error = (await client.getUser({}).catch((e: unknown) => e)) as AuthenticationError;

      expect(error).toBeInstanceOf(AuthenticationError);
      expect(error.trackingId).toBe('trk-105');
      expect(error.protocol).toBe(protocol);
      expect(error.errors).toEqual([
        {
          code: 105,
          errorCode: 'InvalidCredentials',
          message,
          kind: 'api',
          ...(protocol === 'soap' ? { details: '' } : {}),
        },
      ]);
      expect(error.message).toContain(
        `GetUser failed (${protocol.toUpperCase()}, HTTP ${protocol === 'rest' ? 401 : 500}): 105 InvalidCredentials: ${message}`,
      );
      expect(error.message).toContain('[TrackingId trk-105]');
      for (const text of [error.message, error.stack ?? '', JSON.stringify(error)]) {
        expect(text).not.toContain(ACCESS_TOKEN_1);
        expect(text).not.toContain(ACCESS_TOKEN_2);
      }
      // REST 401 refreshes once; SOAP faults arrive as HTTP 500 and 105 alone does not refresh.
      expect(server.requests).toHaveLength(protocol === 'rest' ? 2 : 1);
    });
  }
});

describe('throttling', () => {
  it('429 with Retry-After: 1 waits 1000 ms (injected sleep) and retries', async () => {
    const server = await serve((_req, res, n) =>
      n === 1 ? sendJson(res, 429, {}, { 'retry-after': '1' }) : sendJson(res, 200, { User: null }),
    );
    const { client, sleep } = track(makeClient(server.url));
    const result = await client.getUser({});
    expect(sleep).toHaveBeenCalledTimes(1);
    expect(sleep.mock.calls[0]![0]).toBe(1000);
    expect(getResponseMetadata(result)?.attempts).toBe(2);
  });

  it('117 CallRateExceeded (SOAP) without Retry-After waits the 60 s floor between attempts, then surfaces with retryAfterMs', async () => {
    const server = await serve((_req, res) =>
      sendXml(
        res,
        500,
        soapFault(
          'trk-117',
          adApiFaultXml('trk-117', 117, 'CallRateExceeded', 'Call rate exceeded.'),
        ),
      ),
    );
    // The fake sleep returns at once and the real clock barely moves: 120 s budget holds 3 waits.
    const { client, sleep } = track(makeClient(server.url, { protocol: 'soap' }));
    const error = (await client.getUser({}).catch((e: unknown) => e)) as ThrottledError;
    expect(error).toBeInstanceOf(ThrottledError);
    expect(server.requests).toHaveLength(4);
    expect(sleep.mock.calls.map((c) => c[0])).toEqual([60_000, 60_000, 60_000]);
    expect(error.retryAfterMs).toBe(60_000);
    expect(error.trackingId).toBe('trk-117');
    expect(error.message).toContain('117 CallRateExceeded: Call rate exceeded. Retry after 60 s.');
  });

  it('REST 429 carrying 117 without Retry-After: a budget too small for the floor fails at once, no sleep', async () => {
    const server = await serve((_req, res) =>
      sendJson(
        res,
        429,
        adApiFaultJson('trk-r117', 117, 'CallRateExceeded', 'Call rate exceeded.'),
      ),
    );
    const sleep = fakeSleep();
    const { client } = track(makeClient(server.url, { retry: { sleep, maxElapsedMs: 30_000 } }));
    const error = (await client.getUser({}).catch((e: unknown) => e)) as ThrottledError;
    expect(error).toBeInstanceOf(ThrottledError);
    expect(error.httpStatus).toBe(429);
    expect(error.retryAfterMs).toBe(60_000);
    expect(server.requests).toHaveLength(1);
    expect(sleep).not.toHaveBeenCalled();
  });

  it('117 with a Retry-After waits what the service said, not the floor', async () => {
    const server = await serve((_req, res, n) =>
      n === 1
        ? sendJson(
            res,
            429,
            adApiFaultJson('trk-r117', 117, 'CallRateExceeded', 'Call rate exceeded.'),
            { 'retry-after': '5' },
          )
        : sendJson(res, 200, { User: null }),
    );
    const { client, sleep } = track(makeClient(server.url));
    await client.getUser({});
    expect(sleep.mock.calls.map((c) => c[0])).toEqual([5000]);
  });

  it('207 ConcurrentRequestOverLimit keeps the short jittered backoff', async () => {
    const server = await serve((_req, res) =>
      sendJson(
        res,
        500,
        adApiFaultJson(
          'trk-207',
          207,
          'ConcurrentRequestOverLimit',
          'Too many concurrent requests.',
        ),
      ),
    );
    const { client, sleep } = track(makeClient(server.url));
    const error = (await client.getUser({}).catch((e: unknown) => e)) as ThrottledError;
    expect(error).toBeInstanceOf(ThrottledError);
    expect(server.requests).toHaveLength(4);
    // random() = 0.5: half of 500, 1000, 2000 ms.
    expect(sleep.mock.calls.map((c) => c[0])).toEqual([250, 500, 1000]);
    expect(error.retryAfterMs).toBeUndefined();
  });

  it('an empty 429 body is still a ThrottledError, never a malformed response', async () => {
    const server = await serve((_req, res) => {
      res.writeHead(429, { 'retry-after': '2' });
      res.end();
    });
    const { client } = track(makeClient(server.url, { retry: false }));
    const error = (await client.getUser({}).catch((e: unknown) => e)) as ThrottledError;
    expect(error).toBeInstanceOf(ThrottledError);
    expect(error.retryAfterMs).toBe(2000);
    expect(error.message).toContain('Retry after 2 s.');
  });
});

describe('other faults', () => {
  it('a REST batch fault is not retried and becomes a AdsBatchError with indexes', async () => {
    const server = await serve((_req, res) =>
      sendJson(res, 400, {
        TrackingId: 'trk-batch',
        Type: 'ApiBatchFault',
        OperationErrors: [],
        BatchErrors: [{ Code: 1102, Index: 1, Message: 'Invalid account id.', Details: null }],
      }),
    );
    const { client } = track(makeClient(server.url));
    const error = (await client.getUser({}).catch((e: unknown) => e)) as AdsBatchError;
    expect(error).toBeInstanceOf(AdsBatchError);
    expect(error.errors[0]).toMatchObject({
      code: 1102,
      errorCode: 'CampaignServiceInvalidAccountId',
      index: 1,
    });
    expect(server.requests).toHaveLength(1);
  });

  it('code 0 InternalError is retried', async () => {
    const server = await serve((_req, res, n) =>
      n < 3
        ? sendJson(
            res,
            500,
            adApiFaultJson('trk-0', 0, 'InternalError', 'An internal error has occurred.'),
          )
        : sendJson(res, 200, {}),
    );
    const { client, sleep } = track(makeClient(server.url));
    await client.getUser({});
    expect(server.requests).toHaveLength(3);
    expect(sleep).toHaveBeenCalledTimes(2);
  });
});

describe('transport failures', () => {
  it('timeout → TransportError timeout, not retried (the call may have run)', async () => {
    const server = await serve(() => {
      /* never answers */
    });
    const { client } = track(makeClient(server.url, { timeoutMs: 150 }));
    const error = (await client.getUser({}).catch((e: unknown) => e)) as TransportError;
    expect(error).toBeInstanceOf(TransportError);
    expect(error.reason).toBe('timeout');
    expect(error.message).toMatch(
      /^GetUser: timed out waiting for a response from http:\/\/127\.0\.0\.1:\d+$/,
    );
    expect(server.requests).toHaveLength(1);
  });

  it('connection reset → retried up to maxAttempts, then TransportError connection', async () => {
    const server = await serve((req, res) => res.socket?.destroy());
    const { client, sleep } = track(makeClient(server.url));
    const error = (await client.getUser({}).catch((e: unknown) => e)) as TransportError;
    expect(error).toBeInstanceOf(TransportError);
    expect(error.reason).toBe('connection');
    expect(server.requests).toHaveLength(4);
    expect(sleep).toHaveBeenCalledTimes(3);
  });

  it('a body cut short of its Content-Length → TransportError connection', async () => {
    const server = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '500' });
      res.write('{"User":{"Id":"4');
      setTimeout(() => res.socket?.destroy(), 10);
    });
    const { client } = track(makeClient(server.url, { retry: false }));
    const error = (await client.getUser({}).catch((e: unknown) => e)) as TransportError;
    expect(error).toBeInstanceOf(TransportError);
    expect(error.reason).toBe('connection');
    expect(error.httpStatus).toBe(200);
  });

  it('truncated JSON with a consistent length → malformed-response with a safe excerpt', async () => {
    const server = await serve((_req, res) => {
      const body = '{"TrackingId":"t","Type":"AdApiFaultDetail","Errors":[{"Code":10';
      res.writeHead(500, {
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(body),
      });
      res.end(body);
    });
    const { client } = track(makeClient(server.url));
    const error = (await client.getUser({}).catch((e: unknown) => e)) as TransportError;
    expect(error.reason).toBe('malformed-response');
    expect(error.details.excerpt).toBe(
      '{"TrackingId":"t","Type":"AdApiFaultDetail","Errors":[{"Code":10',
    );
    expect(server.requests).toHaveLength(1);
  });

  it('a truncated SOAP envelope on HTTP 200 → malformed-response', async () => {
    const server = await serve((_req, res) => sendXml(res, 200, soapOk('trk').slice(0, 150)));
    const { client } = track(makeClient(server.url, { protocol: 'soap' }));
    const error = (await client.getUser({}).catch((e: unknown) => e)) as TransportError;
    expect(error).toBeInstanceOf(TransportError);
    expect(error.reason).toBe('malformed-response');
    expect(error.message).toContain(
      'GetUser: expected a SOAP envelope, got HTTP 200 text/xml; charset=utf-8, 150 bytes',
    );
  });

  it('an HTML 503 page → malformed-response with an excerpt, retried as transient', async () => {
    const html =
      '<!DOCTYPE html>\n<html><head><title>Service Unavailable</title></head><body><h1>503</h1></body></html>';
    const server = await serve((_req, res) => {
      res.writeHead(503, { 'content-type': 'text/html' });
      res.end(html);
    });
    const { client, sleep } = track(
      makeClient(server.url, {
        protocol: 'soap',
        retry: { maxAttempts: 2, sleep: vi.fn(async () => {}) },
      }),
    );
    const error = (await client.getUser({}).catch((e: unknown) => e)) as TransportError;
    expect(error.reason).toBe('malformed-response');
    expect(error.httpStatus).toBe(503);
    expect(error.details.excerpt).toBe(html.replace('\n', ' '));
    expect(server.requests).toHaveLength(2);
    void sleep;
  });

  it('a response over maxResponseBytes → TransportError too-large (declared and streamed)', async () => {
    const big = JSON.stringify({ Blob: 'x'.repeat(10_000) });
    const server = await serve((req, res) => {
      if (req.headers['customerid'] === 'chunked') {
        res.writeHead(200, { 'content-type': 'application/json' });
        for (let i = 0; i < 10; i++) res.write(big.slice(i * 1000, (i + 1) * 1000));
        res.end(big.slice(10_000));
      } else {
        sendJson(res, 200, JSON.parse(big));
      }
    });
    const { client } = track(makeClient(server.url, { maxResponseBytes: 4096 }));
    for (const customerId of ['declared', 'chunked']) {
      const error = (await client
        .getUser({}, { customerId })
        .catch((e: unknown) => e)) as TransportError;
      expect(error).toBeInstanceOf(TransportError);
      expect(error.reason).toBe('too-large');
    }
    expect(server.requests).toHaveLength(2);
  });

  it('an aborted call → TransportError aborted, not retried', async () => {
    const server = await serve(() => {
      /* never answers */
    });
    const { client } = track(makeClient(server.url));
    const controller = new AbortController();
    const pending = client.getUser({}, { signal: controller.signal }).catch((e: unknown) => e);
    await vi.waitFor(() => expect(server!.requests).toHaveLength(1));
    controller.abort();
    const error = (await pending) as TransportError;
    expect(error).toBeInstanceOf(TransportError);
    expect(error.reason).toBe('aborted');
    expect(server.requests).toHaveLength(1);
  });

  it('an abort while the access token is still coming stops the wait, not the refresh', async () => {
    const server = await serve((_req, res) => sendJson(res, 200, {}));
    let release!: (token: string) => void;
    const refresh = new Promise<string>((resolve) => (release = resolve));
    const getAccessToken = vi.fn(() => refresh);
    const { client } = track(makeClient(server.url, { auth: { getAccessToken } }));
    const controller = new AbortController();
    const pending = client.getUser({}, { signal: controller.signal }).catch((e: unknown) => e);
    await vi.waitFor(() => expect(getAccessToken).toHaveBeenCalledTimes(1));
    controller.abort();
    const error = (await pending) as TransportError;
    expect(error).toBeInstanceOf(TransportError);
    expect(error.reason).toBe('aborted');
    expect(error.message).toBe('GetUser: the call was aborted');
    expect(server.requests).toHaveLength(0);
    // The shared refresh goes on: another call gets its token and goes through.
    release('late-token');
    await expect(client.getUser({})).resolves.toBeDefined();
    expect(server.requests).toHaveLength(1);
  });

  it('an already aborted signal sends nothing', async () => {
    const server = await serve((_req, res) => sendJson(res, 200, {}));
    const { client } = track(makeClient(server.url));
    const error = (await client
      .getUser({}, { signal: AbortSignal.abort() })
      .catch((e: unknown) => e)) as TransportError;
    expect(error).toBeInstanceOf(TransportError);
    expect(error.reason).toBe('aborted');
    expect(server.requests).toHaveLength(0);
  });
});
