/**
 * Child process of proxy.test.ts (a fresh module graph): one call without a proxy, then one
 * through a proxy, printing which of undici's dispatcher files were loaded after each, as
 * JSON on stdout (undici is CommonJS: whatever it loads shows in `require.cache`).
 */
import { createRequire } from 'node:module';
import { ServiceClient } from '../../../runtime/src/client.ts';
import { DEVELOPER_TOKEN, sendJson, startServer } from '../client/fixtures.ts';
import { realDescriptor } from '../client/real-codecs-descriptor.ts';
import { startProxy } from './loopback-proxy.ts';

class Client extends ServiceClient {
  getUser(request: object): Promise<unknown> {
    return this.call('GetUser', request);
  }
}

const cache = createRequire(import.meta.url).cache;
const undiciFiles = (): string[] =>
  Object.keys(cache)
    .map((file) => file.replaceAll('\\', '/'))
    .filter((file) => file.includes('/node_modules/undici/'))
    .map((file) => file.slice(file.lastIndexOf('/node_modules/undici/') + 21));

const server = await startServer((_req, res) => sendJson(res, 200, {}));
const proxy = await startProxy();
const options = {
  developerToken: DEVELOPER_TOKEN,
  auth: { getAccessToken: async () => 'access-token-of-the-child' },
  endpoint: server.url,
};
const direct = new Client(realDescriptor, options);
await direct.getUser({});
const afterDirect = undiciFiles();
const proxied = new Client(realDescriptor, { ...options, proxy: proxy.url });
await proxied.getUser({});
const afterProxied = undiciFiles();
await Promise.all([direct.close(), proxied.close()]);
await Promise.all([server.close(), proxy.close()]);
process.stdout.write(JSON.stringify({ afterDirect, afterProxied, seen: proxy.seen }));
