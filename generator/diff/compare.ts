import type { ServiceModel } from '../model/types.ts';
import { compareOperations, compareStrings, operationRows } from './compare-operations.ts';
import { compareTypes } from './compare-types.ts';
import { createContext } from './context.ts';
import { compareTransport } from './transport.ts';
import {
  CATEGORIES,
  type Change,
  type ChangeCategory,
  type DiffReport,
  type DiffSide,
  type DiffSummary,
} from './types.ts';

/**
 * The surface diff of two models of one service, as seen by a client moving from `from` to
 * `to`: any two versions of a spec, same protocol or not. Pure: no I/O, the inputs are not
 * modified, and the result is deterministic (changes sorted, see `sortChanges`). A model
 * compared with itself gives no changes (transport items only appear across protocols).
 * What is compared and how each change is classified: ./types.ts.
 */
export function diffModels(from: ServiceModel, to: ServiceModel): DiffReport {
  const ctx = createContext(from, to);
  compareTransport(ctx);
  compareOperations(ctx);
  compareTypes(ctx);
  const changes = sortChanges(ctx.changes);
  return {
    formatVersion: 1,
    from: side(from),
    to: side(to),
    summary: summarize(changes),
    operations: operationRows(ctx),
    changes,
  };
}

function side(model: ServiceModel): DiffSide {
  return {
    service: model.service,
    protocol: model.protocol,
    name: model.name,
    file: model.source.file,
    ...(model.source.sha256 ? { sha256: model.source.sha256 } : {}),
    label: model.protocol,
  };
}

export function summarize(changes: readonly Change[]): DiffSummary {
  const byCategory = Object.fromEntries(
    CATEGORIES.map((c) => [c, { breaking: 0, nonBreaking: 0 }]),
  ) as DiffSummary['byCategory'];
  for (const c of changes) {
    if (c.breaking) byCategory[c.category].breaking++;
    else byCategory[c.category].nonBreaking++;
  }
  const breaking = changes.filter((c) => c.breaking).length;
  return { breaking, nonBreaking: changes.length - breaking, byCategory };
}

const CATEGORY_RANK = new Map<ChangeCategory, number>(CATEGORIES.map((c, i) => [c, i]));

/** Category order, then operation, type, field, kind, message: stable across runs and machines. */
export function sortChanges(changes: readonly Change[]): Change[] {
  return [...changes].sort(
    (a, b) =>
      CATEGORY_RANK.get(a.category)! - CATEGORY_RANK.get(b.category)! ||
      compareStrings(a.operation ?? '', b.operation ?? '') ||
      compareStrings(a.type ?? '', b.type ?? '') ||
      compareStrings(a.field ?? '', b.field ?? '') ||
      compareStrings(a.kind, b.kind) ||
      compareStrings(a.message, b.message),
  );
}
