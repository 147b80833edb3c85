/**
 * The one dictionary field (campaign-management AuditPointResult.Details: SOAP
 * ArrayOfKeyValueOfstringstring, REST a JSON object map) through the generated client. The
 * generated type is `KeyValueOfstringstring[]` on both protocols, so the REST answer
 * `{ "k": "v" }` must reach the caller as `[{ Key: "k", Value: "v" }]`.
 *
 * The mock server synthesizes the dictionary (two entries `key1`, `key2` with string values)
 * in GetDiagnostics over both protocols: a JSON map over REST, KeyValueOfstringstring items
 * over SOAP (XSD-validated), so both calls through the mock check the decoded items, and the
 * two protocols give the caller the same value. A loopback server with a canned body checks
 * the conversion of exact values, an empty map and null.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { StaticTokenProvider } from '@adsgen/runtime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as campaign from '../../generated/campaign-management/dist/index.js';
import { startMockServer, type MockServer } from '../../mock/src/server.ts';
import { SANDBOX_DEVELOPER_TOKEN, sandboxOptions } from './harness.ts';

type Diagnostics = Awaited<ReturnType<campaign.CampaignManagementClient['getDiagnostics']>>;

function auditPoints(result: Diagnostics) {
  return (result.Entities ?? []).flatMap((e) =>
    (e?.Categories ?? []).flatMap((c) => c?.AuditPoints ?? []),
  );
}

describe('campaign-management AuditPointResult.Details over REST', () => {
  let mock: MockServer;
  let canned: Server;
  let cannedOrigin = '';
  const requests: string[] = [];

  beforeAll(async () => {
    mock = await startMockServer();
    canned = createServer((req, res) => {
      requests.push(`${req.method} ${req.url}`);
      req.resume();
      req.on('end', () => {
        res.writeHead(200, { 'content-type': 'application/json', TrackingId: 'track-1' });
        res.end(
          JSON.stringify({
            RequestStatus: { Status: 'Completed', Errors: null },
            Entities: [
              {
                Id: '5',
                Categories: [
                  {
                    Key: 'Policy',
                    AuditPoints: [
                      { Key: 'A1', Details: { Reason: 'Trademark', Market: 'US' } },
                      { Key: 'A2', Details: {} },
                      { Key: 'A3', Details: null },
                    ],
                  },
                ],
              },
            ],
          }),
        );
      });
    });
    await new Promise<void>((resolve) => canned.listen(0, '127.0.0.1', resolve));
    cannedOrigin = `http://127.0.0.1:${(canned.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await mock.close();
    await new Promise<void>((resolve) => canned.close(() => resolve()));
  });

  it.each(['rest', 'soap'] as const)(
    'the mock %s call yields every Details as a non-empty array of {Key, Value}',
    async (protocol) => {
      const client = new campaign.CampaignManagementClient(sandboxOptions(mock, protocol));
      try {
        const points = auditPoints(await client.getDiagnostics({}));
        expect(points.length).toBeGreaterThan(0);
        for (const p of points) {
          expect(Array.isArray(p.Details)).toBe(true);
          expect(p.Details!.map((kv) => kv?.Key)).toEqual(['key1', 'key2']);
          for (const kv of p.Details!) {
            expect(Object.keys(kv!).sort()).toEqual(['Key', 'Value']);
            expect(kv!.Value).toMatch(/^text-\d+$/);
          }
        }
      } finally {
        await client.close();
      }
    },
  );

  it('a REST map body reaches the caller as the array of {Key, Value} items', async () => {
    const client = new campaign.CampaignManagementClient({
      protocol: 'rest',
      environment: 'sandbox',
      developerToken: SANDBOX_DEVELOPER_TOKEN,
      endpoint: cannedOrigin,
      customerId: '1',
      accountId: '2',
      auth: new StaticTokenProvider('token'),
      retry: false,
    });
    try {
      const points = auditPoints(await client.getDiagnostics({}));
      expect(points.map((p) => [p.Key, p.Details])).toEqual([
        [
          'A1',
          [
            { Key: 'Reason', Value: 'Trademark' },
            { Key: 'Market', Value: 'US' },
          ],
        ],
        ['A2', []],
        ['A3', null],
      ]);
      expect(requests).toHaveLength(1);
      expect(requests[0]).toMatch(/^POST \/CampaignManagement\/v13\//);
    } finally {
      await client.close();
    }
  });
});
