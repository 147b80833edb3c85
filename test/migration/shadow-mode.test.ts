/**
 * Shadow mode against the mock: reads are repeated on the other protocol and compared;
 * a value changed in one protocol's answer is reported with its path and both values, equal
 * answers report nothing, and writes are sent exactly once.
 */
import type { ShadowDifference } from '@adsgen/runtime';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CustomerManagementClient } from '../../generated/customer-management/dist/index.js';
import { callsOf, mockOptions, startMock, type Mock } from './harness.ts';

describe('shadow mode', () => {
  let mock: Mock;
  beforeAll(async () => {
    mock = await startMock();
  });
  afterEach(() => mock.faults.clear());
  afterAll(() => mock.close());

  const shadowClient = (found: ShadowDifference[], primary: 'rest' | 'soap' = 'rest') =>
    new CustomerManagementClient(
      mockOptions(mock, {
        protocol: primary,
        shadow: { compare: 'reads', onDifference: (d) => found.push(d) },
      }),
    );

  it('repeats a read on the other protocol and finds no difference in equal answers', async () => {
    const found: ShadowDifference[] = [];
    const client = shadowClient(found);
    const before = callsOf(mock, 'customer-management', 'GetUser');
    const { User } = await client.getUser({ UserId: null });
    await client.getAccount({ AccountId: mock.state.ids.accountId });
    await client.close(); // waits for the shadow comparisons
    expect(User?.UserName).toBe('ada@example.com');
    expect(callsOf(mock, 'customer-management', 'GetUser')).toEqual({
      soap: before.soap + 1,
      rest: before.rest + 1,
    });
    expect(found).toEqual([]);
  });

  it('reports a value changed in one protocol with operation, path and both values', async () => {
    const found: ShadowDifference[] = [];
    const client = shadowClient(found, 'soap');
    mock.faults.inject(
      'GetUser',
      { kind: 'alter', path: 'User.JobTitle', value: 'Changed over REST' },
      { protocol: 'rest' },
    );
    const { User } = await client.getUser({ UserId: null });
    await client.shadowsSettled();
    expect(User?.JobTitle).toBe('Advertiser'); // the caller gets the primary (SOAP) answer
    expect(found).toEqual([
      expect.objectContaining({
        service: 'customer-management',
        operation: 'GetUser',
        primary: 'soap',
        shadow: 'rest',
        path: 'User.JobTitle',
        primaryValue: 'Advertiser',
        shadowValue: 'Changed over REST',
        kind: 'value',
      }),
    ]);
    await client.close();
  });

  it('compares Customer Management bodies written over REST: key/value lists, addresses, lists of objects', async () => {
    const writer = new CustomerManagementClient(mockOptions(mock, { protocol: 'rest' }));
    const { AccountId } = await writer.addAccount({
      Account: {
        Name: 'Written over REST',
        CurrencyCode: 'USD',
        ParentCustomerId: mock.state.ids.customerId,
        TaxInformation: [{ key: 'VAT', value: 'VAT-1' }],
        BusinessAddress: { Line1: '1 Main St', City: 'Redmond', CountryCode: 'US' },
        LinkedAgencies: [{ Id: mock.state.ids.customerId, Name: 'Agency' }],
      },
    });
    await writer.close();
    const found: ShadowDifference[] = [];
    const client = shadowClient(found, 'soap');
    await client.getAccount({ AccountId: AccountId! });
    await client.shadowsSettled();
    expect(found).toEqual([]);
    mock.faults.inject(
      'GetAccount',
      { kind: 'alter', path: 'Account.TaxInformation.0.value', value: 'VAT-2' },
      { protocol: 'rest' },
    );
    await client.getAccount({ AccountId: AccountId! });
    await client.close();
    expect(found).toEqual([
      expect.objectContaining({
        operation: 'GetAccount',
        path: 'Account.TaxInformation[0].Value',
        primaryValue: 'VAT-1',
        shadowValue: 'VAT-2',
      }),
    ]);
  });

  it('reports a shadow call that fails while the primary succeeded', async () => {
    const found: ShadowDifference[] = [];
    const client = shadowClient(found);
    mock.faults.inject('GetUser', '106', { protocol: 'soap' });
    await client.getUser({ UserId: null });
    await client.close();
    expect(found).toEqual([
      expect.objectContaining({
        path: '',
        kind: 'error',
        shadowValue: expect.stringMatching(/106/),
      }),
    ]);
  });

  it('never shadows a write: each is sent once, on the primary protocol', async () => {
    const found: ShadowDifference[] = [];
    const client = new CustomerManagementClient(
      mockOptions(mock, {
        protocol: 'rest',
        shadow: { compare: 'all-safe', onDifference: (d) => found.push(d) },
      }),
    );
    const before = callsOf(mock, 'customer-management', 'AddAccount');
    await client.addAccount({
      Account: {
        Name: 'Shadowed write',
        CurrencyCode: 'USD',
        ParentCustomerId: mock.state.ids.customerId,
      },
    });
    await client.close();
    expect(callsOf(mock, 'customer-management', 'AddAccount')).toEqual({
      soap: before.soap,
      rest: before.rest + 1,
    });
    expect(found).toEqual([]);
  });
});
