// The one call each cold-start / memory child makes, per service: the same operation and
// request for our client and for the soap package's (each in its own client's shape).
import { peakRssKB } from './peak-rss.mjs';
export const CALLS = {
  'customer-management': {
    operation: 'GetUser',
    method: 'getUser',
    request: { UserId: '150000123' },
    soapRequest: { UserId: '150000123' },
    check: (r) => typeof r?.User?.UserName === 'string',
  },
  'campaign-management': {
    operation: 'GetCampaignsByAccountId',
    method: 'getCampaignsByAccountId',
    request: { AccountId: '180000000', CampaignType: ['Search', 'Shopping'] },
    // A flags value as a soap package user writes it: the list as one space-separated string.
    soapRequest: { AccountId: '180000000', CampaignType: 'Search Shopping' },
    check: (r) =>
      Array.isArray(r?.Campaigns?.Campaign ?? r?.Campaigns) &&
      JSON.stringify(r).includes('Garden tools 0'),
  },
};

/**
 * OUR generated client of `pkg` against the bench server at `origin`. The runtime's
 * StaticTokenProvider comes from the caller, which times its own import of the runtime.
 */
export function ourClient(pkg, protocol, origin, StaticTokenProvider, extra = {}) {
  const Client = Object.values(pkg).find((v) => typeof v === 'function' && /Client$/.test(v.name));
  return new Client({
    protocol,
    endpoint: origin,
    developerToken: 'BENCH0DEV0TOKEN',
    customerId: '251000001',
    accountId: '180000000',
    auth: new StaticTokenProvider('bench-access-token'),
    retry: false,
    ...extra,
  });
}

/** Prints the child's report as the last stdout line; the parent parses it. */
export function report(fields, mode) {
  const out = {
    ...fields,
    timeOrigin: performance.timeOrigin,
    maxRssKB: peakRssKB(),
  };
  if (mode === 'memory') {
    // Twice: the first full GC can leave weakly held and finalizable objects for the second.
    globalThis.gc();
    globalThis.gc();
    out.heapUsed = process.memoryUsage().heapUsed;
  }
  process.stdout.write(`${JSON.stringify(out)}\n`);
}
