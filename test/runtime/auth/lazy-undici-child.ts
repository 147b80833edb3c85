/**
 * Child process of lazy-undici.test.ts (a fresh module graph): imports the auth modules,
 * then runs one refresh against a loopback token endpoint, and prints which of undici's files
 * were loaded at each step, as JSON on stdout. undici is CommonJS, so everything it loads,
 * whether by `require` or `import`, shows in `require.cache`.
 */
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';

const cache = createRequire(import.meta.url).cache;
const undiciFiles = (): string[] =>
  Object.keys(cache)
    .map((file) => file.replaceAll('\\', '/'))
    .filter((file) => file.includes('/node_modules/undici/'))
    .map((file) =>
      file.slice(file.lastIndexOf('/node_modules/undici/') + '/node_modules/undici/'.length),
    );

const auth = await import('../../../runtime/src/auth/index.ts');
const afterImport = undiciFiles();

const server = createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ access_token: 'at-new', refresh_token: 'rt-new', expires_in: 3600 }));
  });
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const { port } = server.address() as AddressInfo;
const provider = new auth.OAuthTokenProvider({
  clientId: 'client-123',
  store: new auth.MemoryTokenStore({ accessToken: 'at-old', refreshToken: 'rt-old', expiresAt: 1 }),
  tokenEndpoint: `http://127.0.0.1:${port}/tenant/oauth2/v2.0/token`,
});
const token = await provider.getAccessToken();
const afterRefresh = undiciFiles();
server.close();
process.stdout.write(JSON.stringify({ token, afterImport, afterRefresh }));
