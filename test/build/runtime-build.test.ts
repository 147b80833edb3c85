import {
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  rmSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { appendFile, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildRuntime } from '../../runtime/build.ts';
import { REPO_ROOT } from '../../generator/specs/manifest.ts';

/**
 * The runtime's own build (runtime/build.ts, `npm run build -w @adsgen/runtime`) on a copy of
 * runtime/ (inside the repository, so `@types/node` and undici resolve as for the real one): a
 * type error leaves the previous dist/ in place, a good build replaces it whole with one
 * bundle that loads, and no staging folder is left either way.
 */

const work = join(REPO_ROOT, 'node_modules', '.cache', `adsgen-runtime-build-${process.pid}`);
const runtime = join(work, 'runtime');
const dist = join(runtime, 'dist');
const index = join(runtime, 'src', 'index.ts');
let pristine: string;

beforeAll(async () => {
  rmSync(work, { recursive: true, force: true });
  mkdirSync(runtime, { recursive: true });
  for (const entry of ['src', 'tsconfig.json', 'package.json'])
    cpSync(join(REPO_ROOT, 'runtime', entry), join(runtime, entry), { recursive: true });
  pristine = await readFile(index, 'utf8');
  // A dist/ of an earlier build, older than every source file.
  mkdirSync(dist);
  writeFileSync(join(dist, 'index.js'), 'export const earlier = true;\n');
  writeFileSync(join(dist, 'stale-module.js'), '\n');
  const past = new Date(Date.now() - 3_600_000);
  utimesSync(join(dist, 'index.js'), past, past);
});

afterAll(() => rmSync(work, { recursive: true, force: true }));

const staging = () => readdirSync(runtime).filter((n) => n.startsWith('.dist-'));

describe('buildRuntime', () => {
  it('keeps the previous dist/ when the runtime does not compile', async () => {
    await appendFile(index, "\nexport const broken: number = 'not a number';\n");
    const lines: string[] = [];
    await expect(buildRuntime((l) => lines.push(l), runtime)).rejects.toThrow(
      /compiling runtime\/ failed:[\s\S]*TS2322/,
    );
    expect(readdirSync(dist).sort()).toEqual(['index.js', 'stale-module.js']);
    expect(staging()).toEqual([]);
    expect(lines).toEqual([]);
  }, 120_000);

  it('replaces dist/ whole with declarations and two entry bundles that load', async () => {
    await writeFile(index, pristine);
    const lines: string[] = [];
    await buildRuntime((l) => lines.push(l), runtime);
    expect(lines).toEqual([expect.stringMatching(/^runtime: built runtime\/dist in \d+ ms$/)]);
    const files = readdirSync(dist);
    expect(files).not.toContain('stale-module.js');
    // The public entry and `internal`, sharing chunks so both see the same classes.
    const js = files.filter((f) => f.endsWith('.js'));
    expect(js.filter((f) => !/^runtime-[A-Z0-9]+\.js$/.test(f))).toEqual([
      'index.js',
      'internal.js',
    ]);
    expect(files).toContain('index.d.ts');
    expect(existsSync(join(dist, 'index.js.map'))).toBe(true);
    expect(staging()).toEqual([]);
    const loaded = await import(pathToFileURL(join(dist, 'index.js')).href);
    expect(typeof loaded.ServiceClient).toBe('function');
    expect(loaded.installOperations).toBeUndefined();
    const internal = await import(pathToFileURL(join(dist, 'internal.js')).href);
    expect(typeof internal.installOperations).toBe('function');
    expect(loaded.earlier).toBeUndefined();
    // Up to date now: a second call builds nothing.
    await buildRuntime((l) => lines.push(l), runtime);
    expect(lines).toHaveLength(1);
  }, 120_000);
});
