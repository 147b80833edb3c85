import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { AdsError, TransportError } from '@adsgen/runtime';
import { DeadlineExceededError, TransferScope, openDownload } from '@adsgen/runtime/transfer';

describe('@adsgen/runtime/transfer as built', () => {
  it('shares the error classes of the main entry (one hierarchy, instanceof holds)', async () => {
    expect(new DeadlineExceededError('x', 'poll', 1)).toBeInstanceOf(AdsError);
    const controller = new AbortController();
    controller.abort();
    const e = new TransferScope('x', undefined, controller.signal).translate(new Error('abort'));
    expect(e).toBeInstanceOf(TransportError);
    const aborted = await openDownload('http://127.0.0.1:9/x', { signal: controller.signal }).catch(
      (x: unknown) => x,
    );
    expect(aborted).toBeInstanceOf(TransportError);
  });

  it('does not bundle a second copy of the error module', async () => {
    const bundle = await readFile(
      fileURLToPath(new URL('../../../runtime/dist/transfer/index.js', import.meta.url)),
      'utf8',
    );
    expect(bundle).not.toMatch(/class (AdsError|TransportError|ThrottledError)\b/);
  });

  it('is not loaded by the main entry', async () => {
    const main = await readFile(
      fileURLToPath(new URL('../../../runtime/dist/index.js', import.meta.url)),
      'utf8',
    );
    expect(main).not.toMatch(/fflate|papaparse|csv-stringify/);
  });
});
