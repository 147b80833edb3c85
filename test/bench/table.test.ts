import { describe, expect, it } from 'vitest';
import { result } from '../../scripts/bench/stats.ts';
import { formatTable } from '../../scripts/bench/table.ts';

describe('formatTable', () => {
  it('prints every metric with its numbers, ratio, target and verdict', () => {
    const text = formatTable([
      result('generation: all', 900, 1000, 'wsdl-tsclient', 'ms', 'lower', 1.0),
      result('codec SOAP: GetUser', 2000, 1000, 'soap', 'calls/s', 'higher', 3.0, {
        informational: true,
      }),
    ]);
    const lines = text.split('\n');
    expect(lines).toContain('generation: all');
    const gen = lines[lines.indexOf('generation: all') + 1]!;
    expect(gen).toMatch(/^\*\s+900\s+1,000 wsdl-tsclient\s+ms\s+0\.900\s+<= 1\s+yes/);
    const codec = lines[lines.indexOf('codec SOAP: GetUser') + 1]!;
    expect(codec).toMatch(/^·\s+2,000\s+1,000 soap\s+calls\/s\s+2\.00\s+>= 3\s+NO/);
  });

  it('shows the peak RSS medians where a row has them', () => {
    const text = formatTable([
      result('memory', 10, 20, 'soap', 'MB', 'lower', 0.5, {
        peakRssKB: { ours: [51200], baseline: [102400] },
      }),
    ]);
    expect(text.split('\n')[3]).toMatch(/yes\s+50\.0 \/ 100$/);
  });
});
