/**
 * A loopback OAuth token endpoint for tests: records every request's form body and answers
 * with whatever the test's responder returns. Listens on 127.0.0.1 with a random port.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  path: string;
  contentType: string | undefined;
  form: URLSearchParams;
}

export interface Reply {
  status?: number;
  /** Objects are sent as JSON; strings as they are. */
  body?: unknown;
  /** Wait for this before answering (single-flight tests keep the request open). */
  before?: Promise<unknown>;
  /** Never answer (timeout tests). */
  hang?: boolean;
}

export type Responder = (request: RecordedRequest, index: number) => Reply | Promise<Reply>;

export interface TokenServer {
  url: string;
  requests: RecordedRequest[];
  respond(responder: Responder): void;
  close(): Promise<void>;
}

export async function startTokenServer(responder?: Responder): Promise<TokenServer> {
  let current: Responder = responder ?? (() => ({ status: 500, body: 'no responder' }));
  const requests: RecordedRequest[] = [];
  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const text = await readBody(req);
    const recorded: RecordedRequest = {
      method: req.method ?? '',
      path: req.url ?? '',
      contentType: req.headers['content-type'],
      form: new URLSearchParams(text),
    };
    const index = requests.push(recorded) - 1;
    const reply = await current(recorded, index);
    if (reply.hang) return;
    await reply.before;
    const body = typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body ?? {});
    res.writeHead(reply.status ?? 200, {
      'content-type': typeof reply.body === 'string' ? 'text/plain' : 'application/json',
    });
    res.end(body);
  };
  // A handler that fails drops its connection: the client under test sees a network error.
  const server: Server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => res.destroy(e instanceof Error ? e : undefined));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/tenant/oauth2/v2.0/token`,
    requests,
    respond(next) {
      current = next;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** A promise with its resolve function, to hold a reply open until the test releases it. */
export function deferred<T = void>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}
