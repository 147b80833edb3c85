/**
 * A throwaway consumer project: the packed @adsgen tarballs installed with npm, offline, the
 * way another repository would install them, plus TypeScript sources to type-check and run.
 *
 * Offline installs need the runtime's own dependencies (undici):
 * 1. first from the npm cache (`npm install --offline`); `npm ci` in this repository usually
 *    leaves them there;
 * 2. when the cache cannot serve them (ENOTCACHED: a CI whose cache was never filled, or was
 *    filled by `npm ci` with tarballs but without the registry metadata a range like
 *    `^5.12.1` needs), they are packed from this repository's node_modules (exactly the
 *    versions the lockfile pinned) and installed as file: dependencies, so npm still does the
 *    whole install and nothing is copied by hand.
 */
import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { REPO_ROOT, dependencyClosure, npmPack, type Tarball } from '../../scripts/pack.ts';

const run = promisify(execFile);

export type InstallSource = 'npm cache' | 'repository node_modules';

export interface ConsumerProject {
  dir: string;
  tarballs: Tarball[];
  installedFrom: InstallSource;
  /** `tsc -p` with the repository's TypeScript; resolves with tsc's output, rejects on errors. */
  typecheckAndBuild(): Promise<string>;
  /** `node dist/<script>.js …args`; resolves with stdout. */
  runScript(script: string, args: string[]): Promise<string>;
  remove(): void;
}

const FIXTURE = join(REPO_ROOT, 'test', 'consumer', 'project');
const TSC = join(REPO_ROOT, 'node_modules', 'typescript', 'bin', 'tsc');

/** `sources`: fixture files (`name.ts.txt`) copied in as `src/name.ts`. */
export async function createConsumerProject(
  packageDirs: string[],
  sources: string[],
): Promise<ConsumerProject> {
  const dir = mkdtempSync(join(tmpdir(), 'adsgen-consumer-'));
  try {
    const tarballs = await npmPack(packageDirs, join(dir, 'tarballs'));
    const deps = Object.fromEntries(
      tarballs.map((t) => [t.name, `file:./tarballs/${basename(t.file)}`]),
    );
    writeProject(dir, deps, sources);
    let installedFrom: InstallSource = 'npm cache';
    try {
      await npmInstall(dir);
    } catch (error) {
      if (!/ENOTCACHED/.test(String((error as { stderr?: string }).stderr ?? error))) throw error;
      installedFrom = 'repository node_modules';
      const closure = new Set(packageDirs.flatMap((d) => dependencyClosure(d)));
      const extra = await npmPack([...closure], join(dir, 'tarballs'));
      for (const t of extra) deps[t.name] = `file:./tarballs/${basename(t.file)}`;
      rmSync(join(dir, 'node_modules'), { recursive: true, force: true });
      writeProject(dir, deps, sources);
      await npmInstall(dir);
    }
    return {
      dir,
      tarballs,
      installedFrom,
      typecheckAndBuild: () => tscBuild(dir),
      runScript: async (script, args) => {
        const out = await run(process.execPath, [join(dir, 'dist', `${script}.js`), ...args], {
          cwd: dir,
          timeout: 60_000,
        }).catch((e: { stdout?: string; stderr?: string }) => {
          throw new Error(`${script} failed:\n${e.stdout ?? ''}${e.stderr ?? ''}`);
        });
        return out.stdout;
      },
      remove: () => rmSync(dir, { recursive: true, force: true }),
    };
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}

function basename(file: string): string {
  return file.slice(file.lastIndexOf('/') + 1);
}

/**
 * Strict, NodeNext as a modern consumer compiles; skipLibCheck off so the packages' own
 * .d.ts files are checked too. Types of node come from this repository (no install).
 */
export function writeConsumerTsconfig(dir: string): void {
  const tsconfig = {
    compilerOptions: {
      target: 'ES2022',
      module: 'NodeNext',
      moduleResolution: 'NodeNext',
      lib: ['ES2023'],
      strict: true,
      noUncheckedIndexedAccess: true,
      exactOptionalPropertyTypes: false,
      skipLibCheck: false,
      types: ['node'],
      typeRoots: [join(REPO_ROOT, 'node_modules', '@types')],
      rootDir: 'src',
      outDir: 'dist',
    },
    include: ['src'],
  };
  writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify(tsconfig, null, 2));
}

/** `tsc -p` with the repository's TypeScript; resolves with its output, rejects with its errors. */
export async function tscBuild(dir: string): Promise<string> {
  const out = await run(process.execPath, [TSC, '-p', join(dir, 'tsconfig.json')], {
    cwd: dir,
  }).catch((e: { stdout?: string; stderr?: string }) => {
    throw new Error(`tsc failed:\n${e.stdout ?? ''}${e.stderr ?? ''}`);
  });
  return out.stdout;
}

function writeProject(dir: string, deps: Record<string, string>, sources: string[]): void {
  const pkg = { name: 'adsgen-consumer', private: true, type: 'module', dependencies: deps };
  writeFileSync(join(dir, 'package.json'), JSON.stringify(pkg, null, 2));
  writeConsumerTsconfig(dir);
  mkdirSync(join(dir, 'src'), { recursive: true });
  for (const s of sources) copyFileSync(join(FIXTURE, `${s}.ts.txt`), join(dir, 'src', `${s}.ts`));
}

async function npmInstall(dir: string): Promise<void> {
  await run(
    'npm',
    ['install', '--offline', '--no-audit', '--no-fund', '--ignore-scripts', '--no-package-lock'],
    { cwd: dir, maxBuffer: 16 * 1024 * 1024 },
  );
}
