import { operationFault } from '../faults/api-fault.ts';
import type { Entity } from './store.ts';

export interface Predicate {
  Field?: string | null;
  Operator?: string;
  Value?: string | null;
}
export interface OrderBy {
  Field?: string;
  Order?: string;
}
export interface Paging {
  Index?: number;
  Size?: number;
}

/** Maps a predicate/ordering field name to how an entity is read for it. */
export type FieldMap = Record<string, (e: Entity) => unknown>;

const MAX_PAGE_SIZE = 1000;

/**
 * Filters, orders and pages entities as the Search* operations do: every predicate must hold
 * (AND); `In` takes a comma-separated list; ordering is lexicographic over the OrderBy list
 * (ids and numbers compare numerically, through BigInt so ids above 2^53 stay exact); paging
 * is zero-based pages of `Size` (1..1000).
 */
export function search(
  items: Entity[],
  fields: FieldMap,
  predicates: Predicate[] | null | undefined,
  ordering: OrderBy[] | null | undefined,
  paging: Paging | null | undefined,
): Entity[] {
  let out = items.filter((e) => (predicates ?? []).every((p) => matches(e, fields, p)));
  const orders = ordering ?? [];
  if (orders.length) {
    out = [...out].sort((a, b) => {
      for (const o of orders) {
        const read = fieldReader(fields, o.Field ?? '');
        const c = compare(read(a), read(b));
        if (c !== 0) return o.Order === 'Descending' ? -c : c;
      }
      return 0;
    });
  }
  if (paging) {
    const size = paging.Size ?? MAX_PAGE_SIZE;
    const index = paging.Index ?? 0;
    if (size < 1 || size > MAX_PAGE_SIZE || index < 0) {
      throw operationFault(
        606,
        'InvalidParameters',
        `PageInfo must have 0 <= Index and 1 <= Size <= ${MAX_PAGE_SIZE}.`,
      );
    }
    out = out.slice(index * size, index * size + size);
  }
  return out;
}

function fieldReader(fields: FieldMap, name: string): (e: Entity) => unknown {
  const f = fields[name];
  if (!f)
    throw operationFault(
      606,
      'InvalidParameters',
      `Unsupported predicate or ordering field '${name}'.`,
    );
  return f;
}

function matches(e: Entity, fields: FieldMap, p: Predicate): boolean {
  const actual = fieldReader(fields, p.Field ?? '')(e);
  const want = p.Value ?? '';
  const s = actual === null || actual === undefined ? '' : String(actual);
  switch (p.Operator) {
    case 'Equals':
      return s.toLowerCase() === want.toLowerCase();
    case 'NotEquals':
      return s.toLowerCase() !== want.toLowerCase();
    case 'Contains':
      return s.toLowerCase().includes(want.toLowerCase());
    case 'NotContains':
      return !s.toLowerCase().includes(want.toLowerCase());
    case 'StartsWith':
      return s.toLowerCase().startsWith(want.toLowerCase());
    case 'In':
      return want
        .split(',')
        .map((v) => v.trim().toLowerCase())
        .includes(s.toLowerCase());
    case 'GreaterThanEquals':
      return compare(actual, want) >= 0;
    case 'LessThanEquals':
      return compare(actual, want) <= 0;
    default:
      throw operationFault(
        606,
        'InvalidParameters',
        `Unsupported predicate operator '${String(p.Operator)}'.`,
      );
  }
}

const INTEGER = /^-?\d+$/;

function compare(a: unknown, b: unknown): number {
  const sa = a === null || a === undefined ? '' : String(a);
  const sb = b === null || b === undefined ? '' : String(b);
  if (INTEGER.test(sa) && INTEGER.test(sb)) {
    const x = BigInt(sa);
    const y = BigInt(sb);
    return x < y ? -1 : x > y ? 1 : 0;
  }
  return sa < sb ? -1 : sa > sb ? 1 : 0;
}
