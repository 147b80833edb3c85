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

/** The base chain of an object type, nearest first (`ResponsiveSearchAd` → [`Ad`]). */
export function baseChain(index: Map<string, ServiceType>, type: ObjectType): ObjectType[] {
  const chain: ObjectType[] = [];
  const seen = new Set<string>([type.name]);
  let current: ObjectType | undefined = type;
  while (current?.base) {
    const base = index.get(current.base);
    if (!base || base.kind !== 'object' || seen.has(base.name)) break;
    seen.add(base.name);
    chain.push(base);
    current = base;
  }
  return chain;
}

/** Inherited fields first (root's first), then own fields: the order SOAP puts them on the wire. */
export function allFields(index: Map<string, ServiceType>, type: ObjectType): Field[] {
  const chain = baseChain(index, type).reverse();
  return [...chain.flatMap((t) => t.fields), ...type.fields];
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
