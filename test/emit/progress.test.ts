import { describe, expect, it } from 'vitest';
import { Progress } from '../../generator/emit/progress.ts';

describe('Progress', () => {
  it('rewrites one status line per service on a terminal and clears it at the end', () => {
    const written: string[] = [];
    const progress = new Progress(true, 6, { write: (t: string) => written.push(t) });
    progress.phase(0, 'customer-management', 'reading specs');
    progress.phase(1, 'campaign-management', 'emitting and compiling');
    progress.clear();
    progress.clear();
    expect(written).toEqual([
      '\r\x1b[2K[1/6] customer-management: reading specs',
      '\r\x1b[2K[2/6] campaign-management: emitting and compiling',
      '\r\x1b[2K',
    ]);
  });

  it('writes nothing off a terminal', () => {
    const written: string[] = [];
    const progress = new Progress(false, 6, { write: (t: string) => written.push(t) });
    progress.phase(0, 'bulk', 'reading specs');
    progress.clear();
    expect(written).toEqual([]);
  });
});
