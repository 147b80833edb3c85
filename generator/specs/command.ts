import { cp, mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { REPO_ROOT, SPECS_DIR, loadManifest } from './manifest.ts';
import { compareLocks, computeLock, exists, listSpecFiles, readLock, writeLock } from './lock.ts';

export interface SpecsOptions {
  /** Copy from this directory (else $ADSGEN_SPECS_FROM, else ../shared/specs beside the repo). */
  from?: string;
  /** Fetch the WSDLs from Microsoft's official `?singleWsdl` URLs instead of copying them. */
  download?: boolean;
  /** Which environment's WSDL URLs to download. */
  environment?: 'production' | 'sandbox';
  /** Replace the scheme and host of the official URLs (tests point it at a loopback server). */
  origin?: string;
  timeoutMs?: number;
  /** Do nothing when specs/ already holds spec files. */
  ifMissing?: boolean;
  /** Target directory (default specs/). */
  specsDir?: string;
}

/** Where spec files are copied from when no source is named. */
export function defaultSource(): string | undefined {
  const env = process.env['ADSGEN_SPECS_FROM'];
  if (env) return resolve(env);
  return join(REPO_ROOT, '..', 'shared', 'specs');
}

/** Whether a specs directory holds at least one WSDL and one OpenAPI document. */
export async function hasSpecs(dir: string): Promise<boolean> {
  if (!(await exists(dir))) return false;
  const files = await listSpecFiles(dir);
  return files.some((f) => f.endsWith('.wsdl')) && files.some((f) => f.endsWith('.openapi.json'));
}

/**
 * `adsgen specs`: bring the spec files into specs/, write specs/lock.json and report which
 * files changed against the previous lock. Returns the lines it printed.
 */
export async function runSpecs(opts: SpecsOptions, log: (line: string) => void): Promise<void> {
  const target = opts.specsDir ?? SPECS_DIR;
  if (opts.ifMissing && (await hasSpecs(target))) return;
  await mkdir(target, { recursive: true });
  if (opts.download) {
    await downloadWsdls(target, opts, log);
  } else {
    const source = opts.from ? resolve(opts.from) : defaultSource();
    if (!source || !(await exists(source))) {
      throw new Error(
        `no spec source: ${source ?? '(none)'} does not exist; pass --from DIR, set ADSGEN_SPECS_FROM, or use --download`,
      );
    }
    const files = await listSpecFiles(source);
    if (files.length === 0) throw new Error(`no spec files (*.wsdl, *.openapi.json) in ${source}`);
    for (const rel of files) {
      await mkdir(dirname(join(target, rel)), { recursive: true });
      await cp(join(source, rel), join(target, rel), { force: true });
    }
    log(`copied ${files.length} spec files from ${source}`);
  }
  const lockPath = join(target, 'lock.json');
  const previous = await readLock(lockPath);
  const next = await computeLock(target);
  const changes = compareLocks(previous, next);
  await writeLock(lockPath, next);
  const total = changes.added.length + changes.changed.length + changes.removed.length;
  if (total === 0) log('spec files unchanged against specs/lock.json');
  for (const f of changes.added) log(`  added    ${f}`);
  for (const f of changes.changed) log(`  changed  ${f}`);
  for (const f of changes.removed) log(`  removed  ${f} (no longer in the source)`);
  // The runtime's error-code table is committed (it builds without specs); say how to follow.
  if ([...changes.added, ...changes.changed].includes('error-codes.json'))
    log(
      'error-codes.json changed: run `npm run error-codes` and commit ' +
        'runtime/src/error-codes.generated.ts',
    );
}

async function downloadWsdls(target: string, opts: SpecsOptions, log: (line: string) => void): Promise<void> {
  // undici only for --download: `npm run generate` runs `adsgen specs --if-missing` every time.
  const { request } = await import('undici');
  const env = opts.environment ?? 'production';
  const timeout = opts.timeoutMs ?? 30_000;
  for (const service of loadManifest().services) {
    const official = service.wsdlUrls[env];
    const url = opts.origin ? opts.origin.replace(/\/$/, '') + official.replace(/^https?:\/\/[^/]+/, '') : official;
    let body: string;
    try {
      const res = await request(url, { headersTimeout: timeout, bodyTimeout: timeout, maxRedirections: 0 } as Parameters<typeof request>[1]);
      body = await res.body.text();
      if (res.statusCode !== 200) throw new Error(`HTTP ${res.statusCode}`);
    } catch (e) {
      throw new Error(`cannot download ${service.files.wsdl} from ${url}: ${describeNetworkError(e)}`);
    }
    if (!body.includes('wsdl:definitions')) {
      throw new Error(`cannot download ${service.files.wsdl} from ${url}: the response is not a WSDL`);
    }
    await writeFile(join(target, service.files.wsdl), body);
    log(`downloaded ${service.files.wsdl} (${body.length} bytes)`);
  }
}

/** One line for a network failure: what happened, not a stack. */
function describeNetworkError(e: unknown): string {
  const err = e as { code?: string; message?: string; cause?: { code?: string } };
  const code = err.code ?? err.cause?.code;
  switch (code) {
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return 'host not found (offline?)';
    case 'ECONNREFUSED':
      return 'connection refused';
    case 'UND_ERR_HEADERS_TIMEOUT':
    case 'UND_ERR_BODY_TIMEOUT':
    case 'UND_ERR_CONNECT_TIMEOUT':
      return 'timed out';
    default:
      return (err.message ?? String(e)).split('\n')[0] ?? 'unknown error';
  }
}
