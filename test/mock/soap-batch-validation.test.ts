/**
 * The mock validates SOAP requests per service: concurrent requests of different operations
 * of one service are validated together in one xmllint run of the service's full schema set.
 * Over HTTP, a batch holding one invalid request must reject that request alone, with a client
 * fault naming only its own violation, and answer the others normally.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockServer, type MockServer } from '../../mock/src/server.ts';
import {
  CAMPAIGN_NS,
  CAMPAIGN_SOAP_PATH,
  envelope,
  postSoap,
  seededCreds,
  soapHeaders,
  xmlText,
} from './helpers.ts';

const ARRAYS = 'http://schemas.microsoft.com/2003/10/Serialization/Arrays';

describe('SOAP request validation per service, over HTTP', () => {
  let server: MockServer;
  beforeAll(async () => {
    server = await startMockServer();
  });
  afterAll(() => server.close());

  it('rejects only the invalid request among concurrent calls of different operations', async () => {
    const creds = seededCreds(server);
    const call = (op: string, inner: string) =>
      postSoap(
        server.origin,
        CAMPAIGN_SOAP_PATH,
        op,
        envelope(
          CAMPAIGN_NS,
          soapHeaders(creds, true),
          `<${op}Request xmlns="${CAMPAIGN_NS}" xmlns:a="${ARRAYS}">${inner}</${op}Request>`,
        ),
      );
    const account = `<AccountId>${creds.accountId}</AccountId>`;
    const calls = [
      ['GetCampaignsByAccountId', `${account}<CampaignType>Search</CampaignType>`],
      ['GetAdGroupsByCampaignId', '<CampaignId>seven</CampaignId>'],
      ['DeleteCampaigns', `${account}<CampaignIds><a:long>2</a:long></CampaignIds>`],
      ['DeleteBudgets', '<BudgetIds><a:long>7</a:long></BudgetIds>'],
      ['GetBudgetsByIds', '<BudgetIds><a:long>5</a:long></BudgetIds>'],
    ] as const;
    const errorsBefore = server.stats.validationErrors.length;
    const responses = await Promise.all(calls.map(([op, inner]) => call(op, inner)));

    expect(responses.map((r) => r.status)).toEqual([200, 500, 200, 200, 200]);
    const fault = (xmlText(responses[1]!.text, 'faultstring') ?? '').replaceAll('&apos;', "'");
    expect(fault).toContain('not valid against the CampaignManagementService schema');
    expect(fault).toContain("'seven' is not a valid value");
    expect(fault.match(/Schemas validity error|is not a valid value|not expected/g)).toHaveLength(
      1,
    );
    for (const ok of [0, 2, 3, 4]) expect(responses[ok]!.text).not.toContain('faultstring');
    const recorded = server.stats.validationErrors.slice(errorsBefore);
    expect(recorded).toHaveLength(1);
    expect(recorded[0]).toMatch(/^soap campaign-management\.GetAdGroupsByCampaignId: .*seven/);
  });
});
