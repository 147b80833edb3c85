/**
 * The MSADS_* convention read by fromEnv(), and createClients() building every client from
 * one configuration, calling the mock over real HTTP.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClients, EnvConfigError, FileTokenStore, fromEnv } from '@adsgen/runtime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CampaignManagementClient } from '../../../generated/campaign-management/dist/index.js';
import { CustomerManagementClient } from '../../../generated/customer-management/dist/index.js';
import { startMockServer, type MockServer } from '../../../mock/src/server.ts';

const CLIENT_ID = '00001111-aaaa-2222-bbbb-3333cccc4444';
const dir = mkdtempSync(join(tmpdir(), 'adsgen-env-'));
let server: MockServer;

beforeAll(async () => {
  server = await startMockServer();
});
afterAll(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('fromEnv', () => {
  it('reads the documented variables, with production, REST and .adsgen/tokens.json as defaults', () => {
    const options = fromEnv({ MSADS_DEVELOPER_TOKEN: 'DEV-TOKEN-1', MSADS_CLIENT_ID: CLIENT_ID });
    expect(options.environment).toBe('production');
    expect(options.protocol).toBe('rest');
    expect(options.tokenStorePath).toBe('.adsgen/tokens.json');
    expect(options.auth.clientId).toBe(CLIENT_ID);
    expect(options.auth.tokenEndpoint).toBe(
      'https://login.microsoftonline.com/common/oauth2/v2.0/token',
    );
    expect(options.customerId).toBeUndefined();
  });

  it('sandbox gets the universal developer token and its identity platform', () => {
    const options = fromEnv({
      MSADS_ENVIRONMENT: 'Sandbox',
      MSADS_CLIENT_ID: CLIENT_ID,
      MSADS_CUSTOMER_ID: '123',
      MSADS_ACCOUNT_ID: '456',
      MSADS_PROTOCOL: 'soap',
    });
    expect(options).toMatchObject({
      environment: 'sandbox',
      developerToken: 'BBD37VB98',
      protocol: 'soap',
      customerId: '123',
      accountId: '456',
    });
    expect(options.auth.tokenEndpoint).toBe(
      'https://login.windows-ppe.net/consumers/oauth2/v2.0/token',
    );
  });

  it('reports every problem by variable name and never quotes a value', () => {
    const secret = 'sUpEr-SeCrEt-VaLuE';
    let error: unknown;
    try {
      fromEnv({ MSADS_ENVIRONMENT: secret, MSADS_ACCOUNT_ID: secret, MSADS_PROTOCOL: 'xml' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(EnvConfigError);
    const { problems, message } = error as EnvConfigError;
    expect(problems.map((p) => p.split(':')[0])).toEqual([
      'MSADS_ENVIRONMENT',
      'MSADS_PROTOCOL',
      'MSADS_DEVELOPER_TOKEN',
      'MSADS_CLIENT_ID',
      'MSADS_ACCOUNT_ID',
    ]);
    expect(message).not.toContain(secret);
  });
});

describe('createClients', () => {
  it('builds each client from one configuration; one token provider serves them all', async () => {
    const issued = server.oauth.issue();
    const store = join(dir, 'tokens.json');
    await new FileTokenStore(store).save({ refreshToken: issued.refresh_token });
    const options = fromEnv({
      MSADS_ENVIRONMENT: 'sandbox',
      MSADS_CLIENT_ID: CLIENT_ID,
      MSADS_TOKEN_STORE: store,
      MSADS_ENDPOINT: server.origin,
      MSADS_OAUTH_ENDPOINT: server.origin,
      MSADS_ACCOUNT_ID: server.state.ids.accountId,
      MSADS_CUSTOMER_ID: server.state.ids.customerId,
    });
    const clients = createClients(options, {
      customerManagement: CustomerManagementClient,
      campaignManagement: CampaignManagementClient,
    });
    expect(Object.keys(clients)).toEqual(['customerManagement', 'campaignManagement']);
    const [me, campaigns] = await Promise.all([
      clients.customerManagement.getUser({ UserId: null }),
      clients.campaignManagement.getCampaignsByAccountId({
        AccountId: server.state.ids.accountId,
        CampaignType: ['Search'],
      }),
    ]);
    expect(me.User?.UserName).toBe('ada@example.com');
    expect(Array.isArray(campaigns.Campaigns ?? [])).toBe(true);
    // The stored refresh token was used and its rotation saved to the file.
    const saved = await new FileTokenStore(store).load();
    expect(saved?.refreshToken).not.toBe(issued.refresh_token);
  });

  it('rejects something that is not a client class', () => {
    expect(() =>
      createClients(fromEnv({ MSADS_ENVIRONMENT: 'sandbox', MSADS_CLIENT_ID: 'x' }), {
        nope: 42 as never,
      }),
    ).toThrow('"nope" is not a client class');
  });
});
