import { childrenNamed, resolveQName, type XmlNode } from '../xml/tree.ts';

/**
 * The mock's own index of the XSD embedded in a WSDL: just enough structure to write and read
 * DataContract XML in schema order and to synthesize valid values. It is deliberately
 * independent of generator/wsdl (the mock is the oracle that checks the generated clients).
 * Types and elements are keyed `{namespace}local`; an anonymous type (a complexType or
 * simpleType inline in an element, at any depth) is indexed like a named one under a synthetic
 * key (`#element:Name` for a global element's, see anonymousTypeKey for a particle's).
 */
export const XS = 'http://www.w3.org/2001/XMLSchema';
export const XSI = 'http://www.w3.org/2001/XMLSchema-instance';
export const SER = 'http://schemas.microsoft.com/2003/10/Serialization/';

export type Key = string;
export const key = (ns: string, local: string): Key => `{${ns}}${local}`;
export function splitKey(k: Key): { ns: string; local: string } {
  const i = k.indexOf('}');
  return { ns: k.slice(1, i), local: k.slice(i + 1) };
}

/** One element of a complex type's sequence. */
export interface Particle {
  name: string;
  ns: string;
  type: Key;
  nillable: boolean;
  minOccurs: number;
  maxOccurs: number;
}

export interface ComplexTypeDecl {
  kind: 'complex';
  key: Key;
  base?: Key;
  /** Own particles in sequence order (inherited ones are on `base`). */
  particles: Particle[];
  /**
   * A DataContract dictionary wrapper (`ArrayOfKeyValueOfstringstring`): its annotation carries
   * `<IsDictionary>true</IsDictionary>` (Serialization namespace), so the keys of its items
   * must be distinct.
   */
  dictionary?: boolean;
}

export interface SimpleTypeDecl {
  kind: 'simple';
  key: Key;
  /** Built-in (xs:) or named base of a restriction; absent for lists. */
  base?: Key;
  enumValues?: string[];
  /** For xs:list: the item type (an inline enum gets a synthetic key). */
  listItem?: Key;
  patterns?: string[];
}

export type TypeDecl = ComplexTypeDecl | SimpleTypeDecl;

export interface ElementDecl {
  key: Key;
  type: Key;
  nillable: boolean;
}

export interface SchemaSet {
  elements: Map<Key, ElementDecl>;
  types: Map<Key, TypeDecl>;
  /** base → direct derived complex types, in document order. */
  derived: Map<Key, Key[]>;
}

/** Indexes every xs:schema under wsdl:types. */
export function indexSchemas(schemas: XmlNode[]): SchemaSet {
  const set: SchemaSet = { elements: new Map(), types: new Map(), derived: new Map() };
  for (const schema of schemas) {
    const tns = schema.attrs['targetNamespace'] ?? '';
    for (const child of schema.children) {
      if (child.ns !== XS) continue;
      const name = child.attrs['name'];
      if (!name) continue;
      if (child.local === 'complexType') addComplex(set, child, key(tns, name), tns);
      else if (child.local === 'simpleType') addSimple(set, child, key(tns, name));
      else if (child.local === 'element') {
        const k = key(tns, name);
        const type = elementType(set, child, key(tns, `#element:${name}`), tns);
        set.elements.set(k, { key: k, type, nillable: child.attrs['nillable'] === 'true' });
      }
    }
  }
  return set;
}

/**
 * Key of the anonymous type declared inside a particle element `element` of the complex type
 * `owner` (`{ns}ArrayOfKeyValueOfstringstring#KeyValueOfstringstring`). `#` appears in no XSD
 * name, so this cannot collide with a named type; within one sequence element names are
 * unique, so it cannot collide with another anonymous type either.
 */
export function anonymousTypeKey(owner: Key, element: string): Key {
  return `${owner}#${element}`;
}

/**
 * The type of an element declaration: its `type` attribute, or the inline (anonymous)
 * complexType / simpleType it contains, which is indexed under `anonKey` (its own nested
 * anonymous types under keys derived from that, so at any depth).
 */
function elementType(set: SchemaSet, el: XmlNode, anonKey: Key, tns: string): Key {
  const complex = childrenNamed(el, XS, 'complexType')[0];
  if (complex) {
    addComplex(set, complex, anonKey, tns);
    return anonKey;
  }
  const simple = childrenNamed(el, XS, 'simpleType')[0];
  if (simple) {
    addSimple(set, simple, anonKey);
    return anonKey;
  }
  return typeKey(el, el.attrs['type']);
}

