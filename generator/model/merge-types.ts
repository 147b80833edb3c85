/**
 * Type-level merging (rules in merge.ts): a type of either or both specs becomes one merged
 * type, its fields matched by name (and, for unified twins, by name ignoring case); then
 * every member of a polymorphic family gets its `Type` literal.
 */
import { mergeField } from './merge-fields.ts';
import type {
  MergedEnumType,
  MergedField,
  MergedObjectType,
  MergedType,
  Protocols,
} from './merged-model.ts';
import type { EnumType, Field, ObjectType, ServiceModel, ServiceType } from './types.ts';

const NO_TYPES: ReadonlyMap<string, ServiceType> = new Map();

export function protocolsOf(s: unknown, r: unknown): Protocols {
  return s && r ? 'both' : s ? 'soap' : 'rest';
}

/**
 * `unified`: the REST twin is a differently named type found to be the same (field names may
 * differ in case). `soapTypes`: the SOAP model's types by name, to recognise a field's
 * Key/Value item type (restMap); without it no field is a dictionary.
 */
export function mergeType(
  s: ServiceType | undefined,
  r: ServiceType | undefined,
  unified: boolean,
  soapTypes: ReadonlyMap<string, ServiceType> = NO_TYPES,
): MergedType {
  const protocols = protocolsOf(s, r);
  // A kind mismatch (object in one spec, enum in the other) keeps SOAP's structure.
  const primary = (s ?? r) as ServiceType;
  const other = r && r.kind === primary.kind && s ? r : undefined;
  switch (primary.kind) {
    case 'object':
      return mergeObject(
        primary,
        other as ObjectType | undefined,
        s ? (r?.kind === 'object' ? r : undefined) : primary,
        protocols,
        unified,
        soapTypes,
      );
    case 'enum': {
      const o = other as EnumType | undefined;
      const values = [...primary.values];
      const restOnly = o ? o.values.filter((v) => !primary.values.includes(v)) : [];
      values.push(...restOnly);
      const soapOnly = o ? primary.values.filter((v) => !o.values.includes(v)) : [];
      const merged: MergedEnumType = {
        ...primary,
        values,
        flags: primary.flags || !!o?.flags,
        protocols,
        soapOnlyValues: soapOnly,
        restOnlyValues: restOnly,
      };
      const doc = primary.doc ?? o?.doc;
      if (doc) merged.doc = doc;
      return merged;
    }
    case 'alias':
      return { ...primary, protocols };
  }
}

/**
 * `primary` gives structure; `other` is the REST twin when both exist; `restSide` is the
 * REST view (the twin, or the type itself when it is REST-only) for polymorphism facts.
 */
function mergeObject(
  primary: ObjectType,
  other: ObjectType | undefined,
  restSide: ObjectType | undefined,
  protocols: Protocols,
  unified: boolean,
  soapTypes: ReadonlyMap<string, ServiceType>,
): MergedObjectType {
  const inBoth = protocols === 'both';
  const onlyProtocol: Protocols = protocols === 'rest' ? 'rest' : 'soap';
  const otherFields = new Map((other?.fields ?? []).map((f) => [f.name, f]));
  const otherByLower = new Map((other?.fields ?? []).map((f) => [f.name.toLowerCase(), f]));
  const used = new Set<Field>();
  const fields: MergedField[] = primary.fields.map((f) => {
    // Exact name first; a twin differing only in case counts when the types were unified.
    const twin =
      otherFields.get(f.name) ?? (unified ? otherByLower.get(f.name.toLowerCase()) : undefined);
    if (twin && !used.has(twin)) {
      used.add(twin);
      return mergeField(f, twin, soapTypes);
    }
    return {
      ...f,
      protocols: inBoth ? 'soap' : onlyProtocol,
      optional: inBoth || f.minOccurs === 0,
    };
  });
  for (const f of other?.fields ?? []) {
    if (!used.has(f)) fields.push({ ...f, protocols: 'rest', optional: true });
  }
  const merged: MergedObjectType = {
    ...primary,
    fields,
    abstract: restSide?.abstract ?? false,
    protocols,
  };
  const base = primary.base ?? other?.base;
  if (base) merged.base = base;
  const doc = primary.doc ?? other?.doc;
  if (doc) merged.doc = doc;
  if (restSide?.discriminator) merged.discriminator = restSide.discriminator;
  else delete merged.discriminator;
  if (restSide?.discriminatorValue !== undefined)
    merged.discriminatorValue = restSide.discriminatorValue;
  else delete merged.discriminatorValue;
  return merged;
}

/** Every type with a base, or with subtypes, is a family member: give it its `Type` literal. */
export function assignTypeValues(types: MergedType[], rest: ServiceModel | undefined): void {
  const byName = new Map(types.map((t) => [t.name, t]));
  const hasSubtypes = new Set<string>();
  for (const t of types)
    if (t.kind === 'object' && t.base && byName.has(t.base)) hasSubtypes.add(t.base);
  // Values REST mappings give, for types whose own discriminatorValue the reader left unset.
  const mapped = new Map<string, string>();
  for (const t of rest?.types ?? []) {
    if (t.kind !== 'object' || !t.discriminator) continue;
    for (const [value, name] of Object.entries(t.discriminator.mapping))
      if (!mapped.has(name)) mapped.set(name, value);
  }
  for (const t of types) {
    if (t.kind !== 'object') continue;
    const inFamily = (t.base !== undefined && byName.has(t.base)) || hasSubtypes.has(t.name);
    if (!inFamily || t.abstract) continue;
    t.typeValue = t.discriminatorValue ?? mapped.get(t.name) ?? t.name;
  }
}
