import { namedTarget } from '../model/helpers.ts';
import type { ServiceType } from '../model/types.ts';
import type { Surface } from './surface.ts';

/**
 * Pairs types that exist on one side only but are the same type under another name, so the
 * diff reports one rename instead of a removal plus an addition (plus a type change on every
 * field that refers to them). Two ways to recognise one:
 * 1. The generic spelling: WSDL `KeyValuePairOfstringstring` / `KeyValueEntityOflongint` and the
 *    REST SDKs' `KeyValuePairOfstringAndstring` / `KeyValueEntityOflongAndint` (and
 *    `base64Binary` → `ByteArray`). Compared on `genericKey`.
 * 2. The place: a field present on both sides refers to X (from only) and Y (to only), and X and
 *    Y have the same shape (same field names, or same enum values, ignoring case).
 * Returns from-name → to-name, in the order found (deterministic).
 */
export function findRenames(from: Surface, to: Surface): Map<string, string> {
  const renames = new Map<string, string>();
  const fromOnly = onlyIn(from, to);
  const toOnly = onlyIn(to, from);
  const taken = new Set<string>();
  const pair = (a: string, b: string): void => {
    renames.set(a, b);
    taken.add(b);
  };

  const byKey = new Map<string, string[]>();
  for (const name of toOnly)
    byKey.set(genericKey(name), [...(byKey.get(genericKey(name)) ?? []), name]);
  for (const name of fromOnly) {
    const matches = byKey.get(genericKey(name)) ?? [];
    const match = matches.length === 1 ? matches[0] : undefined;
    if (match && !taken.has(match) && sameShape(from.index.get(name), to.index.get(match)))
      pair(name, match);
  }

  // Place-based pairing, repeated because a pair found inside a paired type reveals more.
  let found = true;
  while (found) {
    found = false;
    for (const toType of to.model.types) {
      if (toType.kind !== 'object' || !to.reachable.has(toType.name)) continue;
      const fromName = [...renames].find(([, t]) => t === toType.name)?.[0] ?? toType.name;
      const fromType = from.index.get(fromName);
      if (fromType?.kind !== 'object') continue;
      for (const tf of toType.fields) {
        const ff = fromType.fields.find((f) => f.name.toLowerCase() === tf.name.toLowerCase());
        const a = ff && namedTarget(ff.type);
        const b = namedTarget(tf.type);
        if (!a || !b || renames.has(a) || taken.has(b) || !fromOnly.has(a) || !toOnly.has(b))
          continue;
        if (!sameShape(from.index.get(a), to.index.get(b))) continue;
        pair(a, b);
        found = true;
      }
    }
  }
  return renames;
}

/** Reachable non-alias types of `a` that `b` does not declare at all. */
function onlyIn(a: Surface, b: Surface): Set<string> {
  const out = new Set<string>();
  for (const t of a.model.types) {
    if (t.kind !== 'alias' && a.reachable.has(t.name) && !b.index.has(t.name)) out.add(t.name);
  }
  return out;
}

/** Name with generic-argument spelling differences removed (`KeyValuePairOfstringAndstring` → `keyvaluepairofstringstring`). */
export function genericKey(name: string): string {
  const at = name.indexOf('Of');
  if (at < 0) return name.toLowerCase();
  const args = name
    .slice(at + 2)
    .replace(/And(?=[A-Za-z])/g, '')
    .replace(/base64Binary/gi, 'ByteArray');
  return (name.slice(0, at + 2) + args).toLowerCase();
}

function sameShape(a: ServiceType | undefined, b: ServiceType | undefined): boolean {
  if (!a || !b || a.kind !== b.kind) return false;
  const norm = (xs: string[]): string =>
    [...new Set(xs.map((x) => x.toLowerCase()))].sort().join('\n');
  if (a.kind === 'object' && b.kind === 'object') {
    return norm(a.fields.map((f) => f.name)) === norm(b.fields.map((f) => f.name));
  }
  if (a.kind === 'enum' && b.kind === 'enum') return norm(a.values) === norm(b.values);
  return false;
}
