/**
 * postTokenRequest over the runtime's Transport: the 256 KB cap, idle and total timeouts,
 * invalid or cut answers, the request as sent, no socket left behind, and this module's own
 * messages (never the transport's, never a secret).
 */
import {
  createServer as createHttpServer,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import { createServer as createNetServer } from 'node:net';
import { listenOnLoopback } from '../../support/loopback-listen.ts';
import { afterEach, describe, expect, it } from 'vitest';
import { postTokenRequest } from '../../../runtime/src/auth/token-endpoint.ts';
import { TransportError } from '../../../runtime/src/errors.ts';
import { ALL_SECRETS, CLIENT_SECRET, NEW_ACCESS, OLD_REFRESH } from './fixtures.ts';
import { expectNoSecrets } from './no-secrets.ts';

const CAP = 256 * 1024;
const PATH = '/tenant/oauth2/v2.0/token';
const PARAMS = {
  grant_type: 'refresh_token',
  refresh_token: OLD_REFRESH,
  client_id: 'client-123',
  client_secret: CLIENT_SECRET,
  scope: undefined,
};
const OPTIONS = { timeoutMs: 5_000, secrets: ALL_SECRETS, grantLabel: 'refresh token' };

interface Endpoint {
  url: string;
  where: string;
  /** Resolves once every connection the server accepted has closed. */
  allClosed(): Promise<void>;
  close(): Promise<void>;
}

const open: Endpoint[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((e) => e.close()));
});

/** A loopback server given the raw socket (net) or the request/response pair (http). */
async function serve(
  server: Server | ReturnType<typeof createNetServer>,
  query = '',
): Promise<Endpoint> {
  const { port, allClosed, close } = await listenOnLoopback(server);
  const endpoint: Endpoint = {
    url: `http://127.0.0.1:${port}${PATH}${query}`,
    where: `http://127.0.0.1:${port}${PATH}`,
    allClosed,
    close,
  };
  open.push(endpoint);
  return endpoint;
}

function http(handler: (req: IncomingMessage, res: ServerResponse) => void, query?: string) {
  return serve(
    createHttpServer((req, res) => {
      req.resume();
      req.on('end', () => handler(req, res));
    }),
    query,
  );
}

async function failure(url: string, timeoutMs = OPTIONS.timeoutMs): Promise<TransportError> {
  const error = await postTokenRequest(url, PARAMS, { ...OPTIONS, timeoutMs }).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TransportError);
  expectNoSecrets(error, ALL_SECRETS);
  // This module's wording, never the transport's `<operation>: ...` nor undici's text.
  expect((error as Error).message).toMatch(/^OAuth token (request to|endpoint) /);
  expect((error as Error).message).not.toContain('OAuthTokenRequest');
  expect((error as TransportError).cause).toBeUndefined();
  return error as TransportError;
}

/** A JSON token answer padded with whitespace to exactly `bytes` bytes. */
function tokenJsonOfSize(bytes: number): string {
  const json = JSON.stringify({ access_token: NEW_ACCESS, expires_in: 3600 });
  return `${json.slice(0, -1)}${' '.repeat(bytes - json.length)}}`;
}

