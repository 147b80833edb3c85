/**
 * Every stateful read of the mock, SOAP against REST: the Get/Search operations answered from
 * the store are listed from the mock's own handler tables (a new stateful read without a
 * request here fails the first test), called over both protocols on a store holding one
 * entity of every kind, and their decoded answers must be deep-equal after the documented
 * normalizations (the comparison shadow mode makes).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CAMPAIGN_HANDLERS } from '../../mock/src/campaigns/index.ts';
import { CM_HANDLERS } from '../../mock/src/cm/handlers.ts';
import { CampaignManagementClient } from '../../generated/campaign-management/dist/index.js';
import { descriptor as campaignDescriptor } from '../../generated/campaign-management/dist/descriptor.js';
import { CustomerManagementClient } from '../../generated/customer-management/dist/index.js';
import { descriptor as customerDescriptor } from '../../generated/customer-management/dist/descriptor.js';
import { ADS, EXTENSIONS, adGroup, budget, campaign, keyword, label } from './campaign-fixtures.ts';
import { mockOptions, readBoth, startMock, type ClientPair, type Mock } from './harness.ts';

const SERVICES = {
  'customer-management': { handlers: CM_HANDLERS, descriptor: customerDescriptor },
  'campaign-management': { handlers: CAMPAIGN_HANDLERS, descriptor: campaignDescriptor },
} as const;
type Service = keyof typeof SERVICES;

/** `service.Operation` of every read the mock answers from its store. */
const statefulReads = (Object.keys(SERVICES) as Service[]).flatMap((service) => {
  const { handlers, descriptor } = SERVICES[service];
  return Object.keys(handlers)
    .filter((op) => descriptor.operations[op]?.kind === 'read')
    .map((op) => `${service}.${op}`);
});

/** What the store holds after `populate`: the ids the requests name. */
interface Ids {
  customerId: string;
  accountId: string;
  userId: string;
  /** An account added over REST with key/value lists, an address and linked agencies. */
  richAccountId: string;
  budgetId: string;
  campaignId: string;
  adGroupId: string;
  adIds: string[];
  keywordId: string;
  extensionIds: string[];
  labelIds: string[];
}

