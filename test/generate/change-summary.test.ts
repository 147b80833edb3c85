import { cp, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runGenerate } from '../../generator/generate-command.ts';
import { SPECS_DIR } from '../../generator/specs/manifest.ts';

// `generate` prints a surface summary for a service whose spec changed since the previous
// generate: run it on the v13.0.24 WSDL, then on the current one.
let work: string;
beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'adsgen-summary-'));
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

async function generateWith(specsDir: string, out: string): Promise<string[]> {
  const lines: string[] = [];
  const io = { out: (s: string) => lines.push(s), err: (s: string) => lines.push(s) };
  const code = await runGenerate(
    { services: ['customer-management'], all: false, out, specsDir },
    io,
  );
  expect(code).toBe(0);
  return lines;
}

describe('change summary on generate', () => {
  it('is silent the first time and when nothing changed, and lists changes after a spec update', async () => {
    const specs = join(work, 'specs');
    const out = join(work, 'generated');
    await mkdir(specs, { recursive: true });
    await cp(
      join(SPECS_DIR, 'history', 'v13.0.24', 'customer-management.wsdl'),
      join(specs, 'customer-management.wsdl'),
    );
    await cp(
      join(SPECS_DIR, 'customer-management.openapi.json'),
      join(specs, 'customer-management.openapi.json'),
    );

    const first = await generateWith(specs, out);
    expect(first.join('\n')).not.toMatch(/spec changed/);

    const unchanged = await generateWith(specs, out);
    expect(unchanged.join('\n')).not.toMatch(/spec changed/);

    await cp(join(SPECS_DIR, 'customer-management.wsdl'), join(specs, 'customer-management.wsdl'));
    const updated = (await generateWith(specs, out)).join('\n');
    expect(updated).toMatch(/customer-management \(soap\): spec changed since the last generate/);
    expect(updated).toContain('ClientEntityCustomerNumber');
    expect(updated).not.toMatch(/customer-management \(rest\): spec changed/);
  });
});

describe('recordAndSummarize', () => {
  it('keeps the model generate read when its sha256 is the file’s, and reads the file otherwise', async () => {
    const { recordAndSummarize } = await import('../../generator/generate-summary.ts');
    const { loadServiceModel } = await import('../../generator/load.ts');
    const { readFile } = await import('node:fs/promises');
    const out = join(work, 'reuse');
    await mkdir(out, { recursive: true });
    const soap = await loadServiceModel(SPECS_DIR, 'customer-management', 'soap');
    const rest = await loadServiceModel(SPECS_DIR, 'customer-management', 'rest');
    // Marked, so the kept snapshot tells which model it came from.
    const reused = { ...soap, name: 'ReusedModel' };
    const stale = {
      ...rest,
      name: 'StaleModel',
      source: { ...rest.source, sha256: '0'.repeat(64) },
    };
    const previous = await recordAndSummarize.loadPrevious(out, ['customer-management']);
    await recordAndSummarize.summarize(
      SPECS_DIR,
      out,
      ['customer-management'],
      previous,
      new Map([
        ['customer-management.soap', reused],
        ['customer-management.rest', stale],
      ]),
    );
    const kept = async (protocol: string) =>
      JSON.parse(
        await readFile(join(out, '.adsgen-state', `customer-management.${protocol}.json`), 'utf8'),
      ) as { sha256: string; model: { name: string } };
    expect((await kept('soap')).model.name).toBe('ReusedModel');
    expect((await kept('soap')).sha256).toBe(soap.source.sha256);
    // Its sha256 is not the file's: read again.
    expect((await kept('rest')).model.name).toBe(rest.name);
  });
});
