// Response-memory child: one call of OUR generated client whose response is large.
// argv: <service-id> <soap|rest> <origin>. Prints {baselineRssKB, maxRssKB, ok} as its last
// stdout line: the RSS once the client is imported and constructed, and the peak over the
// process's life (the call included). The result is kept reachable until the peak is read.
import { peakRssKB } from './peak-rss.mjs';
const [id, protocol, origin] = process.argv.slice(2);
const { StaticTokenProvider } = await import('@adsgen/runtime');
const pkg = await import(new URL(`../../../generated/${id}/dist/index.js`, import.meta.url).href);
const { CALLS, ourClient } = await import('./calls.mjs');
const call = CALLS[id];
const client = ourClient(pkg, protocol, origin, StaticTokenProvider, {
  maxResponseBytes: 256 * 1024 * 1024,
});
globalThis.gc?.();
const baselineRssKB = Math.round(process.memoryUsage().rss / 1024);
const result = await client[call.method](call.request);
const maxRssKB = peakRssKB();
const ok = Array.isArray(result?.Campaigns) && result.Campaigns[0]?.Name === 'Garden tools 0';
globalThis.keep = result;
await client.close();
process.stdout.write(`${JSON.stringify({ baselineRssKB, maxRssKB, ok })}\n`);
