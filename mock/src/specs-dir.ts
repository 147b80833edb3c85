import { existsSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Where the mock reads manifest.json, the WSDLs, the OpenAPI documents and error-codes.json
 * when `specsDir` is not given: `$ADSGEN_MOCK_SPECS`; else, for the built package
 * (`dist/`), the copy its build put beside it (`<package>/specs`); else, run from source
 * in a checkout, the checkout's `specs/`.
 */
export function defaultSpecsDir(): string {
  const fromEnv = process.env['ADSGEN_MOCK_SPECS'];
  if (fromEnv) return fromEnv;
  const here = dirname(fileURLToPath(import.meta.url));
  const packaged = join(here, '..', 'specs');
  const checkout = join(here, '..', '..', 'specs');
  const order = basename(here) === 'dist' ? [packaged, checkout] : [checkout, packaged];
  const found = order.find((d) => existsSync(join(d, 'manifest.json')));
  if (!found) {
    throw new Error(
      `@adsgen/mock: no spec files found (looked in ${order.join(', ')}); pass specsDir or set ADSGEN_MOCK_SPECS`,
    );
  }
  return found;
}
