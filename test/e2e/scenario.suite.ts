/**
 * The Customer Management scenario over both protocols
 * with equal results, and int64 ids above 2^53 surviving both round trips exactly.
 */
import {
  MemoryTokenStore,
  OAuthTokenProvider,
  RequestValidationError,
  getResponseMetadata,
} from '@adsgen/runtime';
import { describe, expect, it } from 'vitest';
import { CustomerManagementClient } from '../../generated/customer-management/dist/index.js';
import type { MockServer } from '../../mock/src/server.ts';
import { customerManagementScenario, normalizeTrackingIds, type Step } from './cm-scenario.ts';
import type { E2eEnv } from './env.ts';
import { SANDBOX_DEVELOPER_TOKEN, sandboxOptions } from './harness.ts';

const TWO_53 = 2n ** 53n;
/** Both scenario mocks run on this clock, so timestamps in both transcripts are equal. */
const FIXED_NOW = Date.parse('2026-05-01T12:00:00.000Z');

/** A sandbox client that signs in through OAuth (refresh grant) against the mock's token endpoint. */
function oauthClient(server: MockServer, protocol: 'soap' | 'rest'): CustomerManagementClient {
  const auth = new OAuthTokenProvider({
    clientId: 'adsgen-e2e',
    environment: 'sandbox',
    tokenEndpoint: `${server.origin}/consumers/oauth2/v2.0/token`,
    store: new MemoryTokenStore({ refreshToken: server.oauth.issue().refresh_token }),
  });
  return new CustomerManagementClient({
    protocol,
    environment: 'sandbox',
    developerToken: SANDBOX_DEVELOPER_TOKEN,
    endpoint: server.origin,
    auth,
  });
}

function value(steps: Step[], name: string): Record<string, any> {
  const step = steps.find((s) => s.step === name);
  if (!step?.value) throw new Error(`no value for step ${name}: ${JSON.stringify(step)}`);
  return step.value as Record<string, any>;
}

export function scenarioSuite(env: E2eEnv): void {
  describe('Customer Management scenario, same code over SOAP and REST', () => {
    it('signs up, adds, pages, updates and deletes with deep-equal results', async () => {
      const transcripts: Record<'soap' | 'rest', Step[]> = { soap: [], rest: [] };
      for (const protocol of ['soap', 'rest'] as const) {
        const server = await env.start({ clock: () => FIXED_NOW });
        const client = oauthClient(server, protocol);
        try {
          transcripts[protocol] = await customerManagementScenario(client);
        } finally {
          await client.close();
        }
        // GetUser, SignupCustomer, AddAccount, SearchAccounts, GetAccount, UpdateAccount, DeleteAccount
        expect(server.stats.calls[protocol].size).toBe(7);
      }
      const { soap, rest } = transcripts;
      expect(normalizeTrackingIds(soap)).toEqual(normalizeTrackingIds(rest));

      // Equal is not enough: check the transcript says what the scenario did.
      expect(soap.map((s) => s.step)).toContain('SearchAccounts after delete');
      expect(soap.every((s) => (s.value !== undefined ? s.trackingId !== undefined : true))).toBe(
        true,
      );
      const customerId = value(soap, 'SignupCustomer')['CustomerId'] as string;
      expect(BigInt(customerId) > TWO_53).toBe(true);
      const names = (page: string) =>
        (value(soap, page)['Accounts'] as { Name: string }[]).map((a) => a.Name);
      expect(names('SearchAccounts page 0')).toEqual(['Zeta D', 'Zeta C', 'Zeta B']);
      expect(names('SearchAccounts page 1')).toEqual(['Zeta A']);
      expect(value(soap, 'GetAccount after update')['Account']).toMatchObject({
        Name: 'Zeta B2',
        ParentCustomerId: customerId,
        CurrencyCode: 'USD',
      });
      const stale = soap.find((s) => s.step === 'UpdateAccount with a stale TimeStamp')!;
      expect(stale.error).toMatchObject({ name: 'AdsApiError', faultType: 'ApiFault' });
      expect(stale.error!.errors.map((e) => [e.code, e.errorCode])).toEqual([
        [209, 'TimestampNotMatch'],
      ]);
      const gone = soap.find((s) => s.step === 'GetAccount after delete')!;
      expect(gone.error!.errors.map((e) => [e.code, e.errorCode])).toEqual([
        [210, 'EntityNotExistent'],
      ]);
      const left = (
        value(soap, 'SearchAccounts after delete')['Accounts'] as { Name: string }[]
      ).map((a) => a.Name);
      expect(left.sort()).toEqual(['Zeta A', 'Zeta C', 'Zeta D', 'Zeta Main']);
    }, 30_000);
  });

  describe('int64 ids above 2^53', () => {
    const ids = {
      BillToCustomerId: '9007199254740993', // 2^53 + 1
      PaymentMethodId: '9223372036854775807', // int64 max
      SalesHouseCustomerId: '18014398509481985', // 2^54 + 1
      BackUpPaymentInstrumentId: '9007199254740997',
      SoldToPaymentInstrumentId: '9007199254740999',
    };

    it('are written exactly and read back exactly over both protocols', async () => {
      const server = await env.server();
      const mine = server.state.ids.customerId;
      const clients = {
        soap: new CustomerManagementClient(sandboxOptions(server, 'soap')),
        rest: new CustomerManagementClient(sandboxOptions(server, 'rest')),
      };
      try {
        for (const writer of ['soap', 'rest'] as const) {
          const added = await clients[writer].addAccount({
            Account: {
              Name: `int64 via ${writer}`,
              CurrencyCode: 'USD',
              ParentCustomerId: mine,
              ...ids,
            },
          });
          const id = added.AccountId!;
          expect(BigInt(id) > TWO_53).toBe(true);
          // What the mock received and stored: the encoder wrote every digit.
          expect(server.state.store.accounts.get(id)).toMatchObject({
            ...ids,
            ParentCustomerId: mine,
          });
          for (const reader of ['soap', 'rest'] as const) {
            const got = await clients[reader].getAccount({ AccountId: id });
            expect(getResponseMetadata(got)?.protocol).toBe(reader);
            expect(got.Account).toMatchObject({ ...ids, Id: id, ParentCustomerId: mine });
            expect(typeof got.Account?.Id).toBe('string');
          }
        }
      } finally {
        await Promise.all([clients.soap.close(), clients.rest.close()]);
      }
    }, 20_000);

    it('refuses an int64 given as an unsafe JS number instead of sending a rounded id', async () => {
      const server = await env.server();
      for (const protocol of ['soap', 'rest'] as const) {
        const client = new CustomerManagementClient(sandboxOptions(server, protocol));
        try {
          const before = server.stats.validated;
          await expect(
            client.getAccount({ AccountId: 9007199254740993 as unknown as string }),
          ).rejects.toThrow(RequestValidationError);
          expect(server.stats.validated).toBe(before);
        } finally {
          await client.close();
        }
      }
    });
  });
}
