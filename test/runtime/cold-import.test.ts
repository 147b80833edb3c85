import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * What importing the built `@adsgen/runtime` loads in a fresh process: neither undici (a
 * client without a proxy sends through node:http) nor node:crypto (signing in loads it on
 * first use, see runtime/src/lazy-crypto.ts), nor the stream modules and the parts of
 * node:util that an ESM import of node:fs or node:util loads (see inspect-custom.ts and
 * lock-takeover.ts). All would be paid by every cold start before its first line of its
 * own; `npm run bench` (cold start) measures the time.
 */

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

const SCRIPT = `
const { createRequire } = await import('node:module');
const before = new Set(process.moduleLoadList);
await import('@adsgen/runtime');
const builtins = process.moduleLoadList.filter((m) => !before.has(m)).map((m) => m.replace(/^NativeModule /, ''));
const undici = Object.keys(createRequire(import.meta.url).cache).filter((f) => f.includes('/node_modules/undici/'));
process.stdout.write(JSON.stringify({ builtins, undici }));
`;

describe('importing the built runtime', () => {
  it('loads no undici, no node:crypto, no streams and no parseArgs', async () => {
    const stdout = await new Promise<string>((resolve, reject) => {
      execFile(
        process.execPath,
        ['--input-type=module', '-e', SCRIPT],
        { cwd: ROOT, timeout: 60_000 },
        (error, out, stderr) =>
          error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(out),
      );
    });
    const report = JSON.parse(stdout) as { builtins: string[]; undici: string[] };
    expect(report.undici).toEqual([]);
    expect(
      report.builtins.filter((m) => m === 'crypto' || m.startsWith('internal/crypto/')),
    ).toEqual([]);
    expect(
      report.builtins.filter(
        (m) => m === 'stream' || m.startsWith('internal/streams/') || m.includes('parse_args'),
      ),
    ).toEqual([]);
    // The probe works: the runtime's own modules did load something.
    expect(report.builtins.length).toBeGreaterThan(0);
  });
});
