import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ClientOptions } from '../../../runtime/src/client.ts';
import { TransportError } from '../../../runtime/src/errors.ts';
import { DEVELOPER_TOKEN, sendJson, startServer, type TestServer } from '../client/fixtures.ts';
import { realDescriptor } from '../client/real-codecs-descriptor.ts';
import { fakeSleep, fakeTokens, TestClient } from '../client/test-client.ts';
import { startProxy, type LoopbackProxy } from './loopback-proxy.ts';

/**
 * `ClientOptions.proxy` against a real HTTP proxy on loopback (the `proxy` package) in front
 * of a loopback service: an explicit URL, `'env'` with HTTP_PROXY and NO_PROXY, proxy
 * credentials (never in an error), and the proxy agents loaded only when configured.
 */

let server: TestServer | undefined;
let proxy: LoopbackProxy | undefined;
const clients: TestClient[] = [];
afterEach(async () => {
  vi.unstubAllEnvs();
  await Promise.all(clients.splice(0).map((c) => c.close()));
  await Promise.all([server?.close(), proxy?.close()]);
  server = proxy = undefined;
});

async function setUp(authenticate?: (authorization: string | undefined) => boolean) {
  server = await startServer((_req, res) => sendJson(res, 200, { User: { Id: '1' } }));
  proxy = await startProxy(authenticate);
  return { server, proxy, target: new URL(server.url).host };
}

function make(options: Partial<ClientOptions>): TestClient {
  const client = new TestClient(realDescriptor, {
    developerToken: DEVELOPER_TOKEN,
    auth: fakeTokens(),
    endpoint: server!.url,
    retry: { sleep: fakeSleep(), maxAttempts: 2 },
    ...options,
  });
  clients.push(client);
  return client;
}

/** The proxy saw the target, tunnelled (CONNECT) or forwarded (absolute-form). */
function through(seen: string[], target: string): boolean {
  return seen.some((s) => s === `CONNECT ${target}` || s.startsWith(`POST http://${target}/`));
}

describe('proxy: a URL', () => {
  it('sends the call through that proxy', async () => {
    const { proxy, server, target } = await setUp();
    await expect(make({ proxy: proxy.url }).getUser({})).resolves.toEqual({ User: { Id: '1' } });
    expect(through(proxy.seen, target)).toBe(true);
    expect(server.requests).toHaveLength(1);
  });

  it('with credentials: accepted by the proxy; a wrong password is a typed error without it', async () => {
    const expected = `Basic ${Buffer.from('ann:s3cret-Proxy-Passw0rd').toString('base64')}`;
    const { proxy, server } = await setUp((authorization) => authorization === expected);
    const url = new URL(proxy.url);
    url.username = 'ann';
    url.password = 's3cret-Proxy-Passw0rd';
    await expect(make({ proxy: url.href }).getUser({})).resolves.toEqual({ User: { Id: '1' } });

    url.password = 'wr0ng-Proxy-Passw0rd';
    const error = await make({ proxy: url.href })
      .getUser({})
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TransportError);
    expect(error).toMatchObject({
      reason: 'connection',
      mayHaveRun: false,
      details: { code: 'PROXY_TUNNEL_REFUSED' },
    });
    expect((error as Error).message).toContain('the proxy refused to open a tunnel');
    const text = JSON.stringify({ ...(error as object), message: (error as Error).message });
    expect(text).not.toContain('wr0ng-Proxy-Passw0rd');
    expect(text).not.toContain(Buffer.from('ann:wr0ng-Proxy-Passw0rd').toString('base64'));
    expect(server.requests).toHaveLength(1);
  });

  it('a malformed proxy URL fails the constructor', () => {
    expect(
      () =>
        new TestClient(realDescriptor, {
          developerToken: DEVELOPER_TOKEN,
          auth: fakeTokens(),
          proxy: 'not a url',
        }),
    ).toThrow(TypeError);
  });
});

describe("proxy: 'env'", () => {
  function stubProxyEnv(proxyUrl: string, noProxy: string): void {
    for (const name of ['HTTP_PROXY', 'http_proxy', 'HTTPS_PROXY', 'https_proxy'])
      vi.stubEnv(name, proxyUrl);
    vi.stubEnv('NO_PROXY', noProxy);
    vi.stubEnv('no_proxy', noProxy);
  }

  it('follows HTTP_PROXY', async () => {
    const { proxy, server, target } = await setUp();
    stubProxyEnv(proxy.url, '');
    await expect(make({ proxy: 'env' }).getUser({})).resolves.toEqual({ User: { Id: '1' } });
    expect(through(proxy.seen, target)).toBe(true);
    expect(server.requests).toHaveLength(1);
  });

  it('NO_PROXY naming the host bypasses the proxy', async () => {
    const { proxy, server } = await setUp();
    stubProxyEnv(proxy.url, 'example.com,127.0.0.1');
    await expect(make({ proxy: 'env' }).getUser({})).resolves.toEqual({ User: { Id: '1' } });
    expect(proxy.seen).toEqual([]);
    expect(server.requests).toHaveLength(1);
  });
});

describe('the proxy agents are loaded only for a client that names a proxy', () => {
  it('no undici at all for a direct call; undici’s entry with its ProxyAgent for a proxied one', async () => {
    const child = fileURLToPath(new URL('./lazy-proxy-child.ts', import.meta.url));
    const root = fileURLToPath(new URL('../../../', import.meta.url));
    const report = await new Promise<{
      afterDirect: string[];
      afterProxied: string[];
      seen: string[];
    }>((resolve, reject) => {
      execFile(
        process.execPath,
        ['--import', 'tsx', child],
        { cwd: root, timeout: 60_000 },
        (error, stdout, stderr) => {
          if (error) reject(new Error(`child failed: ${error.message}\n${stderr}`));
          else resolve(JSON.parse(stdout) as never);
        },
      );
    });
    // A client without a proxy sends through node:http: not one of undici's files is loaded.
    expect(report.afterDirect).toEqual([]);
    expect(report.afterProxied).toContain('lib/dispatcher/proxy-agent.js');
    expect(report.afterProxied).toContain('index.js');
    expect(report.seen.length).toBeGreaterThan(0);
  });
});
