import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockServer, type MockServer } from '../../mock/src/server.ts';
import {
  CAMPAIGN_NS,
  CAMPAIGN_SOAP_PATH,
  callRest,
  CM_NS,
  CM_SOAP_PATH,
  envelope,
  postSoap,
  seededCreds,
  xmlText,
} from './helpers.ts';

async function token(origin: string, form: Record<string, string>, tenant = 'common') {
  const res = await fetch(`${origin}/${tenant}/oauth2/v2.0/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      client_id: 'mock-client',
      scope: 'https://ads.microsoft.com/msads.manage offline_access',
      ...form,
    }).toString(),
  });
  return { status: res.status, body: (await res.json()) as Record<string, any> };
}

describe('OAuth token endpoint', () => {
  let server: MockServer;
  let now = Date.UTC(2026, 0, 1);
  beforeAll(async () => {
    server = await startMockServer({ clock: () => now, tokenLifetimeS: 3600 });
  });
  afterAll(() => server.close());

  it('exchanges an authorization code (with PKCE) once, and only with the right verifier', async () => {
    const verifier = 'v'.repeat(50);
    const challenge = createHash('sha256').update(verifier).digest('base64url');
    const code = server.oauth.createCode({
      codeChallenge: challenge,
      redirectUri: 'http://localhost:8080/cb',
    });
    const wrong = await token(server.origin, {
      grant_type: 'authorization_code',
      code,
      redirect_uri: 'http://localhost:8080/cb',
      code_verifier: 'x'.repeat(50),
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body['error']).toBe('invalid_grant');

    const code2 = server.oauth.createCode({
      codeChallenge: challenge,
      redirectUri: 'http://localhost:8080/cb',
    });
    const ok = await token(server.origin, {
      grant_type: 'authorization_code',
      code: code2,
      redirect_uri: 'http://localhost:8080/cb',
      code_verifier: verifier,
    });
    expect(ok.status).toBe(200);
    expect(ok.body['token_type']).toBe('Bearer');
    expect(ok.body['expires_in']).toBe(3600);
    expect(typeof ok.body['access_token']).toBe('string');
    expect(typeof ok.body['refresh_token']).toBe('string');
    const again = await token(server.origin, {
      grant_type: 'authorization_code',
      code: code2,
      redirect_uri: 'http://localhost:8080/cb',
      code_verifier: verifier,
    });
    expect(again.body['error']).toBe('invalid_grant');
  });

  it('the authorize endpoint consents at once and redirects back with code and state', async () => {
    const res = await fetch(
      `${server.origin}/common/oauth2/v2.0/authorize?response_type=code&client_id=c&redirect_uri=${encodeURIComponent('http://localhost:9/cb')}&state=xyz`,
      { redirect: 'manual' },
    );
    expect(res.status).toBe(302);
    const location = new URL(res.headers.get('location')!);
    expect(location.searchParams.get('state')).toBe('xyz');
    const ok = await token(server.origin, {
      grant_type: 'authorization_code',
      code: location.searchParams.get('code')!,
      redirect_uri: 'http://localhost:9/cb',
    });
    expect(ok.status).toBe(200);
  });

  it('rotates refresh tokens; reusing an old one is invalid_grant and revokes the family', async () => {
    const first = server.oauth.issue();
    const second = await token(server.origin, {
      grant_type: 'refresh_token',
      refresh_token: first.refresh_token,
    });
    expect(second.status).toBe(200);
    expect(second.body['refresh_token']).not.toBe(first.refresh_token);
    const third = await token(server.origin, {
      grant_type: 'refresh_token',
      refresh_token: second.body['refresh_token'],
    });
    expect(third.status).toBe(200);

    const reuse = await token(server.origin, {
      grant_type: 'refresh_token',
      refresh_token: first.refresh_token,
    });
    expect(reuse.status).toBe(400);
    expect(reuse.body['error']).toBe('invalid_grant');
    // The newest token of the family is gone too: the user must consent again.
    const newest = await token(server.origin, {
      grant_type: 'refresh_token',
      refresh_token: third.body['refresh_token'],
    });
    expect(newest.body['error']).toBe('invalid_grant');
  });

  it('answers a revoked refresh token, a missing client_id and an unknown grant with the right errors', async () => {
    const t = server.oauth.issue();
    server.oauth.revoke(t.refresh_token);
    expect(
      (await token(server.origin, { grant_type: 'refresh_token', refresh_token: t.refresh_token }))
        .body['error'],
    ).toBe('invalid_grant');
    expect((await token(server.origin, { grant_type: 'client_credentials' })).body['error']).toBe(
      'unsupported_grant_type',
    );
    const res = await fetch(`${server.origin}/oauth2/v2.0/token`, {
      method: 'POST',
      body: 'grant_type=refresh_token&refresh_token=x',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    });
    expect(((await res.json()) as { error: string }).error).toBe('invalid_request');
  });

  it('access tokens expire by the clock: 109 over SOAP (fault detail) and REST (401)', async () => {
    const creds = seededCreds(server);
    now += 3600 * 1000;
    const soap = await postSoap(
      server.origin,
      CM_SOAP_PATH,
      'GetUser',
      envelope(
        CM_NS,
        { AuthenticationToken: creds.accessToken, DeveloperToken: creds.developerToken },
        `<GetUserRequest xmlns="${CM_NS}"/>`,
      ),
    );
    expect(soap.status).toBe(500);
    expect(soap.text).toContain('<AdApiFaultDetail xmlns="https://adapi.microsoft.com"');
    expect(xmlText(soap.text, 'Code')).toBe('109');
    expect(xmlText(soap.text, 'ErrorCode')).toBe('AuthenticationTokenExpired');
    const rest = await callRest(
      server.origin,
      'POST',
      '/CustomerManagement/v13/User/Query',
      {},
      creds,
    );
    expect(rest.status).toBe(401);
    expect(rest.json['Errors'][0]).toMatchObject({
      Code: 109,
      ErrorCode: 'AuthenticationTokenExpired',
    });
    expect(rest.headers.get('trackingid')).toBe(rest.json['TrackingId']);
  });
});

describe('credential checks', () => {
  let server: MockServer;
  let creds: ReturnType<typeof seededCreds>;
  beforeAll(async () => {
    server = await startMockServer();
    creds = seededCreds(server);
  });
  afterAll(() => server.close());

  const getCampaigns = (c: Partial<typeof creds>) =>
    callRest(
      server.origin,
      'POST',
      '/CampaignManagement/v13/Campaigns/QueryByAccountId',
      { AccountId: c.accountId ?? '1', CampaignType: 'Search' },
      c,
    );

  it('accepts the seeded credentials', async () => {
    expect((await getCampaigns(creds)).status).toBe(200);
  });

  it('105 for an unknown token (401), a production developer token in sandbox (403), no developer token', async () => {
    const unknown = await getCampaigns({ ...creds, accessToken: 'not-a-token' });
    expect(unknown.status).toBe(401);
    expect(unknown.json['Errors'][0].Code).toBe(105);
    expect(unknown.text).not.toContain('not-a-token');
    const prodToken = await getCampaigns({ ...creds, developerToken: 'MOCK-PRODUCTION-DEVTOKEN' });
    expect(prodToken.status).toBe(403);
    expect(prodToken.json['Errors'][0]).toMatchObject({
      Code: 105,
      ErrorCode: 'InvalidCredentials',
    });
    expect(
      (await getCampaigns({ ...creds, developerToken: undefined })).json['Errors'][0].Code,
    ).toBe(105);
  });

  it('106 for a customer or account the user cannot reach, over both protocols', async () => {
    const other = await getCampaigns({ ...creds, accountId: server.state.ids.otherAccountId });
    expect(other.status).toBe(403);
    expect(other.json['Errors'][0]).toMatchObject({ Code: 106, ErrorCode: 'UserIsNotAuthorized' });
    const body = `<GetCampaignsByAccountIdRequest xmlns="${CAMPAIGN_NS}"><AccountId>${creds.accountId}</AccountId><CampaignType>Search</CampaignType></GetCampaignsByAccountIdRequest>`;
    const soap = await postSoap(
      server.origin,
      CAMPAIGN_SOAP_PATH,
      'GetCampaignsByAccountId',
      envelope(
        CAMPAIGN_NS,
        {
          AuthenticationToken: creds.accessToken,
          CustomerAccountId: creds.accountId,
          CustomerId: server.state.ids.otherCustomerId,
          DeveloperToken: creds.developerToken,
        },
        body,
      ),
    );
    expect(soap.status).toBe(500);
    expect(xmlText(soap.text, 'Code')).toBe('106');
    expect(server.stats.validationErrors).toEqual([]);
  });

  it('in production mode the sandbox developer token is the wrong-environment 105', async () => {
    const prod = await startMockServer({ environment: 'production' });
    try {
      const c = { ...seededCreds(prod), developerToken: 'BBD37VB98' };
      const res = await callRest(
        prod.origin,
        'POST',
        '/CustomerManagement/v13/CurrentUser/Query',
        {},
        c,
      );
      expect(res.status).toBe(403);
      expect(res.json['Errors'][0].Detail).toContain('sandbox developer token');
      const ok = await callRest(
        prod.origin,
        'POST',
        '/CustomerManagement/v13/CurrentUser/Query',
        {},
        seededCreds(prod),
      );
      expect(ok.status).toBe(200);
    } finally {
      await prod.close();
    }
  });
});
