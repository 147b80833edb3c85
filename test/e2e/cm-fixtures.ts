/**
 * The mock answers Customer Management from live state, so a schema-valid request with
 * made-up ids gets a 210 "does not exist" back. For the all-operations test, these patches
 * point the stateful operations at real entities; everything the generic builder filled in
 * stays (the patch is merged over it). Destructive operations get an entity of their own,
 * made in the mock's store right before the call, so SOAP and REST runs cannot collide.
 */
import type { ServiceDescriptor } from '@adsgen/runtime';
import type { MockServer } from '../../mock/src/server.ts';

type Patch = Record<string, unknown>;

export function cmPatches(server: MockServer): Record<string, () => Patch> {
  const { store, ids } = server.state;
  const mine = ids.customerId;

  /** A customer the seeded user administers (role 41, as SignupCustomer grants it). */
  const freshCustomer = (): Record<string, unknown> => {
    const c = store.addCustomer({
      Name: 'Fixture Customer',
      MarketCountry: 'US',
      Industry: 'Other',
    });
    store.users.get(ids.userId)!.roles.push({
      RoleId: 41,
      CustomerId: String(c['Id']),
      AccountIds: null,
      LinkedAccountIds: null,
      CustomerLinkPermission: null,
    });
    return c;
  };
  const freshAccount = () =>
    store.addAccount({ Name: 'Fixture Account', CurrencyCode: 'USD' }, mine, ids.userId);
  const freshUser = () =>
    store.addUser({ CustomerId: mine, UserName: 'fixture@example.com', Lcid: 'EnglishUS' }, [
      {
        RoleId: 16,
        CustomerId: mine,
        AccountIds: null,
        LinkedAccountIds: null,
        CustomerLinkPermission: null,
      },
    ]);
  const page = { Index: 0, Size: 10 };

  return {
    SignupCustomer: () => ({
      Customer: {
        Name: 'Signed Up',
        MarketCountry: 'US',
        MarketLanguage: 'English',
        Industry: 'Retail',
      },
      Account: { Name: 'Signed Up Main', CurrencyCode: 'USD', ParentCustomerId: '0' },
      ParentCustomerId: mine,
    }),
    GetCustomer: () => ({ CustomerId: mine }),
    GetAccessibleCustomer: () => ({ CustomerId: mine }),
    UpdateCustomer: () => {
      const c = freshCustomer();
      return { Customer: { Id: c['Id'], TimeStamp: c['TimeStamp'], Name: 'Renamed Customer' } };
    },
    DeleteCustomer: () => {
      const c = freshCustomer();
      return { CustomerId: c['Id'], TimeStamp: c['TimeStamp'] };
    },
    SearchCustomers: () => ({
      Predicates: [{ Field: 'CustomerId', Operator: 'Equals', Value: mine }],
      Ordering: [{ Field: 'Id', Order: 'Ascending' }],
      PageInfo: page,
    }),
    AddAccount: () => ({ Account: { Name: 'Added', CurrencyCode: 'USD', ParentCustomerId: mine } }),
    GetAccount: () => ({ AccountId: ids.accountId }),
    UpdateAccount: () => {
      const a = freshAccount();
      return {
        Account: {
          Id: a['Id'],
          TimeStamp: a['TimeStamp'],
          Name: 'Renamed',
          ParentCustomerId: mine,
        },
      };
    },
    DeleteAccount: () => {
      const a = freshAccount();
      return { AccountId: a['Id'], TimeStamp: a['TimeStamp'] };
    },
    SearchAccounts: () => ({
      Predicates: [{ Field: 'AccountId', Operator: 'Equals', Value: ids.accountId }],
      Ordering: [{ Field: 'Id', Order: 'Ascending' }],
      PageInfo: page,
    }),
    GetAccountsInfo: () => ({ CustomerId: mine }),
    GetUser: () => ({ UserId: ids.userId }),
    UpdateUser: () => {
      const u = freshUser();
      return { User: { Id: u['Id'], TimeStamp: u['TimeStamp'], JobTitle: 'Fixture' } };
    },
    AddClientLinks: () => ({
      ClientLinks: [
        { ClientEntityId: freshAccount()['Id'], ManagingCustomerId: mine, Note: 'e2e' },
      ],
    }),
    UpdateClientLinks: () => {
      const a = freshAccount();
      const link = {
        ClientEntityId: a['Id'],
        ManagingCustomerId: mine,
        Status: 'LinkPending',
        Timestamp: store.newTimeStamp(),
      };
      store.clientLinks.push(link);
      return { ClientLinks: [{ ...link, Status: 'Active' }] };
    },
    SearchClientLinks: () => ({
      Predicates: [{ Field: 'ManagingCustomerId', Operator: 'Equals', Value: mine }],
      Ordering: [{ Field: 'Id', Order: 'Ascending' }],
      PageInfo: page,
    }),
    SendUserInvitation: () => ({
      UserInvitation: {
        FirstName: 'E',
        LastName: 'Two',
        Email: 'e2e@example.com',
        CustomerId: mine,
      },
    }),
    SearchUserInvitations: () => ({
      Predicates: [{ Field: 'CustomerId', Operator: 'Equals', Value: mine }],
    }),
  };
}

/**
 * `patch` over `base`: objects merge key by key; an array in the patch replaces the base's,
 * each of its objects merged over the base's first item (so builder-filled required members
 * of list items survive); anything else in the patch wins.
 */
export function mergeRequest(base: unknown, patch: unknown): unknown {
  const isObj = (v: unknown): v is Record<string, unknown> =>
    typeof v === 'object' && v !== null && !Array.isArray(v);
  if (isObj(base) && isObj(patch)) {
    const out: Record<string, unknown> = { ...base };
    for (const [k, v] of Object.entries(patch)) out[k] = mergeRequest(base[k], v);
    return out;
  }
  if (Array.isArray(patch)) {
    const template = Array.isArray(base) && isObj(base[0]) ? base[0] : undefined;
    return patch.map((item) => (template && isObj(item) ? mergeRequest(template, item) : item));
  }
  return patch;
}

/**
 * Campaign Management keeps state too: every request naming an AccountId, CampaignId or
 * AdGroupId gets the seeded account and a campaign and ad group made in it, so each
 * operation reaches its handler instead of an unknown-parent fault.
 */
export function campaignPatches(
  server: MockServer,
  descriptor: ServiceDescriptor,
): Record<string, () => Patch> {
  const { campaigns, ids } = server.state;
  const campaign = campaigns.add('Campaign', ids.accountId, ids.accountId, { Name: 'Fixture' });
  const campaignId = String(campaign['Id']);
  const adGroup = campaigns.add('AdGroup', campaignId, ids.accountId, { Name: 'Fixture' });
  const values: Record<string, string> = {
    AccountId: ids.accountId,
    CampaignId: campaignId,
    AdGroupId: String(adGroup['Id']),
  };
  const out: Record<string, () => Patch> = {};
  for (const op of Object.values(descriptor.operations)) {
    const type = op.request ? descriptor.types[op.request] : undefined;
    if (type?.kind !== 'object') continue;
    const patch: Patch = {};
    for (const f of type.fields) if (values[f.name]) patch[f.name] = values[f.name];
    if (Object.keys(patch).length) out[op.name] = () => patch;
  }
  return out;
}
