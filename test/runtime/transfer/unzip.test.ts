import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { DownloadError } from '../../../runtime/src/transfer/errors.js';
import { unzipSingle, zipSingle, type ZipEntryInfo } from '../../../runtime/src/transfer/unzip.js';
import { chunked, collect } from './file-server.js';

const text = Buffer.from(
  Array.from({ length: 5_000 }, (_, i) => `"${i}","row ${i}","${(i * 7) % 1000}"\r\n`).join(''),
);

async function failureOf(run: Promise<unknown>): Promise<DownloadError> {
  const error = await run.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DownloadError);
  return error as DownloadError;
}

describe('unzipSingle', () => {
  it('reads a stored (uncompressed) entry as well as a deflated one', async () => {
    const stored = zipSync({ 'report.csv': [text, { level: 0 }] });
    expect(new DataView(stored.buffer).getUint16(8, true)).toBe(0); // method 0: stored
    const entries: ZipEntryInfo[] = [];
    const out = await collect(unzipSingle(chunked(stored, 777), (e) => entries.push(e)));
    expect(out.equals(text)).toBe(true);
    expect(entries).toEqual([{ name: 'report.csv', size: text.length }]);
  });

  it('yields the first entry only when the archive holds two', async () => {
    const archive = zipSync({ 'first.csv': text, 'second.csv': Buffer.from('not this') });
    const entries: string[] = [];
    const out = await collect(unzipSingle(chunked(archive, 1000), (e) => entries.push(e.name)));
    expect(out.equals(text)).toBe(true);
    expect(entries).toEqual(['first.csv']);
  });

  it('turns corrupt deflate data into a "bad-archive" DownloadError', async () => {
    const archive = Buffer.from(await collect(zipSingle('report.csv', chunked(text, 4096))));
    // Past the 30-byte local header and the name: the deflate stream itself.
    const data = 30 + 'report.csv'.length;
    for (let i = data + 10; i < data + 200; i++) archive[i] = 0xff;
    const error = await failureOf(collect(unzipSingle(chunked(archive, 512))));
    expect(error.reason).toBe('bad-archive');
    expect(error.message).toMatch(/corrupt/);
  });

  it('says when the archive ends inside its entry', async () => {
    const archive = await collect(zipSingle('report.csv', chunked(text, 4096)));
    const error = await failureOf(collect(unzipSingle(chunked(archive.subarray(0, 300), 100))));
    expect(error.reason).toBe('bad-archive');
    expect(error.message).toMatch(/ended before the end of report\.csv/);
  });

  it('inflates only as the reader pulls, in bounded pieces (a zip bomb stays small)', async () => {
    // 64 MB of one byte: deflate shrinks it about a thousandfold.
    const bomb = zipSync({ 'bomb.csv': new Uint8Array(64 * 1024 * 1024).fill(0x41) });
    expect(bomb.length).toBeLessThan(200_000);
    let sourceBytes = 0;
    async function* counted(): AsyncGenerator<Uint8Array> {
      for await (const chunk of chunked(bomb, 16 * 1024)) {
        sourceBytes += chunk.length;
        yield chunk;
      }
    }
    const reader = unzipSingle(counted());
    let inflated = 0;
    let largest = 0;
    for await (const piece of reader) {
      inflated += piece.length;
      largest = Math.max(largest, piece.length);
      if (inflated >= 1024 * 1024) break;
    }
    // One 16 KB read of the archive is enough for the first megabyte: nothing more was read,
    // and nothing was inflated ahead of the reader in a large buffer.
    expect(sourceBytes).toBe(16 * 1024);
    expect(largest).toBeLessThanOrEqual(64 * 1024);
  });
});
