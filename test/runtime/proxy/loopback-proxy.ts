import { createServer } from 'node:http';
import { createProxy, type ProxyServer } from 'proxy';
import { listenOnLoopback } from '../../support/loopback-listen.ts';

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
  const { port, close } = await listenOnLoopback(server);
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    server,
    close,
  };
}
