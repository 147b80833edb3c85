/**
 * Field-level merging (rules in merge.ts): one field both specs have, the item nullability
 * of a shared array, REST's own nullability where it differs, and REST-only fields that a
 * merged ancestor already declares.
 */
import { isRestMapOf } from './key-value-map.ts';
import type { MergedField, MergedObjectType, MergedType } from './merged-model.ts';
import type { Field, ServiceType, TypeRef } from './types.ts';

/** `soapTypes` resolves the SOAP field's item type, to recognise a dictionary (restMap). */
export function mergeField(
  s: Field,
  r: Field,
  soapTypes: ReadonlyMap<string, ServiceType>,
): MergedField {
  const merged: MergedField = {
    ...s,
    type: sharedItemNullability(s.type, r.type),
    nullable: s.nullable || r.nullable,
    protocols: 'both',
    optional: s.minOccurs === 0 && r.minOccurs === 0,
  };
  if (r.name !== s.name) merged.restName = r.name;
  if (isRestMapOf(s.type, r.type, soapTypes)) merged.restMap = true;
  setRestNullable(merged, r.nullable);
  const doc = s.doc ?? r.doc;
  if (doc) merged.doc = doc;
  return merged;
}

/**
 * The SOAP ref `s` with array items nullable only where the REST ref `r` allows null items
 * too, at every array depth (the array-items rule in merge.ts). A REST ref that is not an
 * array there allows no null items. A SOAP ref that says nothing stays silent.
 */
function sharedItemNullability(s: TypeRef, r: TypeRef | undefined): TypeRef {
  if (s.kind !== 'array') return s;
  const twin = r?.kind === 'array' ? r : undefined;
  const merged = { ...s, items: sharedItemNullability(s.items, twin?.items) };
  if (s.itemNullable !== undefined)
    merged.itemNullable =
      s.itemNullable && (twin?.itemNullable === true || isValueTypeItem(s.items));
  return merged;
}

/**
 * .NET value types (numbers, booleans, dates, guids): DataContract writes their array items
 * nillable only for `Nullable<T>` items (`ArrayOfNullableOflong`), which the service uses
 * on purpose: `AddCampaignsResponse.CampaignIds` carries null for each campaign that
 * failed. Reference-type items (strings, objects, byte[]) are nillable in every
 * DataContract array, which says nothing, so there REST decides.
 */
const REFERENCE_PRIMITIVES: ReadonlySet<string> = new Set([
  'string',
  'base64',
  'any',
  'anyURI',
  'QName',
]);

function isValueTypeItem(items: TypeRef): boolean {
  return items.kind === 'primitive' && !REFERENCE_PRIMITIVES.has(items.primitive);
}

/** REST-only fields a merged ancestor already declares are that ancestor's field, carried by both. */
export function hoistRestFields(types: MergedType[]): void {
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
