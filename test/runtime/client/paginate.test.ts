import { afterEach, describe, expect, it } from 'vitest';
import type { ServiceDescriptor } from '../../../runtime/src/descriptors.ts';
import { installOperations } from '../../../runtime/src/operations.ts';
import type { PaginateOptions } from '../../../runtime/src/paginate.ts';
import { AdsApiError } from '../../../runtime/src/errors.ts';
import {
  DEVELOPER_TOKEN,
  adApiFaultJson,
  sendJson,
  startServer,
  type TestServer,
} from './fixtures.ts';
import { realDescriptor } from './real-codecs-descriptor.ts';
import { fakeTokens, TestClient } from './test-client.ts';
import { ServiceClient } from '../../../runtime/src/client.ts';

/**
 * `client.paginate` over a loopback service with the real codecs: the requests it makes
 * (PageInfo 0, 1, 2, … of pageSize) and where it stops.
 */
const NS = realDescriptor.soap.namespace;
const descriptor: ServiceDescriptor = {
  ...realDescriptor,
  operations: {
    SearchUsers: {
      name: 'SearchUsers',
      method: 'searchUsers',
      kind: 'read',
      request: 'SearchUsersRequest',
      response: 'SearchUsersResponse',
      paging: { pageInfo: 'PageInfo', items: 'Users' },
      rest: { method: 'POST', path: '/CustomerManagement/v13/Users/Search', faults: [] },
    },
  },
  types: {
    ...realDescriptor.types,
    SearchUsersRequest: object('SearchUsersRequest', [
      field('Prefix', { primitive: 'string' }),
      field('PageInfo', { type: 'Paging' }),
    ]),
    Paging: object('Paging', [
      field('Index', { primitive: 'int32' }),
      field('Size', { primitive: 'int32' }),
    ]),
    SearchUsersResponse: object('SearchUsersResponse', [
      field('Users', { array: { type: 'User' }, itemName: 'User', itemNamespace: NS }),
    ]),
  },
};

function field(
  name: string,
  value: ServiceDescriptor['types'][string] extends never ? never : object,
) {
  return { name, namespace: NS, value, nullable: true, optional: true, protocols: 'both' } as never;
}
function object(name: string, fields: never[]) {
  return {
    kind: 'object',
    name,
    namespace: NS,
    fields,
    abstract: false,
    protocols: 'both',
  } as const;
}

interface User {
  Id?: string;
}
class PagingClient extends ServiceClient {
  static {
    installOperations(this, descriptor);
  }
  declare readonly paginate: {
    searchUsers(
      request: { Prefix?: string },
      options?: PaginateOptions,
    ): AsyncIterableIterator<User>;
  };
}

let server: TestServer | undefined;
let client: PagingClient | undefined;
afterEach(async () => {
  await client?.close();
  await server?.close();
});

/** A service holding `total` users, paging as Microsoft's does (or as told by `pageOf`). */
async function serve(total: number, pageOf?: (index: number, size: number) => number[] | 'fault') {
  server = await startServer((req, res) => {
    const { PageInfo } = JSON.parse(req.body) as { PageInfo: { Index: number; Size: number } };
    const ids =
      pageOf?.(PageInfo.Index, PageInfo.Size) ??
      Array.from({ length: total }, (_, i) => i + 1).slice(
        PageInfo.Index * PageInfo.Size,
        (PageInfo.Index + 1) * PageInfo.Size,
      );
    if (ids === 'fault') {
      sendJson(res, 400, adApiFaultJson('trk-p', 1001, 'InvalidPageInfo', 'Bad page.'));
      return;
    }
    sendJson(res, 200, { Users: ids.map((id) => ({ Id: String(id) })) });
  });
  client = new PagingClient(descriptor, {
    developerToken: DEVELOPER_TOKEN,
    auth: fakeTokens(),
    endpoint: server.url,
    retry: false,
  });
  return client;
}

const pages = () =>
  server!.requests.map((r) => (JSON.parse(r.body) as { PageInfo: unknown }).PageInfo);

async function collect(it: AsyncIterable<User>): Promise<string[]> {
  const out: string[] = [];
  for await (const u of it) out.push(u.Id ?? '');
  return out;
}

describe('client.paginate', () => {
  it('asks page after page with the same request and stops after the short one', async () => {
    const c = await serve(7);
    expect(await collect(c.paginate.searchUsers({ Prefix: 'a' }, { pageSize: 3 }))).toEqual([
      '1',
      '2',
      '3',
      '4',
      '5',
      '6',
      '7',
    ]);
    expect(pages()).toEqual([
      { Index: 0, Size: 3 },
      { Index: 1, Size: 3 },
      { Index: 2, Size: 3 },
    ]);
    expect(server!.requests.every((r) => JSON.parse(r.body).Prefix === 'a')).toBe(true);
  });

  it('an exact multiple ends with an empty page; no items, one request', async () => {
    const c = await serve(4);
    expect(await collect(c.paginate.searchUsers({}, { pageSize: 2 }))).toHaveLength(4);
    expect(pages()).toHaveLength(3);
    server!.requests.length = 0;
    expect(await collect(c.paginate.searchUsers({}, { pageSize: 10 }))).toHaveLength(4);
    expect(pages()).toEqual([{ Index: 0, Size: 10 }]);
  });

  it('defaults to pages of 100', async () => {
    const c = await serve(0);
    expect(await collect(c.paginate.searchUsers({}))).toEqual([]);
    expect(pages()).toEqual([{ Index: 0, Size: 100 }]);
  });

  it('a service that ignores paging: its one long page, then nothing more is asked', async () => {
    const c = await serve(0, () => [1, 2, 3, 4, 5]);
    expect(await collect(c.paginate.searchUsers({}, { pageSize: 2 }))).toHaveLength(5);
    expect(pages()).toHaveLength(1);
  });

  it('asks for nothing before the loop reads, and no more after a break', async () => {
    const c = await serve(10);
    const iterator = c.paginate.searchUsers({}, { pageSize: 2 });
    expect(server!.requests).toHaveLength(0);
    for await (const u of iterator) {
      expect(u.Id).toBe('1');
      break;
    }
    expect(pages()).toHaveLength(1);
  });

  it('refuses a bad pageSize and a request carrying PageInfo, sending nothing', async () => {
    const c = await serve(3);
    for (const bad of [0, -1, 1.5, Number.NaN]) {
      await expect(collect(c.paginate.searchUsers({}, { pageSize: bad }))).rejects.toThrow(
        'paginate.SearchUsers: pageSize must be a whole number ≥ 1',
      );
    }
    await expect(
      collect(c.paginate.searchUsers({ PageInfo: { Index: 3, Size: 1 } } as { Prefix?: string })),
    ).rejects.toThrow('must not carry PageInfo');
    expect(server!.requests).toHaveLength(0);
  });

  it('a failing page rejects the iteration after the items before it', async () => {
    const c = await serve(0, (index) => {
      return index === 1 ? 'fault' : [1, 2];
    });
    server!.requests.length = 0;
    const seen: string[] = [];
    const error = await (async () => {
      for await (const u of c.paginate.searchUsers({}, { pageSize: 2 })) seen.push(u.Id!);
    })().catch((e: unknown) => e);
    expect(seen).toEqual(['1', '2']);
    expect(error).toBeInstanceOf(AdsApiError);
    expect(pages()).toHaveLength(2);
  });

  it('only a client whose descriptor pages has paginate', () => {
    expect(Object.getOwnPropertyDescriptor(PagingClient.prototype, 'paginate')?.get).toBeTypeOf(
      'function',
    );
    expect('paginate' in TestClient.prototype).toBe(false);
  });
});
