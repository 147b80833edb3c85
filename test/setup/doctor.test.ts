/**
 * `adsgen doctor` against the mock, one injected credential fault at a time: each must be
 * named (which credential, which code), come with a fix, and end with exit code 1; all
 * credentials right → exit 0 and the reachable accounts listed. The CLI runs as a child
 * process; no secret may appear in its output.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileTokenStore } from '@adsgen/runtime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockServer, type MockServer } from '../../mock/src/server.ts';
import { runCli } from './cli-process.ts';

const CLIENT_ID = '00001111-aaaa-2222-bbbb-3333cccc4444';
const dir = mkdtempSync(join(tmpdir(), 'adsgen-doctor-'));
let sandbox: MockServer;
let production: MockServer;
let n = 0;

beforeAll(async () => {
  [sandbox, production] = await Promise.all([
    startMockServer(),
    startMockServer({ environment: 'production' }),
  ]);
});
afterAll(async () => {
  await Promise.all([sandbox?.close(), production?.close()]);
  rmSync(dir, { recursive: true, force: true });
});

/** A token file as `adsgen auth login` leaves it, signed in at `identity`. */
async function signedIn(identity: MockServer): Promise<{ store: string; refreshToken: string }> {
  const issued = identity.oauth.issue();
  const store = join(dir, `tokens-${++n}.json`);
  await new FileTokenStore(store).save({
    accessToken: issued.access_token,
    refreshToken: issued.refresh_token,
    expiresAt: Date.now() + issued.expires_in * 1000,
  });
  return { store, refreshToken: issued.refresh_token };
}

async function doctor(
  store: string,
  options: { service?: MockServer; identity?: MockServer; environment?: string },
  ...extra: string[]
) {
  const service = options.service ?? sandbox;
  const identity = options.identity ?? service;
  const result = await runCli([
    'doctor',
    '--client-id',
    CLIENT_ID,
    '--environment',
    options.environment ?? service.state.environment,
    '--store',
    store,
    '--endpoint',
    service.origin,
    '--oauth-endpoint',
    identity.origin,
    ...extra,
  ]);
  return { ...result, text: result.stdout + result.stderr };
}

