import { namedTarget } from './helpers.ts';
import type {
  AliasType,
  EnumType,
  Field,
  ObjectType,
  Operation,
  ServiceModel,
  ServiceType,
  SpecSource,
  TypeRef,
} from './types.ts';

/**
 * Merging the SOAP and REST models of one service into the one model its client is
 * generated from. Types, fields and operations are matched by name; what only one
 * protocol has is kept and labelled with that protocol.
 *
 * Decisions (the issue leaves them open):
 * - Order: SOAP order first (wire order matters there), then what only REST has, in REST order.
 * - Structure comes from SOAP: a field both protocols have keeps the SOAP type ref,
 *   namespace and occurrence (so `xs:decimal` stays decimal where REST says double, and the
 *   SOAP `KeyValuePairOfstringstring` wins over REST's `KeyValuePairOfstringAndstring`).
 *   The SOAP base wins when the two disagree on a base.
 * - Nullability is the union: a shared field is nullable when either spec allows null, so
 *   the TypeScript type never hides a null one protocol may return. Where REST alone does not
 *   allow null (the OpenAPI documents make no enum nullable; SOAP enums are often nillable),
 *   `restNullable: false` says so, and the REST encoder omits such a null.
 * - Array items are the exception, and follow REST: in a shared field (any array depth) items
 *   are nullable only when BOTH specs allow null items. DataContract marks every complex array
 *   item nillable, REST items never are, so `AdvertiserAccount[]` and not
 *   `(AdvertiserAccount | null)[]`; the SOAP encoder then refuses null items there, like the
 *   type does. The SOAP decoder still turns an `i:nil` item into null at run time (it does not
 *   read `itemNullable`): the type follows REST, not every XML the schema would allow. A
 *   SOAP-only field keeps the SOAP `itemNullable`.
 * - Optionality: a shared field is optional iff SOAP has minOccurs=0 AND REST does not list it
 *   as required. A field only one protocol has is always optional when the type exists in
 *   both (the other protocol never carries it); in a one-protocol type it follows that spec.
 * - Polymorphism comes from REST: abstract flags, discriminator mappings and values (the
 *   OpenAPI reader has already folded the `<Base>Base` artifacts into their bases). A type
 *   REST does not have is never abstract.
 * - Same type, two names: where a shared field's SOAP and REST types are differently named
 *   objects whose fields match pairwise ignoring case (SOAP `KeyValuePairOfstringstring`
 *   {key, value}, REST `KeyValuePairOfstringAndstring` {Key, Value}), they are one type under
 *   the SOAP name; the REST name is kept in `restName` (type and field) and exported as an alias.
 * - A REST-only field that a merged ancestor already has (REST sometimes declares on a
 *   subtype what SOAP declares on the base) is not repeated: the ancestor's field becomes
 *   `both`.
 */

export type Protocols = 'both' | 'soap' | 'rest';

export interface MergedField extends Field {
  protocols: Protocols;
  /** The REST property name when it differs from `name` (`Key` for SOAP's `key`). */
  restName?: string;
  /**
   * Whether REST allows null, present only when that differs from `nullable` (which is the
   * union of both specs): `false` on a shared field SOAP marks nillable and REST does not.
   */
  restNullable?: boolean;
  /** May be omitted (see the optionality rule above). */
  optional: boolean;
}

export interface MergedObjectType extends ObjectType {
  fields: MergedField[];
  protocols: Protocols;
  /**
   * Set on every member of a polymorphic family (a type with a base or with subtypes):
   * the literal its `Type` property carries. The REST discriminator value, else (a type REST
   * does not map) its own name. Absent for abstract types, which never appear as themselves.
   */
  typeValue?: string;
  /** The REST spec's name for this type when it differs (see "Same type, two names"). */
  restName?: string;
}

export interface MergedEnumType extends EnumType {
  protocols: Protocols;
  /** Values only one spec lists (the merged `values` has them all: SOAP order, then REST-only). */
  soapOnlyValues: string[];
  restOnlyValues: string[];
}

export interface MergedAliasType extends AliasType {
  protocols: Protocols;
}

export type MergedType = MergedObjectType | MergedEnumType | MergedAliasType;

export interface MergedOperation extends Operation {
  protocols: Protocols;
}

export interface MergedModel {
  service: string;
  /** SOAP service name (`CustomerManagementService`), else the REST title. */
  name: string;
  /** The WSDL targetNamespace. */
  namespace?: string;
  sources: { soap?: SpecSource; rest?: SpecSource };
  operations: MergedOperation[];
  types: MergedType[];
}