/** A request per stateful read, and a value its answer must contain (so none is empty). */
const READS: Record<string, (ids: Ids) => { request: object; contains: string }> = {
  'customer-management.GetCustomer': (i) => ({
    request: { CustomerId: i.customerId },
    contains: i.customerId,
  }),
  'customer-management.GetAccessibleCustomer': (i) => ({
    request: { CustomerId: i.customerId },
    contains: i.customerId,
  }),
  'customer-management.SearchCustomers': (i) => ({
    request: {
      Predicates: [{ Field: 'Id', Operator: 'Equals', Value: i.customerId }],
      PageInfo: { Index: 0, Size: 10 },
    },
    contains: i.customerId,
  }),
  'customer-management.GetAccount': (i) => ({
    request: { AccountId: i.richAccountId },
    contains: 'VAT-123',
  }),
  'customer-management.SearchAccounts': (i) => ({
    request: {
      Predicates: [{ Field: 'CustomerId', Operator: 'Equals', Value: i.customerId }],
      Ordering: [{ Field: 'Id', Order: 'Ascending' }],
      PageInfo: { Index: 0, Size: 10 },
    },
    contains: 'VAT-123',
  }),
  'customer-management.GetAccountsInfo': (i) => ({
    request: { CustomerId: i.customerId, OnlyParentAccounts: false },
    contains: i.accountId,
  }),
  'customer-management.GetUser': (i) => ({ request: { UserId: i.userId }, contains: i.userId }),
  'customer-management.GetCurrentUser': (i) => ({ request: {}, contains: i.userId }),
  'customer-management.SearchClientLinks': (i) => ({
    request: {
      Predicates: [{ Field: 'ManagingCustomerId', Operator: 'Equals', Value: i.customerId }],
      PageInfo: { Index: 0, Size: 10 },
    },
    contains: 'stateful reads',
  }),
  'customer-management.SearchUserInvitations': (i) => ({
    request: { Predicates: [{ Field: 'CustomerId', Operator: 'In', Value: i.customerId }] },
    contains: 'lin@example.com',
  }),
  'campaign-management.GetCampaignsByIds': (i) => ({
    request: { AccountId: i.accountId, CampaignIds: [i.campaignId] },
    contains: i.campaignId,
  }),
  'campaign-management.GetCampaignsByAccountId': (i) => ({
    request: { AccountId: i.accountId, CampaignType: ['Search'] },
    contains: i.campaignId,
  }),
  'campaign-management.GetAdGroupsByIds': (i) => ({
    request: { CampaignId: i.campaignId, AdGroupIds: [i.adGroupId] },
    contains: i.adGroupId,
  }),
  'campaign-management.GetAdGroupsByCampaignId': (i) => ({
    request: { CampaignId: i.campaignId },
    contains: i.adGroupId,
  }),
  'campaign-management.GetAdsByIds': (i) => ({
    request: { AdGroupId: i.adGroupId, AdIds: i.adIds, AdTypes: Object.keys(ADS) },
    contains: i.adIds.at(-1)!,
  }),
  'campaign-management.GetAdsByAdGroupId': (i) => ({
    request: { AdGroupId: i.adGroupId, AdTypes: Object.keys(ADS) },
    contains: i.adIds.at(-1)!,
  }),
  'campaign-management.GetKeywordsByIds': (i) => ({
    request: { AdGroupId: i.adGroupId, KeywordIds: [i.keywordId] },
    contains: i.keywordId,
  }),
  'campaign-management.GetKeywordsByAdGroupId': (i) => ({
    request: { AdGroupId: i.adGroupId },
    contains: i.keywordId,
  }),
  'campaign-management.GetBudgetsByIds': (i) => ({
    request: { BudgetIds: [i.budgetId] },
    contains: i.budgetId,
  }),
  'campaign-management.GetAdExtensionsByIds': (i) => ({
    request: {
      AccountId: i.accountId,
      AdExtensionIds: i.extensionIds,
      AdExtensionType: bothProtocolExtensions(),
    },
    contains: i.extensionIds.at(-1)!,
  }),
  'campaign-management.GetAdExtensionsAssociations': (i) => ({
    request: {
      AccountId: i.accountId,
      EntityIds: [i.campaignId],
      AssociationType: 'Campaign',
      AdExtensionType: bothProtocolExtensions(),
    },
    contains: i.extensionIds.at(-1)!,
  }),
  'campaign-management.GetAdExtensionIdsByAccountId': (i) => ({
    request: {
      AccountId: i.accountId,
      AdExtensionType: bothProtocolExtensions(),
      AssociationType: 'Campaign',
    },
    contains: i.extensionIds.at(-1)!,
  }),
  'campaign-management.GetLabelsByIds': (i) => ({
    request: { LabelIds: i.labelIds, PageInfo: { Index: 0, Size: 10 } },
    contains: i.labelIds.at(-1)!,
  }),
  'campaign-management.GetLabelAssociationsByEntityIds': (i) => ({
    request: { EntityIds: [i.campaignId], EntityType: 'Campaign' },
    contains: i.labelIds.at(-1)!,
  }),
  'campaign-management.GetLabelAssociationsByLabelIds': (i) => ({
    request: { LabelIds: i.labelIds, EntityType: 'Campaign', PageInfo: { Index: 0, Size: 10 } },
    contains: i.labelIds.at(-1)!,
  }),
};

/** Ad extension subtypes both protocols know (SOAP cannot carry the REST-only ones). */
function bothProtocolExtensions(): string[] {
  return Object.keys(EXTENSIONS).filter(
    (t) => (campaignDescriptor.types[t] as { protocols?: string }).protocols !== 'rest',
  );
}

