/**
 * Child process of transport-tls.test.ts, started with NODE_EXTRA_CA_CERTS naming the test's
 * self-signed certificate (Node reads it only at start-up): each built-in transport sends two
 * requests to the HTTPS server at argv[2], the second on the pooled connection, and the
 * results go to stdout as JSON.
 */
import { NodeHttpTransport } from '../../../runtime/src/node-http-transport.ts';
import { Transport } from '../../../runtime/src/transport.ts';

const url = process.argv[2]!;
const results: Record<string, string[]> = {};
for (const [name, transport] of [
  ['node:http', new NodeHttpTransport({ timeoutMs: 10_000 })],
  ['undici', new Transport({ timeoutMs: 10_000 })],
] as const) {
  const seen: string[] = [];
  for (let i = 0; i < 2; i++) {
    const response = await transport.send({
      url,
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: `${name} ${i}`,
      operation: 'TlsCall',
    });
    seen.push(`${response.status} ${response.body.toString()}`);
    await new Promise((resolve) => setImmediate(resolve));
  }
  await transport.close();
  results[name] = seen;
}
process.stdout.write(JSON.stringify(results));
