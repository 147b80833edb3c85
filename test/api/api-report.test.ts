/**
 * The API report of @adsgen/runtime (runtime/api/runtime.api.md) matches the public entry as
 * built, and the check fails when the surface and the report part: a report missing one
 * export is caught without being rewritten.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Extractor, ExtractorConfig } from '@microsoft/api-extractor';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../generator/specs/manifest.ts';

const CONFIG = join(REPO_ROOT, 'runtime', 'api-extractor.json');
const REPORT = join(REPO_ROOT, 'runtime', 'api', 'runtime.api.md');
const dirs: string[] = [];
afterAll(() => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

/** Runs the check (never rewriting a report) with the committed report or `reportFolder`. */
function check(reportFolder?: string) {
  const configObject = ExtractorConfig.loadFile(CONFIG);
  if (reportFolder) configObject.apiReport = { ...configObject.apiReport!, reportFolder };
  const config = ExtractorConfig.prepare({
    configObject,
    configObjectFullPath: CONFIG,
    packageJsonFullPath: join(REPO_ROOT, 'runtime', 'package.json'),
  });
  return Extractor.invoke(config, {
    localBuild: false,
    messageCallback: (m) => (m.handled = true),
  });
}

describe('API report of @adsgen/runtime', () => {
  it('matches the public entry (else: npm run api-report)', () => {
    const result = check();
    expect(result.errorCount).toBe(0);
    expect(result.apiReportChanged).toBe(false);
  }, 120_000);

  it('fails when the surface differs from the report, and leaves the report alone', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'adsgen-api-report-'));
    dirs.push(dir);
    const committed = await readFile(REPORT, 'utf8');
    const edited = committed.replace(
      /^\/\/ @public[^\n]*\nexport class ThrottledError[^]*?\n}\n\n/m,
      '',
    );
    expect(edited).not.toBe(committed);
    await writeFile(join(dir, 'runtime.api.md'), edited);
    const result = check(dir);
    expect(result.apiReportChanged).toBe(true);
    expect(await readFile(join(dir, 'runtime.api.md'), 'utf8')).toBe(edited);
  }, 120_000);
});
