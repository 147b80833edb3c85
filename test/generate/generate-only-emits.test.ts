import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readdir, rm, stat, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runGenerate } from '../../generator/generate-command.ts';
import { REPO_ROOT, SPECS_DIR, loadManifest } from '../../generator/specs/manifest.ts';

/**
 * `adsgen generate` writes its output directory and nothing else. It runs as a user runs it
 * (the CLI, a child process) in a copy of the checkout whose runtime/, mock/ and redis/ were
 * never built: a generate that built any of them, rewrote the error-code table or fetched
 * specs would change the copy, which is compared file by file (path, size, mtime) before and
 * after. A copy whose specs/ holds only the committed manifest and lock (a fresh clone) fails
 * with the command that brings the specs, and creates nothing. `adsgen auth`, which needs the
 * built runtime, names the command that builds it instead of building.
 */

let work: string;
beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'adsgen-generate-only-'));
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

/** The checkout's sources, without builds, generated packages or spec history. */
async function copyCheckout(dir: string, withSpecs: boolean): Promise<void> {
  const skip = /(^|\/)(dist|\.dist-[^/]*|node_modules)(\/|$)|^mock\/specs(\/|$)/;
  const entries = [
    'bin',
    'generator',
    'scripts',
    'runtime',
    'mock',
    'redis',
    'package.json',
    'tsconfig.json',
  ];
  for (const entry of entries) {
    await cp(join(REPO_ROOT, entry), join(dir, entry), {
      recursive: true,
      preserveTimestamps: true,
      filter: (src) => !skip.test(relative(REPO_ROOT, src).split('\\').join('/')),
    });
  }
  const specs = join(dir, 'specs');
  await mkdir(specs);
  const files = ['manifest.json', 'lock.json'];
  if (withSpecs) {
    const { errorCodes, services } = loadManifest();
    files.push(errorCodes, ...services.flatMap((s) => [s.files.wsdl, s.files.openapi]));
  }
  for (const f of files) await cp(join(SPECS_DIR, f), join(specs, f), { preserveTimestamps: true });
  // Dependencies resolve as in the checkout.
  await symlink(join(REPO_ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
}

/** path → size and mtime of every file under `dir`, except node_modules and `except`. */
async function snapshot(dir: string, except: string): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  for (const e of await readdir(dir, { recursive: true, withFileTypes: true })) {
    const path = relative(dir, join(e.parentPath, e.name));
    if (path === 'node_modules' || path === except || path.startsWith(`${except}/`)) continue;
    const s = await stat(join(dir, path));
    files.set(path, e.isDirectory() ? 'dir' : `${s.size} ${s.mtimeMs}`);
  }
  return files;
}

function adsgen(cwd: string, args: string[]): Promise<{ code: number; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(cwd, 'bin', 'adsgen.js'), ...args], { cwd });
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr.on('data', (c: Buffer) => (output += c.toString()));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code: code ?? -1, output }));
  });
}

describe('adsgen generate writes only its output directory', () => {
  it('in an unbuilt checkout: the package appears in --out, nothing else changes', async () => {
    const checkout = join(work, 'checkout');
    await copyCheckout(checkout, true);
    const before = await snapshot(checkout, 'out');
    const r = await adsgen(checkout, ['generate', 'customer-management', '--out', 'out']);
    expect(r.code, r.output).toBe(0);
    expect(existsSync(join(checkout, 'out', 'customer-management', 'dist', 'index.js'))).toBe(true);
    expect(await snapshot(checkout, 'out')).toEqual(before);
    for (const pkg of ['runtime', 'mock', 'redis'])
      expect(existsSync(join(checkout, pkg, 'dist')), `${pkg}/dist`).toBe(false);
  }, 120_000);

  it('without spec files (a fresh clone): fails naming `npm run specs`, creates nothing', async () => {
    const checkout = join(work, 'fresh');
    await copyCheckout(checkout, false);
    const before = await snapshot(checkout, 'out');
    const r = await adsgen(checkout, ['generate', '--all']);
    expect(r.code, r.output).toBe(1);
    expect(r.output).toMatch(
      /^adsgen: .*specs lacks 12 spec file\(s\) \(customer-management\.wsdl, .*\): run `npm run specs` first$/m,
    );
    expect(await snapshot(checkout, 'out')).toEqual(before);
    expect(existsSync(join(checkout, 'generated'))).toBe(false);
  }, 120_000);

  it('in process, with a specs dir lacking a service: rejects before writing the out dir', async () => {
    const out = join(work, 'in-process-out');
    await expect(
      runGenerate(
        { services: ['campaign-management'], all: false, out, specsDir: join(work, 'no-specs') },
        { out: () => {}, err: () => {} },
      ),
    ).rejects.toThrow(
      /campaign-management\.wsdl, campaign-management\.openapi\.json\): run `npm run specs` first/,
    );
    expect(existsSync(out)).toBe(false);
  });
});

describe('adsgen auth in an unbuilt checkout', () => {
  it('adsgen auth without runtime/dist: names `npm run build`, builds nothing', async () => {
    const checkout = join(work, 'unbuilt');
    await copyCheckout(checkout, false);
    const r = await adsgen(checkout, ['auth', 'status']);
    expect(r.code, r.output).toBe(1);
    expect(r.output).toMatch(/^adsgen: runtime\/dist is not built: run `npm run build` first$/m);
    expect(existsSync(join(checkout, 'runtime', 'dist'))).toBe(false);
  }, 120_000);
});
