/**
 * Installing in another repo through a private registry: a real Verdaccio (the npm package),
 * started by this test on 127.0.0.1 with its storage in a temporary folder and no uplinks,
 * receives `npm publish` of the runtime and two service packages as `npm run pack` makes them
 * (plus the runtime's own dependency, packed from this checkout, since the registry has no
 * uplink to fetch it from). A consumer project then installs them BY VERSION with npm from
 * that registry only (its own empty cache), type-checks strictly and calls the mock through
 * `fromEnv()` + `createClients()`.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync, copyFileSync, readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockServer, type MockServer } from '../../mock/src/server.ts';
import { tscBuild, writeConsumerTsconfig } from './consumer-project.ts';
import {
  REPO_ROOT,
  dependencyClosure,
  npmPack,
  packageDirs,
  type Tarball,
} from '../../scripts/pack.ts';

const run = promisify(execFile);
const SERVICES = ['customer-management', 'campaign-management'];

const root = mkdtempSync(join(tmpdir(), 'adsgen-verdaccio-'));
let registry: Server | undefined;
let registryUrl: string;
let mock: MockServer;
let published: Tarball[];

/** Verdaccio in this process, listening on a random loopback port. */
async function startRegistry(): Promise<void> {
  const { runServer } = await import('verdaccio');
  const storage = join(root, 'storage');
  mkdirSync(storage, { recursive: true });
  const app = (await runServer({
    self_path: root,
    storage,
    auth: { htpasswd: { file: join(root, 'htpasswd'), max_users: 10 } },
    uplinks: {},
    packages: {
      '**': { access: '$all', publish: '$authenticated', unpublish: '$authenticated' },
    },
    web: { enable: false },
    log: { type: 'stdout', format: 'json', level: 'error' },
  } as never)) as Server;
  await new Promise<void>((resolve, reject) => {
    app.once('error', reject);
    app.listen(0, '127.0.0.1', () => resolve());
  });
  registry = app;
  registryUrl = `http://127.0.0.1:${(app.address() as AddressInfo).port}/`;
}

/** A user on the registry (what `npm adduser` does), returning its token. */
async function addUser(): Promise<string> {
  const res = await fetch(`${registryUrl}-/user/org.couchdb.user:ci`, {
    method: 'PUT',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ name: 'ci', password: 'ci-password-1', type: 'user', roles: [] }),
  });
  const body = (await res.json()) as { token?: string };
  if (!res.ok || !body.token) throw new Error(`adduser failed: HTTP ${res.status}`);
  return body.token;
}

/** An npmrc naming only this registry, with the token, and an npm cache of our own. */
function npmrc(dir: string, token: string): string[] {
  const file = join(dir, '.npmrc');
  const host = registryUrl.replace(/^http:/, '');
  writeFileSync(file, `registry=${registryUrl}\n${host}:_authToken=${token}\n`);
  return ['--userconfig', file, '--cache', join(root, 'npm-cache'), '--registry', registryUrl];
}

function sha512(file: string): string {
  return createHash('sha512').update(readFileSync(file)).digest('base64');
}

beforeAll(async () => {
  await startRegistry();
  mock = await startMockServer();
  const token = await addUser();
  const publisher = join(root, 'publisher');
  mkdirSync(publisher, { recursive: true });
  const config = npmrc(publisher, token);
  // The runtime and two services; @adsgen/mock and @adsgen/redis (packed too) are not needed
  // by this consumer.
  const unused = ['mock', 'redis'].map((name) => join(REPO_ROOT, name));
  const dirs = packageDirs(SERVICES).filter((d) => !unused.includes(d));
  published = await npmPack(dirs, join(root, 'tarballs'));
  const dependencies = await npmPack(dependencyClosure(dirs[0]!), join(root, 'tarballs'));
  for (const t of [...dependencies, ...published])
    await run('npm', ['publish', t.file, '--ignore-scripts', '--tag', 'latest', ...config], {
      cwd: publisher,
    });
}, 240_000);

