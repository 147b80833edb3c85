/**
 * Importing the auth modules loads no undici; the first token request loads only undici's
 * Agent (through the runtime's transport), never the package entry with fetch, WebSocket and
 * caches (most of undici's cost in a cold start). Checked in a fresh process, where the module graph is ours.
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

describe('undici is loaded lazily by the token endpoint', () => {
  it('not at import; at the first token request, only the Agent and never the entry', async () => {
    const report = await runChild();
    expect(report.token).toBe('at-new');
    expect(report.afterImport).toEqual([]);
    expect(report.afterRefresh).toContain('lib/dispatcher/agent.js');
    expect(report.afterRefresh).not.toContain('index.js');
    expect(report.afterRefresh.some((file) => file.startsWith('lib/web/fetch/'))).toBe(false);
  });
});
