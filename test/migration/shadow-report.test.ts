/**
 * The whole shadow workflow on Campaign Management: a REST client in shadow mode logs the
 * differences it finds to a JSON-lines file (one injected drift in the SOAP answers), and
 * `adsgen shadow-report` renders that log as Markdown and HTML.
 */
import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../generator/cli.ts';
import { CampaignManagementClient } from '../../generated/campaign-management/dist/index.js';
import { campaign } from './campaign-fixtures.ts';
import { callsOf, mockOptions, startMock, type Mock } from './harness.ts';

async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(args, { out: (s) => (out += s), err: (s) => (err += s) });
  return { code, out, err };
}

describe('shadow log → adsgen shadow-report', () => {
  let mock: Mock;
  let dir: string;
  let log: string;
  beforeAll(async () => {
    mock = await startMock();
    dir = mkdtempSync(join(tmpdir(), 'adsgen-shadow-'));
    log = join(dir, 'shadow.jsonl');
    writeFileSync(log, '');
    const client = new CampaignManagementClient(
      mockOptions(mock, {
        protocol: 'rest',
        shadow: {
          compare: 'reads',
          onDifference: (d) => appendFileSync(log, `${JSON.stringify(d)}\n`),
        },
      }),
    );
    const accountId = mock.state.ids.accountId;
    const added = await client.addCampaigns({
      AccountId: accountId,
      Campaigns: [campaign('shadow-a'), campaign('shadow-b')],
    });
    const ids = added.CampaignIds as string[];
    const request = { AccountId: accountId, CampaignIds: ids };
    await client.getCampaignsByIds(request); // equal over both protocols: nothing logged
    mock.faults.inject(
      'GetCampaignsByIds',
      { kind: 'alter', path: 'Campaigns.1.Name', value: 'Drifted' },
      { protocol: 'soap', times: 1 },
    );
    const seen = await client.getCampaignsByIds(request);
    expect(seen.Campaigns![1]!.Name).toBe('Campaign shadow-b'); // the primary (REST) answer
    await client.close();
    // The write went once, over REST only; each read twice (REST, then SOAP in the background).
    expect(callsOf(mock, 'campaign-management', 'AddCampaigns')).toEqual({ soap: 0, rest: 1 });
    expect(callsOf(mock, 'campaign-management', 'GetCampaignsByIds')).toEqual({ soap: 2, rest: 2 });
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await mock.close();
  });

  it('logged exactly the injected difference', () => {
    const lines = readFileSync(log, 'utf8').trim().split('\n');
    expect(lines.map((l) => JSON.parse(l) as object)).toEqual([
      expect.objectContaining({
        service: 'campaign-management',
        operation: 'GetCampaignsByIds',
        primary: 'rest',
        shadow: 'soap',
        path: 'Campaigns[1].Name',
        primaryValue: 'Campaign shadow-b',
        shadowValue: 'Drifted',
      }),
    ]);
  });

  it('renders it as Markdown and HTML', async () => {
    const md = await cli(['shadow-report', log]);
    expect(md.code).toBe(0);
    expect(md.out).toContain('1 difference(s) in 1 place(s), over 1 operation(s)');
    expect(md.out).toContain(
      '| campaign-management | GetCampaignsByIds | `Campaigns[].Name` | value | 1 | rest→soap | `"Campaign shadow-b"` | `"Drifted"` |',
    );
    const out = join(dir, 'shadow.html');
    const html = await cli(['shadow-report', log, '--format', 'html', '--out', out]);
    expect(html.code).toBe(0);
    const page = readFileSync(out, 'utf8');
    expect(page).toContain('<span id="total-differences" class="n breaking">1</span>');
    expect(page).toContain('<code>&#34;Drifted&#34;</code>');
  });

  it('says there were none for an empty log, and names a malformed line', async () => {
    const empty = join(dir, 'empty.jsonl');
    writeFileSync(empty, '\n');
    expect((await cli(['shadow-report', empty])).out).toContain('No differences');
    const bad = join(dir, 'bad.jsonl');
    writeFileSync(bad, `${readFileSync(log, 'utf8')}{"oops": 1}\n`);
    const r = await cli(['shadow-report', bad]);
    expect(r.code).toBe(1);
    expect(r.err).toContain('bad.jsonl:2: not a shadow difference');
  });
});
