/**
 * The Customer Management scenario, written ONCE against the generated
 * client's public surface: it never looks at which protocol the client speaks. The e2e test
 * runs it over SOAP and over REST (each against a fresh mock with the same clock and seed)
 * and expects deep-equal transcripts once TrackingIds are normalized.
 *
 * Steps: who am I (GetUser) → sign up a customer under my customer (SignupCustomer) → add
 * four accounts → search them with predicates, ordering and two pages → read, update, and a
 * stale update (209) → delete, and a read of the deleted account (210) → search again.
 */
import { AdsApiError, getResponseMetadata } from '@adsgen/runtime';
import type {
  AdvertiserAccount,
  CustomerManagementClient,
  SearchAccountsRequest,
} from '../../generated/customer-management/dist/index.js';

/** One step of the transcript: the decoded value and what the client says about the call. */
export interface Step {
  step: string;
  value?: unknown;
  error?: ErrorSummary;
  trackingId?: string;
  attempts?: number;
}

/** The protocol-independent parts of a typed error (messages name the protocol and status). */
export interface ErrorSummary {
  name: string;
  faultType: string | undefined;
  errors: { code: number; errorCode: string; message: string }[];
  trackingId: string | undefined;
}

export const ACCOUNT_NAMES = ['Zeta B', 'Zeta D', 'Zeta A', 'Zeta C'] as const;

export async function customerManagementScenario(
  client: CustomerManagementClient,
): Promise<Step[]> {
  const steps: Step[] = [];
  /** Runs one call, records its value or typed error; a non-AdsApiError is a test failure. */
  async function record<T>(step: string, call: () => Promise<T>): Promise<T | undefined> {
    try {
      const value = await call();
      const meta = getResponseMetadata(value);
      steps.push({ step, value, trackingId: meta?.trackingId, attempts: meta?.attempts });
      return value;
    } catch (error) {
      if (!(error instanceof AdsApiError)) throw error;
      steps.push({ step, error: summarize(error) });
      return undefined;
    }
  }
  const must = <T>(v: T | undefined, what: string): T => {
    if (v === undefined)
      throw new Error(`scenario: ${what} failed: ${JSON.stringify(steps.at(-1))}`);
    return v;
  };

  const me = must(await record('GetUser', () => client.getUser({ UserId: null })), 'GetUser');
  const myCustomerId = must(me.User?.CustomerId ?? undefined, 'GetUser.User.CustomerId');

  const signup = must(
    await record('SignupCustomer', () =>
      client.signupCustomer({
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
        ParentCustomerId: myCustomerId,
      }),
    ),
    'SignupCustomer',
  );
  const customerId = must(signup.CustomerId, 'SignupCustomer.CustomerId');

  const accountIds: string[] = [];
  for (const Name of ACCOUNT_NAMES) {
    const account: AdvertiserAccount = {
      Name,
      CurrencyCode: 'USD',
      TimeZone: 'EasternTimeUSCanada',
      ParentCustomerId: customerId,
      Language: 'English',
    };
    const added = must(
      await record(`AddAccount ${Name}`, () => client.addAccount({ Account: account })),
      'AddAccount',
    );
    accountIds.push(must(added.AccountId, 'AddAccount.AccountId'));
  }

  const search = (Index: number): SearchAccountsRequest => ({
    Predicates: [
      { Field: 'AccountName', Operator: 'StartsWith', Value: 'Zeta ' },
      { Field: 'CustomerId', Operator: 'Equals', Value: customerId },
      { Field: 'AccountName', Operator: 'NotEquals', Value: 'Zeta Main' },
    ],
    Ordering: [{ Field: 'Name', Order: 'Descending' }],
    PageInfo: { Index, Size: 3 },
  });
  await record('SearchAccounts page 0', () => client.searchAccounts(search(0)));
  await record('SearchAccounts page 1', () => client.searchAccounts(search(1)));

  const first = accountIds[0]!;
  const read = must(
    await record('GetAccount', () => client.getAccount({ AccountId: first })),
    'GetAccount',
  );
  const stale = read.Account?.TimeStamp ?? null;
  await record('UpdateAccount', () =>
    client.updateAccount({
      Account: { Id: first, Name: 'Zeta B2', TimeStamp: stale, ParentCustomerId: customerId },
    }),
  );
  await record('UpdateAccount with a stale TimeStamp', () =>
    client.updateAccount({
      Account: { Id: first, Name: 'Zeta B3', TimeStamp: stale, ParentCustomerId: customerId },
    }),
  );
  const fresh = must(
    await record('GetAccount after update', () => client.getAccount({ AccountId: first })),
    'GetAccount after update',
  );
  await record('DeleteAccount', () =>
    client.deleteAccount({ AccountId: first, TimeStamp: fresh.Account?.TimeStamp ?? null }),
  );
  await record('GetAccount after delete', () => client.getAccount({ AccountId: first }));
  await record('SearchAccounts after delete', () =>
    client.searchAccounts({
      Predicates: [{ Field: 'CustomerId', Operator: 'Equals', Value: customerId }],
      Ordering: [{ Field: 'Id', Order: 'Ascending' }],
      PageInfo: { Index: 0, Size: 10 },
    }),
  );
  return steps;
}

function summarize(error: AdsApiError): ErrorSummary {
  return {
    name: error.name,
    faultType: error.faultType,
    errors: error.errors.map((e) => ({ code: e.code, errorCode: e.errorCode, message: e.message })),
    trackingId: error.trackingId,
  };
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The transcript with every TrackingId replaced by a marker, after checking it looks like one:
 * they are the only values that legitimately differ between two runs.
 */
export function normalizeTrackingIds(steps: Step[]): Step[] {
  return steps.map((s) => {
    const out: Step = { ...s };
    if (s.trackingId !== undefined)
      out.trackingId = GUID.test(s.trackingId) ? '<guid>' : s.trackingId;
    if (s.error) {
      const t = s.error.trackingId;
      out.error = { ...s.error, trackingId: t !== undefined && GUID.test(t) ? '<guid>' : t };
    }
    return out;
  });
}
