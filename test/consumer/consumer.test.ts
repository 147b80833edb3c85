/**
 * As a consumer would: npm pack the runtime and two generated packages, install the tarballs into
 * a temporary project without network, type-check it with --strict (including deliberate
 * mistakes the types must reject) and run a small script from it against the mock.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../scripts/pack.ts';
import { startMockServer, type MockServer } from '../../mock/src/server.ts';
import { createConsumerProject, type ConsumerProject } from './consumer-project.ts';

const PACKAGES = ['runtime', 'generated/customer-management', 'generated/campaign-management'];

describe('a consumer installs the packed packages offline and uses them', () => {
  let project: ConsumerProject;
  let server: MockServer;

  beforeAll(async () => {
    [project, server] = await Promise.all([
      createConsumerProject(
        PACKAGES.map((p) => join(REPO_ROOT, p)),
        ['consumer', 'type-errors'],
      ),
      startMockServer(),
    ]);
    console.log(`consumer: runtime dependencies installed from the ${project.installedFrom}`);
  }, 120_000);
  afterAll(async () => {
    project?.remove();
    await server?.close();
  });

  it('packs complete packages and installs one shared runtime', () => {
    const byName = new Map(project.tarballs.map((t) => [t.name, t]));
    expect([...byName.keys()].sort()).toEqual([
      '@adsgen/campaign-management',
      '@adsgen/customer-management',
      '@adsgen/runtime',
    ]);
    expect(byName.get('@adsgen/runtime')!.files).toContain('dist/index.d.ts');
    for (const id of ['customer-management', 'campaign-management']) {
      expect(byName.get(`@adsgen/${id}`)!.files).toEqual(
        expect.arrayContaining([
          'package.json',
          'dist/index.js',
          'dist/index.d.ts',
          'dist/client.js',
        ]),
      );
    }
    const modules = join(project.dir, 'node_modules');
    for (const dep of ['@adsgen/runtime', 'undici'])
      expect(existsSync(join(modules, dep, 'package.json'))).toBe(true);
    // No second runtime nested under a generated package: one copy, so instanceof works.
    for (const id of ['customer-management', 'campaign-management'])
      expect(existsSync(join(modules, '@adsgen', id, 'node_modules', '@adsgen', 'runtime'))).toBe(
        false,
      );
    const installed = JSON.parse(
      readFileSync(join(modules, '@adsgen', 'customer-management', 'package.json'), 'utf8'),
    ) as { dependencies: Record<string, string> };
    expect(installed.dependencies['@adsgen/runtime']).toBe('^0.1.0');
  });

  it('type-checks with --strict, the deliberate mistakes rejected', async () => {
    // tsc exits non-zero on any error, including an "Unused '@ts-expect-error' directive"
    // (a mistake the types failed to reject).
    await expect(project.typecheckAndBuild()).resolves.toBe('');
    expect(existsSync(join(project.dir, 'dist', 'consumer.js'))).toBe(true);
  }, 120_000);

  it('runs against the mock over SOAP and REST', async () => {
    const { ids } = server.state;
    const stdout = await project.runScript('consumer', [
      server.origin,
      server.oauth.issue().access_token,
      ids.customerId,
      ids.accountId,
    ]);
    const lines = stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.map((l) => l['protocol'])).toEqual(['soap', 'rest']);
    for (const line of lines) {
      expect(line).toMatchObject({
        user: 'ada@example.com',
        accountName: `Consumer ${String(line['protocol'])}`,
        currency: 'EUR',
        paymentMethodId: '9223372036854775807',
        billToCustomerId: '9007199254740993',
        metadataProtocol: line['protocol'],
        hasTrackingId: true,
        campaignIds: expect.any(Number),
        adIdsAreStrings: true,
        fault: 'AdsApiError 210 EntityNotExistent',
      });
      expect(BigInt(line['accountId'] as string) > 2n ** 53n).toBe(true);
    }
    expect(server.stats.validationErrors).toEqual([]);
    // GetUser, AddAccount, GetAccount ×2, AddCampaigns, AddAdGroups, AddAds per protocol.
    expect(server.stats.validated).toBe(14);
  }, 60_000);

  it('runs as one esbuild bundle from a folder without node_modules (undici travels along)', async () => {
    // What a serverless deployment does: every import must be one a bundler can follow.
    const { build } = await import('esbuild');
    const out = mkdtempSync(join(tmpdir(), 'adsgen-bundle-'));
    try {
      const outfile = join(out, 'consumer.mjs');
      await build({
        entryPoints: [join(project.dir, 'dist', 'consumer.js')],
        outfile,
        bundle: true,
        platform: 'node',
        format: 'esm',
        // The usual shim for CommonJS dependencies (undici) inside an ES module bundle.
        banner: {
          js: "import { createRequire as adsgenCreateRequire } from 'node:module'; const require = adsgenCreateRequire(import.meta.url);",
        },
        logLevel: 'silent',
      });
      expect(readFileSync(outfile, 'utf8')).toContain(
        'node_modules/undici/lib/dispatcher/agent.js',
      );
      const { ids } = server.state;
      const { stdout } = await promisify(execFile)(
        process.execPath,
        [outfile, server.origin, server.oauth.issue().access_token, ids.customerId, ids.accountId],
        { cwd: out, timeout: 60_000 },
      );
      const lines = stdout
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as Record<string, unknown>);
      expect(lines.map((l) => [l['protocol'], l['user'], l['currency']])).toEqual([
        ['soap', 'ada@example.com', 'EUR'],
        ['rest', 'ada@example.com', 'EUR'],
      ]);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  }, 60_000);
});
