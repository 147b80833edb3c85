import { createServer, type Server, type Socket } from 'node:net';

/**
 * The other end of every process-level bench: a raw TCP server on 127.0.0.1 that notes the
 * hrtime at which the first bytes of a request arrive (the cold-start clock stops there), then
 * reads the whole HTTP/1.1 request and answers with a canned response and `Connection: close`,
 * so the client's call completes and its process can exit.
 */
export interface CannedResponse {
  contentType: string;
  body: string;
}

export class LoopbackServer {
  readonly #server: Server;
  readonly #sockets = new Set<Socket>();
  #waiter: ((at: bigint) => void) | undefined;
  #respond: (head: string) => CannedResponse = () => ({ contentType: 'text/plain', body: '' });
  origin = '';
  requests = 0;

  private constructor() {
    this.#server = createServer((socket) => this.#serve(socket));
  }

  static async start(): Promise<LoopbackServer> {
    const s = new LoopbackServer();
    await new Promise<void>((resolve, reject) => {
      s.#server.once('error', reject);
      s.#server.listen(0, '127.0.0.1', () => resolve());
    });
    const address = s.#server.address();
    if (!address || typeof address === 'string') throw new Error('loopback server has no port');
    s.origin = `http://127.0.0.1:${address.port}`;
    return s;
  }

  /** What the next requests get back, chosen from the request line and headers (lower-cased). */
  respondWith(respond: (head: string) => CannedResponse): void {
    this.#respond = respond;
  }

  /** Resolves with process.hrtime.bigint() at the first bytes of the next request. */
  nextFirstBytes(): Promise<bigint> {
    return new Promise((resolve) => {
      this.#waiter = resolve;
    });
  }

  async close(): Promise<void> {
    for (const socket of this.#sockets) socket.destroy();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  #serve(socket: Socket): void {
    this.#sockets.add(socket);
    socket.on('close', () => this.#sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    const chunks: Buffer[] = [];
    let size = 0;
    socket.on('data', (chunk: Buffer) => {
      if (size === 0) {
        const at = process.hrtime.bigint();
        const waiter = this.#waiter;
        this.#waiter = undefined;
        waiter?.(at);
      }
      chunks.push(chunk);
      size += chunk.length;
      const request = Buffer.concat(chunks, size);
      const head = complete(request);
      if (head === undefined) return;
      chunks.length = 0;
      size = 0;
      this.requests++;
      const response = this.#respond(head);
      const body = Buffer.from(response.body, 'utf8');
      socket.end(
        Buffer.concat([
          Buffer.from(
            `HTTP/1.1 200 OK\r\nContent-Type: ${response.contentType}\r\nContent-Length: ${body.length}\r\n` +
              'TrackingId: b4f1c3a2-0000-4a5b-9c1d-bench0000001\r\nConnection: close\r\n\r\n',
          ),
          body,
        ]),
      );
    });
  }
}

/**
 * The request's head (lower-cased) once `raw` holds the whole request: headers, then
 * Content-Length bytes or a last chunk; undefined while more is to come.
 */
function complete(raw: Buffer): string | undefined {
  const end = raw.indexOf('\r\n\r\n');
  if (end < 0) return undefined;
  const head = raw.subarray(0, end).toString('latin1').toLowerCase();
  const length = /\r\ncontent-length:\s*(\d+)/.exec(head);
  if (length) return raw.length - (end + 4) >= Number(length[1]) ? head : undefined;
  if (/\r\ntransfer-encoding:[^\r]*chunked/.test(head)) {
    return raw.subarray(end + 4).includes('0\r\n\r\n') ? head : undefined;
  }
  return head;
}
