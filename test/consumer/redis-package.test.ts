/**
 * @adsgen/redis as a user gets it: packed with the runtime and a generated service, installed
 * offline into a scratch project outside the repository, type-checked with --strict and
 * skipLibCheck off (its declarations and ioredis's included), and run there against a real redis-server and the
 * mock's strictly rotating token endpoint.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../scripts/pack.ts';
import { startFleetFixture, type FleetFixture } from '../fleet/fleet-fixture.ts';
import { startRedisServer, type RedisServer } from '../fleet/redis-server.ts';
import { createConsumerProject, type ConsumerProject } from './consumer-project.ts';

const PACKAGES = ['runtime', 'redis', 'generated/customer-management'];

describe('@adsgen/redis installed from its tarball', () => {
  let project: ConsumerProject;
  let redis: RedisServer;
  let fleet: FleetFixture;

  beforeAll(async () => {
    [project, redis, fleet] = await Promise.all([
      createConsumerProject(
        PACKAGES.map((p) => join(REPO_ROOT, p)),
        ['redis-user', 'redis-errors.d'],
      ),
      startRedisServer(),
      startFleetFixture(),
    ]);
  }, 180_000);
  afterAll(async () => {
    project?.remove();
    await fleet?.close();
    await redis?.stop();
  });

  it('packs the bundle and declarations only, and installs ioredis with it', () => {
    const tarball = project.tarballs.find((t) => t.name === '@adsgen/redis')!;
    expect(tarball.files.sort()).toEqual([
      'dist/connection.d.ts',
      'dist/index.d.ts',
      'dist/index.js',
      'dist/index.js.map',
      'dist/redis-lock.d.ts',
      'dist/redis-throttle-state.d.ts',
      'dist/redis-token-store.d.ts',
      'package.json',
    ]);
    const modules = join(project.dir, 'node_modules');
    expect(existsSync(join(modules, 'ioredis', 'package.json'))).toBe(true);
    // One runtime, shared with the generated package (the store's errors are its classes).
    expect(existsSync(join(modules, '@adsgen', 'redis', 'node_modules', '@adsgen'))).toBe(false);
  });

  it('type-checks with --strict and refreshes once for four providers sharing the store', async () => {
    await expect(project.typecheckAndBuild()).resolves.toBe('');
    const issued = fleet.mock.oauth.issue();
    const tokenRequestsBefore = fleet.proxy.tokenRequests();
    const stdout = await project.runScript('redis-user', [
      redis.url,
      fleet.proxy.origin,
      `${fleet.proxy.origin}/common/oauth2/v2.0/token`,
      fleet.mock.state.developerToken,
      fleet.mock.state.ids.accountId,
      issued.refresh_token,
    ]);
    const result = JSON.parse(stdout) as {
      ok: number;
      reauth: number;
      errors: string[];
      storedRefreshToken: string;
      lockHeldAfterwards: boolean;
      json: string;
      inspected: string;
    };
    expect(result.errors).toEqual([]);
    expect(result).toMatchObject({ ok: 20, reauth: 0, lockHeldAfterwards: false });
    expect(fleet.proxy.tokenRequests() - tokenRequestsBefore).toBe(1);
    expect(result.storedRefreshToken).toBe(fleet.proxy.issuedRefreshTokens.at(-1));
    for (const shown of [result.json, result.inspected]) {
      expect(shown).toContain('consumer-user');
      expect(shown).not.toContain(issued.refresh_token);
      expect(shown).not.toContain(result.storedRefreshToken);
    }
  }, 180_000);
});
