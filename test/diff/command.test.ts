import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { diffCommand, type DiffArgs } from '../../generator/diff/command.ts';
import type { DiffReport } from '../../generator/diff/types.ts';
import { serviceIds, SPECS_DIR } from '../../generator/specs/manifest.ts';

const tmp = mkdtempSync(join(tmpdir(), 'adsgen-diff-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

async function run(args: Partial<DiffArgs>): Promise<{ code: number; out: string }> {
  const chunks: string[] = [];
  const code = await diffCommand(
    { from: 'soap', to: 'rest', format: 'md', ...args },
    { stdout: (s) => chunks.push(s) },
  );
  return { code, out: chunks.join('\n') };
}

const history = join(SPECS_DIR, 'history', 'v13.0.24');

describe('adsgen diff <service>', () => {
  it('compares SOAP with REST by default, Markdown on stdout', async () => {
    const { code, out } = await run({ service: 'customer-management' });
    expect(code).toBe(0);
    expect(out.split('\n')[0]).toBe('# customer-management: SOAP → REST');
    expect(out).toContain('`transport-auth-header`');
  });

  it('takes a history directory and the specs directory (WSDL against WSDL) and labels the sides', async () => {
    const { out } = await run({
      service: 'customer-management',
      from: history,
      to: SPECS_DIR,
      format: 'json',
    });
    const report = JSON.parse(out) as DiffReport;
    expect([report.from.protocol, report.to.protocol]).toEqual(['soap', 'soap']);
    expect([report.from.label, report.to.label]).toEqual([history, SPECS_DIR]);
    expect(report.changes.map((c) => `${c.kind} ${c.type}.${c.field}`)).toEqual([
      'field-added ClientLink.ClientEntityCustomerNumber',
    ]);
    // The migration target stays in view: the current REST address beside each SOAP action.
    expect(report.operations.find((o) => o.name === 'GetUser')).toEqual({
      name: 'GetUser',
      presence: 'both',
      soapAction: 'GetUser',
      rest: { method: 'POST', path: '/CustomerManagement/v13/User/Query' },
    });
  });

  it('takes two files and infers the service from their names; a file against itself is empty', async () => {
    const file = join(SPECS_DIR, 'bulk.openapi.json');
    const { out } = await run({ from: file, to: file, format: 'json' });
    const report = JSON.parse(out) as DiffReport;
    expect(report.to.service).toBe('bulk');
    expect(report.changes).toEqual([]);
    expect(report.summary).toMatchObject({ breaking: 0, nonBreaking: 0 });
  });

  it('picks the protocol of the other side in a directory holding both', async () => {
    const { out } = await run({ service: 'bulk', from: 'rest', to: SPECS_DIR, format: 'json' });
    const report = JSON.parse(out) as DiffReport;
    expect(report.to.file).toBe('bulk.openapi.json');
    expect(report.changes).toEqual([]);
  });

  it('writes --out and says where, with the totals', async () => {
    const out = join(tmp, 'nested', 'cb.html');
    const result = await run({ service: 'customer-billing', format: 'html', out });
    expect(result.out).toMatch(
      /cb\.html: customer-billing SOAP → REST: \d+ breaking, \d+ non-breaking$/,
    );
    expect(readFileSync(out, 'utf8')).toMatch(/^<!doctype html>/);
  });

  it('rejects an unknown service, a missing file and a missing service', async () => {
    await expect(run({ service: 'nope' })).rejects.toThrow(/unknown service 'nope'/);
    await expect(run({ service: 'bulk', from: join(tmp, 'missing.wsdl') })).rejects.toThrow(
      /neither 'soap', 'rest', a spec file nor a directory/,
    );
    await expect(run({})).rejects.toThrow(/diff needs a <service>/);
    await expect(run({ service: 'bulk', from: tmp })).rejects.toThrow(
      /holds neither bulk.wsdl nor bulk.openapi.json/,
    );
  });
});

describe('adsgen diff --all (npm run diff)', () => {
  it('writes both reports of all six services in three formats, and an index linking them with totals', async () => {
    const outDir = join(tmp, 'reports');
    const { code, out } = await run({ all: true, outDir });
    expect(code).toBe(0);
    const files = readdirSync(outDir).sort();
    const expected = serviceIds()
      .flatMap((s) => [`${s}.soap-to-rest`, `${s}.v13.0.24-to-current`])
      .flatMap((b) => [`${b}.html`, `${b}.json`, `${b}.md`]);
    expect(files).toEqual([...expected, 'index.html'].sort());
    const index = readFileSync(join(outDir, 'index.html'), 'utf8');
    for (const s of serviceIds()) {
      const report = JSON.parse(
        readFileSync(join(outDir, `${s}.soap-to-rest.json`), 'utf8'),
      ) as DiffReport;
      expect(index).toContain(`<a href="${s}.soap-to-rest.html">SOAP → REST</a>`);
      expect(index).toContain(
        `<a href="${s}.v13.0.24-to-current.html">v13.0.24 (SOAP) → current (SOAP)</a>`,
      );
      expect(index).toContain(
        `<td class="num breaking">${report.summary.breaking}</td><td class="num">${report.summary.nonBreaking}</td>`,
      );
    }
    const cm = JSON.parse(
      readFileSync(join(outDir, 'customer-management.v13.0.24-to-current.json'), 'utf8'),
    ) as DiffReport;
    expect([cm.from.label, cm.to.label]).toEqual(['v13.0.24', 'current']);
    expect(out.split('\n')).toHaveLength(13);
    expect(existsSync(join(outDir, 'customer-management.soap-to-rest.md'))).toBe(true);
  });
});