describe('adsgen doctor', () => {
  it('all credentials right: every check ok, the accounts listed, exit 0', async () => {
    const { store, refreshToken } = await signedIn(sandbox);
    const { ids } = sandbox.state;
    const r = await doctor(
      store,
      {},
      '--customer-id',
      ids.customerId,
      '--account-id',
      ids.accountId,
    );
    expect(r.code, r.text).toBe(0);
    expect(r.stdout).toMatch(/ok {6}sign-in/);
    expect(r.stdout).toMatch(/ok {6}developer token and user \(GetUser\): user ada@example.com/);
    expect(r.stdout).toMatch(/ok {6}customers and accounts/);
    expect(r.stdout).toMatch(/ok {6}Campaign Management read on the account/);
    expect(r.stdout).toContain(`account ${ids.accountId}`);
    expect(r.stdout).toContain(`customer ${ids.customerId}  Ada Account`);
    expect(r.stdout).toContain('All credentials work.');
    expect(r.text).not.toContain(refreshToken);
  });

  it('wrong developer token → developer-token (105), exit 1', async () => {
    const { store } = await signedIn(production);
    const r = await doctor(store, { service: production }, '--developer-token', 'NOT-APPROVED-1');
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(
      /FAILED {2}developer token and user \(GetUser\): the developer token is not valid in production/,
    );
    expect(r.stdout).toContain('wrong: developer-token (105)');
    expect(r.stdout).toContain('fix: copy the token from the Developer Portal');
    expect(r.stdout).toMatch(/skipped customers and accounts/);
    expect(r.text).not.toContain('NOT-APPROVED-1');
  });

  it("the sandbox's universal developer token against production → developer-token (105)", async () => {
    const { store } = await signedIn(production);
    const r = await doctor(store, { service: production }, '--developer-token', 'BBD37VB98');
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(
      "is the sandbox's universal developer token; it is not valid in production",
    );
    expect(r.stdout).toContain('wrong: developer-token (105)');
  });

  it('signed in at the production identity platform, calling sandbox → environment (105), exit 1', async () => {
    const { store } = await signedIn(production);
    const r = await doctor(store, {
      service: sandbox,
      identity: production,
      environment: 'sandbox',
    });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/ok {6}sign-in/);
    expect(r.stdout).toContain('it was probably issued by the production identity platform');
    expect(r.stdout).toContain('wrong: environment (105)');
    expect(r.stdout).toContain('fix: run adsgen auth login --environment sandbox');
  });

  it('revoked refresh token → refresh-token (invalid_grant AADSTS70000), later checks skipped, exit 1', async () => {
    const { store, refreshToken } = await signedIn(sandbox);
    sandbox.oauth.revoke(refreshToken);
    const r = await doctor(store, {});
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/FAILED {2}sign-in \(refresh token → access token\)/);
    expect(r.stdout).toContain('wrong: refresh-token (AADSTS70000)');
    expect(r.stdout).toContain('fix: run adsgen auth login --environment sandbox');
    expect(r.stdout.match(/skipped/g)).toHaveLength(3);
    expect(r.text).not.toContain(refreshToken);
  });

  it('an expired sign-in (a refresh token already rotated away) → refresh-token, exit 1', async () => {
    const { store, refreshToken } = await signedIn(sandbox);
    // Another machine refreshed with the same token: this copy is stale.
    await fetch(`${sandbox.origin}/common/oauth2/v2.0/token`, {
      method: 'POST',
      body: new URLSearchParams({
        grant_type: 'refresh_token',
        refresh_token: refreshToken,
        client_id: CLIENT_ID,
      }),
    });
    const r = await doctor(store, {});
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('wrong: refresh-token (AADSTS70000)');
  });

  it('no sign-in yet → refresh-token (no-refresh-token), exit 1', async () => {
    const r = await doctor(join(dir, 'never-signed-in.json'), {});
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('wrong: refresh-token (no-refresh-token)');
    expect(r.stdout).toContain('no refresh token is stored');
  });

  it('customer id the user cannot reach → customer-id, the reachable ones named, exit 1', async () => {
    const { store } = await signedIn(sandbox);
    const { ids } = sandbox.state;
    const r = await doctor(store, {}, '--customer-id', ids.otherCustomerId);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`the user cannot reach customer ${ids.otherCustomerId}`);
    expect(r.stdout).toContain('wrong: customer-id (customer-not-accessible)');
    expect(r.stdout).toContain(`fix: use one of the customers the user reaches: ${ids.customerId}`);
    // The read with that customer fails at the service too: 106.
    expect(r.stdout).toContain('wrong: customer-id (106)');
  });

  it('account id the user cannot reach → account-id, exit 1', async () => {
    const { store } = await signedIn(sandbox);
    const { ids } = sandbox.state;
    const r = await doctor(store, {}, '--account-id', ids.otherAccountId);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('wrong: account-id (account-not-accessible)');
    expect(r.stdout).toContain('wrong: account-id (106)');
  });

  it('bad usage: a non-numeric id or no developer token in production → exit 2', async () => {
    const { store } = await signedIn(sandbox);
    const bad = await doctor(store, {}, '--account-id', 'F123456');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain(
      '--account-id must be a numeric id (the Id, not the account Number)',
    );
    const prod = await doctor(store, { service: production });
    expect(prod.code).toBe(2);
    expect(prod.stderr).toContain('missing --developer-token / MSADS_DEVELOPER_TOKEN');
  });
  // Last: it changes the shared mock's state.
  it('account of another customer of the same user → account-id, with the right customer, exit 1', async () => {
    // Ada also works for Grace's customer (an agency user), with an account there.
    const { ids, store: cm } = sandbox.state;
    cm.users.get(ids.userId)!.roles.push({
      RoleId: 41,
      CustomerId: ids.otherCustomerId,
      AccountIds: null,
      LinkedAccountIds: null,
      CustomerLinkPermission: null,
    });
    const second = String(
      cm.addAccount({ Name: 'Ada at Grace', CurrencyCode: 'USD' }, ids.otherCustomerId, ids.userId)[
        'Id'
      ],
    );
    const { store } = await signedIn(sandbox);
    const r = await doctor(store, {}, '--customer-id', ids.customerId, '--account-id', second);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(
      `account ${second} belongs to customer ${ids.otherCustomerId}, not to customer ${ids.customerId}`,
    );
    expect(r.stdout).toContain('wrong: account-id (account-of-another-customer)');
    expect(r.stdout).toContain(`fix: send --customer-id ${ids.otherCustomerId} with this account`);
  });
});
