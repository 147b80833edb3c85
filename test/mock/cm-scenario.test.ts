import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockServer, type MockServer } from '../../mock/src/server.ts';
import {
  callRest,
  CM_ENTITIES,
  CM_NS,
  CM_SOAP_PATH,
  envelope,
  postSoap,
  seededCreds,
  soapHeaders,
  xmlText,
  xmlTexts,
} from './helpers.ts';

const TWO_53 = 2n ** 53n;

describe('Customer Management in memory, over REST', () => {
  let server: MockServer;
  let creds: ReturnType<typeof seededCreds>;
  const rest = (method: string, path: string, body: unknown) =>
    callRest(server.origin, method, `/CustomerManagement/v13${path}`, body, creds);
  beforeAll(async () => {
    server = await startMockServer();
    creds = seededCreds(server);
  });
  afterAll(() => server.close());

  it('signs up a customer, adds accounts, searches with predicates, ordering and paging, and round-trips a delete', async () => {
    const signup = await rest('POST', '/Customer/Signup', {
      Customer: {
        Name: 'Zeta Shoes',
        MarketCountry: 'US',
        MarketLanguage: 'English',
        Industry: 'Retail',
      },
      Account: {
        Name: 'Zeta Main',
        CurrencyCode: 'USD',
        TimeZone: 'EasternTimeUSCanada',
        ParentCustomerId: '0',
      },
      ParentCustomerId: creds.customerId,
    });
    expect(signup.status).toBe(200);
    const customerId: string = signup.json['CustomerId'];
    expect(BigInt(customerId) > TWO_53).toBe(true);

    const names = ['Zeta B', 'Zeta D', 'Zeta A', 'Zeta C'];
    const ids: string[] = [];
    for (const Name of names) {
      const added = await rest('POST', '/Account', {
        Account: {
          Name,
          CurrencyCode: 'USD',
          ParentCustomerId: customerId,
          TimeZone: 'EasternTimeUSCanada',
        },
      });
      expect(added.status).toBe(200);
      ids.push(added.json['AccountId']);
    }
    // Ids above 2^53 that differ by 2: a client that goes through a JS number would merge them.
    expect(ids.every((id) => BigInt(id) > TWO_53)).toBe(true);
    expect(new Set(ids).size).toBe(4);

    const page = (Index: number) =>
      rest('POST', '/Accounts/Search', {
        Predicates: [
          { Field: 'AccountName', Operator: 'StartsWith', Value: 'Zeta ' },
          { Field: 'CustomerId', Operator: 'Equals', Value: customerId },
          { Field: 'AccountName', Operator: 'NotEquals', Value: 'Zeta Main' },
        ],
        Ordering: [{ Field: 'Name', Order: 'Descending' }],
        PageInfo: { Index, Size: 3 },
      });
    const first = await page(0);
    const second = await page(1);
    expect(first.json['Accounts'].map((a: { Name: string }) => a.Name)).toEqual([
      'Zeta D',
      'Zeta C',
      'Zeta B',
    ]);
    expect(second.json['Accounts'].map((a: { Name: string }) => a.Name)).toEqual(['Zeta A']);

    const got = await rest('POST', '/Account/Query', { AccountId: ids[0] });
    expect(got.json['Account']).toMatchObject({
      Id: ids[0],
      Name: 'Zeta B',
      ParentCustomerId: customerId,
    });
    const stale = got.json['Account'].TimeStamp as string;

    const updated = await rest('PUT', '/Account', {
      Account: { Id: ids[0], Name: 'Zeta B2', TimeStamp: stale, ParentCustomerId: customerId },
    });
    expect(updated.status).toBe(200);
    const conflict = await rest('PUT', '/Account', {
      Account: { Id: ids[0], Name: 'Zeta B3', TimeStamp: stale, ParentCustomerId: customerId },
    });
    expect(conflict.status).toBe(400);
    expect(conflict.json['Type']).toBe('ApiFault');
    expect(conflict.json['OperationErrors'][0].Code).toBe(209);

    const fresh = (await rest('POST', '/Account/Query', { AccountId: ids[0] })).json['Account'];
    expect(fresh.Name).toBe('Zeta B2');
    expect(
      (await rest('DELETE', '/Account', { AccountId: ids[0], TimeStamp: fresh.TimeStamp })).status,
    ).toBe(200);
    const gone = await rest('POST', '/Account/Query', { AccountId: ids[0] });
    expect(gone.status).toBe(400);
    expect(gone.json['OperationErrors'][0].Code).toBe(210);
    expect(server.stats.validationErrors).toEqual([]);
  });

  it('links clients, sends and searches invitations, and refuses another user’s customer with 106', async () => {
    const link = await rest('POST', '/ClientLinks', {
      ClientLinks: [
        {
          Type: 'AccountLink',
          ClientEntityId: creds.accountId,
          ManagingCustomerId: creds.customerId,
          Note: 'hello',
        },
      ],
    });
    expect(link.status).toBe(200);
    const found = await rest('POST', '/ClientLinks/Search', {
      Predicates: [{ Field: 'ManagingCustomerId', Operator: 'Equals', Value: creds.customerId }],
      PageInfo: { Index: 0, Size: 10 },
    });
    expect(found.json['ClientLinks']).toHaveLength(1);
    expect(found.json['ClientLinks'][0]).toMatchObject({ Status: 'LinkPending', Note: 'hello' });
    const accept = await rest('PUT', '/ClientLinks', {
      ClientLinks: [
        {
          ClientEntityId: creds.accountId,
          ManagingCustomerId: creds.customerId,
          Status: 'Active',
          Timestamp: found.json['ClientLinks'][0].Timestamp,
        },
      ],
    });
    expect(accept.status).toBe(200);

    const sent = await rest('POST', '/UserInvitation/Send', {
      UserInvitation: {
        FirstName: 'Lin',
        LastName: 'Q',
        Email: 'lin@example.com',
        CustomerId: creds.customerId,
        RoleId: 16,
        Lcid: 'EnglishUS',
        Id: '0',
        ExpirationDate: '2030-01-01T00:00:00Z',
      },
    });
    const invitationId = sent.json['UserInvitationId'];
    const invitations = await rest('POST', '/UserInvitations/Search', {
      Predicates: [{ Field: 'CustomerId', Operator: 'In', Value: `1,${creds.customerId}` }],
    });
    expect(invitations.json['UserInvitations'].map((i: { Id: string }) => i.Id)).toEqual([
      invitationId,
    ]);

    const denied = await rest('POST', '/Customer/Query', {
      CustomerId: server.state.ids.otherCustomerId,
    });
    expect(denied.status).toBe(403);
    expect(denied.json['Errors'][0].Code).toBe(106);
    expect(server.stats.validationErrors).toEqual([]);
  });
});

