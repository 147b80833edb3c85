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
import { buildPackage, buildWhenRunDirectly, tsc } from '../scripts/build/package-build.ts';

const REDIS = dirname(fileURLToPath(import.meta.url));

export async function buildRedis(
  out: (line: string) => void,
  redisDir: string = REDIS,
): Promise<void> {
  await buildPackage({
    name: 'redis',
    dir: redisDir,
    compile: async (staging) => {
      await tsc('redis/', ['-p', join(redisDir, 'tsconfig.json'), '--outDir', staging], redisDir);
      await bundleForNode('redis/', {
        entryPoints: [join(redisDir, 'src', 'index.ts')],
        outdir: staging,
      });
    },
    out,
  });
}

buildWhenRunDirectly(import.meta.url, buildRedis);
