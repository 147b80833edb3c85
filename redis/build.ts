/**
 * Builds @adsgen/redis into dist/ as the runtime and the mock are built: declarations by tsc
 * (which also type-checks) and the JavaScript as one esbuild bundle with its source map,
 * ioredis and @adsgen/runtime left as imports (declared in package.json).
 *
 *   npm run build -w @adsgen/redis        (`npm run generate` runs it too)
 *
 * Skips the work when dist/ is newer than every input. Builds beside dist/ and swaps it in, so
 * a failed build leaves the previous dist/ in place.
 */
import { execFile } from 'node:child_process';
import { readdir, rename, rm, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { bundleForNode } from '../generator/esbuild-bundle.ts';

const REDIS = dirname(fileURLToPath(import.meta.url));

export async function buildRedis(
  out: (line: string) => void,
  redisDir: string = REDIS,
): Promise<void> {
  const dist = join(redisDir, 'dist');
  if (await isUpToDate(redisDir, dist)) return;
  const started = performance.now();
  const staging = join(redisDir, `.dist-${process.pid}`);
  await rm(staging, { recursive: true, force: true });
  try {
    await declarations(redisDir, staging);
    await bundleForNode('redis/', {
      entryPoints: [join(redisDir, 'src', 'index.ts')],
      outdir: staging,
    });
    await rm(dist, { recursive: true, force: true });
    await rename(staging, dist);
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
  out(`redis: built redis/dist in ${Math.round(performance.now() - started)} ms`);
}

async function declarations(redisDir: string, outDir: string): Promise<void> {
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  try {
    await promisify(execFile)(
      process.execPath,
      [tsc, '-p', join(redisDir, 'tsconfig.json'), '--outDir', outDir],
      { cwd: redisDir },
    );
  } catch (e) {
    const stdout = (e as { stdout?: string }).stdout ?? '';
    throw new Error(`compiling redis/ failed:\n${stdout.slice(0, 4000)}`);
  }
}

/** Whether dist/ holds both outputs and both are newer than the sources and the build set-up. */
async function isUpToDate(redisDir: string, dist: string): Promise<boolean> {
  const mtime = (file: string) => stat(file).then((s) => s.mtimeMs);
  let built: number;
  try {
    built = Math.min(await mtime(join(dist, 'index.js')), await mtime(join(dist, 'index.d.ts')));
  } catch {
    return false;
  }
  const sources = await readdir(join(redisDir, 'src'), { recursive: true, withFileTypes: true });
  const inputs = [
    ...sources.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name)),
    join(redisDir, 'tsconfig.json'),
    join(redisDir, 'package.json'),
  ];
  for (const file of inputs) if ((await mtime(file)) > built) return false;
  return true;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  buildRedis(console.log).catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
