import type { ChangeCategory, DiffReport, DiffSide } from './types.ts';

/** What the renderers say about each category, in the totals. */
export const CATEGORY_TITLES: Readonly<Record<ChangeCategory, string>> = {
  transport: 'Transport (headers, endpoints, faults, encoding)',
  operation: 'Operations',
  type: 'Types',
  field: 'Fields',
  enum: 'Enum values',
  polymorphism: 'Polymorphism (subtypes, discriminators)',
  wire: 'Wire representation (no data change)',
};

/** `SOAP`, `REST`, or the label the command gave plus the protocol (`v13.0.24 (SOAP)`). */
export function sideName(side: DiffSide): string {
  const proto = side.protocol === 'soap' ? 'SOAP' : 'REST';
  return side.label === side.protocol ? proto : `${side.label} (${proto})`;
}

/** `customer-management: SOAP → REST`. */
export function reportTitle(report: DiffReport): string {
  return `${report.to.service}: ${sideName(report.from)} → ${sideName(report.to)}`;
}

/** One line about a compared file. */
export function describeSide(side: DiffSide): string {
  const sha = side.sha256 ? `, sha256 ${side.sha256.slice(0, 12)}` : '';
  return `${sideName(side)}: ${side.file} (${side.name}${sha})`;
}

/** Whether the operation table is worth a column for SOAP actions / REST paths. */
export function addressColumns(report: DiffReport): { soap: boolean; rest: boolean } {
  return {
    soap: report.operations.some((o) => o.soapAction !== undefined),
    rest: report.operations.some((o) => o.rest !== undefined),
  };
}

export const BREAKING_NOTE =
  'Breaking: a client written against the first spec must change to work against the second. ' +
  'Transport items are breaking for hand-written clients; the adsgen runtime makes them for its users. ' +
  'Wire items change how a value is written, not the value.';
