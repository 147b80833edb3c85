import { describe, expect, it } from 'vitest';
import {
  alternate,
  median,
  medianOf,
  result,
  round,
  timeProcess,
  withPeakRss,
} from '../../scripts/bench/stats.ts';

describe('median', () => {
  it('takes the middle of an odd count, whatever the order', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([9, 2, 7, 4, 100])).toBe(7);
  });

  it('averages the two middles of an even count', () => {
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([10, 20])).toBe(15);
  });

  it('does not reorder its input', () => {
    const values = [3, 1, 2];
    median(values);
    expect(values).toEqual([3, 1, 2]);
  });

  it('refuses an empty list', () => {
    expect(() => median([])).toThrow(RangeError);
  });
});

describe('result', () => {
  it('lower is better: ratio ours/baseline, met when at or under the target', () => {
    const r = result('gen', 800, 1000, 'wsdl-tsclient', 'ms', 'lower', 1.0);
    expect(r).toMatchObject({
      metric: 'gen',
      ours: 800,
      baseline: 1000,
      ratio: 0.8,
      better: 'lower',
      target: 1,
      met: true,
    });
    expect(result('gen', 1000, 1000, 'x', 'ms', 'lower', 1.0).met).toBe(true);
    const miss = result('gen', 1200, 1000, 'x', 'ms', 'lower', 1.0);
    expect(miss.ratio).toBe(1.2);
    expect(miss.met).toBe(false);
  });

  it('higher is better: met when at or over the target', () => {
    expect(result('codec', 300, 100, 'soap', 'calls/s', 'higher', 3.0)).toMatchObject({
      ratio: 3,
      met: true,
    });
    const miss = result('codec', 299, 100, 'soap', 'calls/s', 'higher', 3.0);
    expect(miss.ratio).toBe(2.99);
    expect(miss.met).toBe(false);
    expect(result('rest', 49, 100, 'json', 'calls/s', 'higher', 0.5).met).toBe(false);
  });

  it('judges the unrounded ratio, so rounding never turns a miss into a pass', () => {
    // 0.10004 rounds to 0.1 for display but is over a 0.1 target.
    const r = result('cold', 100.04, 1000, 'soap', 'ms', 'lower', 0.1);
    expect(r.ratio).toBe(0.1);
    expect(r.met).toBe(false);
  });

  it('a zero baseline gives no ratio and never meets the target', () => {
    const r = result('x', 5, 0, 'y', 'ms', 'lower', 1.0);
    expect(r.ratio).toBeNaN();
    expect(r.met).toBe(false);
  });

  it('carries the extras: informational flag, peak RSS medians in MB, runs, note', () => {
    const r = result('x', 1, 2, 'y', 'ms', 'lower', 1.0, {
      informational: true,
      peakRssKB: { ours: [1024, 3072, 2048], baseline: [10240] },
      runs: 5,
      note: 'why',
    });
    expect(r.informational).toBe(true);
    expect(r.peakRssMB).toEqual({ ours: 2, baseline: 10 });
    expect(r.runs).toBe(5);
    expect(r.note).toBe('why');
    expect(result('x', 1, 2, 'y', 'ms', 'lower', 1.0).informational).toBeUndefined();
  });
});

describe('round', () => {
  it('rounds to the given digits and leaves non-finite numbers alone', () => {
    expect(round(1.23456)).toBe(1.23);
    expect(round(1.23456, 3)).toBe(1.235);
    expect(round(Number.POSITIVE_INFINITY)).toBe(Number.POSITIVE_INFINITY);
  });
});

describe('alternate', () => {
  it('warms each contender up once, then runs them in turn, order flipped each round, and drops the warm-ups', async () => {
    const order: string[] = [];
    let a = 0;
    let b = 100;
    const samples = await alternate(3, {
      a: async () => {
        order.push('a');
        return a++;
      },
      b: async () => {
        order.push('b');
        return b++;
      },
    });
    expect(order).toEqual(['a', 'b', 'a', 'b', 'b', 'a', 'a', 'b']);
    expect(samples).toEqual({ a: [1, 2, 3], b: [101, 102, 103] });
  });
});

describe('medianOf', () => {
  it('drops the warm-up call and returns the median of the rest', async () => {
    const values = [1000, 5, 1, 3];
    let i = 0;
    expect(await medianOf(3, async () => values[i++]!)).toBe(3);
    expect(i).toBe(4);
  });
});

describe('withPeakRss', () => {
  it("reports the child's own peak, not the RSS of the process it was spawned from", async () => {
    // A parent far larger than a bare node: getrusage's maxRSS would count it in the child.
    const ballast = Buffer.alloc(256 * 2 ** 20, 1);
    const run = await timeProcess(process.execPath, withPeakRss('-e', '0'));
    expect(ballast[ballast.length - 1]).toBe(1);
    expect(run.peakRssKB).toBeGreaterThan(10 * 1024);
    expect(run.peakRssKB).toBeLessThan(128 * 1024);
  });
});
