import { describe, expect, it } from 'vitest';
import { RingBody, type BodySource } from '../../../runtime/src/transfer/ring-body.js';

/** A source that records what the ring asks of it. */
function recordingSource(): BodySource & { calls: string[]; reasons: Error[] } {
  const calls: string[] = [];
  const reasons: Error[] = [];
  return {
    calls,
    reasons,
    pause: () => calls.push('pause'),
    resume: () => calls.push('resume'),
    abort: (reason) => {
      calls.push('abort');
      reasons.push(reason);
    },
  };
}

/** Deterministic bytes: position i holds i mod 251 (a prime, so no piece boundary aligns). */
function bytes(from: number, length: number): Uint8Array {
  return Uint8Array.from({ length }, (_, i) => (from + i) % 251);
}

describe('RingBody', () => {
  it('hands over every byte in order, in owned pieces of at most 4 KB', async () => {
    const source = recordingSource();
    const body = new RingBody(source);
    const sent: Uint8Array[] = [];
    let at = 0;
    for (const size of [1, 4095, 4097, 70_000, 3, 30_000]) {
      const chunk = bytes(at, size);
      sent.push(chunk);
      body.push(chunk);
      at += size;
    }
    body.end();
    const pieces: Uint8Array[] = [];
    for await (const piece of body) pieces.push(piece);
    expect(Math.max(...pieces.map((p) => p.length))).toBeLessThanOrEqual(4096);
    expect(Buffer.concat(pieces).equals(Buffer.concat(sent))).toBe(true);
    // Copies: overwriting what was pushed does not change what was handed over.
    for (const chunk of sent) chunk.fill(0);
    expect(Buffer.concat(pieces).equals(Buffer.from(bytes(0, at)))).toBe(true);
    expect(source.calls).not.toContain('abort');
  });

  it('pauses the source when less than 64 KB is free, and resumes it at half full', async () => {
    const source = recordingSource();
    const body = new RingBody(source);
    body.push(bytes(0, 192 * 1024)); // 64 KB left free: not yet
    expect(source.calls).toEqual([]);
    body.push(bytes(192 * 1024, 1)); // one byte more
    expect(source.calls).toEqual(['pause']);

    const reader = body[Symbol.asyncIterator]();
    let taken = 0;
    while (source.calls.length === 1) {
      const { value } = await reader.next();
      taken += value!.length;
    }
    expect(source.calls).toEqual(['pause', 'resume']);
    // Resumed once no more than 128 KB was left unread.
    expect(192 * 1024 + 1 - taken).toBeLessThanOrEqual(128 * 1024);
    expect(192 * 1024 + 1 - taken).toBeGreaterThan(124 * 1024);
    await reader.return(undefined);
  });

  it('keeps what arrives past a full ring, in order, and resumes only once it is taken in', async () => {
    const source = recordingSource();
    const body = new RingBody(source);
    // The source keeps sending after pause (a socket read in flight): 400 KB in 100 KB chunks.
    const total = 400 * 1024;
    for (let at = 0; at < total; at += 100 * 1024) body.push(bytes(at, 100 * 1024));
    body.end();
    expect(source.calls).toEqual(['pause']);
    const pieces: Uint8Array[] = [];
    for await (const piece of body) pieces.push(piece);
    expect(Buffer.concat(pieces).equals(Buffer.from(bytes(0, total)))).toBe(true);
    expect(source.calls).toEqual(['pause', 'resume']);
  });

  it('throws a failure at once, before the bytes read ahead', async () => {
    const body = new RingBody(recordingSource());
    body.push(bytes(0, 10_000));
    const reader = body[Symbol.asyncIterator]();
    expect((await reader.next()).value).toHaveLength(4096);
    const reset = Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
    body.fail(reset);
    body.fail(new Error('a later failure')); // the first one counts
    await expect(reader.next()).rejects.toBe(reset);
  });

  it('wakes a reader waiting for bytes when they come, when the body ends and when it fails', async () => {
    const body = new RingBody(recordingSource());
    const reader = body[Symbol.asyncIterator]();
    const next = reader.next();
    setTimeout(() => body.push(bytes(0, 10)), 5);
    expect((await next).value).toEqual(bytes(0, 10));
    const last = reader.next();
    setTimeout(() => body.end(), 5);
    expect((await last).done).toBe(true);

    const failing = new RingBody(recordingSource());
    const waiting = failing[Symbol.asyncIterator]().next();
    const error = new Error('aborted');
    setTimeout(() => failing.fail(error), 5);
    await expect(waiting).rejects.toBe(error);
  });

  it('aborts the source and runs onDone when the reader leaves early; only onDone otherwise', async () => {
    const early = recordingSource();
    let earlyDone = 0;
    const body = new RingBody(early, () => earlyDone++);
    body.push(bytes(0, 20_000));
    for await (const piece of body) {
      expect(piece.length).toBe(4096);
      break;
    }
    expect(early.calls).toEqual(['abort']);
    expect(early.reasons[0]!.message).toMatch(/reader stopped/);
    expect(earlyDone).toBe(1);

    const full = recordingSource();
    let fullDone = 0;
    const whole = new RingBody(full, () => fullDone++);
    whole.push(bytes(0, 100));
    whole.end();
    for await (const piece of whole) expect(piece).toHaveLength(100);
    expect(full.calls).toEqual([]);
    expect(fullDone).toBe(1);

    const failed = recordingSource();
    let failedDone = 0;
    const broken = new RingBody(failed, () => failedDone++);
    broken.fail(new Error('reset'));
    await expect(broken[Symbol.asyncIterator]().next()).rejects.toThrow('reset');
    expect(failed.calls).toEqual([]); // a failed source is not aborted again
    expect(failedDone).toBe(1);
  });
});
