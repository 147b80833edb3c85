/**
 * ReturnAdditionalFields: the fields Microsoft returns only when asked (the mock's table,
 * ADDITIONAL_FIELDS) are left out of a Get that does not name them and returned, as they were
 * written, by one that does; over SOAP (space-separated flags) and REST (a list) alike.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADDITIONAL_FIELDS } from '../../mock/src/additional-fields.ts';
import { CampaignManagementClient } from '../../generated/campaign-management/dist/index.js';
import { descriptor as campaignDescriptor } from '../../generated/campaign-management/dist/descriptor.js';
import { CustomerManagementClient } from '../../generated/customer-management/dist/index.js';
import { descriptor as customerDescriptor } from '../../generated/customer-management/dist/descriptor.js';
import { EXTENSIONS, adGroup, campaign } from './campaign-fixtures.ts';
import { mockOptions, readBoth, startMock, type ClientPair, type Mock } from './harness.ts';

type Entity = Record<string, unknown>;

/** One entity per kind with every additional field of its kind set (per subtype for ads and extensions). */
const WITH_ADDITIONAL_FIELDS: Record<string, Entity[]> = {
  Campaign: [
    {
      ...campaign('additional'),
      AdScheduleUseSearcherTimeZone: true,
      BidStrategyId: '9007199254741100',
      DealIds: ['9007199254741101'],
      MultimediaAdsBidAdjustment: 10,
    },
  ],
  AdGroup: [
    {
      ...adGroup('additional'),
      AdGroupType: 'SearchStandard',
      AdScheduleUseSearcherTimeZone: true,
      CommissionRate: { Type: 'RateBid', RateAmount: { Amount: 5 } },
      CpmBid: { Amount: 2 },
      CpvBid: { Amount: 0.5 },
      FrequencyCapSettings: [{ CapValue: 3, TimeGranularity: 'DAY' }],
      McpaBid: { Amount: 3 },
      MultimediaAdsBidAdjustment: 5,
      PercentCpcBid: { Type: 'RateBid', RateAmount: { Amount: 10 } },
      UseOptimizedTargeting: false,
      UsePredictiveTargeting: true,
    },
  ],
  Ad: [
    {
      Type: 'ResponsiveAd',
      BusinessName: 'Example',
      Headline: 'Shoes',
      LongHeadlineString: 'Great shoes for running',
      Text: 'Good shoes',
      FinalUrls: ['https://example.com/shoes'],
      ImpressionTrackingUrls: ['https://example.com/pixel'],
      LongHeadlines: [{ Asset: { Type: 'TextAsset', Text: 'Great shoes for running' } }],
      Videos: [{ Asset: { Type: 'VideoAsset', Id: '9007199254741103' } }],
    },
  ],
  AdExtension: [
    {
      ...EXTENSIONS['ImageAdExtension']!('additional'),
      DisplayText: 'Shoes',
      Images: [{ Asset: { Type: 'ImageAsset', Id: '9007199254741105' } }],
      Layouts: ['Square'],
      SourceType: 'UserProvided',
    },
    { ...EXTENSIONS['FilterLinkAdExtension']!('additional'), AdExtensionHeaderType: 'Brands' },
  ],
  Account: [
    {
      Name: 'Account with additional fields',
      CurrencyCode: 'USD',
      AccountMode: 'Expert',
      TaxCertificate: {
        TaxCertificateBlobContainerName: 'certificates',
        Status: 'Valid',
        TaxCertificates: [{ key: 'certificate', value: 'AAECAw==' }],
      },
    },
  ],
};

/** The `ReturnAdditionalFields` value naming every additional field of `kind`. */
const allOf = (kind: string) => ADDITIONAL_FIELDS[kind]!.map((f) => f.value);

