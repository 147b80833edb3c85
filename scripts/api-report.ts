/**
 * `npm run api-report`: builds runtime/dist (runtime/build.ts; nothing to do when it is up to
 * date) and rewrites runtime/api/runtime.api.md, API Extractor's report of @adsgen/runtime's
 * public entry (every export with its signature and release tag), so a change to the public
 * surface shows in review as a change to that file.
 * `npm run api-report:check` (CI) writes nothing and fails when the committed report differs
 * from the code, or when an export has no release tag (`@public`, or `@internal`).
 */
import { join } from 'node:path';
import { Extractor, ExtractorConfig } from '@microsoft/api-extractor';
import { buildRuntime } from '../runtime/build.ts';
import { REPO_ROOT } from '../generator/specs/manifest.ts';

const check = process.argv.includes('--check');
await buildRuntime((line) => console.log(line));
const config = ExtractorConfig.loadFileAndPrepare(join(REPO_ROOT, 'runtime', 'api-extractor.json'));
const result = Extractor.invoke(config, { localBuild: !check });
const report = 'runtime/api/runtime.api.md';
if (check && result.apiReportChanged)
  console.error(
    `The public API of @adsgen/runtime differs from ${report}: run \`npm run api-report\` and commit the file.`,
  );
else if (!check && result.apiReportChanged) console.log(`api-report: rewrote ${report}`);
if (!result.succeeded || (check && result.apiReportChanged)) process.exitCode = 1;
