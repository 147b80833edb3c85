/**
 * `adsgen doctor`: the three credentials checked one at a time, in the order a call needs
 * them, each with a verdict a person can act on:
 *
 * 1. sign-in: the stored refresh token gets a fresh access token;
 * 2. developer token + user: GetUser (Customer Management);
 * 3. customers and accounts: SearchAccounts lists what the user can reach, and the
 *    --customer-id / --account-id given are checked against that list;
 * 4. a Campaign Management read on the account, with CustomerId and CustomerAccountId.
 *
 * A failed step skips the steps that need it. The clients are passed in (the runtime does not
 * depend on the generated packages); only the methods used are typed here.
 */
import type { CallOptions } from '../client.js';
import type { TokenProvider } from '../auth/token-provider.js';
import type { Environment } from '../environment.js';
import { diagnoseCall, diagnoseSignIn, type Diagnosis, type DiagnoseContext } from './diagnose.js';

/** @public */
export interface DoctorCustomerManagement {
  getUser(
    request: { UserId: string | null },
    options?: CallOptions,
  ): Promise<{
    User?: { Id?: string; UserName?: string | null } | null;
    CustomerRoles?: Array<{ CustomerId?: string }> | null;
  }>;
  searchAccounts(
    request: {
      Predicates: Array<{ Field: string; Operator: 'Equals'; Value: string }>;
      Ordering: null;
      PageInfo: { Index: number; Size: number };
    },
    options?: CallOptions,
  ): Promise<{
    Accounts?: Array<{
      Id?: string;
      Name?: string | null;
      Number?: string | null;
      ParentCustomerId?: string;
      AccountLifeCycleStatus?: string | null;
    }> | null;
  }>;
}

/** @public */
export interface DoctorCampaignManagement {
  getCampaignsByAccountId(
    request: { AccountId: string; CampaignType: Array<'Search'> },
    options?: CallOptions,
  ): Promise<{ Campaigns?: unknown[] | null }>;
}

/** @public */
export interface DoctorOptions {
  auth: TokenProvider;
  environment: Environment;
  developerToken: string;
  customerId?: string;
  accountId?: string;
  customerManagement: DoctorCustomerManagement;
  campaignManagement: DoctorCampaignManagement;
  /** For fix texts: how the user signs in again. */
  loginCommand: string;
}

/** @public */
export interface DoctorCheck {
  name: string;
  status: 'ok' | 'failed' | 'skipped';
  /** What was found (ok) or why it was skipped. */
  detail: string;
  diagnosis?: Diagnosis;
}

/** @public */
export interface ReachableAccount {
  id: string;
  name: string;
  number: string;
  customerId: string;
}

/** @public */
export interface DoctorReport {
  ok: boolean;
  checks: DoctorCheck[];
  accounts: ReachableAccount[];
}

const PAGE_SIZE = 1000;

