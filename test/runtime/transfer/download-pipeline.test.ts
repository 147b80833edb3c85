import { Agent } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TransportError } from '../../../runtime/src/errors.js';
import { parseDelimited } from '../../../runtime/src/transfer/delimited.js';
import { openDownload } from '../../../runtime/src/transfer/download.js';
import { DownloadError, DownloadUrlExpiredError } from '../../../runtime/src/transfer/errors.js';
import { unzipSingle, zipSingle } from '../../../runtime/src/transfer/unzip.js';
import { chunked, collect, startFileServer } from './file-server.js';

const CSV_LINES = 20_000;
const csv =
  '\uFEFF"Id","Name","Clicks"\r\n' +
  Array.from({ length: CSV_LINES }, (_, i) => `"${i}","name ""${i}"", with comma","${i * 2}"`).join(
    '\r\n',
  ) +
  '\r\n';

const BIG = 16 * 1024 * 1024;
/** Bytes the /big route had written when its connection closed. */
const closedAfter: number[] = [];
let zipped: Buffer;
let server: Awaited<ReturnType<typeof startFileServer>>;

beforeAll(async () => {
  zipped = await collect(zipSingle('report.csv', chunked(Buffer.from(csv), 10_000)));
  server = await startFileServer({
    '/report.zip': (res) => {
      res.writeHead(200, { 'Content-Type': 'application/zip' });
      res.end(zipped);
    },
    '/slow.zip': (res) => {
      res.writeHead(200, { 'Content-Type': 'application/zip' });
      res.write(zipped.subarray(0, 2000)); // then silence: the client must be able to abort
    },
    '/truncated.zip': (res) => {
      res.writeHead(200, { 'Content-Type': 'application/zip' });
      res.end(zipped.subarray(0, Math.floor(zipped.length / 2)));
    },
    '/not-zip': (res) => {
      res.writeHead(200, { 'Content-Type': 'text/html' });
      res.end('<html>Service Unavailable</html>');
    },
    '/big': (res) => {
      // 16 MB, written as fast as the socket takes it: what the reader has not taken must wait
      // in the kernel's buffers, not in the client's memory.
      res.writeHead(200, { 'Content-Type': 'application/octet-stream' });
      let sent = 0;
      const block = Buffer.alloc(64 * 1024, 7);
      const more = (): void => {
        while (sent < BIG) {
          sent += block.length;
          if (!res.write(block)) return void res.once('drain', more);
        }
        res.end();
      };
      res.on('close', () => closedAfter.push(sent));
      more();
    },
    '/cut': (res) => {
      // A length promised, half of it sent, then the connection closed.
      res.writeHead(200, { 'Content-Type': 'application/zip', 'Content-Length': zipped.length });
      res.write(zipped.subarray(0, zipped.length >> 1), () => res.destroy());
    },
    '/silent': () => undefined, // accepts the request, never answers
    '/expired': (res) => res.writeHead(403).end('AuthenticationFailed: Signature not valid'),
    '/broken': (res) => res.writeHead(500).end('InternalError'),
  });
});
afterAll(() => server.close());

async function rows(path: string, signal?: AbortSignal): Promise<string[][]> {
  const { body } = await openDownload(server.url(path), signal ? { signal } : {});
  const out: string[][] = [];
  for await (const r of parseDelimited(unzipSingle(body))) out.push(r);
  return out;
}

