import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockServer, type MockServer } from '../../mock/src/server.ts';
import { callRest, seededCreds } from './helpers.ts';

describe('REST request validation (ajv against the OpenAPI schemas)', () => {
  let server: MockServer;
  let creds: ReturnType<typeof seededCreds>;
  beforeAll(async () => {
    server = await startMockServer();
    creds = seededCreds(server);
  });
  afterAll(() => server.close());

  it('accepts an int64 sent as a string', async () => {
    const res = await callRest(
      server.origin,
      'POST',
      '/CustomerManagement/v13/User/Query',
      { UserId: server.state.ids.userId },
      creds,
    );
    expect(res.status).toBe(200);
    expect(res.json['User'].Id).toBe(server.state.ids.userId);
    expect(server.stats.validationErrors).toEqual([]);
  });

  it('rejects a number for an int64 with a 400 naming the property, and records it', async () => {
    const res = await callRest(
      server.origin,
      'POST',
      '/CustomerManagement/v13/User/Query',
      { UserId: 5 },
      creds,
    );
    expect(res.status).toBe(400);
    expect(res.json['Type']).toBe('AdApiFaultDetail');
    expect(res.json['Errors'][0].Message).toContain('/UserId must be string');
    expect(server.stats.validationErrors.at(-1)).toBe(
      'rest customer-management.GetUser: /UserId must be string,null',
    );
  });

  it('rejects a property the schema does not declare, also inside a subtype chosen by Type', async () => {
    const res = await callRest(
      server.origin,
      'POST',
      '/CampaignManagement/v13/Ads',
      { AdGroupId: '1', Ads: [{ Type: 'ExpandedText', TitlePart1: 'ok', Title: 'TextAd only' }] },
      creds,
    );
    expect(res.status).toBe(400);
    expect(res.json['Errors'][0].Message).toContain(
      "/Ads/0 must NOT have unevaluated properties 'Title'",
    );
  });

  it('rejects an unknown enum value, a flags value outside the enum and malformed JSON', async () => {
    const search = (body: unknown) =>
      callRest(server.origin, 'POST', '/CustomerManagement/v13/Accounts/Search', body, creds);
    const bad = await search({
      Predicates: [{ Field: 'AccountName', Operator: 'Like', Value: 'x' }],
      ReturnAdditionalFields: 'TaxCertificate, Bogus',
    });
    expect(bad.status).toBe(400);
    expect(bad.json['Errors'][0].Message).toContain(
      '/Predicates/0/Operator must be equal to one of the allowed values',
    );
    expect(bad.json['Errors'][0].Message).toContain('/ReturnAdditionalFields must match pattern');
    const ok = await search({
      Predicates: [],
      ReturnAdditionalFields: 'TaxCertificate, AccountMode',
      PageInfo: { Index: 0, Size: 5 },
    });
    expect(ok.status).toBe(200);
    const res = await fetch(`${server.origin}/CustomerManagement/v13/User/Query`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{"UserId":',
    });
    expect(res.status).toBe(400);
  });

  it('answers an unknown path with 404 and counts it as a client error', async () => {
    const before = server.stats.validationErrors.length;
    const res = await callRest(server.origin, 'POST', '/CustomerManagement/v13/Nope', {}, creds);
    expect(res.status).toBe(404);
    expect(server.stats.validationErrors.length).toBe(before + 1);
  });
});