/** @public */
export async function runDoctor(options: DoctorOptions): Promise<DoctorReport> {
  const ctx: DiagnoseContext = {
    environment: options.environment,
    developerToken: options.developerToken,
    loginCommand: options.loginCommand,
  };
  const checks: DoctorCheck[] = [];
  const accounts: ReachableAccount[] = [];
  const fail = (name: string, diagnosis: Diagnosis): void => {
    checks.push({ name, status: 'failed', detail: diagnosis.cause, diagnosis });
  };
  const skip = (name: string, because: string): void => {
    checks.push({ name, status: 'skipped', detail: because });
  };
  const report = (): DoctorReport => ({
    ok: checks.every((c) => c.status === 'ok'),
    checks,
    accounts,
  });

  // 1. A refresh proves the refresh token, the app registration and the identity platform.
  const SIGN_IN = 'sign-in (refresh token → access token)';
  try {
    options.auth.invalidate?.();
    await options.auth.getAccessToken();
    checks.push({ name: SIGN_IN, status: 'ok', detail: 'a fresh access token was issued' });
  } catch (error) {
    fail(SIGN_IN, diagnoseSignIn(error, ctx));
    for (const name of [USER, ACCOUNTS, CAMPAIGN]) skip(name, 'needs a working sign-in');
    return report();
  }

  // 2. GetUser needs the developer token and the access token, no customer or account.
  let userId: string;
  let roleCustomers: string[];
  try {
    const { User, CustomerRoles } = await options.customerManagement.getUser({ UserId: null });
    userId = User?.Id ?? '';
    roleCustomers = (CustomerRoles ?? []).map((r) => r.CustomerId ?? '').filter(Boolean);
    checks.push({
      name: USER,
      status: 'ok',
      detail: `user ${User?.UserName ?? '(no name)'} (id ${userId}) in ${options.environment}`,
    });
  } catch (error) {
    fail(USER, diagnoseCall(error, 'get-user', ctx));
    for (const name of [ACCOUNTS, CAMPAIGN]) skip(name, 'needs the developer token and user');
    return report();
  }

  // 3. What the user can reach, and whether the ids given are among it.
  try {
    const page = await options.customerManagement.searchAccounts({
      Predicates: [{ Field: 'UserId', Operator: 'Equals', Value: userId }],
      Ordering: null,
      PageInfo: { Index: 0, Size: PAGE_SIZE },
    });
    for (const a of page.Accounts ?? [])
      accounts.push({
        id: a.Id ?? '',
        name: a.Name ?? '',
        number: a.Number ?? '',
        customerId: a.ParentCustomerId ?? '',
      });
  } catch (error) {
    fail(ACCOUNTS, diagnoseCall(error, 'search-accounts', ctx));
    skip(CAMPAIGN, 'needs the list of accounts');
    return report();
  }
  const problem = checkIds(options, accounts, roleCustomers);
  if (problem !== undefined) fail(ACCOUNTS, problem);
  else
    checks.push({
      name: ACCOUNTS,
      status: 'ok',
      detail: `${accounts.length} account(s) reachable${options.accountId === undefined ? '' : `; account ${options.accountId} belongs to customer ${accountOf(accounts, options.accountId)?.customerId}`}`,
    });

  // 4. A read with both headers: the ids given, or the first reachable account.
  const target =
    options.accountId !== undefined
      ? {
          accountId: options.accountId,
          customerId: options.customerId ?? accountOf(accounts, options.accountId)?.customerId,
        }
      : accounts[0] !== undefined
        ? {
            accountId: accounts[0].id,
            customerId: options.customerId ?? accounts[0].customerId,
          }
        : undefined;
  if (target === undefined) {
    skip(CAMPAIGN, 'no account to read (the user reaches none: create one in the web UI)');
    return report();
  }
  try {
    const result = await options.campaignManagement.getCampaignsByAccountId(
      { AccountId: target.accountId, CampaignType: ['Search'] },
      {
        accountId: target.accountId,
        ...(target.customerId === undefined ? {} : { customerId: target.customerId }),
      },
    );
    checks.push({
      name: CAMPAIGN,
      status: 'ok',
      detail: `GetCampaignsByAccountId on account ${target.accountId} (customer ${target.customerId ?? 'not sent'}): ${result.Campaigns?.length ?? 0} Search campaign(s)`,
    });
  } catch (error) {
    fail(CAMPAIGN, diagnoseCall(error, 'campaign-read', ctx));
  }
  return report();
}

const USER = 'developer token and user (GetUser)';
const ACCOUNTS = 'customers and accounts (SearchAccounts)';
const CAMPAIGN = 'Campaign Management read on the account';

function accountOf(accounts: ReachableAccount[], id: string): ReachableAccount | undefined {
  return accounts.find((a) => a.id === id);
}

/** The --customer-id / --account-id given, against what the user can reach. */
function checkIds(
  options: DoctorOptions,
  accounts: ReachableAccount[],
  roleCustomers: string[],
): Diagnosis | undefined {
  const reachableCustomers = new Set([...roleCustomers, ...accounts.map((a) => a.customerId)]);
  const list = describeCustomers(reachableCustomers);
  if (options.customerId !== undefined && !reachableCustomers.has(options.customerId))
    return {
      credential: 'customer-id',
      code: 'customer-not-accessible',
      cause: `the user cannot reach customer ${options.customerId} (calls with it fail with 106)`,
      fix: `use one of the customers the user reaches: ${list}`,
    };
  if (options.accountId === undefined) return undefined;
  const account = accountOf(accounts, options.accountId);
  if (account === undefined)
    return {
      credential: 'account-id',
      code: 'account-not-accessible',
      cause: `account ${options.accountId} is not among the ${accounts.length} account(s) the user can reach (calls with it fail with 106)`,
      fix: 'use an account id from the list below (Id, not the account Number)',
    };
  if (options.customerId !== undefined && account.customerId !== options.customerId)
    return {
      credential: 'account-id',
      code: 'account-of-another-customer',
      cause: `account ${options.accountId} belongs to customer ${account.customerId}, not to customer ${options.customerId}`,
      fix: `send --customer-id ${account.customerId} with this account, or pick an account of customer ${options.customerId}`,
    };
  return undefined;
}

function describeCustomers(ids: Set<string>): string {
  return ids.size === 0 ? '(none)' : [...ids].join(', ');
}