describe('download → unzip → CSV, over loopback', () => {
  it('streams every record of a zipped CSV, quotes and BOM handled', async () => {
    const got = await rows('/report.zip');
    expect(got).toHaveLength(CSV_LINES + 1);
    expect(got[0]).toEqual(['Id', 'Name', 'Clicks']);
    expect(got[1235]).toEqual(['1234', 'name "1234", with comma', '2468']);
  });

  it('sends none of the API credentials to the download host', async () => {
    server.seen.length = 0;
    await rows('/report.zip');
    const names = Object.keys(server.seen[0]!).map((n) => n.toLowerCase());
    for (const h of [
      'authorization',
      'developertoken',
      'customerid',
      'customeraccountid',
      'cookie',
    ])
      expect(names).not.toContain(h);
  });

  it('says a 403/404 URL has expired, without the signature in the message', async () => {
    for (const path of ['/expired', '/gone']) {
      const e = await rows(path).catch((x: unknown) => x);
      expect(e).toBeInstanceOf(DownloadUrlExpiredError);
      expect((e as Error).message).toMatch(/expired/);
      expect((e as Error).message).not.toContain('SECRETSIGNATURE');
      expect(JSON.stringify(e)).not.toContain('SECRETSIGNATURE');
    }
  });

  it('reports another HTTP status as a DownloadError with the status', async () => {
    const e = (await rows('/broken').catch((x: unknown) => x)) as DownloadError;
    expect(e).toBeInstanceOf(DownloadError);
    expect([e.reason, e.httpStatus]).toEqual(['http-status', 500]);
  });

  it('rejects a body that is not a zip archive, and a truncated one', async () => {
    for (const path of ['/not-zip', '/truncated.zip']) {
      const e = (await rows(path).catch((x: unknown) => x)) as DownloadError;
      expect(e).toBeInstanceOf(DownloadError);
      expect(e.reason).toBe('bad-archive');
    }
  });

  it('aborts mid-download as a TransportError "aborted"', async () => {
    const controller = new AbortController();
    const pending = rows('/slow.zip', controller.signal);
    setTimeout(() => controller.abort(), 100);
    const e = await pending.catch((x: unknown) => x);
    expect(e).toBeInstanceOf(TransportError);
    expect((e as TransportError).reason).toBe('aborted');
  });

  it.each([
    ['Node http', undefined],
    ['an undici dispatcher', () => new Agent()],
  ])(
    'reads no further ahead than the reader, and closes the connection when it stops (%s)',
    async (_, dispatcher) => {
      closedAfter.length = 0;
      const own = dispatcher?.();
      try {
        const { body } = await openDownload(server.url('/big'), own ? { dispatcher: own } : {});
        let read = 0;
        for await (const chunk of body) {
          read += chunk.length;
          if (read >= 1024 * 1024) {
            // A slow reader: the server may only get as far as socket buffers allow.
            await new Promise((r) => setTimeout(r, 200));
            break;
          }
        }
        await expect.poll(() => closedAfter.length).toBe(1);
        expect(closedAfter[0]).toBeLessThan(BIG);
      } finally {
        await own?.close();
      }
    },
  );

  it.each([
    ['Node http', undefined],
    ['an undici dispatcher', () => new Agent()],
  ])('says a connection closed before the end of the body is lost (%s)', async (_, dispatcher) => {
    const own = dispatcher?.();
    try {
      const { body } = await openDownload(server.url('/cut'), own ? { dispatcher: own } : {});
      const e = await collect(body).catch((x: unknown) => x);
      expect(e).toBeInstanceOf(TransportError);
      expect(e).toMatchObject({ reason: 'connection' });
      expect((e as Error).message).not.toContain('SECRETSIGNATURE');
    } finally {
      await own?.close();
    }
  });

  it('times out a server silent before the head, and one silent between chunks', async () => {
    const silent = await openDownload(server.url('/silent'), { timeoutMs: 150 }).catch(
      (x: unknown) => x,
    );
    expect(silent).toBeInstanceOf(TransportError);
    expect(silent).toMatchObject({ reason: 'timeout' });
    expect((silent as Error).message).toMatch(/waiting for a response from http:\/\/127\.0\.0\.1/);
    const { body } = await openDownload(server.url('/slow.zip'), { timeoutMs: 150 });
    const stalled = await collect(body).catch((x: unknown) => x);
    expect(stalled).toBeInstanceOf(TransportError);
    expect(stalled).toMatchObject({ reason: 'timeout' });
    expect((stalled as Error).message).toMatch(/reading the response from/);
    expect((stalled as Error).message).not.toContain('SECRETSIGNATURE');
  });

  it("downloads through an undici dispatcher of the caller's when given one", async () => {
    const dispatcher = new Agent();
    try {
      const { body } = await openDownload(server.url('/report.zip'), { dispatcher });
      const got: string[][] = [];
      for await (const r of parseDelimited(unzipSingle(body))) got.push(r);
      expect(got).toHaveLength(CSV_LINES + 1);
    } finally {
      await dispatcher.close();
    }
  });

  it('rejects a URL that is not http(s)', async () => {
    const e = (await openDownload('file:///etc/passwd').catch((x: unknown) => x)) as DownloadError;
    expect(e.reason).toBe('bad-url');
  });

  it('reports malformed CSV as a DownloadError "bad-file"', async () => {
    const bad = async function* () {
      yield Buffer.from('"a","b\n"c');
    };
    const e = (await collectRows(parseDelimited(bad())).catch((x: unknown) => x)) as DownloadError;
    expect(e).toBeInstanceOf(DownloadError);
    expect(e.reason).toBe('bad-file');
  });

  it('hands over the records before a malformed line, then fails naming it', async () => {
    const chunks = async function* () {
      yield Buffer.from('"a","b"\n"1","2"\n');
      yield Buffer.from('"3","4"\n"5" x,"6"\n"7","8"\n');
    };
    const seen: string[][] = [];
    const e = await (async () => {
      for await (const r of parseDelimited(chunks())) seen.push(r);
    })().catch((x: unknown) => x);
    expect(seen).toEqual([
      ['a', 'b'],
      ['1', '2'],
      ['3', '4'],
    ]);
    expect(e).toBeInstanceOf(DownloadError);
    expect((e as DownloadError).message).toMatch(/line 4/);
  });

  it('reads records split across chunks anywhere, and a last line without a line break', async () => {
    const text = '"id","note"\r\n"1","two\nlines, and ""quotes"""\r\n\r\n"2",""\r\n"3","end"';
    for (let cut = 1; cut < text.length; cut += 3) {
      const chunks = async function* () {
        yield Buffer.from(text.slice(0, cut));
        yield Buffer.from(text.slice(cut));
      };
      expect(await collectRows(parseDelimited(chunks()))).toEqual([
        ['id', 'note'],
        ['1', 'two\nlines, and "quotes"'],
        ['2', ''],
        ['3', 'end'],
      ]);
    }
  });

  it('fails on a quote left open at the end of the file', async () => {
    const open = async function* () {
      yield Buffer.from('"a","b"\n"1","2');
    };
    const e = await collectRows(parseDelimited(open())).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(DownloadError);
    expect((e as DownloadError).reason).toBe('bad-file');
  });

  it('parses TSV with literal quote characters', async () => {
    const tsv = async function* () {
      yield 'a\t"b\tc\n1\t2"\t3\n';
    };
    expect(await collectRows(parseDelimited(tsv(), { delimiter: '\t' }))).toEqual([
      ['a', '"b', 'c'],
      ['1', '2"', '3'],
    ]);
  });
});

async function collectRows(source: AsyncIterable<string[]>): Promise<string[][]> {
  const out: string[][] = [];
  for await (const r of source) out.push(r);
  return out;
}
