/**
 * Response types match the wire: an array whose items the service sends as null (one null
 * per failed item of a batch, beside PartialErrors) is typed `(T | null)[]`. The rule, from
 * the specs: items are nullable when both specs allow null items, or when SOAP declares a
 * nillable item of a .NET value type (`ArrayOfNullableOflong`, `Nullable<long>`), which
 * DataContract writes only on purpose; nillable reference-type items (objects, strings) are
 * DataContract's default and say nothing.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadServiceModels } from '../../generator/load.ts';
import { mergeModels, type MergedObjectType } from '../../generator/model/merge.ts';

const root = join(import.meta.dirname, '..', '..');

describe('nullable array items', async () => {
  const { soap, rest } = await loadServiceModels(join(root, 'specs'), 'campaign-management');
  const merged = mergeModels(soap, rest);
  const field = (type: string, name: string) =>
    (merged.types.find((t) => t.name === type) as MergedObjectType).fields.find(
      (f) => f.name === name,
    );

  it.each([
    ['AddCampaignsResponse', 'CampaignIds'],
    ['AddAdGroupsResponse', 'AdGroupIds'],
    ['AddKeywordsResponse', 'KeywordIds'],
    ['AddAdsResponse', 'AdIds'],
  ])('%s.%s (ArrayOfNullableOflong) has nullable items', (type, name) => {
    expect(field(type, name)?.type).toMatchObject({ kind: 'array', itemNullable: true });
  });

  it('keeps non-nullable items for plain value-type arrays and reference-type items', () => {
    expect(field('GetCampaignsByIdsRequest', 'CampaignIds')?.type).toMatchObject({
      itemNullable: false,
    });
    expect(field('AddCampaignsResponse', 'PartialErrors')?.type).toMatchObject({
      itemNullable: false,
    });
    expect(field('Ad', 'FinalUrls')?.type).toMatchObject({ itemNullable: false });
  });

  it('the generated type says (string | null)[]', () => {
    const types = readFileSync(
      join(root, 'generated', 'campaign-management', 'src', 'types.ts'),
      'utf8',
    );
    const body = /export interface AddCampaignsResponse \{([^}]*)\}/.exec(types)?.[1];
    expect(body).toContain('CampaignIds?: (string | null)[] | null;');
    expect(body).toContain('PartialErrors?: BatchError[] | null;');
  });
});
