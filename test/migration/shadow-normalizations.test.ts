/**
 * Shadow mode's normalizations, each against the mock with a difference injected into one
 * protocol's answer (the `alter` fault): a difference the normalization absorbs (nil vs absent,
 * a flags list in another order) is not reported, a real one inside the same structure is,
 * with its path and both values; with nothing injected, nothing is reported. Key/value
 * spelling never reaches the comparison from the wire (both codecs decode to the SOAP
 * spelling), so it is also checked on decoded values directly.
 */
import { compareValues, type ShadowDifference } from '@adsgen/runtime';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CampaignManagementClient } from '../../generated/campaign-management/dist/index.js';
import { descriptor } from '../../generated/campaign-management/dist/descriptor.js';
import { campaign } from './campaign-fixtures.ts';
import { mockOptions, startMock, type Mock } from './harness.ts';

describe('shadow mode normalizations', { timeout: 120_000 }, () => {
  let mock: Mock;
  let campaignId: string;
  beforeAll(async () => {
    mock = await startMock();
    const writer = new CampaignManagementClient(mockOptions(mock, { protocol: 'rest' }));
    const added = await writer.addCampaigns({
      AccountId: mock.state.ids.accountId,
      Campaigns: [
        {
          ...campaign('shadow'),
          CampaignType: ['Search', 'Audience'],
          ForwardCompatibilityMap: [
            { key: 'First', value: 'one' },
            { key: 'Second', value: 'two' },
          ],
        },
      ],
    });
    campaignId = added.CampaignIds![0]!;
    await writer.close();
  });
  afterEach(() => mock.faults.clear());
  afterAll(async () => {
    expect(mock.stats.validationErrors).toEqual([]);
    await mock.close();
  });

  /** GetCampaignsByIds on SOAP, shadowed on REST, after `alter` (if any) changed one answer. */
  async function shadowRead(alter?: {
    path: string;
    value: unknown;
    protocol: 'soap' | 'rest';
  }): Promise<ShadowDifference[]> {
    if (alter)
      mock.faults.inject(
        'GetCampaignsByIds',
        { kind: 'alter', path: alter.path, value: alter.value },
        { protocol: alter.protocol },
      );
    const found: ShadowDifference[] = [];
    const client = new CampaignManagementClient(
      mockOptions(mock, {
        protocol: 'soap',
        shadow: { compare: 'reads', onDifference: (d) => found.push(d) },
      }),
    );
    await client.getCampaignsByIds({
      AccountId: mock.state.ids.accountId,
      CampaignIds: [campaignId],
    });
    await client.close();
    return found;
  }

  const difference = (path: string, primaryValue: unknown, shadowValue: unknown) =>
    expect.objectContaining({
      operation: 'GetCampaignsByIds',
      primary: 'soap',
      shadow: 'rest',
      kind: 'value',
      path,
      primaryValue,
      shadowValue,
    });

  // The campaign holds two flags and two key/value pairs: equal answers pass through every
  // normalization unreported.
  it('nothing injected: nothing reported', async () => {
    expect(await shadowRead()).toEqual([]);
  });

  describe('nil vs absent', () => {
    it('a field nil over SOAP and absent over REST is the same', async () => {
      const path = 'Campaigns.0.TrackingUrlTemplate';
      expect(await shadowRead({ path, value: null, protocol: 'soap' })).toEqual([]);
    });
    it('a field set over one protocol only is reported', async () => {
      const path = 'Campaigns.0.TrackingUrlTemplate';
      const value = 'https://example.com/{lpurl}';
      expect(await shadowRead({ path, value, protocol: 'rest' })).toEqual([
        difference('Campaigns[0].TrackingUrlTemplate', null, value),
      ]);
    });
  });

  describe('flags as sets', () => {
    it('the same flags in another order are the same', async () => {
      const path = 'Campaigns.0.CampaignType';
      expect(await shadowRead({ path, value: ['Audience', 'Search'], protocol: 'rest' })).toEqual(
        [],
      );
    });
    it('a flag more or less is reported', async () => {
      const path = 'Campaigns.0.CampaignType';
      expect(await shadowRead({ path, value: ['Search'], protocol: 'rest' })).toEqual([
        difference('Campaigns[0].CampaignType', ['Search', 'Audience'], ['Search']),
      ]);
    });
  });

  describe('key/value spelling', () => {
    it('a changed value inside a pair is reported under the REST spelling', async () => {
      const path = 'Campaigns.0.ForwardCompatibilityMap.1.value';
      expect(await shadowRead({ path, value: 'changed', protocol: 'rest' })).toEqual([
        difference('Campaigns[0].ForwardCompatibilityMap[1].Value', 'two', 'changed'),
      ]);
    });
    it('compares key/value and Key/Value members as the same, and their values as values', () => {
      const compare = (a: unknown, b: unknown) => {
        const out: { path: string }[] = [];
        const value = { type: 'GetCampaignsByIdsResponse' };
        compareValues(a, b, value, descriptor.types, '', out as never);
        return out.map((d) => d.path);
      };
      const soap = { Campaigns: [{ ForwardCompatibilityMap: [{ key: 'k', value: 'v' }] }] };
      const rest = { Campaigns: [{ ForwardCompatibilityMap: [{ Key: 'k', Value: 'v' }] }] };
      const other = { Campaigns: [{ ForwardCompatibilityMap: [{ Key: 'k', Value: 'w' }] }] };
      expect(compare(soap, rest)).toEqual([]);
      expect(compare(soap, other)).toEqual(['Campaigns[0].ForwardCompatibilityMap[0].Value']);
    });
  });
});
