import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:https';
import type { Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generate } from 'selfsigned';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TransportError } from '../../../runtime/src/errors.ts';
import { listenOnLoopback, type Listening } from '../../support/loopback-listen.ts';
import { BUILT_IN_TRANSPORTS } from './transports.ts';

/**
 * HTTPS on loopback with a self-signed certificate made for the test: a certificate the
 * process does not trust fails the handshake, before the request is written (`mayHaveRun`
 * false, nothing reaches the server); trusted (NODE_EXTRA_CA_CERTS, in a child process), the
 * exchange and a pooled connection work on both transports.
 */

const CHILD = fileURLToPath(new URL('./transport-tls-child.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

let listening: Listening;
let origin: string;
let dir: string;
let certFile: string;
const requests: string[] = [];
let connections = 0;

beforeAll(async () => {
  const pems = await generate([{ name: 'commonName', value: '127.0.0.1' }], {
    keySize: 2048,
    algorithm: 'sha256',
    extensions: [{ name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }] }],
  });
  dir = await mkdtemp(join(tmpdir(), 'adsgen-tls-'));
  certFile = join(dir, 'cert.pem');
  await writeFile(certFile, pems.cert);
  const server = createServer({ key: pems.private, cert: pems.cert }, (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString();
      requests.push(body);
      res.end(`echo ${body}`);
    });
  });
  server.on('secureConnection', (_socket: Socket) => connections++);
  listening = await listenOnLoopback(server);
  origin = `https://127.0.0.1:${listening.port}`;
});

afterAll(async () => {
  await listening?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe.each(BUILT_IN_TRANSPORTS)('$name over TLS', ({ make }) => {
  it('an untrusted certificate fails the handshake: a connection error, not sent', async () => {
    const before = requests.length;
    const transport = make({ timeoutMs: 10_000 });
    try {
      const error = await transport
        .send({ url: `${origin}/x`, method: 'POST', headers: {}, body: 'x', operation: 'TlsCall' })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(TransportError);
      expect(error).toMatchObject({ reason: 'connection', mayHaveRun: false });
      expect(requests.length).toBe(before);
    } finally {
      await transport.close();
    }
  });
});

describe('a trusted certificate', () => {
  it('both transports complete exchanges, the second on the pooled connection', async () => {
    const before = connections;
    const stdout = await new Promise<string>((resolve, reject) => {
      execFile(
        process.execPath,
        ['--import', 'tsx', CHILD, `${origin}/echo`],
        { cwd: ROOT, timeout: 60_000, env: { ...process.env, NODE_EXTRA_CA_CERTS: certFile } },
        (error, out, stderr) =>
          error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(out),
      );
    });
    expect(JSON.parse(stdout)).toEqual({
      'node:http': ['200 echo node:http 0', '200 echo node:http 1'],
      undici: ['200 echo undici 0', '200 echo undici 1'],
    });
    // One TLS connection per transport: the second request of each reused it.
    expect(connections - before).toBe(2);
  });
});
