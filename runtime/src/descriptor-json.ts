import type {
  FieldDescriptor,
  ObjectTypeDescriptor,
  ServiceDescriptor,
  ValueDescriptor,
} from './descriptors.js';
import { wireFields } from './wire-order.js';

/**
 * What a generated package's descriptor.js calls: its JSON text → the ServiceDescriptor the
 * client runs on. The generator keeps that text short (it stays in memory with the module's
 * source, and tsc never sees it: the package declares the value in descriptor.d.ts), so the
 * JSON leaves out two things this puts back, in place on the fresh parse:
 * - each XML namespace is written as its index in `namespaces` (they repeat thousands of
 *   times: 40% of the text);
 * - an object type lists only the fields it declares itself; its base's fields go back in
 *   front, in wire order (`wireFields`, the rule the generator documents them by), a
 *   subtype sharing its base's field objects.
 * The generator's `descriptorData` (generator/emit/emit-descriptor.ts) is the expected
 * result; test/emit holds every generated descriptor to it.
 *
 * @internal
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
  // Every type's full list is computed from the own lists before any is replaced.
  const objects = new Map<string, ObjectTypeDescriptor>();
  for (const [name, t] of Object.entries(d.types)) if (t.kind === 'object') objects.set(name, t);
  const lookup = (name: string): ObjectTypeDescriptor | undefined => objects.get(name);
  const all = [...objects.values()].map((t) => {
    try {
      return wireFields<FieldDescriptor, ObjectTypeDescriptor>(t, lookup);
    } catch (e) {
      // A base cycle: the generator refuses one; a hand-made descriptor gets its id named.
      throw new Error(`descriptor ${d.id}: ${(e as Error).message}`);
    }
  });
  let i = 0;
  for (const t of objects.values()) t.fields = all[i++]!;
  return d;
}