describe('Customer Management in memory, over SOAP', () => {
  let server: MockServer;
  let creds: ReturnType<typeof seededCreds>;
  const soap = (action: string, body: string) =>
    postSoap(server.origin, CM_SOAP_PATH, action, envelope(CM_NS, soapHeaders(creds), body));
  beforeAll(async () => {
    server = await startMockServer();
    creds = seededCreds(server);
  });
  afterAll(() => server.close());

  it('adds, gets (all fields in schema order), searches and deletes an account', async () => {
    const add = await soap(
      'AddAccount',
      `<AddAccountRequest xmlns="${CM_NS}" xmlns:e="${CM_ENTITIES}" xmlns:i="http://www.w3.org/2001/XMLSchema-instance"><Account i:type="e:AdvertiserAccount"><e:CurrencyCode>EUR</e:CurrencyCode><e:Name>Soap Account</e:Name><e:ParentCustomerId>${creds.customerId}</e:ParentCustomerId><e:TimeZone>AmsterdamBerlinBernRomeStockholmVienna</e:TimeZone></Account></AddAccountRequest>`,
    );
    expect(add.status).toBe(200);
    const id = xmlText(add.text, 'AccountId')!;
    expect(BigInt(id) > TWO_53).toBe(true);

    const get = await soap(
      'GetAccount',
      `<GetAccountRequest xmlns="${CM_NS}"><AccountId>${id}</AccountId></GetAccountRequest>`,
    );
    expect(get.status).toBe(200);
    expect(get.headers.get('content-type')).toContain('text/xml');
    expect(get.text).toMatch(
      /<s:Header><h:TrackingId xmlns:h="https:\/\/bingads.microsoft.com\/Customer\/v13">[0-9a-f-]{36}<\/h:TrackingId><\/s:Header>/,
    );
    expect(xmlText(get.text, 'Name')).toBe('Soap Account');
    expect(xmlText(get.text, 'CurrencyCode')).toBe('EUR');
    // BillToCustomerId < CurrencyCode < ... < Id < ... < Name: schema order, whatever order the value had.
    const order = [
      'CurrencyCode',
      'AccountFinancialStatus',
      'Id',
      'LastModifiedByUserId',
      'Name',
      'Number',
      'ParentCustomerId',
    ].map((n) => get.text.indexOf(`:${n}>`));
    expect(order.every((p, i) => p > 0 && (i === 0 || p > order[i - 1]!))).toBe(true);

    const search = await soap(
      'SearchAccounts',
      `<SearchAccountsRequest xmlns="${CM_NS}" xmlns:e="${CM_ENTITIES}"><Predicates><e:Predicate><e:Field>AccountId</e:Field><e:Operator>Equals</e:Operator><e:Value>${id}</e:Value></e:Predicate></Predicates><Ordering><e:OrderBy><e:Field>Id</e:Field><e:Order>Ascending</e:Order></e:OrderBy></Ordering><PageInfo><e:Index>0</e:Index><e:Size>10</e:Size></PageInfo></SearchAccountsRequest>`,
    );
    expect(xmlTexts(search.text, 'Id')).toContain(id);

    const ts = xmlText(get.text, 'TimeStamp')!;
    const del = await soap(
      'DeleteAccount',
      `<DeleteAccountRequest xmlns="${CM_NS}"><AccountId>${id}</AccountId><TimeStamp>${ts}</TimeStamp></DeleteAccountRequest>`,
    );
    expect(del.status).toBe(200);
    const gone = await soap(
      'GetAccount',
      `<GetAccountRequest xmlns="${CM_NS}"><AccountId>${id}</AccountId></GetAccountRequest>`,
    );
    expect(gone.status).toBe(500);
    // The WSDL declares CM's ApiFault detail element in the service namespace (its type and
    // children live in …/Exception and the adapi namespace).
    expect(gone.text).toContain(
      '<detail><ApiFault xmlns="https://bingads.microsoft.com/Customer/v13"',
    );
    expect(xmlText(gone.text, 'Code')).toBe('210');
    expect(server.stats.validationErrors).toEqual([]);
  });

  it('refuses a SOAP 1.2 content type and records it as a client error', async () => {
    const res = await fetch(server.origin + CM_SOAP_PATH, {
      method: 'POST',
      headers: { 'Content-Type': 'application/soap+xml; charset=utf-8', SOAPAction: 'GetUser' },
      body: envelope(CM_NS, soapHeaders(creds), `<GetUserRequest xmlns="${CM_NS}"/>`),
    });
    expect(res.status).toBe(500);
    expect(await res.text()).toContain('must be sent as text/xml');
    expect(server.stats.validationErrors.splice(0)).toHaveLength(1);
  });

  it('an account added over SOAP is read back over REST with the same 64-bit id', async () => {
    const add = await soap(
      'AddAccount',
      `<AddAccountRequest xmlns="${CM_NS}" xmlns:e="${CM_ENTITIES}"><Account><e:CurrencyCode>USD</e:CurrencyCode><e:Name>Both Ways</e:Name><e:ParentCustomerId>${creds.customerId}</e:ParentCustomerId></Account></AddAccountRequest>`,
    );
    const id = xmlText(add.text, 'AccountId')!;
    const viaRest = await callRest(
      server.origin,
      'POST',
      '/CustomerManagement/v13/Account/Query',
      { AccountId: id },
      creds,
    );
    expect(viaRest.json['Account']).toMatchObject({
      Id: id,
      Name: 'Both Ways',
      ParentCustomerId: creds.customerId,
    });
  });
});
