/**
 * Packs @adsgen/runtime, @adsgen/mock, @adsgen/redis and generated packages into npm tarballs,
 * as a consumer would get them from a registry, and finds the installed dependency closure of a package (used to
 * install tarballs without a network when the npm cache is empty).
 *
 *   npm run pack -- [--out <dir>] [<service id>…]     (default out: packages/)
 *
 * The runtime, @adsgen/mock and @adsgen/redis are always packed; without service ids, all six
 * generated packages with them (run `npm run generate` first: its `npm run build` makes
 * runtime/dist, redis/dist and mock/dist, then `adsgen generate` writes generated/<id>/dist).
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

export interface Tarball {
  name: string;
  version: string;
  /** Absolute path of the .tgz. */
  file: string;
  /** Files in the tarball, relative to the package root. */
  files: string[];
}

interface PackJson {
  name: string;
  version: string;
  filename: string;
  files: { path: string }[];
}

/**
 * `npm pack` of each package directory into `destination`, in one npm run. Lifecycle scripts
 * are not run: packages are packed as they are on disk (an installed dependency's `prepare`
 * would need its dev tooling).
 */
export async function npmPack(dirs: string[], destination: string): Promise<Tarball[]> {
  mkdirSync(destination, { recursive: true });
  const { stdout } = await run(
    'npm',
    ['pack', '--json', '--ignore-scripts', '--pack-destination', destination, ...dirs],
    { cwd: destination, maxBuffer: 64 * 1024 * 1024 },
  );
  return (JSON.parse(stdout) as PackJson[]).map((p) => ({
    name: p.name,
    version: p.version,
    file: join(destination, p.filename),
    files: p.files.map((f) => f.path),
  }));
}

/**
 * Directories of the installed packages `packageDir` depends on, transitively (production
 * dependencies and required peers), resolved the way Node resolves them: from the dependent's own
 * node_modules up to the root's. Throws when one is not installed.
 */
export function dependencyClosure(packageDir: string, root = REPO_ROOT): string[] {
  const found = new Map<string, string>();
  const visit = (dir: string): void => {
    const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {
      dependencies?: Record<string, string>;
      peerDependencies?: Record<string, string>;
      peerDependenciesMeta?: Record<string, { optional?: boolean }>;
    };
    // npm installs required peers too (xmllint-wasm names @types/node).
    const peers = Object.keys(manifest.peerDependencies ?? {}).filter(
      (p) => !manifest.peerDependenciesMeta?.[p]?.optional,
    );
    for (const name of [...Object.keys(manifest.dependencies ?? {}), ...peers]) {
      if (found.has(name)) continue;
      const installed = locate(name, dir, root);
      found.set(name, installed);
      visit(installed);
    }
  };
  visit(packageDir);
  return [...found.values()];
}

function locate(name: string, from: string, root: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json'))) return candidate;
    if (dir === root || dir === dirname(dir)) break;
  }
  throw new Error(`${name} is not installed under ${root} (run npm ci)`);
}

/**
 * Packed with every selection: the runtime (each service package depends on it) and the
 * packages a user adds beside the services (the mock for tests, Redis for a fleet).
 */
export const ALWAYS_PACKED = ['runtime', 'mock', 'redis'];

/** The hand-written packages and the generated ones of `services` (all six when empty). */
export function packageDirs(services: string[] = []): string[] {
  const manifest = JSON.parse(readFileSync(join(REPO_ROOT, 'specs', 'manifest.json'), 'utf8')) as {
    services: { id: string }[];
  };
  const known = manifest.services.map((s) => s.id);
  checkServiceIds(services, known);
  const ids = services.length ? services : known;
  const dirs = [
    ...ALWAYS_PACKED.map((name) => join(REPO_ROOT, name)),
    ...ids.map((id) => join(REPO_ROOT, 'generated', id)),
  ];
  for (const dir of dirs) {
    if (!existsSync(join(dir, 'dist')))
      throw new Error(`${dir}/dist is missing: run npm run generate first`);
  }
  return dirs;
}

/**
 * Service ids only: the always-packed packages come with every selection, so naming one is a
 * mistake worth a clear word rather than a copy.
 */
export function checkServiceIds(services: string[], known: string[]): void {
  for (const id of services) {
    for (const always of ALWAYS_PACKED)
      if (id === always || id === `@adsgen/${always}`)
        throw new Error(
          `'${always}' is not a service id: @adsgen/${always} is always packed, with whichever services you name (${known.join(', ')})`,
        );
    if (!known.includes(id))
      throw new Error(`unknown service id '${id}'; expected one of: ${known.join(', ')}`);
  }
}

async function main(argv: string[]): Promise<void> {
  const at = argv.indexOf('--out');
  const out = resolve(at >= 0 ? argv[at + 1]! : 'packages');
  const services = argv.filter((a, i) => a !== '--out' && (at < 0 || i !== at + 1));
  for (const t of await npmPack(packageDirs(services), out))
    console.log(`${t.name}@${t.version}  ${t.file}  (${t.files.length} files)`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
