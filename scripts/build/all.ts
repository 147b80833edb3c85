/**
 * `npm run build`: each hand-written package's own build (the same as `npm run build -w
 * <package>`), in dependency order and in one process: the runtime first, since redis
 * compiles against its declarations, then redis, then the mock. One process rather than one
 * npm run per package: when everything is up to date (every `npm test` and `npm run
 * generate`), start-up is most of the cost.
 */
import { buildMock } from '../../mock/build.ts';
import { buildRedis } from '../../redis/build.ts';
import { buildRuntime } from '../../runtime/build.ts';

try {
  for (const build of [buildRuntime, buildRedis, buildMock]) await build(console.log);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
}
