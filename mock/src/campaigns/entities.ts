/**
 * The entity kinds the stateful Campaign Management core keeps, as data: where each one's
 * parent id comes from, its name rule, and Microsoft's error codes for its failures. The
 * generic handlers (handlers.ts) turn each row into Add/Get/Update/Delete operations.
 */
export interface EntityKind {
  /** Singular type name: `Campaign`. */
  kind: string;
  /** Request/response list field: `Campaigns`. */
  plural: string;
  /**
   * Where the owner comes from: a request field naming a parent of `parentKind` (`Account`
   * is a Customer Management account), or the CustomerAccountId header (`header`).
   */
  parent: { field: string; parentKind: string } | 'header';
  /** The `Get<plural>By<Parent>Id` operation, when there is one. */
  listByParent?: string;
  name?: { field: string; max: number; invalid: string; missing?: string };
  invalidId: string;
  nullItem: string;
  /** The error when the parent id is unknown (whole-operation fault). */
  invalidParent?: string;
}

export const ENTITY_KINDS: readonly EntityKind[] = [
  {
    kind: 'Campaign',
    plural: 'Campaigns',
    parent: { field: 'AccountId', parentKind: 'Account' },
    listByParent: 'GetCampaignsByAccountId',
    name: { field: 'Name', max: 128, invalid: 'CampaignServiceInvalidCampaignName' },
    invalidId: 'CampaignServiceInvalidCampaignId',
    nullItem: 'CampaignServiceNullCampaign',
    invalidParent: 'CampaignServiceInvalidAccountId',
  },
  {
    kind: 'AdGroup',
    plural: 'AdGroups',
    parent: { field: 'CampaignId', parentKind: 'Campaign' },
    listByParent: 'GetAdGroupsByCampaignId',
    name: { field: 'Name', max: 256, invalid: 'CampaignServiceInvalidAdGroupName' },
    invalidId: 'CampaignServiceInvalidAdGroupId',
    nullItem: 'CampaignServiceNullAdGroup',
    invalidParent: 'CampaignServiceInvalidCampaignId',
  },
  {
    kind: 'Ad',
    plural: 'Ads',
    parent: { field: 'AdGroupId', parentKind: 'AdGroup' },
    listByParent: 'GetAdsByAdGroupId',
    invalidId: 'CampaignServiceInvalidAdId',
    nullItem: 'CampaignServiceNullAd',
    invalidParent: 'CampaignServiceInvalidAdGroupId',
  },
  {
    kind: 'Keyword',
    plural: 'Keywords',
    parent: { field: 'AdGroupId', parentKind: 'AdGroup' },
    listByParent: 'GetKeywordsByAdGroupId',
    name: { field: 'Text', max: 100, invalid: 'CampaignServiceInvalidKeywordText' },
    invalidId: 'CampaignServiceInvalidKeywordId',
    nullItem: 'CampaignServiceNullKeyword',
    invalidParent: 'CampaignServiceInvalidAdGroupId',
  },
  {
    kind: 'Budget',
    plural: 'Budgets',
    parent: 'header',
    name: {
      field: 'Name',
      max: 255,
      invalid: 'CampaignServiceBudgetNameTooLong',
      missing: 'CampaignServiceBudgetNameMissing',
    },
    invalidId: 'CampaignServiceBudgetIdInvalid',
    nullItem: 'CampaignServiceBudgetIsNull',
  },
  {
    kind: 'AdExtension',
    plural: 'AdExtensions',
    parent: { field: 'AccountId', parentKind: 'Account' },
    invalidId: 'CampaignServiceInvalidAdExtensionId',
    nullItem: 'CampaignServiceAdExtensionsArrayShouldNotBeNullOrEmpty',
    invalidParent: 'CampaignServiceInvalidAccountId',
  },
  {
    kind: 'Label',
    plural: 'Labels',
    parent: 'header',
    name: {
      field: 'Name',
      max: 80,
      invalid: 'CampaignServiceLabelNameLengthExceeded',
      missing: 'CampaignServiceLabelNameInvalid',
    },
    invalidId: 'CampaignServiceLabelIdInvalid',
    nullItem: 'CampaignServiceLabelIsNull',
  },
];

/** What goes when a record is deleted. */
export const CHILD_KINDS: Record<string, string[]> = {
  Campaign: ['AdGroup'],
  AdGroup: ['Ad', 'Keyword'],
};