describe('postTokenRequest over the runtime transport', () => {
  it('posts the form with its headers and closes its connection before returning', async () => {
    let seen: IncomingMessage | undefined;
    let form = '';
    const endpoint = await serve(
      createHttpServer((req, res) => {
        seen = req;
        req.setEncoding('utf8');
        req.on('data', (chunk: string) => (form += chunk));
        req.on('end', () => {
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ access_token: NEW_ACCESS, expires_in: '60' }));
        });
      }),
      '?x=query-SECRET',
    );
    const token = await postTokenRequest(endpoint.url, PARAMS, OPTIONS);
    expect(token).toEqual({ accessToken: NEW_ACCESS, refreshToken: undefined, expiresIn: 60 });
    expect(seen?.method).toBe('POST');
    expect(seen?.url).toBe(`${PATH}?x=query-SECRET`);
    expect(seen?.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(seen?.headers['accept']).toBe('application/json');
    expect(Object.fromEntries(new URLSearchParams(form))).toEqual({
      grant_type: 'refresh_token',
      refresh_token: OLD_REFRESH,
      client_id: 'client-123',
      client_secret: CLIENT_SECRET,
    });
    // No keep-alive socket outlives the call: the server sees its only connection close
    // (undici's default pool would keep it for 4 s, the transport's for 30 s).
    await expect(withinTwoSeconds(endpoint.allClosed())).resolves.toBe('closed');
  });

  it('accepts an answer of exactly 256 KB', async () => {
    const endpoint = await http((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(tokenJsonOfSize(CAP));
    });
    const token = await postTokenRequest(endpoint.url, PARAMS, OPTIONS);
    expect(token.accessToken).toBe(NEW_ACCESS);
  });

  it('refuses one byte more, declared by Content-Length or streamed chunked', async () => {
    for (const chunked of [false, true]) {
      const endpoint = await http((_req, res) => {
        const body = tokenJsonOfSize(CAP + 1);
        res.writeHead(200, { 'content-type': 'application/json' });
        if (!chunked) return res.end(body);
        // No Content-Length: only counting the bytes can stop it.
        res.write(body.slice(0, CAP / 2));
        res.end(body.slice(CAP / 2));
      });
      const error = await failure(endpoint.url);
      expect(error.reason).toBe('too-large');
      expect(error.message).toBe(
        `OAuth token endpoint ${endpoint.where} answered more than ${CAP} bytes`,
      );
      expect(error.details).toEqual({ operation: 'OAuthTokenRequest', httpStatus: 200 });
      await expect(withinTwoSeconds(endpoint.allClosed())).resolves.toBe('closed');
    }
  });

  it('headers without a body within timeoutMs → timeout, in its own words', async () => {
    const endpoint = await http((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"access_token":');
    });
    const error = await failure(endpoint.url, 150);
    expect(error.reason).toBe('timeout');
    expect(error.message).toBe(`OAuth token request to ${endpoint.where} timed out after 150 ms`);
    expect(error.details).toEqual({ operation: 'OAuthTokenRequest' });
    await expect(withinTwoSeconds(endpoint.allClosed())).resolves.toBe('closed');
  });

  it('a body dripping faster than timeoutMs still ends at timeoutMs in total', async () => {
    const endpoint = await http((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"access_token":"x", "pad": "');
      // Each byte well inside the idle timeout: only a total deadline can end this.
      const drip = setInterval(() => res.write(' '), 20);
      res.on('close', () => clearInterval(drip));
    });
    const error = await failure(endpoint.url, 200);
    expect(error.reason).toBe('timeout');
    expect(error.message).toBe(`OAuth token request to ${endpoint.where} timed out after 200 ms`);
  });

  it('an invalid HTTP answer or a cut connection → connection, named by its code', async () => {
    const garbage = await serve(
      createNetServer((socket) => {
        socket.once('data', () => socket.end(`NOT-HTTP ${OLD_REFRESH}\r\n\r\n`));
      }),
    );
    const invalid = await failure(garbage.url);
    expect(invalid.reason).toBe('connection');
    // undici 7 gives its parser errors no code; the transport then has none to pass on, and
    // its message (which quotes undici's) is not repeated here.
    expect(invalid.message).toMatch(
      new RegExp(
        `^OAuth token request to ${escape(garbage.where)} failed: (HPE_[A-Z_]+|HTTPParserError)$`,
      ),
    );
    expect(invalid.details).toEqual({ operation: 'OAuthTokenRequest' });

    const cut = await serve(
      createNetServer((socket) => {
        socket.once('data', () => {
          socket.write(
            'HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 500\r\n\r\n',
          );
          socket.end(`{"access_token":"${NEW_ACCESS}`);
        });
      }),
    );
    const closed = await failure(cut.url);
    expect(closed.reason).toBe('connection');
    expect(closed.message).toMatch(
      new RegExp(`^OAuth token request to ${escape(cut.where)} failed: [A-Z_]+$`),
    );
  });

  it('a timeoutMs the transport would refuse times out at once, not with its TypeError', async () => {
    const endpoint = await http(() => undefined);
    for (const timeoutMs of [0, -1, Number.NaN]) {
      const error = await failure(endpoint.url, timeoutMs);
      expect(error.reason).toBe('timeout');
      expect(error.message).toBe(
        `OAuth token request to ${endpoint.where} timed out after ${timeoutMs} ms`,
      );
    }
  });
});

function withinTwoSeconds(promise: Promise<void>): Promise<'closed' | 'still open'> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'still open'>((resolve) => {
    timer = setTimeout(() => resolve('still open'), 2_000);
  });
  return Promise.race([promise.then(() => 'closed' as const), late]).finally(() =>
    clearTimeout(timer),
  );
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
