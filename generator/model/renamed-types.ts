/**
 * "Same type, two names" (rules in merge.ts): finding the REST types that are a SOAP type
 * under another name, and rewriting the REST model to use the SOAP names before merging.
 */
import { namedTarget } from './helpers.ts';
import type { Operation, ServiceModel, ServiceType, TypeRef } from './types.ts';

/**
 * REST type name → SOAP type name, for the pairs a shared field types differently in the two
 * specs while meaning the same object (fields equal pairwise ignoring case). A type that
 * exists under its own name in the other spec is never renamed.
 */
export function findSameTypes(soap: ServiceModel, rest: ServiceModel): Map<string, string> {
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

export function renameTypes(model: ServiceModel, renamed: Map<string, string>): ServiceModel {
  const rename = (name: string): string => renamed.get(name) ?? name;
  const ref = (r: TypeRef): TypeRef => {
    if (!namedTarget(r)) return r;
    if (r.kind === 'named') return { kind: 'named', name: rename(r.name) };
    if (r.kind === 'array') return { ...r, items: ref(r.items) };
    return r.kind === 'map' ? { ...r, values: ref(r.values) } : r;
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
