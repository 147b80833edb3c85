/**
 * Builds @adsgen/mock so it runs installed elsewhere: `dist/` holds the JavaScript as an
 * esbuild bundle per entry (the API and the `adsgen-mock` command; dependencies stay
 * external, declared in package.json) and tsc's declarations; `specs/` holds the manifest,
 * WSDLs, OpenAPI documents and error codes the mock validates and answers from, copied from
 * the repository's specs/ (the installed package finds them beside dist/), and the Bulk
 * record columns from generator/bulk/entities.json.
 *
 *   npm run build -w @adsgen/mock        (`npm run build` runs it too; needs `npm run specs`)
 *
 * Skips the work when every output is newer than every input. A failed build leaves the
 * previous dist/ in place (built beside it, swapped in when complete).
 */
import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleForNode } from '../scripts/build/esbuild-bundle.ts';
import {
  buildPackage,
  buildWhenRunDirectly,
  filesUnder,
  tsc,
} from '../scripts/build/package-build.ts';

const MOCK = dirname(fileURLToPath(import.meta.url));

export async function buildMock(
  out: (line: string) => void,
  mockDir: string = MOCK,
  specsDir: string = join(mockDir, '..', 'specs'),
): Promise<void> {
  const bulkEntities = join(mockDir, '..', 'generator', 'bulk', 'entities.json');
  const specFiles = await specsToBundle(specsDir);
  await buildPackage({
    name: 'mock',
    dir: mockDir,
    inputs: [...specFiles.map((f) => join(specsDir, f)), bulkEntities],
    compile: async (staging) => {
      await compile(mockDir, staging);
      await mkdir(join(mockDir, 'specs'), { recursive: true });
      for (const f of specFiles) await copyFile(join(specsDir, f), join(mockDir, 'specs', f));
      await copyFile(bulkEntities, join(mockDir, 'specs', 'bulk-entities.json'));
    },
    out,
  });
}

/**
 * manifest.json, error-codes.json and each service's WSDL and OpenAPI document. The manifest
 * is committed; the spec files come from `npm run specs`, and without them there is no mock
 * package to build.
 */
async function specsToBundle(specsDir: string): Promise<string[]> {
  const manifest = JSON.parse(await readFile(join(specsDir, 'manifest.json'), 'utf8')) as {
    errorCodes?: string;
    services: { files: { wsdl: string; openapi: string } }[];
  };
  const files = [
    'manifest.json',
    manifest.errorCodes ?? 'error-codes.json',
    ...manifest.services.flatMap((s) => [s.files.wsdl, s.files.openapi]),
  ];
  const missing = files.filter((f) => !existsSync(join(specsDir, f)));
  if (missing.length > 0)
    throw new Error(
      `building mock/ needs the spec files it serves, and ${specsDir} lacks ${missing.join(', ')}: run \`npm run specs\` first`,
    );
  return files;
}

async function compile(mockDir: string, outDir: string): Promise<void> {
  await tsc('mock/', ['-p', join(mockDir, 'tsconfig.json'), '--outDir', outDir], mockDir);
  // tsc keeps the sources' `.ts` specifiers in declarations; consumers resolve `.js`.
  for (const file of await filesUnder(outDir)) {
    if (!file.endsWith('.d.ts')) continue;
    const text = await readFile(file, 'utf8');
    await writeFile(file, text.replace(/(from\s+'\.{1,2}\/[^']*)\.ts'/g, "$1.js'"));
  }
  await bundleForNode('mock/', {
    entryPoints: [join(mockDir, 'src', 'index.ts'), join(mockDir, 'src', 'bin.ts')],
    outdir: outDir,
  });
}

buildWhenRunDirectly(import.meta.url, buildMock);