describe('ReturnAdditionalFields', { timeout: 240_000 }, () => {
  let mock: Mock;
  let customers: ClientPair;
  let campaigns: ClientPair;
  /** Per kind: how to write the entities and how to read them back. */
  let kinds: Record<
    string,
    {
      add(items: Entity[]): Promise<string[]>;
      read(ids: string[], requested?: string[]): { operation: string; request: object };
      pair: ClientPair;
      descriptor: typeof campaignDescriptor;
      list: (answer: Entity) => Entity[];
    }
  >;

  beforeAll(async () => {
    mock = await startMock();
    const { accountId, customerId } = mock.state.ids;
    const options = (protocol: 'soap' | 'rest') => mockOptions(mock, { protocol });
    customers = {
      soap: new CustomerManagementClient(options('soap')),
      rest: new CustomerManagementClient(options('rest')),
    };
    campaigns = {
      soap: new CampaignManagementClient(options('soap')),
      rest: new CampaignManagementClient(options('rest')),
    };
    const cp = campaigns.rest as CampaignManagementClient;
    const cm = customers.rest as CustomerManagementClient;
    const campaignId = (
      await cp.addCampaigns({ AccountId: accountId, Campaigns: [campaign('parent')] })
    ).CampaignIds![0]!;
    const adGroupId = (
      await cp.addAdGroups({ CampaignId: campaignId, AdGroups: [adGroup('parent')] })
    ).AdGroupIds![0]!;
    const withFields = (answer: object, field: string) =>
      ((answer as Entity)[field] as Entity[]).filter((x) => x !== null);
    kinds = {
      Campaign: {
        add: async (items) =>
          (
            await cp.addCampaigns({ AccountId: accountId, Campaigns: items as never })
          ).CampaignIds!.map((id) => id!),
        read: (ids, requested) => ({
          operation: 'GetCampaignsByIds',
          request: { AccountId: accountId, CampaignIds: ids, ReturnAdditionalFields: requested },
        }),
        pair: campaigns,
        descriptor: campaignDescriptor,
        list: (a) => withFields(a, 'Campaigns'),
      },
      AdGroup: {
        add: async (items) =>
          (
            await cp.addAdGroups({ CampaignId: campaignId, AdGroups: items as never })
          ).AdGroupIds!.map((id) => id!),
        read: (ids, requested) => ({
          operation: 'GetAdGroupsByIds',
          request: { CampaignId: campaignId, AdGroupIds: ids, ReturnAdditionalFields: requested },
        }),
        pair: campaigns,
        descriptor: campaignDescriptor,
        list: (a) => withFields(a, 'AdGroups'),
      },
      Ad: {
        add: async (items) =>
          (await cp.addAds({ AdGroupId: adGroupId, Ads: items as never })).AdIds!.map((id) => id!),
        read: (ids, requested) => ({
          operation: 'GetAdsByIds',
          request: {
            AdGroupId: adGroupId,
            AdIds: ids,
            AdTypes: ['ResponsiveAd'],
            ReturnAdditionalFields: requested,
          },
        }),
        pair: campaigns,
        descriptor: campaignDescriptor,
        list: (a) => withFields(a, 'Ads'),
      },
      AdExtension: {
        add: async (items) =>
          (
            await cp.addAdExtensions({ AccountId: accountId, AdExtensions: items as never })
          ).AdExtensionIdentities!.map((x) => x!.Id!),
        read: (ids, requested) => ({
          operation: 'GetAdExtensionsByIds',
          request: {
            AccountId: accountId,
            AdExtensionIds: ids,
            AdExtensionType: ['ImageAdExtension', 'FilterLinkAdExtension'],
            ReturnAdditionalFields: requested,
          },
        }),
        pair: campaigns,
        descriptor: campaignDescriptor,
        list: (a) => withFields(a, 'AdExtensions'),
      },
      Account: {
        add: async ([item]) => [
          (await cm.addAccount({ Account: { ...item!, ParentCustomerId: customerId } as never }))
            .AccountId!,
        ],
        read: ([id], requested) => ({
          operation: 'GetAccount',
          request: { AccountId: id, ReturnAdditionalFields: requested },
        }),
        pair: customers,
        descriptor: customerDescriptor,
        list: (a) => [a['Account'] as Entity],
      },
    };
  });
  afterAll(async () => {
    for (const pair of [customers, campaigns])
      for (const c of Object.values(pair ?? {})) await (c as { close(): Promise<void> }).close();
    expect(mock.stats.validationErrors).toEqual([]);
    await mock.close();
  });

  it('has an entity for every kind and field of the table', () => {
    expect(Object.keys(WITH_ADDITIONAL_FIELDS).sort()).toEqual(
      Object.keys(ADDITIONAL_FIELDS).sort(),
    );
    for (const [kind, fields] of Object.entries(ADDITIONAL_FIELDS))
      for (const { field, types } of fields)
        expect(
          WITH_ADDITIONAL_FIELDS[kind]!.some(
            (e) => field in e && (!types || types.includes(String(e['Type']))),
          ),
          `${kind}.${field}`,
        ).toBe(true);
  });

  it.each(Object.keys(ADDITIONAL_FIELDS))(
    '%s: left out unless requested, returned as written when requested, on both protocols',
    async (kind) => {
      const k = kinds[kind]!;
      const items = WITH_ADDITIONAL_FIELDS[kind]!;
      const ids = await k.add(items);
      const read = async (requested?: string[]) => {
        const { operation, request } = k.read(ids, requested);
        const { soap, rest, differences } = await readBoth<Entity>(
          k.pair,
          k.descriptor,
          operation,
          request,
        );
        expect({ operation, requested, differences }).toEqual({
          operation,
          requested,
          differences: [],
        });
        expect(k.list(rest)).toHaveLength(items.length);
        return k.list(soap);
      };
      const additional = new Set(ADDITIONAL_FIELDS[kind]!.map((f) => f.field));
      const plain = await read();
      const requested = await read(allOf(kind));
      items.forEach((item, i) => {
        for (const field of Object.keys(item).filter((f) => additional.has(f))) {
          expect(plain[i]![field] ?? null, `${kind}.${field} not requested`).toBeNull();
          expect(requested[i]![field], `${kind}.${field} requested`).toEqual(item[field]);
        }
        // The other fields come back either way.
        const others = Object.keys(item).filter((f) => !additional.has(f));
        for (const field of others) expect(plain[i]![field]).toEqual(item[field]);
      });
    },
  );
});
