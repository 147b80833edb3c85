/**
 * Neither importing the auth modules nor a token request loads undici: the token endpoint
 * goes through the runtime's node:http transport, whose modules are part of Node, while
 * undici's would cost a cold process more than the request itself. Checked in a fresh
 * process, where the module graph is ours.
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const CHILD = fileURLToPath(new URL('./lazy-undici-child.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

interface ChildReport {
  token: string;
  afterImport: string[];
  afterRefresh: string[];
}

function runChild(): Promise<ChildReport> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', CHILD],
      { cwd: ROOT, timeout: 60_000 },
      (error, stdout, stderr) => {
        if (error) reject(new Error(`child failed: ${error.message}\n${stderr}`));
        else resolve(JSON.parse(stdout) as ChildReport);
      },
    );
  });
}

describe('the token endpoint never loads undici', () => {
  it('not at import, not at the first token request', async () => {
    const report = await runChild();
    expect(report.token).toBe('at-new');
    expect(report.afterImport).toEqual([]);
    expect(report.afterRefresh).toEqual([]);
  });
});
