import { describe, expect, it } from 'vitest';
import type { CallOptions } from '../../../runtime/src/client.ts';
import { ServiceClient } from '../../../runtime/src/client.ts';
import type { ServiceDescriptor } from '../../../runtime/src/descriptors.ts';
import { installOperations } from '../../../runtime/src/operations.ts';

function descriptor(operations: ServiceDescriptor['operations']): ServiceDescriptor {
  return {
    id: 'tiny',
    name: 'TinyService',
    soap: { path: '/tiny.svc', namespace: 'urn:tiny' },
    rest: { basePath: '/Tiny/v13' },
    operations,
    types: {},
  };
}

/** Records what each installed method hands to `call`, instead of putting it on the wire. */
abstract class Recording extends ServiceClient {
  readonly calls: unknown[][] = [];
  protected override call<Req, Res>(operation: string, request: Req, options?: CallOptions) {
    this.calls.push([operation, request, options]);
    return Promise.resolve({ operation } as Res);
  }
}

describe('installOperations', () => {
  const d = descriptor({
    GetUser: { name: 'GetUser', method: 'getUser', request: 'GetUserRequest' },
    GetBSCCountries: { name: 'GetBSCCountries', method: 'getBSCCountries', request: 'Empty' },
    ListThings: { name: 'ListThings', method: 'listThings' },
  });
  class Client extends Recording {
    static {
      installOperations(this, d);
    }
  }
  const make = () =>
    new Client(d, {
      developerToken: 'dev',
      endpoint: 'http://127.0.0.1:9', // never reached: `call` is recorded
      auth: { getAccessToken: async () => 'token' },
    }) as Client & Record<string, (...args: unknown[]) => Promise<unknown>>;

  it('defines one method per operation that hands the call to ServiceClient.call', async () => {
    const client = make();
    const signal = new AbortController().signal;
    await client.getUser!({ UserId: '1' }, { customerId: '7', signal });
    await client.getBSCCountries!();
    await client.listThings!({ accountId: '9' });
    expect(client.calls).toEqual([
      ['GetUser', { UserId: '1' }, { customerId: '7', signal }],
      // A request the caller may leave out is sent as an empty object.
      ['GetBSCCountries', {}, undefined],
      // No request type: the first argument is the call options.
      ['ListThings', {}, { accountId: '9' }],
    ]);
    await client.close();
  });

  it('makes methods as a class body would: named, non-enumerable, on the prototype', async () => {
    const client = make();
    const own = Object.getOwnPropertyDescriptor(Client.prototype, 'getUser');
    expect(own).toMatchObject({ enumerable: false, writable: true, configurable: true });
    expect(client.getUser!.name).toBe('getUser');
    expect(Object.keys(client)).not.toContain('getUser');
    expect(JSON.stringify(Object.keys(Object.getPrototypeOf(client)))).toBe('[]');
    // Methods, not constructors.
    expect(() => new (client.getUser as unknown as new () => unknown)()).toThrow(TypeError);
    await client.close();
  });

  it('refuses a name the client already has, and an operation without a method name', () => {
    class A extends Recording {}
    expect(() =>
      installOperations(A, descriptor({ Close: { name: 'Close', method: 'close' } })),
    ).toThrow("installOperations: tiny operation Close would redefine 'close'");
    class B extends Recording {}
    expect(() => installOperations(B, descriptor({ GetUser: { name: 'GetUser' } }))).toThrow(
      'installOperations: operation GetUser of tiny has no method',
    );
  });
});
