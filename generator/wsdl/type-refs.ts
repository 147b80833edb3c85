import { SERIALIZATION_PRIMITIVES, XSD_PRIMITIVES } from '../model/primitives.ts';
import { type ArrayRef, NS, type QName, type TypeRef } from '../model/types.ts';
import { type ReadContext, qkey, resolveQName, specError } from './context.ts';
import { type Decl, type SchemaIndex, declName } from './schema-index.ts';
import type { XmlElement } from './xml.ts';

/**
 * Turns type references (`type="q1:ArrayOflong"`) into model TypeRefs:
 * - XSD built-ins → primitive kinds (XSD_PRIMITIVES); an unknown built-in is an error;
 * - `ser:char`, `ser:guid`, `ser:duration` → primitive kinds (SERIALIZATION_PRIMITIVES);
 * - a DataContract `ArrayOfX` wrapper → an ArrayRef (the wrapper is not a model type);
 * - any other declared type → a named ref by local name;
 * - anything undeclared → SpecError 'unknown type reference'.
 */
export function resolveTypeRef(
  ctx: ReadContext,
  index: SchemaIndex,
  el: XmlElement,
  attr = 'type',
): TypeRef {
  return refFor(ctx, index, el, attr, new Set());
}

function refFor(
  ctx: ReadContext,
  index: SchemaIndex,
  el: XmlElement,
  attr: string,
  visiting: Set<Decl>,
): TypeRef {
  const q = resolveQName(ctx, el, attr);
  const builtin = builtinRef(q);
  if (builtin) return builtin;
  if (q.namespace === NS.xsd)
    throw specError(ctx, el, `unsupported XSD built-in type '${el.attrs[attr]}'`);
  const decl = index.types.get(qkey(q.namespace, q.name));
  if (!decl)
    throw specError(
      ctx,
      el,
      `unknown type reference '${el.attrs[attr]}' ({${q.namespace}}${q.name})`,
    );
  return declRef(ctx, index, decl, visiting);
}

/** The TypeRef a reference to `decl` stands for: an ArrayRef for a wrapper, else a named ref. */
export function declRef(
  ctx: ReadContext,
  index: SchemaIndex,
  decl: Decl,
  visiting: Set<Decl> = new Set(),
): TypeRef {
  if (isSerializationPrimitive(decl))
    return { kind: 'primitive', primitive: SERIALIZATION_PRIMITIVES[decl.name]! };
  const item = arrayWrapperItem(decl);
  if (!item) return { kind: 'named', name: decl.name };
  if (visiting.has(decl))
    throw specError(ctx, decl.el, `array wrapper '${decl.name}' contains itself`);
  visiting.add(decl);
  const items = itemRef(ctx, index, item, visiting);
  visiting.delete(decl);
  const array: ArrayRef = { kind: 'array', items, itemName: item.attrs['name']! };
  if (decl.schema.qualified) array.itemNamespace = decl.schema.targetNamespace;
  array.itemNullable = isTrue(ctx, item, 'nillable');
  array.wrapperType = declName(decl);
  return array;
}

function itemRef(
  ctx: ReadContext,
  index: SchemaIndex,
  item: XmlElement,
  visiting: Set<Decl>,
): TypeRef {
  if (item.attrs['type'] !== undefined) return refFor(ctx, index, item, 'type', visiting);
  // A dictionary wrapper's item (`KeyValueOfstringstring`) is an anonymous complexType: the
  // type reader emits it as an object type named after the item element.
  if (anonymousComplexType(item)) return { kind: 'named', name: item.attrs['name']! };
  throw specError(ctx, item, `array item element '${item.attrs['name']}' has no type`);
}

function builtinRef(q: QName): TypeRef | undefined {
  if (q.namespace === NS.xsd) {
    const primitive = XSD_PRIMITIVES[q.name];
    return primitive ? { kind: 'primitive', primitive } : undefined;
  }
  if (q.namespace === NS.serialization) {
    const primitive = SERIALIZATION_PRIMITIVES[q.name];
    return primitive ? { kind: 'primitive', primitive } : undefined;
  }
  return undefined;
}

/** Whether a declaration is one that maps straight to a primitive (ser:char, ser:guid, ser:duration). */
export function isSerializationPrimitive(decl: Decl): boolean {
  return (
    decl.schema.targetNamespace === NS.serialization &&
    SERIALIZATION_PRIMITIVES[decl.name] !== undefined
  );
}

/**
 * The item element of a DataContract collection wrapper, or undefined when `decl` is not
 * one. A wrapper is a complexType named `ArrayOf…` whose content is exactly one
 * `xs:sequence` holding exactly one element with maxOccurs="unbounded" (annotations aside,
 * e.g. the `IsDictionary` appinfo of `ArrayOfKeyValueOfstringstring`).
 */
export function arrayWrapperItem(decl: Decl): XmlElement | undefined {
  const el = decl.el;
  if (el.local !== 'complexType' || !decl.name.startsWith('ArrayOf')) return undefined;
  if (Object.keys(el.attrs).some((a) => a !== 'name' && !a.startsWith('xmlns'))) return undefined;
  const content = el.children.filter((c) => !isXs(c, 'annotation'));
  const sequence = content[0];
  if (content.length !== 1 || !sequence || !isXs(sequence, 'sequence')) return undefined;
  if (Object.keys(sequence.attrs).some((a) => !a.startsWith('xmlns'))) return undefined;
  const items = sequence.children.filter((c) => !isXs(c, 'annotation'));
  const item = items[0];
  if (items.length !== 1 || !item || !isXs(item, 'element')) return undefined;
  if (item.attrs['maxOccurs'] !== 'unbounded' || item.attrs['name'] === undefined) return undefined;
  return item;
}

/** The anonymous `xs:complexType` child of an element declaration, if it has one. */
export function anonymousComplexType(el: XmlElement): XmlElement | undefined {
  return el.children.find((c) => isXs(c, 'complexType'));
}

export function isXs(el: XmlElement, local: string): boolean {
  return el.ns === NS.xsd && el.local === local;
}

/** An xs:boolean attribute; absent means false. */
export function isTrue(ctx: ReadContext, el: XmlElement, attr: string): boolean {
  const value = el.attrs[attr];
  if (value === undefined || value === 'false' || value === '0') return false;
  if (value === 'true' || value === '1') return true;
  throw specError(ctx, el, `bad ${attr}="${value}" (expected true or false)`);
}
