import { describe, expect, it } from 'vitest';
import { reportColumnSets, readColumnKinds } from '../../generator/emit/emit-reports.ts';
import { loadServiceModel } from '../../generator/load.ts';
import { mergeModels } from '../../generator/model/merge.ts';
import { SPECS_DIR } from '../../generator/specs/manifest.ts';

/**
 * generator/reporting/report-columns.json, the column-kind table the reporting package's row
 * types come from, against the Reporting specs: every column of every *ReportColumn value set
 * has a kind, and the kinds follow README's rule where a name alone decides it.
 */
describe('report column kinds', async () => {
  const model = mergeModels(
    await loadServiceModel(SPECS_DIR, 'reporting', 'soap'),
    await loadServiceModel(SPECS_DIR, 'reporting', 'rest'),
  );
  const kinds = await readColumnKinds();
  const sets = reportColumnSets(model);

  it('covers every column of the 47 report column value sets', () => {
    expect(sets.length).toBe(47);
    const missing = [...new Set(sets.flatMap((s) => s.values))].filter((c) => !(c in kinds));
    expect(missing).toEqual([]);
  });

  it('uses the four kinds only, ids for every …Id column', () => {
    for (const [column, kind] of Object.entries(kinds)) {
      expect(['id', 'string', 'number', 'percent']).toContain(kind);
      if (/Id$/.test(column)) expect([column, kind]).toEqual([column, 'id']);
    }
  });

  it('types the everyday columns as Microsoft documents them', () => {
    expect(kinds).toMatchObject({
      AccountId: 'id',
      CampaignId: 'id',
      AccountNumber: 'string',
      CampaignName: 'string',
      TimePeriod: 'string',
      Impressions: 'number',
      Clicks: 'number',
      Conversions: 'number',
      Spend: 'number',
      AverageCpc: 'number',
      QualityScore: 'number',
      Ctr: 'percent',
      ConversionRate: 'percent',
      ImpressionSharePercent: 'percent',
    });
  });
});
