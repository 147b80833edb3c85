import type { Protocol, ServiceModel } from '../model/types.ts';
import type { RefContext } from './refs.ts';
import { findRenames } from './renames.ts';
import { buildSurface, type Surface } from './surface.ts';
import { KIND_CATEGORY, type Change, type ChangeKind } from './types.ts';

/** Everything the comparers share: both surfaces, the renames, and the list changes go to. */
export interface DiffContext extends RefContext {
  from: Surface;
  to: Surface;
  fromProtocol: Protocol;
  toProtocol: Protocol;
  /** to-name → from-name, the inverse of `renames`. */
  renamedFrom: Map<string, string>;
  changes: Change[];
}

export function createContext(from: ServiceModel, to: ServiceModel): DiffContext {
  const fromSurface = buildSurface(from);
  const toSurface = buildSurface(to);
  const renames = findRenames(fromSurface, toSurface);
  return {
    from: fromSurface,
    to: toSurface,
    fromIndex: fromSurface.index,
    toIndex: toSurface.index,
    renames,
    renamedFrom: new Map([...renames].map(([a, b]) => [b, a])),
    crossProtocol: from.protocol !== to.protocol,
    fromProtocol: from.protocol,
    toProtocol: to.protocol,
    changes: [],
  };
}

/** A change with its category filled in from the kind. */
export function change(
  kind: ChangeKind,
  breaking: boolean,
  message: string,
  where: Partial<Pick<Change, 'operation' | 'type' | 'field' | 'from' | 'to'>> = {},
): Change {
  // Fixed key order keeps the JSON output byte-stable.
  return {
    kind,
    category: KIND_CATEGORY[kind],
    breaking,
    ...(where.operation !== undefined ? { operation: where.operation } : {}),
    ...(where.type !== undefined ? { type: where.type } : {}),
    ...(where.field !== undefined ? { field: where.field } : {}),
    ...(where.from !== undefined ? { from: where.from } : {}),
    ...(where.to !== undefined ? { to: where.to } : {}),
    message,
  };
}

/** Protocol names as people write them. */
export function protocolLabel(p: Protocol): string {
  return p === 'soap' ? 'SOAP' : 'REST';
}
