import { baseChain as chainOf } from '../../runtime/src/wire-order.ts';
import type { Field, NamedRef, ObjectType, ServiceModel, ServiceType, TypeRef } from './types.ts';

/** Name → type index of a model. Build once per model; lookups are then O(1). */
export function typeIndex(model: ServiceModel): Map<string, ServiceType> {
  return new Map(model.types.map((t) => [t.name, t]));
}

export function named(name: string): NamedRef {
  return { kind: 'named', name };
}

/** The named type at the bottom of a ref (through arrays and map values), if any. */
export function namedTarget(ref: TypeRef): string | undefined {
  switch (ref.kind) {
    case 'named':
      return ref.name;
    case 'array':
      return namedTarget(ref.items);
    case 'map':
      return namedTarget(ref.values);
    case 'primitive':
      return undefined;
  }
}

/**
 * The base chain of an object type, nearest first (`ResponsiveSearchAd` → [`Ad`]): the
 * runtime's walk (runtime/src/wire-order.ts), which refuses a cycle.
 */
export function baseChain(index: Map<string, ServiceType>, type: ObjectType): ObjectType[] {
  return chainOf(type, objectLookup(index)).slice(0, -1).reverse();
}

/** Inherited fields first (root's first), then own fields: the order SOAP puts them on the wire. */
export function allFields(index: Map<string, ServiceType>, type: ObjectType): Field[] {
  return chainOf(type, objectLookup(index)).flatMap((t) => t.fields);
}

function objectLookup(index: Map<string, ServiceType>): (name: string) => ObjectType | undefined {
  return (name) => {
    const t = index.get(name);
    return t?.kind === 'object' ? t : undefined;
  };
}

/** Direct subtypes of every object type, in model order. */
export function subtypeIndex(model: ServiceModel): Map<string, ObjectType[]> {
  const subs = new Map<string, ObjectType[]>();
  for (const t of model.types) {
    if (t.kind !== 'object' || !t.base) continue;
    const list = subs.get(t.base) ?? [];
    list.push(t);
    subs.set(t.base, list);
  }
  return subs;
}

/** All descendants of a type (children, grandchildren, …), depth-first in model order. */
export function descendants(subs: Map<string, ObjectType[]>, name: string): ObjectType[] {
  const out: ObjectType[] = [];
  const walk = (n: string): void => {
    for (const child of subs.get(n) ?? []) {
      out.push(child);
      walk(child.name);
    }
  };
  walk(name);
  return out;
}

/** Every type name a ref mentions. */
export function refNames(ref: TypeRef, into: Set<string> = new Set()): Set<string> {
  const target = namedTarget(ref);
  if (target) into.add(target);
  return into;
}

/**
 * Human-readable rendering of a type ref, for messages and reports (`int64`,
 * `AdvertiserAccount[]`, `map<string, string>` for a JSON object map).
 */
export function formatRef(ref: TypeRef): string {
  switch (ref.kind) {
    case 'primitive':
      return ref.primitive;
    case 'named':
      return ref.name;
    case 'array':
      return `${formatRef(ref.items)}[]`;
    case 'map':
      return `map<string, ${formatRef(ref.values)}>`;
  }
}
