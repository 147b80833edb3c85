// Cold-start / memory child for OUR generated client. argv: <service-id> <soap|rest> <origin> [cold|memory]
// Marks are performance.now() values: ms since this process's timeOrigin.
const boot = performance.now();
const [id, protocol, origin, mode = 'cold'] = process.argv.slice(2);
const { StaticTokenProvider } = await import('@adsgen/runtime');
const runtimeImported = performance.now();
const pkg = await import(new URL(`../../../generated/${id}/dist/index.js`, import.meta.url).href);
const packageImported = performance.now();
const { CALLS, ourClient, report } = await import('./calls.mjs');
const call = CALLS[id];
const client = ourClient(pkg, protocol, origin, StaticTokenProvider);
const constructed = performance.now();
const result = await client[call.method](call.request);
const called = performance.now();
globalThis.keep = [client, result];
report(
  { boot, runtimeImported, packageImported, constructed, called, ok: call.check(result) },
  mode,
);
await client.close();
