import { namedTarget } from './helpers.ts';
import { hoistRestFields } from './merge-fields.ts';
import { assignTypeValues, mergeType, protocolsOf } from './merge-types.ts';
import type { MergedModel, MergedOperation, MergedType } from './merged-model.ts';
import { operationKind } from './operation-kind.ts';
import { findSameTypes, renameTypes } from './renamed-types.ts';
import type { Operation, ServiceModel } from './types.ts';

/**
 * Merging the SOAP and REST models of one service into the one model its client is
 * generated from. Types, fields and operations are matched by name; what only one
 * protocol has is kept and labelled with that protocol.
 *
 * Decisions the specs leave open:
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
 *   `(AdvertiserAccount | null)[]`; both encoders then refuse null items there, like the
 *   type does. The SOAP decoder still turns an `i:nil` item into null at run time (it does not
 *   read `itemNullable`): the type follows REST, not every XML the schema would allow. A
 *   SOAP-only field keeps the SOAP `itemNullable`.
 *   One exception to the exception: a nillable item of a .NET value type (`xs:long` in
 *   `ArrayOfNullableOflong`: `Nullable<long>`) is nullable whatever REST says. DataContract
 *   writes those only on purpose, and the service sends null there for each failed item of
 *   a batch (`AddCampaignsResponse.CampaignIds` beside PartialErrors), which the
 *   reconstructed REST documents do not mark: `(string | null)[]`.
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
 * - Dictionaries: where SOAP has an array of two-field Key/Value items (DataContract's
 *   `ArrayOfKeyValueOfstringstring`) and REST a JSON object map (`additionalProperties`), the
 *   field keeps the SOAP type and gets `restMap: true`: one TypeScript type for both
 *   protocols, the REST codecs convert between `[{Key, Value}]` and `{Key: Value}`. The item
 *   type (SOAP-only by name) and its two fields are then carried by both protocols.
 * - A REST-only field that a merged ancestor already has (REST sometimes declares on a
 *   subtype what SOAP declares on the base) is not repeated: the ancestor's field becomes
 *   `both`.
 */

export type {
  MergedAliasType,
  MergedEnumType,
  MergedField,
  MergedModel,
  MergedObjectType,
  MergedOperation,
  MergedType,
  Protocols,
} from './merged-model.ts';

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
    types.push(mergeType(s, restTypes.get(s.name), unified.has(s.name), soapTypes));
  for (const r of rest?.types ?? [])
    if (!soapTypes.has(r.name)) types.push(mergeType(undefined, r, false));
  hoistRestFields(types);
  carryMapItems(types);
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

/** The Key/Value item type of every restMap field is REST's too (as the map's entries). */
function carryMapItems(types: MergedType[]): void {
  const byName = new Map(types.map((t) => [t.name, t]));
  for (const t of types) {
    if (t.kind !== 'object') continue;
    for (const f of t.fields) {
      if (!f.restMap) continue;
      const item = namedTarget(f.type);
      const itemType = item === undefined ? undefined : byName.get(item);
      if (itemType?.kind !== 'object' || itemType.protocols !== 'soap') continue;
      itemType.protocols = 'both';
      for (const itemField of itemType.fields) itemField.protocols = 'both';
    }
  }
}

function mergeOperation(s: Operation | undefined, r: Operation | undefined): MergedOperation {
  const primary = (s ?? r) as Operation;
  const merged: MergedOperation = {
    ...primary,
    faults: [...primary.faults],
    protocols: protocolsOf(s, r),
    kind: operationKind(primary.name),
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