/** Merges the two models of one service. Either may be absent (a one-protocol service). */
export function mergeModels(
  soap: ServiceModel | undefined,
  rest: ServiceModel | undefined,
): MergedModel {
  const base = soap ?? rest;
  if (!base) throw new Error('mergeModels: no model given');
  const soapTypes = new Map((soap?.types ?? []).map((t) => [t.name, t]));
  const renamed = soap && rest ? findSameTypes(soap, rest) : new Map<string, string>();
  if (renamed.size > 0) rest = renameTypes(rest as ServiceModel, renamed);
  const restTypes = new Map((rest?.types ?? []).map((t) => [t.name, t]));

  const types: MergedType[] = [];
  const unified = new Set(renamed.values());
  for (const s of soap?.types ?? [])
    types.push(mergeType(s, restTypes.get(s.name), unified.has(s.name)));
  for (const r of rest?.types ?? [])
    if (!soapTypes.has(r.name)) types.push(mergeType(undefined, r, false));
  hoistRestFields(types);
  assignTypeValues(types, rest);

  const soapOps = new Set((soap?.operations ?? []).map((o) => o.name));
  const restOps = new Map((rest?.operations ?? []).map((o) => [o.name, o]));
  const operations: MergedOperation[] = [];
  for (const s of soap?.operations ?? []) operations.push(mergeOperation(s, restOps.get(s.name)));
  for (const r of rest?.operations ?? [])
    if (!soapOps.has(r.name)) operations.push(mergeOperation(undefined, r));

  const sources: MergedModel['sources'] = {};
  if (soap) sources.soap = soap.source;
  if (rest) sources.rest = rest.source;
  for (const [restName, soapName] of renamed) {
    const t = types.find((x) => x.name === soapName);
    if (t?.kind === 'object') t.restName = restName;
  }
  const merged: MergedModel = {
    service: base.service,
    name: soap?.name ?? base.name,
    sources,
    operations,
    types,
  };
  if (soap?.namespace) merged.namespace = soap.namespace;
  return merged;
}

function protocolsOf(s: unknown, r: unknown): Protocols {
  return s && r ? 'both' : s ? 'soap' : 'rest';
}