/** One entity of every kind, written over REST (the round-trip tests write over both). */
async function populate(mock: Mock, customers: ClientPair, campaigns: ClientPair): Promise<Ids> {
  const { customerId, accountId, userId } = mock.state.ids;
  const cm = customers.rest as CustomerManagementClient;
  const cp = campaigns.rest as CampaignManagementClient;
  const tag = 'stateful reads';
  // Customer Management REST bodies spell key/value pairs Key/Value; the store keeps them as
  // SOAP does, and both protocols must read them back alike.
  const richAccountId = (
    await cm.addAccount({
      Account: {
        Name: `Account ${tag}`,
        CurrencyCode: 'USD',
        ParentCustomerId: customerId,
        TaxInformation: [{ key: 'VAT', value: 'VAT-123' }],
        ForwardCompatibilityMap: [{ key: 'Mode', value: 'Expert' }],
        BusinessAddress: {
          Line1: '1 Main St',
          City: 'Redmond',
          StateOrProvince: 'WA',
          PostalCode: '98052',
          CountryCode: 'US',
        },
        LinkedAgencies: [{ Id: customerId, Name: 'Agency' }],
        AutoTagType: 'Inactive',
      },
    })
  ).AccountId!;
  await cm.addClientLinks({
    ClientLinks: [
      { Type: 'AccountLink', ClientEntityId: accountId, ManagingCustomerId: customerId, Note: tag },
    ],
  });
  await cm.sendUserInvitation({
    UserInvitation: {
      Id: '0',
      FirstName: 'Lin',
      LastName: 'Q',
      Email: 'lin@example.com',
      CustomerId: customerId,
      RoleId: 16,
      Lcid: 'EnglishUS',
      ExpirationDate: '2030-01-01T00:00:00Z',
    },
  });
  const budgetId = (await cp.addBudgets({ Budgets: [budget(tag)] })).BudgetIds![0]!;
  const campaignId = (
    await cp.addCampaigns({
      AccountId: accountId,
      Campaigns: [{ ...campaign(tag), BudgetId: budgetId }],
    })
  ).CampaignIds![0]!;
  const adGroupId = (await cp.addAdGroups({ CampaignId: campaignId, AdGroups: [adGroup(tag)] }))
    .AdGroupIds![0]!;
  const adIds = (
    await cp.addAds({ AdGroupId: adGroupId, Ads: Object.values(ADS).map((make) => make(tag)) })
  ).AdIds!.map((id) => id!);
  const keywordId = (await cp.addKeywords({ AdGroupId: adGroupId, Keywords: [keyword(tag)] }))
    .KeywordIds![0]!;
  const extensionIds = (
    await cp.addAdExtensions({
      AccountId: accountId,
      AdExtensions: bothProtocolExtensions().map((t) => EXTENSIONS[t]!(tag)),
    })
  ).AdExtensionIdentities!.map((x) => x!.Id!);
  await cp.setAdExtensionsAssociations({
    AccountId: accountId,
    AssociationType: 'Campaign',
    AdExtensionIdToEntityIdAssociations: extensionIds.map((AdExtensionId) => ({
      AdExtensionId,
      EntityId: campaignId,
    })),
  });
  const labelIds = (
    await cp.addLabels({ Labels: [1, 2].map((n) => label(`${tag} ${n}`)) })
  ).LabelIds!.map((id) => id!);
  await cp.setLabelAssociations({
    EntityType: 'Campaign',
    LabelAssociations: labelIds.map((LabelId) => ({ LabelId, EntityId: campaignId })),
  });
  return {
    customerId,
    accountId,
    userId,
    richAccountId,
    budgetId,
    campaignId,
    adGroupId,
    adIds,
    keywordId,
    extensionIds,
    labelIds,
  };
}

describe('every stateful read answers the same over SOAP and REST', { timeout: 240_000 }, () => {
  let mock: Mock;
  let clients: Record<Service, ClientPair>;
  let ids: Ids;
  beforeAll(async () => {
    mock = await startMock();
    const pair = <C>(make: new (o: ReturnType<typeof mockOptions>) => C) =>
      ({
        soap: new make(mockOptions(mock, { protocol: 'soap' })),
        rest: new make(mockOptions(mock, { protocol: 'rest' })),
      }) as ClientPair;
    clients = {
      'customer-management': pair(CustomerManagementClient),
      'campaign-management': pair(CampaignManagementClient),
    };
    ids = await populate(mock, clients['customer-management'], clients['campaign-management']);
  });
  afterAll(async () => {
    for (const pair of Object.values(clients ?? {}))
      for (const c of Object.values(pair)) await (c as { close(): Promise<void> }).close();
    expect(mock.stats.validationErrors).toEqual([]);
    await mock.close();
  });

  it('has a request for each of them, and no other', () => {
    expect(statefulReads.length).toBeGreaterThanOrEqual(25);
    expect(Object.keys(READS).sort()).toEqual([...statefulReads].sort());
  });

  it.each(statefulReads)('%s', async (key) => {
    const [service, operation] = key.split('.') as [Service, string];
    const { request, contains } = READS[key]!(ids);
    const { soap, rest, differences } = await readBoth(
      clients[service],
      SERVICES[service].descriptor,
      operation,
      request,
    );
    expect(differences).toEqual([]);
    expect(JSON.stringify(soap)).toContain(contains);
    expect(JSON.stringify(rest)).toContain(contains);
  });
});
