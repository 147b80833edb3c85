import { attrNS, resolveQName, type XmlNode } from '../xml/tree.ts';
import { allParticles, arrayItem, key, XSI, type Key, type SchemaSet } from '../wsdl/schema-set.ts';
import { parseSimple, simpleInfo } from './simple-values.ts';

/**
 * Reads DataContract XML into the value shape XmlWriter writes (objects, arrays, null,
 * int64 as decimal strings, `$type` for an `i:type`). Used by the stateful Customer
 * Management handlers; the request was already validated against the schema, so this only
 * maps, it does not check.
 */
export function readElement(schemas: SchemaSet, node: XmlNode, type: Key): unknown {
  if (attrNS(node, XSI, 'nil') === 'true') return null;
  let actual = type;
  let typeName: string | undefined;
  const xsiType = attrNS(node, XSI, 'type');
  if (xsiType) {
    const q = resolveQName(node, xsiType);
    const k = key(q.ns, q.local);
    if (schemas.types.has(k) && k !== type) {
      actual = k;
      typeName = q.local;
    }
  }
  const decl = schemas.types.get(actual);
  if (decl?.kind === 'complex') {
    const item = arrayItem(schemas, actual);
    if (item) return node.children.map((c) => readElement(schemas, c, item.type));
    const out: Record<string, unknown> = {};
    if (typeName) out['$type'] = typeName;
    for (const p of allParticles(schemas, actual)) {
      const matches = node.children.filter((c) => c.local === p.name && c.ns === p.ns);
      if (p.maxOccurs > 1) {
        if (matches.length) out[p.name] = matches.map((m) => readElement(schemas, m, p.type));
      } else if (matches[0]) out[p.name] = readElement(schemas, matches[0], p.type);
    }
    return out;
  }
  const info = simpleInfo(schemas, actual);
  if (!info) return node.text;
  return parseSimple(info, node.text);
}

/** Reads a global element (e.g. a request wrapper) by its declaration. */
export function readGlobal(schemas: SchemaSet, node: XmlNode): unknown {
  const decl = schemas.elements.get(key(node.ns, node.local));
  if (!decl) throw new Error(`no global element ${node.local} in ${node.ns}`);
  return readElement(schemas, node, decl.type);
}