function typeKey(node: XmlNode, qname: string | undefined): Key {
  if (!qname) return key(XS, 'anyType');
  const { ns, local } = resolveQName(node, qname);
  return key(ns, local);
}

function addComplex(set: SchemaSet, node: XmlNode, k: Key, tns: string): void {
  const decl: ComplexTypeDecl = { kind: 'complex', key: k, particles: [] };
  if (isDictionary(node)) decl.dictionary = true;
  let seqParent: XmlNode = node;
  const content = childrenNamed(node, XS, 'complexContent')[0];
  if (content) {
    const ext = childrenNamed(content, XS, 'extension')[0];
    if (ext) {
      decl.base = typeKey(ext, ext.attrs['base']);
      seqParent = ext;
      const list = set.derived.get(decl.base) ?? [];
      list.push(k);
      set.derived.set(decl.base, list);
    }
  }
  for (const seq of childrenNamed(seqParent, XS, 'sequence')) {
    for (const el of childrenNamed(seq, XS, 'element')) {
      const max = el.attrs['maxOccurs'];
      const name = el.attrs['name']!;
      decl.particles.push({
        name,
        ns: tns, // every schema here is elementFormDefault="qualified"
        type: elementType(set, el, anonymousTypeKey(k, name), tns),
        nillable: el.attrs['nillable'] === 'true',
        minOccurs: el.attrs['minOccurs'] === undefined ? 1 : Number(el.attrs['minOccurs']),
        maxOccurs: max === undefined ? 1 : max === 'unbounded' ? Infinity : Number(max),
      });
    }
  }
  set.types.set(k, decl);
}

/** `<xs:annotation><xs:appinfo><IsDictionary>true</IsDictionary>` (DataContract's marker). */
function isDictionary(complexType: XmlNode): boolean {
  return childrenNamed(complexType, XS, 'annotation').some((a) =>
    childrenNamed(a, XS, 'appinfo').some((info) =>
      childrenNamed(info, SER, 'IsDictionary').some((d) => d.text.trim() === 'true'),
    ),
  );
}

function addSimple(set: SchemaSet, node: XmlNode, k: Key): void {
  const decl: SimpleTypeDecl = { kind: 'simple', key: k };
  const restriction = childrenNamed(node, XS, 'restriction')[0];
  const list = childrenNamed(node, XS, 'list')[0];
  if (restriction) {
    decl.base = typeKey(restriction, restriction.attrs['base']);
    const values = childrenNamed(restriction, XS, 'enumeration').map((e) => e.attrs['value'] ?? '');
    if (values.length) decl.enumValues = values;
    const patterns = childrenNamed(restriction, XS, 'pattern').map((e) => e.attrs['value'] ?? '');
    if (patterns.length) decl.patterns = patterns;
  } else if (list) {
    const inline = childrenNamed(list, XS, 'simpleType')[0];
    if (inline) {
      const itemKey = `${k}#item`;
      addSimple(set, inline, itemKey);
      decl.listItem = itemKey;
    } else decl.listItem = typeKey(list, list.attrs['itemType']);
  }
  set.types.set(k, decl);
}

/** The particles of a complex type including inherited ones, base first (XSD extension order). */
export function allParticles(set: SchemaSet, k: Key): Particle[] {
  const decl = set.types.get(k);
  if (!decl || decl.kind !== 'complex') return [];
  return [...(decl.base ? allParticles(set, decl.base) : []), ...decl.particles];
}

/** Every concrete descendant of a complex type (itself first), depth-first in document order. */
export function selfAndDescendants(set: SchemaSet, k: Key): Key[] {
  const out = [k];
  for (const d of set.derived.get(k) ?? []) out.push(...selfAndDescendants(set, d));
  return out;
}

/** Whether `k` is, or derives from, `ancestor`. */
export function derivesFrom(set: SchemaSet, k: Key, ancestor: Key): boolean {
  for (let cur: Key | undefined = k; cur;) {
    if (cur === ancestor) return true;
    const decl = set.types.get(cur);
    cur = decl?.kind === 'complex' ? decl.base : undefined;
  }
  return false;
}

/**
 * A DataContract array wrapper (`ArrayOfX`): a complex type, no base, exactly one particle
 * with maxOccurs > 1. Such a type is a list on the value side.
 */
export function arrayItem(set: SchemaSet, k: Key): Particle | undefined {
  const decl = set.types.get(k);
  if (!decl || decl.kind !== 'complex' || decl.base || decl.particles.length !== 1)
    return undefined;
  const p = decl.particles[0]!;
  return p.maxOccurs > 1 ? p : undefined;
}
