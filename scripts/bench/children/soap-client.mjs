// Cold-start / memory child for the `soap` package on the same WSDL. argv: <service-id> <origin> [cold|memory]
import { fileURLToPath } from 'node:url';

const boot = performance.now();
const [id, origin, mode = 'cold'] = process.argv.slice(2);
const soap = (await import('soap')).default;
const soapImported = performance.now();
const { CALLS, report } = await import('./calls.mjs');
const call = CALLS[id];
const wsdl = fileURLToPath(new URL(`../../../specs/${id}.wsdl`, import.meta.url));
const client = await soap.createClientAsync(wsdl, { endpoint: `${origin}/soap` });
const namespace = client.wsdl.definitions.$targetNamespace;
// The headers a Microsoft Advertising call carries, as a soap user adds them.
client.addSoapHeader(
  {
    AuthenticationToken: 'bench-access-token',
    CustomerAccountId: '180000000',
    CustomerId: '251000001',
    DeveloperToken: 'BENCH0DEV0TOKEN',
  },
  '',
  'tns',
  namespace,
);
const constructed = performance.now();
const [result] = await client[`${call.operation}Async`](call.soapRequest);
const called = performance.now();
globalThis.keep = [client, result];
report({ boot, soapImported, constructed, called, ok: call.check(result) }, mode);
