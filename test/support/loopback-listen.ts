import type { Server as HttpServer } from 'node:http';
import {
  createServer as createNetServer,
  type AddressInfo,
  type Server as NetServer,
  type Socket,
} from 'node:net';

/** A server listening on a loopback port, and how to stop it. */
export interface Listening {
  port: number;
  /** Resolves when every connection accepted so far has closed. */
  allClosed(): Promise<void>;
  /** Destroys every open connection (keep-alive sockets and tunnels too), then closes. */
  close(): Promise<void>;
}

/**
 * `server.listen(0, '127.0.0.1')` with its connections tracked from the raw socket up, so
 * `close` ends keep-alive connections and CONNECT tunnels alike (an HTTP server's own
 * `closeAllConnections` does not see a socket once it is a tunnel).
 */
export async function listenOnLoopback(server: HttpServer | NetServer): Promise<Listening> {
  const sockets = new Set<Socket>();
  const closed: Promise<void>[] = [];
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    closed.push(new Promise((resolve) => socket.on('close', () => resolve())));
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    allClosed: async () => {
      await Promise.all(closed);
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** A loopback port nobody listens on (bound, then released): a connection to it is refused. */
export async function closedPort(): Promise<number> {
  const server = createNetServer();
  const { port, close } = await listenOnLoopback(server);
  await close();
  return port;
}
