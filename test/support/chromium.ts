import { createReadStream, createWriteStream, existsSync, readFileSync } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { createBrotliDecompress } from 'node:zlib';
import { chromium as playwright, type Browser } from 'playwright-core';
import { x as untar } from 'tar';

/**
 * Headless Chromium for the browser tests, from npm: `@sparticuz/chromium` ships a
 * chrome-headless-shell build inside its tarball (brotli-compressed), so `npm ci` brings the
 * browser and no system package or browser download is needed. Its own `executablePath()`
 * unpacks into the shared OS temp folder without guarding against a second process doing the
 * same at once (vitest runs test files in parallel), so this unpacks the same files into
 * node_modules/.cache, one folder per package version, built under a private name and renamed
 * into place: a racing process either finds the complete folder or loses the rename harmlessly.
 *
 * The package also ships the NSS/NSPR/expat libraries the binary links against (built for
 * Amazon Linux, ABI-compatible with glibc distributions); they go first on LD_LIBRARY_PATH so
 * the browser starts on a machine without libnss3.
 */
const require = createRequire(import.meta.url);
const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** Chromium flags for a closed machine: no GPU, no sandbox (tests run as root), no phoning home. */
const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
  '--no-zygote',
];

/** Where the package keeps its compressed files, and its version (the cache key). */
function packageFiles(): { bin: string; version: string } {
  // The package exports no ./package.json: walk up from its entry point to its root (its
  // build folders hold package.json files of their own, without a name).
  const name = '@sparticuz/chromium';
  for (let dir = dirname(require.resolve(name)); dir !== dirname(dir); dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (!existsSync(manifest)) continue;
    const pkg = JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string; version: string };
    if (pkg.name === name) return { bin: join(dir, 'bin'), version: pkg.version };
  }
  throw new Error(`${name} is not installed: run npm ci`);
}

async function unbrotli(from: string, to: string, mode: number): Promise<void> {
  await pipeline(createReadStream(from), createBrotliDecompress(), createWriteStream(to, { mode }));
}

async function untarBrotli(from: string, cwd: string): Promise<void> {
  await mkdir(cwd, { recursive: true });
  await pipeline(createReadStream(from), createBrotliDecompress(), untar({ cwd }));
}

/** The unpacked browser: its executable and the environment it needs. */
export interface ChromiumInstall {
  executablePath: string;
  env: Record<string, string>;
}

let unpacked: Promise<ChromiumInstall> | undefined;

/** Unpacks the npm-shipped Chromium once per package version (reused across runs). */
export function chromiumInstall(): Promise<ChromiumInstall> {
  unpacked ??= unpack();
  return unpacked;
}

async function unpack(): Promise<ChromiumInstall> {
  const { bin, version } = packageFiles();
  const root = join(REPO_ROOT, 'node_modules', '.cache', 'adsgen-chromium');
  const dir = join(root, version);
  const install: ChromiumInstall = {
    executablePath: join(dir, 'chromium'),
    env: {
      LD_LIBRARY_PATH: [join(dir, 'lib'), process.env['LD_LIBRARY_PATH']]
        .filter((p): p is string => !!p)
        .join(':'),
      FONTCONFIG_PATH: join(dir, 'fonts-conf'),
    },
  };
  if (existsSync(join(dir, 'complete'))) return install;
  const staging = join(root, `.${version}-${process.pid}-${Date.now()}`);
  await rm(staging, { recursive: true, force: true });
  await mkdir(staging, { recursive: true });
  try {
    await Promise.all([
      unbrotli(join(bin, 'chromium.br'), join(staging, 'chromium'), 0o755),
      // lib/*.so: NSS, NSPR, expat.
      untarBrotli(join(bin, 'al2023.tar.br'), staging),
      // fonts/: one font family, so text lays out the same on every machine.
      untarBrotli(join(bin, 'fonts.tar.br'), join(staging, 'fonts-conf')),
    ]);
    // The shipped fonts.conf names Lambda's folders; point fontconfig at the unpacked fonts.
    await writeFile(join(staging, 'fonts-conf', 'fonts.conf'), fontsConf(dir));
    await writeFile(join(staging, 'complete'), '');
    await rename(staging, dir).catch((e: NodeJS.ErrnoException) => {
      // Another process finished first: its copy is identical.
      if (!existsSync(join(dir, 'complete'))) throw e;
    });
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
  return install;
}

function fontsConf(dir: string): string {
  return [
    '<?xml version="1.0"?>',
    '<!DOCTYPE fontconfig SYSTEM "fonts.dtd">',
    '<fontconfig>',
    `  <dir>${join(dir, 'fonts-conf', 'fonts')}</dir>`,
    `  <cachedir>${join(dir, 'fonts-cache')}</cachedir>`,
    '</fontconfig>',
    '',
  ].join('\n');
}

/** Launches the npm-shipped Chromium headless through playwright-core. */
export async function launchChromium(): Promise<Browser> {
  const { executablePath, env } = await chromiumInstall();
  return playwright.launch({
    executablePath,
    args: ARGS,
    env: { ...process.env, ...env },
    headless: true,
  });
}
