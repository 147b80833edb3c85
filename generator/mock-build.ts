import { execFile } from 'node:child_process';
import { copyFile, mkdir, readFile, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { REPO_ROOT, SPECS_DIR } from './specs/manifest.ts';
import { bundleForNode } from './esbuild-bundle.ts';

const run = promisify(execFile);
const MOCK = join(REPO_ROOT, 'mock');
const BULK_ENTITIES = join(REPO_ROOT, 'generator', 'bulk', 'entities.json');

/**
 * Builds @adsgen/mock so it runs installed elsewhere: `dist/` holds the JavaScript as an
 * esbuild bundle per entry (the API and the `adsgen-mock` command; dependencies stay
 * external, declared in mock/package.json) and tsc's declarations; `specs/` holds the
 * manifest, WSDLs, OpenAPI documents and error codes the mock validates and answers from,
 * copied from the checkout's specs/ (the installed package finds them beside dist/).
 *
 * Skips the work when every output is newer than every input. A failed build leaves the
 * previous dist/ in place (built beside it, swapped in when complete).
 */
export async function buildMock(
  out: (line: string) => void,
  mockDir: string = MOCK,
  specsDir: string = SPECS_DIR,
): Promise<void> {
  const specFiles = await specsToBundle(specsDir);
  const inputs = [
    ...(await filesUnder(join(mockDir, 'src'))),
    join(mockDir, 'tsconfig.json'),
    ...specFiles.map((f) => join(specsDir, f)),
    BULK_ENTITIES,
  ];
  const dist = join(mockDir, 'dist');
  if ((await newest(inputs)) < (await oldest([join(dist, 'index.js'), join(dist, 'index.d.ts')])))
    return;
  const started = performance.now();
  const staging = join(mockDir, `.dist-${process.pid}`);
  await rm(staging, { recursive: true, force: true });
  try {
    await compile(mockDir, staging);
    await mkdir(join(mockDir, 'specs'), { recursive: true });
    for (const f of specFiles) await copyFile(join(specsDir, f), join(mockDir, 'specs', f));
    // The Bulk record columns the mock writes files with, for the installed package too.
    await copyFile(BULK_ENTITIES, join(mockDir, 'specs', 'bulk-entities.json'));
    await rm(dist, { recursive: true, force: true });
    await rename(staging, dist);
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
  out(`mock: built mock/dist in ${Math.round(performance.now() - started)} ms`);
}

/** manifest.json, error-codes.json and each service's WSDL and OpenAPI document. */
async function specsToBundle(specsDir: string): Promise<string[]> {
  const manifest = JSON.parse(await readFile(join(specsDir, 'manifest.json'), 'utf8')) as {
    errorCodes?: string;
    services: { files: { wsdl: string; openapi: string } }[];
  };
  return [
    'manifest.json',
    manifest.errorCodes ?? 'error-codes.json',
    ...manifest.services.flatMap((s) => [s.files.wsdl, s.files.openapi]),
  ];
}

async function compile(mockDir: string, outDir: string): Promise<void> {
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  try {
    await run(process.execPath, [tsc, '-p', join(mockDir, 'tsconfig.json'), '--outDir', outDir], {
      cwd: mockDir,
    });
  } catch (e) {
    const stdout = (e as { stdout?: string }).stdout ?? '';
    throw new Error(`compiling mock/ failed:\n${stdout.slice(0, 4000)}`);
  }
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

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

async function newest(files: string[]): Promise<number> {
  const times = await Promise.all(files.map((f) => stat(f).then((s) => s.mtimeMs)));
  return Math.max(...times);
}

/** The oldest modification time of `files`; -Infinity when one is missing. */
async function oldest(files: string[]): Promise<number> {
  try {
    const times = await Promise.all(files.map((f) => stat(f).then((s) => s.mtimeMs)));
    return Math.min(...times);
  } catch {
    return -Infinity;
  }
}
