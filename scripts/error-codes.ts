/**
 * `npm run error-codes`: rewrites runtime/src/error-codes.generated.ts from
 * specs/error-codes.json (`npm run specs` brings that file). The table is committed so the
 * runtime builds without specs; a test fails while the committed file differs from what the
 * specs render, and this is the command it names. An unchanged table is not rewritten, so its
 * mtime does not make the runtime's build run again.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { renderErrorCodeModule } from '../generator/error-codes/generate.ts';
import { REPO_ROOT, SPECS_DIR } from '../generator/specs/manifest.ts';

const ERROR_CODE_TABLE = join(REPO_ROOT, 'runtime', 'src', 'error-codes.generated.ts');

try {
  const { text, count } = await renderErrorCodeModule(SPECS_DIR);
  const before = await readFile(ERROR_CODE_TABLE, 'utf8').catch(() => '');
  if (before === text) {
    console.log(`error-codes: runtime/src/error-codes.generated.ts is up to date (${count} codes)`);
  } else {
    await writeFile(ERROR_CODE_TABLE, text);
    console.log(`error-codes: rewrote runtime/src/error-codes.generated.ts (${count} codes)`);
  }
} catch (error) {
  console.error(`error-codes: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
