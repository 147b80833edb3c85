import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serviceIds } from '../../generator/specs/manifest.ts';

export const BENCH_DIR = dirname(fileURLToPath(import.meta.url));
export const ROOT = join(BENCH_DIR, '..', '..');
export const BIN = join(ROOT, 'bin', 'adsgen.js');
export const SPECS = join(ROOT, 'specs');
export const GENERATED = join(ROOT, 'generated');
export const RESULTS = join(ROOT, 'bench', 'results.json');
/**
 * Scratch space for outputs that must resolve packages from the repository's node_modules
 * (wsdl-tsclient's output imports `soap`): inside node_modules, so git never sees it.
 */
export const SCRATCH = join(ROOT, 'node_modules', '.cache', 'adsgen-bench');
/** The six services, in the manifest's order (specs/manifest.json is their one list). */
export const SERVICES: readonly string[] = serviceIds();

/** The CLIs of the alternatives, run as their users run them. */
export const WSDL_TSCLIENT_CLI = join(
  ROOT,
  'node_modules',
  'wsdl-tsclient',
  'dist',
  'src',
  'cli.js',
);
export const OPENAPI_TS_CLI = join(ROOT, 'node_modules', 'openapi-typescript', 'bin', 'cli.js');
export const TSC = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
