/**
 * Builds @adsgen/runtime into dist/ so generated packages work straight from a checkout:
 * declarations by tsc (`--emitDeclarationOnly`: tsc is also the type check), and the
 * JavaScript as esbuild bundles with source maps, one per entry (index, internal,
 * transfer/index) over shared chunks: a process that starts a client loads a few modules
 * instead of dozens, which the cold-start bench measures. undici stays an external dependency
 * (the transport loads its Agent module at run time, see src/transport.ts).
 *
 *   npm run build -w @adsgen/runtime     (`npm run build` and `npm ci`'s prepare run it too)
 *
 * Needs nothing outside runtime/ but the repository's dev tools: the error-code table
 * (src/error-codes.generated.ts) is committed, regenerated from specs by `npm run error-codes`.
 *
 * Skips the work when dist/ is newer than every source file. Otherwise builds a whole new
 * dist/ and swaps it in, so no module of an earlier layout lingers and a failed build changes
 * nothing.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleForNode } from '../scripts/build/esbuild-bundle.ts';
import { buildPackage, buildWhenRunDirectly, tsc } from '../scripts/build/package-build.ts';

const RUNTIME = dirname(fileURLToPath(import.meta.url));

export async function buildRuntime(
  out: (line: string) => void,
  runtimeDir: string = RUNTIME,
): Promise<void> {
  await buildPackage({
    name: 'runtime',
    dir: runtimeDir,
    compile: (staging) => compile(runtimeDir, staging),
    out,
  });
}

/** src/ → `outDir`: declarations by tsc (which type-checks), JavaScript by esbuild. */
async function compile(runtimeDir: string, outDir: string): Promise<void> {
  await tsc(
    'runtime/',
    ['-p', join(runtimeDir, 'tsconfig.json'), '--emitDeclarationOnly', '--outDir', outDir],
    runtimeDir,
  );
  // Two entries (the public one and `internal`, for generated code) share one chunk, so both
  // see the same classes: an error thrown by the client is `instanceof` what users import.
  // `transfer` (polling, download, unzip, CSV for reports and bulk files) is a third entry,
  // dist/transfer/index.js: importing the public entry does not load it, fflate or Papa Parse.
  await bundleForNode('runtime/', {
    entryPoints: ['index', 'internal', 'transfer/index'].map((name) =>
      join(runtimeDir, 'src', `${name}.ts`),
    ),
    outdir: outDir,
    chunkNames: 'runtime-[hash]',
  });
}

buildWhenRunDirectly(import.meta.url, buildRuntime);
