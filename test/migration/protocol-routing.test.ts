/**
 * Per-operation protocol: `{ default, soap: [...], rest: [...] }` sends each operation over
 * the protocol named for it, as the mock sees on the wire, and reports it in `$metadata`.
 */
import { getResponseMetadata } from '@adsgen/runtime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CustomerManagementClient } from '../../generated/customer-management/dist/index.js';
import { callsOf, mockOptions, startMock, type Mock } from './harness.ts';

describe('per-operation protocol', () => {
  let mock: Mock;
  beforeAll(async () => {
    mock = await startMock();
  });
  afterAll(() => mock.close());

  it('routes the listed operations to SOAP and the rest to the default', async () => {
    const client = new CustomerManagementClient(
      mockOptions(mock, { protocol: { default: 'rest', soap: ['GetAccount'] } }),
    );
    expect(client.protocol).toBe('rest');
    expect(client.protocolOf('GetAccount')).toBe('soap');
    expect(client.protocolOf('GetUser')).toBe('rest');
    const before = {
      account: callsOf(mock, 'customer-management', 'GetAccount'),
      user: callsOf(mock, 'customer-management', 'GetUser'),
    };
    const account = await client.getAccount({ AccountId: mock.state.ids.accountId });
    const user = await client.getUser({ UserId: null });
    expect(getResponseMetadata(account)?.protocol).toBe('soap');
    expect(getResponseMetadata(user)?.protocol).toBe('rest');
    expect(callsOf(mock, 'customer-management', 'GetAccount')).toEqual({
      soap: before.account.soap + 1,
      rest: before.account.rest,
    });
    expect(callsOf(mock, 'customer-management', 'GetUser')).toEqual({
      soap: before.user.soap,
      rest: before.user.rest + 1,
    });
    await client.close();
  });

  it('routes the other way round with a SOAP default', async () => {
    const client = new CustomerManagementClient(
      mockOptions(mock, { protocol: { default: 'soap', rest: ['GetUser'] } }),
    );
    const user = await client.getUser({ UserId: null });
    const account = await client.getAccount({ AccountId: mock.state.ids.accountId });
    expect([getResponseMetadata(user)?.protocol, getResponseMetadata(account)?.protocol]).toEqual([
      'rest',
      'soap',
    ]);
    await client.close();
  });

  it('rejects unknown operation names, contradictions and bad defaults at construction', () => {
    const make = (protocol: unknown) => () =>
      new CustomerManagementClient(mockOptions(mock, { protocol: protocol as 'rest' }));
    expect(make({ default: 'rest', soap: ['GetAcount'] })).toThrow(/GetAcount.*not an operation/);
    expect(make({ default: 'rest', soap: ['GetUser'], rest: ['GetUser'] })).toThrow(/both/);
    expect(make({ default: 'json' })).toThrow(TypeError);
    expect(make('xml')).toThrow(/'rest' or 'soap'/);
  });
});