afterAll(async () => {
  await mock?.close();
  if (registry !== undefined) {
    registry.closeAllConnections();
    await new Promise<void>((resolve) => registry!.close(() => resolve()));
  }
  rmSync(root, { recursive: true, force: true });
});

describe('packages published to a local Verdaccio and installed by version', () => {
  it('the registry serves what was published, by version', async () => {
    expect(published.map((t) => t.name).sort()).toEqual([
      '@adsgen/campaign-management',
      '@adsgen/customer-management',
      '@adsgen/runtime',
    ]);
    const meta = (await (await fetch(`${registryUrl}@adsgen%2fruntime`)).json()) as {
      versions: Record<string, unknown>;
    };
    expect(Object.keys(meta.versions)).toEqual([published[0]!.version]);
    // No uplink: an unknown package is a 404, not a trip to the public registry.
    expect((await fetch(`${registryUrl}left-pad`)).status).toBe(404);
  });

  it('a consumer installs them with one npm install, type-checks and calls the mock', async () => {
    const consumer = join(root, 'consumer');
    mkdirSync(join(consumer, 'src'), { recursive: true });
    const version = published[0]!.version;
    writeFileSync(
      join(consumer, 'package.json'),
      JSON.stringify({
        name: 'registry-consumer',
        private: true,
        type: 'module',
        dependencies: Object.fromEntries(published.map((t) => [t.name, t.version])),
      }),
    );
    writeConsumerTsconfig(consumer);
    copyFileSync(
      join(REPO_ROOT, 'test', 'consumer', 'project', 'from-env.ts.txt'),
      join(consumer, 'src', 'from-env.ts'),
    );
    await run(
      'npm',
      ['install', '--no-audit', '--no-fund', '--ignore-scripts', ...npmrc(consumer, 'none')],
      { cwd: consumer },
    );
    const lock = JSON.parse(readFileSync(join(consumer, 'package-lock.json'), 'utf8')) as {
      packages: Record<string, { version?: string; integrity?: string }>;
    };
    for (const name of ['@adsgen/runtime', ...SERVICES.map((s) => `@adsgen/${s}`)]) {
      const entry = lock.packages[`node_modules/${name}`]!;
      expect(entry.version).toBe(version);
      // Byte for byte the tarball that was published.
      const tarball = published.find((t) => t.name === name)!;
      expect(entry.integrity).toBe(`sha512-${sha512(tarball.file)}`);
    }

    await tscBuild(consumer);

    const issued = mock.oauth.issue();
    const { stdout } = await run(process.execPath, [join(consumer, 'dist', 'from-env.js')], {
      cwd: consumer,
      env: {
        PATH: process.env['PATH'] ?? '',
        MSADS_ENVIRONMENT: 'sandbox',
        MSADS_CLIENT_ID: '00001111-aaaa-2222-bbbb-3333cccc4444',
        MSADS_REFRESH_TOKEN: issued.refresh_token,
        MSADS_ENDPOINT: mock.origin,
        MSADS_OAUTH_ENDPOINT: mock.origin,
        MSADS_CUSTOMER_ID: mock.state.ids.customerId,
        MSADS_ACCOUNT_ID: mock.state.ids.accountId,
      },
      timeout: 60_000,
    });
    const result = JSON.parse(stdout.trim()) as Record<string, unknown>;
    expect(result).toMatchObject({
      user: 'ada@example.com',
      protocol: 'rest',
      environment: 'sandbox',
      added: 1,
      trackingId: true,
    });
    expect(Array.isArray(result['names'])).toBe(true);
    expect(stdout).not.toContain(issued.refresh_token);
  });
});

describe('npm run pack', () => {
  it("says 'runtime' is not a service id (it is always packed)", async () => {
    const failure = await run('npm', ['run', '--silent', 'pack', '--', 'runtime'], {
      cwd: REPO_ROOT,
    }).then(
      () => undefined,
      (e: { code?: number; stderr?: string }) => e,
    );
    expect(failure?.code).toBe(1);
    expect(failure?.stderr).toContain(
      "'runtime' is not a service id: @adsgen/runtime is always packed, with whichever services you name",
    );
  });
});
