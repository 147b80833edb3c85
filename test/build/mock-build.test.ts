import { cp, mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildMock } from '../../mock/build.ts';
import { REPO_ROOT, SPECS_DIR } from '../../generator/specs/manifest.ts';

/**
 * The mock's own build bundles the spec files it serves; from a checkout that has not run
 * `npm run specs` (only the committed manifest and lock in specs/) it stops before compiling,
 * with the command that brings them, and leaves the package as it was.
 */

let work: string;
beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'adsgen-mock-build-'));
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

describe('buildMock', () => {
  it('without spec files: names them and `npm run specs`, builds nothing', async () => {
    const specs = join(work, 'specs');
    await mkdir(specs);
    for (const f of ['manifest.json', 'lock.json']) await cp(join(SPECS_DIR, f), join(specs, f));
    const before = await readdir(join(REPO_ROOT, 'mock'));
    const lines: string[] = [];
    await expect(buildMock((l) => lines.push(l), join(REPO_ROOT, 'mock'), specs)).rejects.toThrow(
      /lacks error-codes\.json, customer-management\.wsdl, .*: run `npm run specs` first/,
    );
    expect(lines).toEqual([]);
    expect(await readdir(join(REPO_ROOT, 'mock'))).toEqual(before);
  });
});
