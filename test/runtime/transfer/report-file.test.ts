import { describe, expect, it } from 'vitest';
import { DownloadError } from '../../../runtime/src/transfer/errors.js';
import {
  ReportRowReader,
  newReportMetadata,
  parseReportNumber,
  type ReportLayout,
} from '../../../runtime/src/transfer/report-file.js';
import { splitPreamble } from '../../../runtime/src/transfer/report-preamble.js';

const KINDS = { Impressions: 'number', Ctr: 'percent', CampaignId: 'id' } as const;
const HEADER = [
  ['Report Name: Weekly'],
  ['Report Time: 2/1/2020, 2/7/2020'],
  ['Potential Incomplete Data: true'],
  ['Rows: 2'],
];
const layout = (over: Partial<ReportLayout> = {}): ReportLayout => ({
  columns: ['CampaignId', 'Impressions', 'Ctr'],
  header: true,
  columnHeaders: true,
  footer: true,
  ...over,
});

describe('ReportRowReader', () => {
  it('keeps header and footer out of the rows and types the values', () => {
    const m = newReportMetadata();
    const r = new ReportRowReader(layout(), KINDS, m);
    const rows = r.push([
      ...HEADER,
      ['Ctr', 'CampaignId', 'Impressions'], // the file's order wins over the request's
      ['2.50%', '9007199254740993', '1,234'],
      ['--', '2', ''],
      ['©2020 Microsoft Corporation. All rights reserved. '],
    ]);
    r.finish();
    expect(rows).toEqual([
      { CampaignId: '9007199254740993', Impressions: 1234, Ctr: 2.5 },
      { CampaignId: '2', Impressions: null, Ctr: null },
    ]);
    expect(m.header).toMatchObject({
      reportName: 'Weekly',
      reportTime: '2/1/2020, 2/7/2020',
      potentialIncompleteData: true,
      rows: 2,
    });
    expect(m.footer).toEqual(['©2020 Microsoft Corporation. All rights reserved. ']);
    expect(m.columns).toEqual(['Ctr', 'CampaignId', 'Impressions']);
  });

  it('keeps the first row after a header block that states no row count', () => {
    const m = newReportMetadata();
    const r = new ReportRowReader(layout({ columnHeaders: false }), KINDS, m);
    const rows = r.push([...HEADER.slice(0, 3), ['7', '10', '1%'], ['8', '20', '2%']]);
    expect(rows).toEqual([
      { CampaignId: '7', Impressions: 10, Ctr: 1 },
      { CampaignId: '8', Impressions: 20, Ctr: 2 },
    ]);
    expect(m.rows).toBe(2);
    expect(m.header?.reportName).toBe('Weekly');
  });

  it('maps by the request order when the file has no column names', () => {
    const r = new ReportRowReader(
      layout({ header: false, columnHeaders: false, footer: false }),
      KINDS,
      newReportMetadata(),
    );
    expect(r.push([['7', '10', '1%']])).toEqual([{ CampaignId: '7', Impressions: 10, Ctr: 1 }]);
  });

  it('rejects a file whose row count, width or column row is not as stated', () => {
    const short = new ReportRowReader(layout(), KINDS, newReportMetadata());
    short.push([...HEADER, ['CampaignId', 'Impressions', 'Ctr'], ['1', '2', '3%']]);
    expect(() => short.finish()).toThrow(DownloadError);
    const wide = new ReportRowReader(layout({ header: false }), KINDS, newReportMetadata());
    expect(() =>
      wide.push([
        ['CampaignId', 'Impressions', 'Ctr'],
        ['1', '2'],
      ]),
    ).toThrow(/data row 1 has 2 fields/);
    const missing = new ReportRowReader(layout({ header: false }), KINDS, newReportMetadata());
    expect(() => missing.push([['CampaignId', 'Impressions']])).toThrow(/lacks .*Ctr/);
  });

  it('counts numeric cells that are not numbers, and raw keeps the text', () => {
    const m = newReportMetadata();
    const r = new ReportRowReader(layout({ header: false, columnHeaders: false }), KINDS, m);
    expect(r.push([['1', 'n/a', '<10%']])).toEqual([
      { CampaignId: '1', Impressions: null, Ctr: null },
    ]);
    expect(m.unparsedValues).toBe(2);
    const raw = new ReportRowReader(
      layout({ header: false, columnHeaders: false }),
      KINDS,
      newReportMetadata(),
      true,
    );
    expect(raw.push([['1', 'n/a', '<10%']])).toEqual([
      { CampaignId: '1', Impressions: 'n/a', Ctr: '<10%' },
    ]);
  });
});

describe('parseReportNumber', () => {
  it('reads what reports write and refuses the rest', () => {
    expect(parseReportNumber('12.34', false)).toBe(12.34);
    expect(parseReportNumber('1,000.00', false)).toBe(1000);
    expect(parseReportNumber('-3', false)).toBe(-3);
    expect(parseReportNumber('12.50%', true)).toBe(12.5);
    expect(parseReportNumber('', false)).toBeNull();
    expect(parseReportNumber('--', true)).toBeNull();
    for (const bad of [' ', '0x10', 'Infinity', 'abc', '1.2.3'])
      expect(parseReportNumber(bad, false)).toBeNaN();
  });
});

describe('splitPreamble', () => {
  async function* chunks(text: string, size: number): AsyncGenerator<Uint8Array> {
    const b = Buffer.from(text);
    for (let i = 0; i < b.length; i += size) yield b.subarray(i, i + size);
  }
  async function text(source: AsyncIterable<Uint8Array>): Promise<string> {
    const parts: Uint8Array[] = [];
    for await (const c of source) parts.push(c);
    return Buffer.concat(parts).toString();
  }

  it('splits the header block off, across chunk boundaries, and leaves the rest whole', async () => {
    const file = '\uFEFF"Report Name: A"\r\n"Rows: 1"\r\n\r\n"Id","Clicks"\r\n"1","2"\r\n';
    for (const size of [1, 3, 1000]) {
      const { preamble, rest } = await splitPreamble(chunks(file, size), ',');
      expect(preamble).toEqual([['Report Name: A'], ['Rows: 1']]);
      expect(await text(rest)).toBe('"Id","Clicks"\r\n"1","2"\r\n');
    }
  });

  it('splits nothing off a file without a blank line', async () => {
    const { preamble, rest } = await splitPreamble(chunks('a\tb\n1\t2\n', 2), '\t');
    expect(preamble).toEqual([]);
    expect(await text(rest)).toBe('a\tb\n1\t2\n');
  });
});
