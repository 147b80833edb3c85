import type {
  FieldDescriptor,
  ObjectTypeDescriptor,
  OperationDescriptor,
  ServiceDescriptor,
  TypeDescriptor,
  ValueDescriptor,
} from './descriptors.js';
import { wireFields } from './wire-order.js';

/**
 * What a generated package's descriptor.js calls: its JSON text → the ServiceDescriptor the
 * client runs on. The generator keeps that text short (it stays in memory with the module's
 * source, and tsc never sees it: the package declares the value in descriptor.d.ts), so the
 * JSON leaves out two things this puts back:
 * - each XML namespace is written as its index in `namespaces` (they repeat thousands of
 *   times: 40% of the text);
 * - an object type lists only the fields it declares itself; its base's fields go back in
 *   front, in wire order (`wireFields`, the rule the generator documents them by), a
 *   subtype sharing its base's field objects.
 *
 * Types are parsed when first read, each from its own slice of the text: a process that calls
 * three operations of campaign-management's 191 reads a few dozen of its 850 types, and
 * parsing them all was most of the package's import time. The slices come from the layout the
 * generator writes (generator/emit/emit-descriptor.ts): a `"types":{` line, then one entry per
 * type starting at the beginning of a line with its quoted name, its field lines indented.
 * Text without that layout (a hand-made descriptor) is parsed whole. The head and the
 * operations are parsed at once: every client installs a method per operation.
 *
 * The generator's `descriptorData` is the expected result; test/emit holds every generated
 * descriptor to it.
 *
 * @internal
 */
export function descriptorFromJson(namespaces: readonly string[], json: string): ServiceDescriptor {
  const split = json.indexOf(TYPES_LINE);
  if (split < 0) return eager(namespaces, json);
  const d = JSON.parse(`${json.slice(0, split)}\n"types":{}}`) as ServiceDescriptor;
  const uri = namespaceOf(namespaces, d.id);
  resolveHead(d, uri);
  d.types = lazyTypes(json, split + TYPES_LINE.length, uri, d.id);
  return d;
}

const TYPES_LINE = '\n"types":{\n';

/** The whole text at once, namespaces resolved and fields flattened in place. */
function eager(namespaces: readonly string[], json: string): ServiceDescriptor {
  const d = JSON.parse(json) as ServiceDescriptor;
  const uri = namespaceOf(namespaces, d.id);
  resolveHead(d, uri);
  for (const t of Object.values(d.types)) resolveType(t, uri);
  // Every type's full list is computed from the own lists before any is replaced.
  const objects = new Map<string, ObjectTypeDescriptor>();
  for (const [name, t] of Object.entries(d.types)) if (t.kind === 'object') objects.set(name, t);
  const all = [...objects.values()].map((t) => flatten(t, (name) => objects.get(name), d.id));
  let i = 0;
  for (const t of objects.values()) t.fields = all[i++]!;
  return d;
}

/**
 * `types` with one getter per type, each parsing the type's slice on first read and then
 * replaced by the value. Own field lists are kept apart from the flattened ones the getters
 * return, so a subtype flattens from its base's own fields whichever was read first.
 */
