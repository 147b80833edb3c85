import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { StaticTokenProvider, TransportError } from '@adsgen/runtime';
import { CampaignManagementClient } from '../../generated/campaign-management/dist/index.js';
import { PACKAGES } from './packages.ts';

/**
 * The generated packages as consumers get them: every operation says whether it is safe to
 * re-send, and a generated write whose answer is cut reaches the service exactly once.
 */
describe('operation kinds in the generated descriptors', () => {
  it('every operation has one: reads, safe computations, and everything else is a write', () => {
    const kinds = new Map<string, string | undefined>();
    for (const pkg of PACKAGES) {
      for (const op of Object.values(pkg.descriptor.operations)) kinds.set(op.name, op.kind);
    }
    expect([...kinds.values()].every((k) => k === 'read' || k === 'safe' || k === 'write')).toBe(
      true,
    );
    const expected: Record<string, 'read' | 'safe' | 'write'> = {
      GetCampaignsByIds: 'read',
      SearchAccounts: 'read',
      FindAccounts: 'read',
      GetBulkUploadStatus: 'read',
      RetrieveRecommendations: 'read',
      PollGenerateReport: 'safe',
      SuggestKeywordsForUrl: 'safe',
      ValidateAddress: 'safe',
      AddCampaigns: 'write',
      UpdateUser: 'write',
      DeleteAds: 'write',
      SetAdExtensionsAssociations: 'write',
      ApplyOfflineConversions: 'write',
      UploadEntityRecords: 'write',
      SubmitGenerateReport: 'write',
      DownloadCampaignsByAccountIds: 'write',
      SendUserInvitation: 'write',
      ClaimFeatureAdoptionCoupons: 'write',
    };
    for (const [name, kind] of Object.entries(expected))
      expect([name, kinds.get(name)]).toEqual([name, kind]);
  });
});

let server: Server | undefined;
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

describe('AddCampaigns whose answer is cut after the headers', () => {
  it.each(['rest', 'soap'] as const)('%s: reaches the server once', async (protocol) => {
    let executions = 0;
    server = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        executions++;
        res.writeHead(200, {
          'content-type': protocol === 'rest' ? 'application/json' : 'text/xml',
          'content-length': '800',
        });
        res.write(
          protocol === 'rest'
            ? '{"CampaignIds":["1'
            : '<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/">',
        );
        setTimeout(() => res.socket?.destroy(), 10);
      });
    });
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const client = new CampaignManagementClient({
      protocol,
      environment: 'sandbox',
      developerToken: 'BBD37VB98',
      auth: new StaticTokenProvider('access-token-for-the-test'),
      endpoint: `http://127.0.0.1:${port}`,
      accountId: '1',
      customerId: '2',
      retry: { sleep: async () => undefined, maxAttempts: 4 },
    });
    try {
      const error = await client
        .addCampaigns({
          AccountId: '1',
          Campaigns: [
            { Name: 'c', BudgetType: 'DailyBudgetStandard', DailyBudget: 5, TimeZone: 'Amsterdam' },
          ],
        })
        .then(
          () => undefined,
          (e: unknown) => e,
        );
      expect(error).toBeInstanceOf(TransportError);
      expect(error).toMatchObject({ reason: 'connection', mayHaveRun: true });
      expect(executions).toBe(1);
    } finally {
      await client.close();
    }
  });
});
