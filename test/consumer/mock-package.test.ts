/**
 * @adsgen/mock as a user gets it: packed with the runtime and two generated packages,
 * installed offline into a scratch project, type-checked with --strict, and a user-style test
 * file (node:test) run from it against the installed mock, which finds its specs inside the
 * package.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../scripts/pack.ts';
import { createConsumerProject, type ConsumerProject } from './consumer-project.ts';

const PACKAGES = [
  'runtime',
  'mock',
  'generated/customer-management',
  'generated/campaign-management',
  'generated/bulk',
  'generated/reporting',
];

describe('@adsgen/mock installed from its tarball', () => {
  let project: ConsumerProject;

  beforeAll(async () => {
    project = await createConsumerProject(
      PACKAGES.map((p) => join(REPO_ROOT, p)),
      ['mock-user.test'],
    );
  }, 180_000);
  afterAll(() => project?.remove());

  it('packs dist, declarations and the spec files, with its dependencies declared', () => {
    const mock = project.tarballs.find((t) => t.name === '@adsgen/mock')!;
    expect(mock.files).toEqual(
      expect.arrayContaining([
        'dist/index.js',
        'dist/index.d.ts',
        'dist/bin.js',
        'specs/manifest.json',
        'specs/campaign-management.wsdl',
        'specs/campaign-management.openapi.json',
        'specs/error-codes.json',
        'specs/bulk-entities.json',
      ]),
    );
    expect(mock.files.some((f) => f.startsWith('src/'))).toBe(false);
    for (const dep of ['ajv', 'fast-xml-parser', 'xmllint-wasm'])
      expect(existsSync(join(project.dir, 'node_modules', dep, 'package.json'))).toBe(true);
  });

  it('type-checks the user test with --strict and runs it with node --test', async () => {
    await expect(project.typecheckAndBuild()).resolves.toBe('');
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--test', '--test-reporter=tap', join('dist', 'mock-user.test.js')],
      { cwd: project.dir, timeout: 120_000 },
    ).catch((e: { stdout?: string; stderr?: string }) => {
      throw new Error(`user test failed:\n${e.stdout ?? ''}${e.stderr ?? ''}`);
    });
    const passed = Number(/^# pass (\d+)$/m.exec(stdout)?.[1]);
    const failed = Number(/^# fail (\d+)$/m.exec(stdout)?.[1]);
    expect({ passed, failed }).toEqual({ passed: 9, failed: 0 });
  }, 180_000);
});
