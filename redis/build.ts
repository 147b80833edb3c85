/**
 * Builds @adsgen/redis into dist/ as the runtime and the mock are built: declarations by tsc
 * (which also type-checks, against the runtime's built declarations) and the JavaScript as one
 * esbuild bundle with its source map, ioredis and @adsgen/runtime left as imports (declared in
 * package.json).
 *
 *   npm run build -w @adsgen/redis        (`npm run build` runs it too, after the runtime)
 *
 * Skips the work when dist/ is newer than every input. Builds beside dist/ and swaps it in, so
 * a failed build leaves the previous dist/ in place.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleForNode } from '../scripts/build/esbuild-bundle.ts';
import {
  buildWhenRunDirectly,
  filesUnder,
  isUpToDate,
  replaceDist,
  tsc,
} from '../scripts/build/package-build.ts';

const REDIS = dirname(fileURLToPath(import.meta.url));

export async function buildRedis(
  out: (line: string) => void,
  redisDir: string = REDIS,
): Promise<void> {
  const dist = join(redisDir, 'dist');
  const inputs = [
    ...(await filesUnder(join(redisDir, 'src'))),
    join(redisDir, 'tsconfig.json'),
    join(redisDir, 'package.json'),
  ];
  if (await isUpToDate(inputs, [join(dist, 'index.js'), join(dist, 'index.d.ts')])) return;
  const started = performance.now();
  await replaceDist(redisDir, async (staging) => {
    await tsc('redis/', ['-p', join(redisDir, 'tsconfig.json'), '--outDir', staging], redisDir);
    await bundleForNode('redis/', {
      entryPoints: [join(redisDir, 'src', 'index.ts')],
      outdir: staging,
    });
  });
  out(`redis: built redis/dist in ${Math.round(performance.now() - started)} ms`);
}

buildWhenRunDirectly(import.meta.url, buildRedis);