/** `unified`: the REST twin is a differently named type found to be the same (field names may differ in case). */
function mergeType(
  s: ServiceType | undefined,
  r: ServiceType | undefined,
  unified: boolean,
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
      return mergeField(f, twin);
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

function mergeField(s: Field, r: Field): MergedField {
  const merged: MergedField = {
    ...s,
    type: sharedItemNullability(s.type, r.type),
    nullable: s.nullable || r.nullable,
    protocols: 'both',
    optional: s.minOccurs === 0 && r.minOccurs === 0,
  };
  if (r.name !== s.name) merged.restName = r.name;
  setRestNullable(merged, r.nullable);
  const doc = s.doc ?? r.doc;
  if (doc) merged.doc = doc;
  return merged;
}

/**
 * The SOAP ref `s` with array items nullable only where the REST ref `r` allows null items
 * too, at every array depth (see the rule above). A REST ref that is not an array there
 * allows no null items. A SOAP ref that says nothing stays silent.
 */
function sharedItemNullability(s: TypeRef, r: TypeRef | undefined): TypeRef {
  if (s.kind !== 'array') return s;
  const twin = r?.kind === 'array' ? r : undefined;
  const merged = { ...s, items: sharedItemNullability(s.items, twin?.items) };
  if (s.itemNullable !== undefined)
    merged.itemNullable = s.itemNullable && twin?.itemNullable === true;
  return merged;
}

function mergeOperation(s: Operation | undefined, r: Operation | undefined): MergedOperation {
  const primary = (s ?? r) as Operation;
  const merged: MergedOperation = {
    ...primary,
    faults: [...primary.faults],
    protocols: protocolsOf(s, r),
  };
  if (s && r) {
    if (!merged.request && r.request) merged.request = r.request;
    if (!merged.response && r.response) merged.response = r.response;
    for (const f of r.faults) if (!merged.faults.includes(f)) merged.faults.push(f);
    if (r.rest) merged.rest = r.rest;
    if (!merged.doc && r.doc) merged.doc = r.doc;
  }
  return merged;
}

/** Every type with a base, or with subtypes, is a family member: give it its `Type` literal. */
function assignTypeValues(types: MergedType[], rest: ServiceModel | undefined): void {
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

/** REST-only fields a merged ancestor already declares are that ancestor's field, carried by both. */
function hoistRestFields(types: MergedType[]): void {
  const byName = new Map(types.map((t) => [t.name, t]));
  for (const t of types) {
    if (t.kind !== 'object' || !t.base) continue;
    t.fields = t.fields.filter((f) => {
      if (f.protocols !== 'rest') return true;
      const owner = findAncestorField(byName, t, f.name);
      if (!owner) return true;
      // REST's view of the field: the subtype's declaration, plus the owner's own REST twin if any.
      const restNullable =
        owner.protocols === 'soap'
          ? f.nullable
          : (owner.restNullable ?? owner.nullable) || f.nullable;
      if (owner.protocols === 'soap') {
        owner.protocols = 'both';
        owner.type = sharedItemNullability(owner.type, f.type);
      }
      owner.nullable ||= f.nullable;
      setRestNullable(owner, restNullable);
      return false;
    });
  }
}

/** Records REST's nullability on a field carried by REST, only where it differs from `nullable`. */
function setRestNullable(field: MergedField, restNullable: boolean): void {
  if (restNullable === field.nullable) delete field.restNullable;
  else field.restNullable = restNullable;
}

function findAncestorField(
  byName: Map<string, MergedType>,
  t: MergedObjectType,
  name: string,
): MergedField | undefined {
  const seen = new Set([t.name]);
  let current = t.base ? byName.get(t.base) : undefined;
  while (current && current.kind === 'object' && !seen.has(current.name)) {
    seen.add(current.name);
    const hit = current.fields.find((f) => f.name === name);
    if (hit) return hit;
    current = current.base ? byName.get(current.base) : undefined;
  }
  return undefined;
}

/**
 * REST type name → SOAP type name, for the pairs a shared field types differently in the two
 * specs while meaning the same object (fields equal pairwise ignoring case). A type that
 * exists under its own name in the other spec is never renamed.
 */
function findSameTypes(soap: ServiceModel, rest: ServiceModel): Map<string, string> {
  const soapTypes = new Map(soap.types.map((t) => [t.name, t]));
  const restTypes = new Map(rest.types.map((t) => [t.name, t]));
  const found = new Map<string, string>();
  for (const s of soap.types) {
    const r = restTypes.get(s.name);
    if (s.kind !== 'object' || r?.kind !== 'object') continue;
    for (const f of s.fields) {
      const g = r.fields.find((x) => x.name === f.name);
      const pair = g && parallelTargets(f.type, g.type);
      if (!pair || pair[0] === pair[1] || found.has(pair[1])) continue;
      const [soapName, restName] = pair;
      const a = soapTypes.get(soapName);
      const b = restTypes.get(restName);
      if (
        a?.kind !== 'object' ||
        b?.kind !== 'object' ||
        restTypes.has(soapName) ||
        soapTypes.has(restName)
      )
        continue;
      if (a.base || b.base || a.fields.length !== b.fields.length) continue;
      if (a.fields.every((x, i) => x.name.toLowerCase() === b.fields[i]?.name.toLowerCase()))
        found.set(restName, soapName);
    }
  }
  return found;
}

/** The named targets of two refs with the same array depth. */
function parallelTargets(a: TypeRef, b: TypeRef): [string, string] | undefined {
  if (a.kind === 'array' && b.kind === 'array') return parallelTargets(a.items, b.items);
  return a.kind === 'named' && b.kind === 'named' ? [a.name, b.name] : undefined;
}

function renameTypes(model: ServiceModel, renamed: Map<string, string>): ServiceModel {
  const rename = (name: string): string => renamed.get(name) ?? name;
  const ref = (r: TypeRef): TypeRef => {
    if (!namedTarget(r)) return r;
    if (r.kind === 'named') return { kind: 'named', name: rename(r.name) };
    return r.kind === 'array' ? { ...r, items: ref(r.items) } : r;
  };
  const types = model.types.map((t): ServiceType => {
    if (t.kind === 'alias') return { ...t, name: rename(t.name), target: ref(t.target) };
    if (t.kind === 'enum') return { ...t, name: rename(t.name) };
    return {
      ...t,
      name: rename(t.name),
      fields: t.fields.map((f) => ({ ...f, type: ref(f.type) })),
    };
  });
  const operations = model.operations.map((o): Operation => {
    const rest = o.rest && {
      ...o.rest,
      responses: o.rest.responses.map((x) => (x.type ? { ...x, type: ref(x.type) } : x)),
      faults: o.rest.faults.map((x) => (x.type ? { ...x, type: ref(x.type) } : x)),
    };
    const copy: Operation = { ...o, faults: o.faults.map(rename) };
    if (rest) copy.rest = rest;
    if (o.request) copy.request = rename(o.request);
    if (o.response) copy.response = rename(o.response);
    return copy;
  });
  return { ...model, types, operations };
}
