import { createServer, type Server } from 'node:http';
import { mkdtemp, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSpecs } from '../../generator/specs/command.ts';
import { loadManifest } from '../../generator/specs/manifest.ts';

const WSDL = '<?xml version="1.0"?><wsdl:definitions xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/" name="X"/>';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'adsgen-specs-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function listen(handler: Parameters<typeof createServer>[1]): Promise<{ server: Server; origin: string }> {
  const server = createServer(handler);
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      resolve({ server, origin: `http://127.0.0.1:${port}` });
    }),
  );
}

describe('adsgen specs (copy)', () => {
  it('copies spec files, writes a lock and reports changes against it', async () => {
    const source = join(dir, 'source');
    const target = join(dir, 'target');
    await mkdir(join(source, 'history', 'v1'), { recursive: true });
    await writeFile(join(source, 'a.wsdl'), WSDL);
    await writeFile(join(source, 'a.openapi.json'), '{}');
    await writeFile(join(source, 'history', 'v1', 'a.wsdl'), WSDL);
    await writeFile(join(source, 'README.md'), 'not a spec');

    const first: string[] = [];
    await runSpecs({ from: source, specsDir: target }, (l) => first.push(l));
    const lock = JSON.parse(await readFile(join(target, 'lock.json'), 'utf8'));
    expect(Object.keys(lock.files)).toEqual(['a.openapi.json', 'a.wsdl', 'history/v1/a.wsdl']);
    expect(lock.files['a.wsdl'].size).toBe(WSDL.length);
    expect(lock.files['a.wsdl'].sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(first.join('\n')).toContain('added    a.wsdl');

    const second: string[] = [];
    await runSpecs({ from: source, specsDir: target }, (l) => second.push(l));
    expect(second.join('\n')).toContain('unchanged');

    await writeFile(join(source, 'a.openapi.json'), '{"changed":true}');
    const third: string[] = [];
    await runSpecs({ from: source, specsDir: target }, (l) => third.push(l));
    expect(third.join('\n')).toContain('changed  a.openapi.json');
    expect(third.join('\n')).not.toContain('a.wsdl');
    expect(third.join('\n')).not.toContain('npm run error-codes');

    // The runtime's error-code table is committed: a changed error-codes.json says how to follow.
    await writeFile(join(source, 'error-codes.json'), '{"codes":[]}');
    const fourth: string[] = [];
    await runSpecs({ from: source, specsDir: target }, (l) => fourth.push(l));
    expect(fourth.join('\n')).toContain('added    error-codes.json');
    expect(fourth.join('\n')).toContain('run `npm run error-codes` and commit');
  });

  it('--if-missing leaves existing specs alone', async () => {
    const target = join(dir, 'target');
    const lines: string[] = [];
    await runSpecs({ from: join(dir, 'nowhere'), specsDir: target, ifMissing: true }, (l) => lines.push(l));
    expect(lines).toEqual([]);
  });

  it('names a missing source clearly', async () => {
    await expect(runSpecs({ from: join(dir, 'nowhere'), specsDir: join(dir, 't2') }, () => {})).rejects.toThrow(
      /no spec source: .*nowhere does not exist/,
    );
  });
});

describe('adsgen specs --download', () => {
  it('fetches every WSDL from the official paths with ?singleWsdl', async () => {
    const seen: string[] = [];
    const { server, origin } = await listen((req, res) => {
      seen.push(req.url ?? '');
      res.writeHead(200, { 'content-type': 'text/xml' }).end(WSDL);
    });
    try {
      const target = join(dir, 'dl');
      await runSpecs({ download: true, origin, specsDir: target }, () => {});
      const services = loadManifest().services;
      expect(seen.sort()).toEqual(services.map((s) => `${s.soapPath}?singleWsdl`).sort());
      for (const s of services) expect(await readFile(join(target, s.files.wsdl), 'utf8')).toBe(WSDL);
    } finally {
      server.close();
    }
  });

  it('fails with one clear line when the host cannot be reached', async () => {
    const { server, origin } = await listen(() => {});
    server.close();
    await new Promise((r) => setTimeout(r, 20));
    const err = await runSpecs({ download: true, origin, specsDir: join(dir, 'dl2'), timeoutMs: 2000 }, () => {}).catch(
      (e: Error) => e,
    );
    expect(err).toBeInstanceOf(Error);
    expect((err as Error).message).toMatch(/^cannot download customer-management\.wsdl from http:\/\/127\.0\.0\.1:\d+\/Api\/.*: connection refused$/);
    expect((err as Error).message.split('\n')).toHaveLength(1);
  });

  it('times out instead of hanging on a silent server', async () => {
    const { server, origin } = await listen(() => {
      /* never answers */
    });
    try {
      const err = await runSpecs({ download: true, origin, specsDir: join(dir, 'dl3'), timeoutMs: 300 }, () => {}).catch(
        (e: Error) => e,
      );
      expect((err as Error).message).toMatch(/timed out$/);
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });

  it('rejects a response that is not a WSDL', async () => {
    const { server, origin } = await listen((_req, res) => res.writeHead(200).end('<html>login</html>'));
    try {
      await expect(runSpecs({ download: true, origin, specsDir: join(dir, 'dl4') }, () => {})).rejects.toThrow(
        /not a WSDL/,
      );
    } finally {
      server.close();
    }
  });
});
