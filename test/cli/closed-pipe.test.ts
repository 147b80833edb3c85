/**
 * `adsgen model … | head`: the reader closes the pipe after a few lines. The CLI stops
 * writing and exits quietly with status 0 instead of dying on an unhandled EPIPE with a
 * stack trace on stderr.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');

/** Runs the CLI, reads its first chunk of stdout, then closes the pipe as `head` does. */
function runAndCloseEarly(
  args: string[],
): Promise<{ code: number | null; first: string; stderr: string }> {
  const child = spawn(process.execPath, [join(root, 'bin', 'adsgen.js'), ...args], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let first = '';
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  child.stdout.once('data', (d: Buffer) => {
    first = d.toString();
    child.stdout.destroy();
  });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, first, stderr }));
  });
}

describe('adsgen writing to a pipe closed early', () => {
  it(
    'exits 0 without an error when the reader stops (model | head)',
    { timeout: 60_000 },
    async () => {
      const result = await runAndCloseEarly([
        'model',
        'campaign-management',
        '--protocol',
        'soap',
        '--json',
      ]);
      expect(result.first).toMatch(/^\{/);
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
    },
  );
});