function lazyTypes(
  json: string,
  from: number,
  uri: (index: string) => string,
  id: string,
): Record<string, TypeDescriptor> {
  const types: Record<string, TypeDescriptor> = {};
  const slices = new Map<string, [number, number]>();
  const own = new Map<string, TypeDescriptor>();
  const ownType = (name: string): TypeDescriptor | undefined => {
    let t = own.get(name);
    if (t === undefined) {
      const at = slices.get(name);
      if (at === undefined) return undefined;
      const entry = JSON.parse(`{${json.slice(at[0], at[1])}}`) as Record<string, TypeDescriptor>;
      t = entry[name];
      if (t === undefined) throw new Error(`descriptor ${id}: type ${name} is not where expected`);
      resolveType(t, uri);
      own.set(name, t);
    }
    return t;
  };
  const ownObject = (name: string): ObjectTypeDescriptor | undefined => {
    const t = ownType(name);
    return t?.kind === 'object' ? t : undefined;
  };
  /** Replaces the getter of `name` by a plain property holding `value`. */
  const settle = (name: string, value: TypeDescriptor): TypeDescriptor => {
    Object.defineProperty(types, name, {
      value,
      writable: true,
      enumerable: true,
      configurable: true,
    });
    return value;
  };
  const load = (name: string): TypeDescriptor => {
    const t = ownType(name)!;
    return settle(name, t.kind === 'object' ? { ...t, fields: flatten(t, ownObject, id) } : t);
  };
  // Entry starts: a line beginning with `"` (fields are indented, closing lines start with `]`).
  const end = json.lastIndexOf('\n}}');
  let start = from;
  while (start < end) {
    let next = json.indexOf('\n"', start);
    if (next < 0 || next > end) next = end;
    const name = entryName(json, start, id);
    // The slice is the entry without its trailing comma: `"Name":{…}`.
    let stop = next;
    while (stop > start && (json[stop - 1] === ',' || json[stop - 1] === '\n')) stop--;
    slices.set(name, [start, stop]);
    Object.defineProperty(types, name, {
      get: () => load(name),
      set: (value: TypeDescriptor) => void settle(name, value),
      enumerable: true,
      configurable: true,
    });
    start = next + 1;
  }
  return types;
}

/** The quoted name that starts the entry at `at` (JSON-decoded when it holds an escape). */
function entryName(json: string, at: number, id: string): string {
  const colon = json.indexOf('":', at);
  if (json[at] !== '"' || colon < 0) throw new Error(`descriptor ${id}: malformed type entry`);
  const name = json.slice(at + 1, colon);
  return name.includes('\\') ? (JSON.parse(`"${name}"`) as string) : name;
}

function namespaceOf(namespaces: readonly string[], id: string): (index: string) => string {
  return (index) => {
    const namespace = namespaces[Number(index)];
    if (namespace === undefined) throw new Error(`descriptor ${id}: no namespace #${index}`);
    return namespace;
  };
}

function resolveHead(d: ServiceDescriptor, uri: (index: string) => string): void {
  d.soap.namespace = uri(d.soap.namespace);
  if (d.soap.namespaces) d.soap.namespaces = d.soap.namespaces.map(uri);
  for (const op of Object.values(d.operations) as OperationDescriptor[]) {
    const soap = op.soap;
    if (soap === undefined) continue;
    const { requestElement, responseElement, requestHeaders, responseHeaders } = soap;
    for (const q of [requestElement, responseElement, ...requestHeaders, ...responseHeaders]) {
      q.namespace = uri(q.namespace);
    }
  }
}

function resolveType(t: TypeDescriptor, uri: (index: string) => string): void {
  const items = (value: ValueDescriptor): void => {
    for (let v = value; 'array' in v; v = v.array) {
      if (v.itemNamespace !== undefined) v.itemNamespace = uri(v.itemNamespace);
    }
  };
  if (t.namespace !== undefined) t.namespace = uri(t.namespace);
  if (t.kind === 'alias') items(t.target);
  if (t.kind !== 'object') return;
  for (const f of t.fields) {
    if (f.namespace !== undefined) f.namespace = uri(f.namespace);
    items(f.value);
  }
}

function flatten(
  t: ObjectTypeDescriptor,
  lookup: (name: string) => ObjectTypeDescriptor | undefined,
  id: string,
): FieldDescriptor[] {
  try {
    return wireFields<FieldDescriptor, ObjectTypeDescriptor>(t, lookup);
  } catch (e) {
    // A base cycle: the generator refuses one; a hand-made descriptor gets its id named.
    throw new Error(`descriptor ${id}: ${(e as Error).message}`);
  }
}
