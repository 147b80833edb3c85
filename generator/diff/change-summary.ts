import type { ServiceModel } from '../model/types.ts';
import { diffModels } from './compare.ts';
import { CATEGORIES } from './types.ts';

/**
 * The few lines `generate` prints for a service whose spec changed since the last generate
 * (the caller prints the service and protocol, then these lines indented): the counts, per
 * category, and the first `maxBreaking` breaking changes, so a spec update can be reviewed
 * before the new packages are used. The full report is `adsgen diff`.
 */
export function summarizeSpecChanges(
  previous: ServiceModel,
  next: ServiceModel,
  maxBreaking = 5,
): string[] {
  const report = diffModels(previous, next);
  const { summary } = report;
  if (report.changes.length === 0)
    return ['no surface changes (the file changed, the API surface did not)'];
  const perCategory = CATEGORIES.map((c) => [c, summary.byCategory[c]] as const)
    .filter(([, t]) => t.breaking + t.nonBreaking > 0)
    .map(([c, t]) => `${c} ${t.breaking + t.nonBreaking}`)
    .join(', ');
  const total = report.changes.length;
  const lines = [
    `${total} surface change${total === 1 ? '' : 's'}: ${summary.breaking} breaking, ${summary.nonBreaking} non-breaking (${perCategory})`,
  ];
  const breaking = report.changes.filter((c) => c.breaking);
  const limit = Math.max(0, maxBreaking);
  for (const c of breaking.slice(0, limit)) lines.push(`breaking: ${c.message}`);
  const rest = breaking.length - limit;
  if (rest > 0)
    lines.push(
      `… and ${rest} more breaking; see \`adsgen diff ${next.service} --from <old spec> --to <new spec>\``,
    );
  // A small update (a field or two added) is worth naming even when nothing breaks.
  const room = limit - Math.min(limit, breaking.length);
  for (const c of report.changes.filter((c) => !c.breaking).slice(0, room))
    lines.push(`non-breaking: ${c.message}`);
  return lines;
}
