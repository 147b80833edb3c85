import type { MergedModel, MergedObjectType, MergedType } from '../model/merge.ts';
import { freeName } from './naming.ts';

/**
 * Polymorphic families as TypeScript sees them. For a type with subtypes the spec name is
 * the union of every concrete member (the type itself when concrete, and its descendants),
 * so a field typed with a base accepts exactly what may be sent and narrows on `Type`. Two
 * helper interfaces make that possible:
 * - `<Name>Fields`: the type's own and inherited fields without `Type`, which its subtypes
 *   extend (an interface with `Type: 'A'` cannot be extended by one with `Type: 'B'`).
 * - `<Name>Base`: the type "as itself" with its `Type` literal, when it is concrete. That is
 *   the name the REST SDKs give the concrete base (`BatchErrorBase`, which the OpenAPI
 *   reader folds into `BatchError`), so the name keeps its meaning.
 * Both names are checked against the model's names and made unique if taken.
 */
export interface FamilyInfo {
  /** Direct subtypes by base name, in model order. */
  readonly subtypes: ReadonlyMap<string, readonly MergedObjectType[]>;
  /** `<Name>Fields` of every type that has subtypes. */
  readonly fieldsName: ReadonlyMap<string, string>;
  /** The "as itself" interface of every concrete type that has subtypes. */
  readonly selfName: ReadonlyMap<string, string>;
  /** The discriminator property (`Type`). */
  readonly property: string;
  /** Every object type by name. */
  readonly objects: ReadonlyMap<string, MergedObjectType>;
}

export function analyzeFamilies(model: MergedModel): FamilyInfo {
  const objects = new Map<string, MergedObjectType>();
  for (const t of model.types) if (t.kind === 'object') objects.set(t.name, t);
  const subtypes = new Map<string, MergedObjectType[]>();
  for (const t of objects.values()) {
    if (!t.base || !objects.has(t.base)) continue;
    const list = subtypes.get(t.base) ?? [];
    list.push(t);
    subtypes.set(t.base, list);
  }
  const taken = new Set<string>(
    model.types.flatMap((t: MergedType) =>
      t.kind === 'object' && t.restName ? [t.name, t.restName] : [t.name],
    ),
  );
  const fieldsName = new Map<string, string>();
  const selfName = new Map<string, string>();
  let property = 'Type';
  for (const t of objects.values()) {
    if (t.discriminator) property = t.discriminator.property;
    if (!subtypes.has(t.name)) continue;
    const f = freeName(`${t.name}Fields`, taken);
    taken.add(f);
    fieldsName.set(t.name, f);
    if (t.typeValue !== undefined) {
      const s = freeName(`${t.name}Base`, taken);
      taken.add(s);
      selfName.set(t.name, s);
    }
  }
  return { subtypes, fieldsName, selfName, property, objects };
}

/** All descendants of a type, depth-first in model order. */
export function descendantsOf(info: FamilyInfo, name: string): MergedObjectType[] {
  const out: MergedObjectType[] = [];
  const seen = new Set<string>([name]);
  const walk = (n: string): void => {
    for (const child of info.subtypes.get(n) ?? []) {
      if (seen.has(child.name)) continue;
      seen.add(child.name);
      out.push(child);
      walk(child.name);
    }
  };
  walk(name);
  return out;
}

/** Whether a type takes part in a polymorphic family (has a base or subtypes). */
export function inFamily(info: FamilyInfo, t: MergedObjectType): boolean {
  return (t.base !== undefined && info.objects.has(t.base)) || info.subtypes.has(t.name);
}

/** The concrete members a value of type `name` may be: itself when concrete, then its concrete descendants. */
export function concreteMembers(info: FamilyInfo, name: string): MergedObjectType[] {
  const self = info.objects.get(name);
  if (!self) return [];
  return [self, ...descendantsOf(info, name)].filter((t) => t.typeValue !== undefined);
}

/** The interface naming a concrete member: its self interface when it has subtypes, else the type itself. */
export function memberInterface(info: FamilyInfo, t: MergedObjectType): string {
  return info.selfName.get(t.name) ?? t.name;
}

/** `Type` value → type name over a type and its descendants (the descriptor's `family`). */
export function familyMapping(info: FamilyInfo, name: string): Record<string, string> | undefined {
  if (!info.subtypes.has(name)) return undefined;
  const mapping: Record<string, string> = {};
  for (const t of concreteMembers(info, name)) {
    const value = t.typeValue as string;
    if (!Object.hasOwn(mapping, value)) mapping[value] = t.name;
  }
  return mapping;
}
