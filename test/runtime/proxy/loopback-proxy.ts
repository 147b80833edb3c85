import { createServer } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { createProxy, type ProxyServer } from 'proxy';

/**
 * A real HTTP proxy on loopback (the `proxy` package: CONNECT tunnels and absolute-form
 * forwarding, as a Squid would), recording what went through it.
 */
export interface LoopbackProxy {
  url: string;
  /** `CONNECT host:port` targets and absolute-form request URLs, in order. */
  seen: string[];
  server: ProxyServer;
  close(): Promise<void>;
}

export async function startProxy(
  authenticate?: (authorization: string | undefined) => boolean,
): Promise<LoopbackProxy> {
  const seen: string[] = [];
  const server = createProxy(createServer());
  if (authenticate) server.authenticate = (req) => authenticate(req.headers['proxy-authorization']);
  // Recorded before the proxy's own listeners run.
  server.prependListener('connect', (req) => seen.push(`CONNECT ${req.url}`));
  server.prependListener('request', (req) => seen.push(`${req.method} ${req.url}`));
  const sockets = new Set<Socket>();
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
