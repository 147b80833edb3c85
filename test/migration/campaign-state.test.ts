/**
 * The stateful Campaign Management core through the generated client, over both protocols:
 * what one protocol adds, both read back (Add → Get), the SOAP and REST reads of the same
 * entities decode to equal objects (after the documented nil/absent normalization, the same
 * comparison shadow mode makes), Update and Delete take effect, and invalid items fail one by
 * one with Microsoft's error codes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CampaignManagementClient } from '../../generated/campaign-management/dist/index.js';
import { descriptor } from '../../generated/campaign-management/dist/descriptor.js';
import { ADS, EXTENSIONS, adGroup, budget, campaign, keyword, label } from './campaign-fixtures.ts';
import { mockOptions, readBoth as readOverBoth, startMock, type Mock } from './harness.ts';

type Client = CampaignManagementClient;
type AdExtensionsTypeFilter = Parameters<Client['getAdExtensionsByIds']>[0]['AdExtensionType'];

const objectType = (name: string) => descriptor.types[name] as { protocols?: string };
const PROTOCOLS = ['soap', 'rest'] as const;
const BIG = 2n ** 53n;

// Each request is validated against the 1.4 MB campaign-management WSDL (xmllint) or its
// OpenAPI document: on a loaded 2-core machine a multi-entity flow takes well over a minute.
describe('stateful Campaign Management, SOAP and REST on one store', { timeout: 240_000 }, () => {
  let mock: Mock;
  let clients: Record<'soap' | 'rest', Client>;
  let accountId: string;
  beforeAll(async () => {
    mock = await startMock();
    accountId = mock.state.ids.accountId;
    clients = {
      soap: new CampaignManagementClient(mockOptions(mock, { protocol: 'soap' })),
      rest: new CampaignManagementClient(mockOptions(mock, { protocol: 'rest' })),
    };
  });
  afterAll(async () => {
    await Promise.all(PROTOCOLS.map((p) => clients[p].close()));
    expect(mock.stats.validationErrors).toEqual([]);
    await mock.close();
  });

  /** Calls a read over both protocols; asserts the decoded answers are equal; returns the SOAP one. */
  async function readBoth<R>(operation: string, request: object): Promise<R> {
    const { soap, differences } = await readOverBoth<R>(clients, descriptor, operation, request);
    expect({ operation, differences }).toEqual({ operation, differences: [] });
    return soap;
  }

  /** Whether a schema type exists over `protocol` (some ad extensions are REST-only). */
  const speaks = (typeName: string, protocol: 'soap' | 'rest') =>
    [protocol, 'both'].includes(objectType(typeName).protocols ?? 'both');

  it('the fixtures hold one item of every Ad and AdExtension subtype', () => {
    // A family maps each type value (the `Type` a client sets) to its schema type.
    const family = (base: string) =>
      Object.keys((descriptor.types[base] as { family: Record<string, string> }).family).sort();
    expect(Object.keys(EXTENSIONS).sort()).toEqual(family('AdExtension'));
    expect(Object.keys(ADS).sort()).toEqual(family('Ad'));
  });

  it('REST-only ad extensions: added over REST, read back over REST', async () => {
    const types = Object.keys(EXTENSIONS).filter((t) => !speaks(t, 'soap'));
    expect(types.length).toBeGreaterThan(0);
    const extensions = types.map((t) => EXTENSIONS[t]!(`rest-only-${Date.now()}`));
    const added = await clients.rest.addAdExtensions({
      AccountId: accountId,
      AdExtensions: extensions,
    });
    expect(added.NestedPartialErrors ?? []).toEqual([]);
    const ids = added.AdExtensionIdentities!.map((x) => bigId(x!.Id));
    const got = await clients.rest.getAdExtensionsByIds({
      AccountId: accountId,
      AdExtensionIds: ids,
      AdExtensionType: types as AdExtensionsTypeFilter,
    });
    expect(got.AdExtensions).toEqual(
      extensions.map((x, i) => expect.objectContaining({ ...x, Id: ids[i] })),
    );
    await clients.rest.deleteAdExtensions({ AccountId: accountId, AdExtensionIds: ids });
  });

  const bigId = (id: string | null | undefined) => {
    expect(typeof id).toBe('string');
    expect(BigInt(id!) > BIG).toBe(true);
    return id!;
  };

  for (const writer of PROTOCOLS) {
    describe(`written over ${writer}`, () => {
      const c = () => clients[writer];
      const tag = `${writer}-${Date.now()}`;

      it('budgets: add, get, update, delete', async () => {
        const added = await c().addBudgets({ Budgets: [budget(tag)] });
        expect(added.PartialErrors ?? []).toEqual([]);
        const id = bigId(added.BudgetIds![0]);
        const got = await readBoth<{ Budgets: object[] }>('GetBudgetsByIds', { BudgetIds: [id] });
        expect(got.Budgets).toEqual([expect.objectContaining({ ...budget(tag), Id: id })]);
        await c().updateBudgets({ Budgets: [{ Id: id, Amount: '75' }] });
        const updated = await readBoth<{ Budgets: object[] }>('GetBudgetsByIds', {
          BudgetIds: [id],
        });
        expect(updated.Budgets[0]).toMatchObject({ Name: `Budget ${tag}`, Amount: '75' });
        expect((await c().deleteBudgets({ BudgetIds: [id] })).PartialErrors ?? []).toEqual([]);
        const gone = await readBoth<{ Budgets: unknown[]; PartialErrors: object[] }>(
          'GetBudgetsByIds',
          { BudgetIds: [id] },
        );
        expect(gone.Budgets).toEqual([null]);
        expect(gone.PartialErrors).toEqual([
          expect.objectContaining({
            Code: 4916,
            ErrorCode: 'CampaignServiceBudgetIdInvalid',
            Index: 0,
          }),
        ]);
      });

      it('campaign → ad group → ads of every subtype and keywords', async () => {
        const camp = await c().addCampaigns({ AccountId: accountId, Campaigns: [campaign(tag)] });
        const campaignId = bigId(camp.CampaignIds![0]);
        const campaigns = await readBoth<{ Campaigns: object[] }>('GetCampaignsByIds', {
          AccountId: accountId,
          CampaignIds: [campaignId],
        });
        expect(campaigns.Campaigns).toEqual([
          expect.objectContaining({ ...campaign(tag), Id: campaignId }),
        ]);
        const byAccount = await readBoth<{ Campaigns: { Id: string }[] }>(
          'GetCampaignsByAccountId',
          { AccountId: accountId, CampaignType: ['Search'] },
        );
        expect(byAccount.Campaigns.map((x) => x.Id)).toContain(campaignId);

        const group = await c().addAdGroups({ CampaignId: campaignId, AdGroups: [adGroup(tag)] });
        const adGroupId = bigId(group.AdGroupIds![0]);
        const groups = await readBoth<{ AdGroups: object[] }>('GetAdGroupsByCampaignId', {
          CampaignId: campaignId,
        });
        expect(groups.AdGroups).toEqual([
          expect.objectContaining({ ...adGroup(tag), Id: adGroupId }),
        ]);

        const ads = Object.values(ADS).map((make) => make(tag));
        const addedAds = await c().addAds({ AdGroupId: adGroupId, Ads: ads });
        expect(addedAds.PartialErrors ?? []).toEqual([]);
        const adIds = addedAds.AdIds!.map(bigId);
        const gotAds = await readBoth<{ Ads: object[] }>('GetAdsByIds', {
          AdGroupId: adGroupId,
          AdIds: adIds,
          AdTypes: Object.keys(ADS),
        });
        expect(gotAds.Ads).toEqual(
          ads.map((ad, i) => expect.objectContaining({ ...ad, Id: adIds[i] })),
        );
        const rsa = await readBoth<{ Ads: { Type: string }[] }>('GetAdsByAdGroupId', {
          AdGroupId: adGroupId,
          AdTypes: ['ResponsiveSearch'],
        });
        expect(rsa.Ads.map((a) => a.Type)).toEqual(['ResponsiveSearch']);

        const kw = await c().addKeywords({ AdGroupId: adGroupId, Keywords: [keyword(tag)] });
        const keywordId = bigId(kw.KeywordIds![0]);
        const keywords = await readBoth<{ Keywords: object[] }>('GetKeywordsByIds', {
          AdGroupId: adGroupId,
          KeywordIds: [keywordId],
        });
        expect(keywords.Keywords).toEqual([
          expect.objectContaining({ ...keyword(tag), Id: keywordId }),
        ]);

        // Update takes effect; null leaves a field as it was.
        await c().updateCampaigns({
          AccountId: accountId,
          Campaigns: [{ Id: campaignId, Name: `Renamed ${tag}`, DailyBudget: null }],
        });
        await c().updateKeywords({
          AdGroupId: adGroupId,
          Keywords: [{ Id: keywordId, Bid: { Amount: 2 } }],
        });
        const renamed = await readBoth<{ Campaigns: object[] }>('GetCampaignsByIds', {
          AccountId: accountId,
          CampaignIds: [campaignId],
        });
        expect(renamed.Campaigns[0]).toMatchObject({ Name: `Renamed ${tag}`, DailyBudget: 25 });
        const rebid = await readBoth<{ Keywords: object[] }>('GetKeywordsByAdGroupId', {
          AdGroupId: adGroupId,
        });
        expect(rebid.Keywords[0]).toMatchObject({ Bid: { Amount: 2 } });

        // Deleting the campaign takes its ad groups, ads and keywords with it.
        expect(
          (await c().deleteCampaigns({ AccountId: accountId, CampaignIds: [campaignId] }))
            .PartialErrors ?? [],
        ).toEqual([]);
        const after = await readBoth<{ Campaigns: unknown[]; PartialErrors: object[] }>(
          'GetCampaignsByIds',
          { AccountId: accountId, CampaignIds: [campaignId] },
        );
        expect(after.Campaigns).toEqual([null]);
        await expect(
          c().getAdsByAdGroupId({ AdGroupId: adGroupId, AdTypes: ['Text'] }),
        ).rejects.toMatchObject({
          errors: [expect.objectContaining({ code: 1201 })],
        });
      });

      it('ad extensions and their associations', async () => {
        const camp = await c().addCampaigns({
          AccountId: accountId,
          Campaigns: [campaign(`${tag}-ext`)],
        });
        const campaignId = camp.CampaignIds![0]!;
        // Every subtype both protocols know; the REST-only ones have a test of their own.
        const types = Object.keys(EXTENSIONS).filter((t) => speaks(t, 'soap'));
        const extensions = types.map((t) => EXTENSIONS[t]!(tag));
        const added = await c().addAdExtensions({ AccountId: accountId, AdExtensions: extensions });
        expect(added.NestedPartialErrors ?? []).toEqual([]);
        const ids = added.AdExtensionIdentities!.map((x) => bigId(x!.Id));
        expect(added.AdExtensionIdentities!.map((x) => x!.Version)).toEqual(ids.map(() => 1));
        const got = await readBoth<{ AdExtensions: object[] }>('GetAdExtensionsByIds', {
          AccountId: accountId,
          AdExtensionIds: ids,
          AdExtensionType: types,
          // Image and filter link extensions return some fields only when asked.
          ReturnAdditionalFields: ['DisplayText', 'Layouts', 'NewFilterLinkHeaders'],
        });
        expect(got.AdExtensions).toEqual(
          extensions.map((x, i) => expect.objectContaining({ ...x, Id: ids[i] })),
        );

        await c().setAdExtensionsAssociations({
          AccountId: accountId,
          AssociationType: 'Campaign',
          AdExtensionIdToEntityIdAssociations: ids.map((AdExtensionId) => ({
            AdExtensionId,
            EntityId: campaignId,
          })),
        });
        const assoc = await readBoth<{
          AdExtensionAssociationCollection: {
            AdExtensionAssociations: { AdExtension: { Id: string } }[];
          }[];
        }>('GetAdExtensionsAssociations', {
          AccountId: accountId,
          EntityIds: [campaignId],
          AssociationType: 'Campaign',
          AdExtensionType: ['CalloutAdExtension', 'SitelinkAdExtension'],
        });
        expect(
          assoc.AdExtensionAssociationCollection[0]!.AdExtensionAssociations.map(
            (a) => a.AdExtension.Id,
          ),
        ).toEqual(ids.slice(0, 2));
        await c().deleteAdExtensionsAssociations({
          AccountId: accountId,
          AssociationType: 'Campaign',
          AdExtensionIdToEntityIdAssociations: [{ AdExtensionId: ids[0]!, EntityId: campaignId }],
        });
        const left = await readBoth<{ AdExtensionIds: string[] }>('GetAdExtensionIdsByAccountId', {
          AccountId: accountId,
          AdExtensionType: ['CalloutAdExtension', 'SitelinkAdExtension'],
          AssociationType: 'Campaign',
        });
        expect(left.AdExtensionIds).toContain(ids[1]);
        expect(left.AdExtensionIds).not.toContain(ids[0]);
        await c().updateAdExtensions({
          AccountId: accountId,
          AdExtensions: [{ Type: 'CalloutAdExtension', Id: ids[0], Text: 'Changed' }],
        });
        const changed = await readBoth<{ AdExtensions: object[] }>('GetAdExtensionsByIds', {
          AccountId: accountId,
          AdExtensionIds: [ids[0]],
          AdExtensionType: ['CalloutAdExtension'],
        });
        expect(changed.AdExtensions[0]).toMatchObject({ Text: 'Changed', Version: 2 });
        await c().deleteAdExtensions({ AccountId: accountId, AdExtensionIds: ids });
      });

      it('labels, their associations and paging', async () => {
        const added = await c().addLabels({ Labels: [1, 2, 3].map((n) => label(`${tag}-${n}`)) });
        const labelIds = added.LabelIds!.map(bigId);
        const page = await readBoth<{ Labels: { Id: string }[] }>('GetLabelsByIds', {
          LabelIds: labelIds,
          PageInfo: { Index: 1, Size: 2 },
        });
        expect(page.Labels.map((l) => l.Id)).toEqual([labelIds[2]]);
        const camp = await c().addCampaigns({
          AccountId: accountId,
          Campaigns: [campaign(`${tag}-lbl`)],
        });
        const campaignId = camp.CampaignIds![0]!;
        await c().setLabelAssociations({
          EntityType: 'Campaign',
          LabelAssociations: labelIds.map((LabelId) => ({ LabelId, EntityId: campaignId })),
        });
        const byEntity = await readBoth<{ LabelAssociations: object[] }>(
          'GetLabelAssociationsByEntityIds',
          { EntityIds: [campaignId], EntityType: 'Campaign' },
        );
        expect(byEntity.LabelAssociations).toHaveLength(3);
        await c().deleteLabelAssociations({
          EntityType: 'Campaign',
          LabelAssociations: [{ LabelId: labelIds[0]!, EntityId: campaignId }],
        });
        const byLabel = await readBoth<{ LabelAssociations: { LabelId: string }[] }>(
          'GetLabelAssociationsByLabelIds',
          { LabelIds: labelIds, EntityType: 'Campaign', PageInfo: { Index: 0, Size: 10 } },
        );
        expect(byLabel.LabelAssociations.map((a) => a.LabelId)).toEqual(labelIds.slice(1));
        await c().updateLabels({ Labels: [{ Id: labelIds[1], Name: `Renamed ${tag}` }] });
        await c().deleteLabels({ LabelIds: [labelIds[2]!] });
        const rest = await readBoth<{ Labels: { Name: string }[]; PartialErrors: object[] }>(
          'GetLabelsByIds',
          { LabelIds: labelIds.slice(1), PageInfo: { Index: 0, Size: 10 } },
        );
        expect(rest.Labels.map((l) => l.Name)).toEqual([`Renamed ${tag}`]);
        expect(rest.PartialErrors).toEqual([
          expect.objectContaining({ ErrorCode: 'CampaignServiceLabelIdInvalid', Index: 1 }),
        ]);
      });

      it('invalid items fail one by one with PartialErrors and Microsoft codes', async () => {
        const camp = await c().addCampaigns({
          AccountId: accountId,
          Campaigns: [{ ...campaign(tag), Name: 'x'.repeat(129) }, campaign(`${tag}-ok`)],
        });
        expect(camp.CampaignIds![0]).toBeNull();
        bigId(camp.CampaignIds![1]);
        expect(camp.PartialErrors).toEqual([
          expect.objectContaining({
            Code: 1101,
            ErrorCode: 'CampaignServiceInvalidCampaignName',
            Index: 0,
          }),
        ]);
        const upd = await c().updateCampaigns({
          AccountId: accountId,
          Campaigns: [{ Id: '9007199254740991', Name: 'nobody' }],
        });
        expect(upd.PartialErrors).toEqual([
          expect.objectContaining({
            Code: 1100,
            ErrorCode: 'CampaignServiceInvalidCampaignId',
            Index: 0,
          }),
        ]);
        const labels = await c().addLabels({ Labels: [{ Name: 'y'.repeat(81) }] });
        expect(labels.PartialErrors).toEqual([
          expect.objectContaining({
            Code: 5407,
            ErrorCode: 'CampaignServiceLabelNameLengthExceeded',
          }),
        ]);
        await expect(
          c().addAdGroups({ CampaignId: '9007199254740991', AdGroups: [adGroup(tag)] }),
        ).rejects.toMatchObject({ errors: [expect.objectContaining({ code: 1100 })] });
        await expect(
          c().getCampaignsByAccountId({
            AccountId: mock.state.ids.otherAccountId,
            CampaignType: ['Search'],
          }),
        ).rejects.toMatchObject({ errors: [expect.objectContaining({ code: 106 })] });
      });
    });
  }
});
