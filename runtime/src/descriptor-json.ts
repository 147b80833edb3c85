import type {
  FieldDescriptor,
  ObjectTypeDescriptor,
  ServiceDescriptor,
  ValueDescriptor,
} from './descriptors.js';

/**
 * What a generated package's descriptor.js calls: its JSON text → the ServiceDescriptor the
 * client runs on. The generator keeps that text short (it stays in memory with the module's
 * source, and tsc never sees it: the package declares the value in descriptor.d.ts), so the
 * JSON leaves out two things this puts back, in place on the fresh parse:
 * - each XML namespace is written as its index in `namespaces` (they repeat thousands of
 *   times: 40% of the text);
 * - an object type lists only the fields it declares itself; its base's fields go back in
 *   front, in wire order (the SOAP fields of base and own, then the REST-only ones), a
 *   subtype sharing its base's field objects.
 * The generator's `descriptorData` (generator/emit/emit-descriptor.ts) is the expected
 * result; test/emit holds every generated descriptor to it.
 */
export function descriptorFromJson(namespaces: readonly string[], json: string): ServiceDescriptor {
  const d = JSON.parse(json) as ServiceDescriptor;
  const uri = (index: string): string => {
    const namespace = namespaces[Number(index)];
    if (namespace === undefined) throw new Error(`descriptor ${d.id}: no namespace #${index}`);
    return namespace;
  };
  const items = (value: ValueDescriptor): void => {
    for (let v = value; 'array' in v; v = v.array) {
      if (v.itemNamespace !== undefined) v.itemNamespace = uri(v.itemNamespace);
    }
  };
  d.soap.namespace = uri(d.soap.namespace);
  for (const { soap } of Object.values(d.operations)) {
    if (soap === undefined) continue;
    const { requestElement, responseElement, requestHeaders, responseHeaders } = soap;
    for (const q of [requestElement, responseElement, ...requestHeaders, ...responseHeaders]) {
      q.namespace = uri(q.namespace);
    }
  }
  for (const t of Object.values(d.types)) {
    if (t.namespace !== undefined) t.namespace = uri(t.namespace);
    if (t.kind === 'alias') items(t.target);
    if (t.kind !== 'object') continue;
    for (const f of t.fields) {
      if (f.namespace !== undefined) f.namespace = uri(f.namespace);
      items(f.value);
    }
  }
  const done = new Set<string>();
  const carried = (f: FieldDescriptor): boolean => f.protocols !== 'rest';
  const restOnly = (f: FieldDescriptor): boolean => f.protocols === 'rest';
  const inherit = (t: ObjectTypeDescriptor, depth: number): FieldDescriptor[] => {
    const base = t.base === undefined ? undefined : d.types[t.base];
    if (base?.kind !== 'object' || done.has(t.name)) return t.fields;
    // The generator refuses cyclic bases; a hand-made descriptor must not recurse forever.
    if (depth > 64) throw new Error(`descriptor ${d.id}: type ${t.name}: base chain too deep`);
    done.add(t.name);
    const all = inherit(base, depth + 1);
    const own = t.fields;
    t.fields = [
      ...all.filter(carried),
      ...own.filter(carried),
      ...all.filter(restOnly),
      ...own.filter(restOnly),
    ];
    return t.fields;
  };
  for (const t of Object.values(d.types)) if (t.kind === 'object') inherit(t, 0);
  return d;
}
