import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PaginateOptions, RequestHookEvent } from '@adsgen/runtime';
import {
  CampaignManagementClient,
  type Label,
} from '../../generated/campaign-management/dist/index.js';
import {
  CustomerManagementClient,
  type AdvertiserAccount,
  type SearchAccountsRequest,
} from '../../generated/customer-management/dist/index.js';
import { startMockServer, type MockServer } from '../../mock/src/server.ts';
import { sandboxOptions } from './harness.ts';

/**
 * `client.paginate.*` of the generated packages against the mock, over both protocols: every
 * item across pages, one request per page, stopping after the short last page; typed by the
 * response's list.
 */
let server: MockServer;
let customerId: string;
const names = ['Pager A', 'Pager B', 'Pager C', 'Pager D', 'Pager E'];
beforeAll(async () => {
  server = await startMockServer();
  const { store, ids } = server.state;
  customerId = String(store.users.get(ids.userId)!.user['CustomerId']);
  for (const Name of names) store.addAccount({ Name, CurrencyCode: 'USD' }, customerId, ids.userId);
});
afterAll(async () => {
  await server.close();
});

function pagerSearch(): Omit<SearchAccountsRequest, 'PageInfo'> {
  return {
    Predicates: [
      { Field: 'AccountName', Operator: 'StartsWith', Value: 'Pager ' },
      { Field: 'CustomerId', Operator: 'Equals', Value: customerId },
    ],
    Ordering: [{ Field: 'Name', Order: 'Ascending' }],
  };
}

describe.each(['rest', 'soap'] as const)('%s: client.paginate', (protocol) => {
  it('searchAccounts yields every account across 3 pages, one request per page', async () => {
    const requests: RequestHookEvent[] = [];
    const client = new CustomerManagementClient(
      sandboxOptions(server, protocol, { hooks: { onRequest: (e) => requests.push(e) } }),
    );
    try {
      const seen: string[] = [];
      for await (const account of client.paginate.searchAccounts(pagerSearch(), { pageSize: 2 })) {
        const typed: AdvertiserAccount = account;
        seen.push(typed.Name ?? '');
      }
      expect(seen).toEqual(names);
      expect(requests.map((r) => r.operation)).toEqual([
        'SearchAccounts',
        'SearchAccounts',
        'SearchAccounts',
      ]);
      // An exact multiple ends with an empty page: 5 items in pages of 5 → 2 requests.
      requests.length = 0;
      const all: AdvertiserAccount[] = [];
      for await (const a of client.paginate.searchAccounts(pagerSearch(), { pageSize: 5 }))
        all.push(a);
      expect(all.map((a) => a.Name)).toEqual(names);
      expect(requests).toHaveLength(2);
    } finally {
      await client.close();
    }
  });

  it('stops asking when the consumer breaks', async () => {
    const requests: RequestHookEvent[] = [];
    const client = new CustomerManagementClient(
      sandboxOptions(server, protocol, { hooks: { onRequest: (e) => requests.push(e) } }),
    );
    try {
      for await (const account of client.paginate.searchAccounts(pagerSearch(), { pageSize: 2 })) {
        expect(account.Name).toBe('Pager A');
        break;
      }
      expect(requests).toHaveLength(1);
    } finally {
      await client.close();
    }
  });

  it('getLabelsByIds pages Campaign Management labels', async () => {
    const client = new CampaignManagementClient(sandboxOptions(server, protocol));
    try {
      const wanted = ['L1', 'L2', 'L3', 'L4', 'L5', 'L6', 'L7'].map((n) => `${protocol} ${n}`);
      await client.addLabels({ Labels: wanted.map((Name) => ({ Name, ColorCode: '#112233' })) });
      const found: Label[] = [];
      for await (const label of client.paginate.getLabelsByIds({ LabelIds: null }, { pageSize: 3 }))
        found.push(label);
      expect(found.map((l) => l.Name).filter((n) => n?.startsWith(protocol))).toEqual(wanted);
    } finally {
      await client.close();
    }
  });
});

describe('paginate, typed', () => {
  it('takes the request without PageInfo and yields the response’s items', async () => {
    const client = new CustomerManagementClient(sandboxOptions(server, 'rest'));
    try {
      const options: PaginateOptions = { pageSize: 2, customerId };
      const iterator = client.paginate.searchAccounts(pagerSearch(), options);
      const first = await iterator.next();
      if (!first.done) {
        // @ts-expect-error: the items are AdvertiserAccounts, not the response
        expect(first.value.Accounts).toBeUndefined();
        expect(first.value.Name).toBe('Pager A');
      }
      await iterator.return?.(undefined);
      const withPageInfo = { ...pagerSearch(), PageInfo: { Index: 0, Size: 1 } };
      const wrong = () =>
        client.paginate.searchAccounts({
          ...pagerSearch(),
          // @ts-expect-error: PageInfo is paginate's to set
          PageInfo: withPageInfo.PageInfo,
        });
      await expect(wrong().next()).rejects.toThrow('must not carry PageInfo');
      // @ts-expect-error: GetUser does not page
      expect(client.paginate.getUser).toBeUndefined();
    } finally {
      await client.close();
    }
  });
});
