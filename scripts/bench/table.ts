import type { BenchResult } from './stats.ts';

/** The results as a fixed-width table: one line per row, the metric name wrapped below when long. */
export function formatTable(rows: readonly BenchResult[]): string {
  const head = [
    '',
    'ours',
    'baseline',
    'unit',
    'ratio',
    'target',
    'met',
    'peak RSS MB ours/baseline',
  ];
  const body = rows.map((r) => [
    r.informational ? '·' : '*',
    fmt(r.ours),
    `${fmt(r.baseline)} ${r.baselineName}`,
    r.unit,
    fmt(r.ratio),
    `${r.better === 'lower' ? '<=' : '>='} ${r.target}`,
    r.met ? 'yes' : 'NO',
    r.peakRssMB ? `${fmt(r.peakRssMB.ours)} / ${fmt(r.peakRssMB.baseline)}` : '',
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((cells) => cells[i]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === 0 || i >= 3 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!)))
      .join('  ')
      .trimEnd();
  const out = [line(head), widths.map((w) => '-'.repeat(w)).join('  ')];
  rows.forEach((r, i) => {
    out.push(`${r.metric}`);
    out.push(line(body[i]!));
  });
  out.push(
    '',
    '* a target from the issue   · reported (the issue sets no target of its own; held to the same one)',
  );
  return out.join('\n');
}

function fmt(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  if (Math.abs(n) >= 1000) return Math.round(n).toLocaleString('en-US');
  if (Math.abs(n) >= 100) return n.toFixed(0);
  if (Math.abs(n) >= 10) return n.toFixed(1);
  return n.toFixed(Math.abs(n) >= 1 ? 2 : 3);
}
