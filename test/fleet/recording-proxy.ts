/**
 * A loopback HTTP proxy in front of the mock server that records what reaches it: every
 * request's path, arrival time and status, and for the token endpoint the refresh tokens
 * issued. It can hold ("trap") the next token request without forwarding it, so that a test
 * can kill the process that sent it while the identity provider never saw the request.
 */
import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ProxiedExchange {
  path: string;
  arrivedAt: number;
  /** When the answer went back (undefined while trapped or unanswered). */
  answeredAt?: number;
  status?: number;
}

export interface RecordingProxy {
  origin: string;
  exchanges: ProxiedExchange[];
  /** Token requests that reached the proxy (trapped ones included). */
  tokenRequests(): number;
  /** Refresh tokens the identity provider issued, in order. */
  issuedRefreshTokens: string[];
  /** Holds the next token request; resolves with its path (query included) when it arrived. */
  trapNextTokenRequest(): Promise<string>;
  close(): Promise<void>;
}

const TOKEN_PATH = /\/oauth2\/v2\.0\/token(\?|$)/;

export async function startRecordingProxy(target: string): Promise<RecordingProxy> {
  const upstream = new URL(target);
  const exchanges: ProxiedExchange[] = [];
  const issuedRefreshTokens: string[] = [];
  let trap: ((path: string) => void) | undefined;

  const forward = (
    req: IncomingMessage,
    body: Buffer,
    res: ServerResponse,
    entry: ProxiedExchange,
  ) => {
    const headers = { ...req.headers, host: upstream.host };
    const out = request(
      {
        hostname: upstream.hostname,
        port: upstream.port,
        path: req.url,
        method: req.method,
        headers,
      },
      (answer) => {
        const chunks: Buffer[] = [];
        answer.on('data', (c: Buffer) => chunks.push(c));
        answer.on('end', () => {
          const data = Buffer.concat(chunks);
          entry.status = answer.statusCode;
          if (TOKEN_PATH.test(entry.path) && answer.statusCode === 200) {
            const issued = (JSON.parse(data.toString('utf8')) as { refresh_token?: string })
              .refresh_token;
            if (issued !== undefined) issuedRefreshTokens.push(issued);
          }
          entry.answeredAt = Date.now();
          res.writeHead(answer.statusCode ?? 502, answer.headers).end(data);
        });
      },
    );
    out.on('error', () => res.destroy());
    out.end(body);
  };

  const server = createServer((req, res) => {
    const entry: ProxiedExchange = { path: req.url ?? '/', arrivedAt: Date.now() };
    exchanges.push(entry);
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (trap !== undefined && TOKEN_PATH.test(entry.path)) {
        const sprung = trap;
        trap = undefined;
        // Never forwarded (nor answered): the sender is killed while it waits for this answer.
        sprung(entry.path);
        return;
      }
      forward(req, Buffer.concat(chunks), res, entry);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    exchanges,
    issuedRefreshTokens,
    tokenRequests: () => exchanges.filter((e) => TOKEN_PATH.test(e.path)).length,
    trapNextTokenRequest: () => new Promise<string>((resolve) => (trap = resolve)),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
