import { XMLParser } from 'fast-xml-parser';

/**
 * A namespace-resolved XML element tree, built on fast-xml-parser's ordered output.
 *
 * Why a tree of our own: the mock must resolve QName-valued attributes (`type="q1:Foo"`,
 * `i:type="a:AdvertiserAccount"`) against the namespace scope of the element that carries them,
 * and keep document order. fast-xml-parser keeps prefixes as written; this module adds scopes.
 * Entities: only the five predefined ones and character references are decoded, in one pass,
 * and a DOCTYPE is refused before parsing, so no entity expansion can happen here.
 */
export interface XmlNode {
  /** Qualified name as written (`s:Envelope`). */
  tag: string;
  ns: string;
  local: string;
  /** Attributes by qualified name as written, values decoded. */
  attrs: Record<string, string>;
  children: XmlNode[];
  /** Concatenated character data directly inside the element (not trimmed). */
  text: string;
  /** prefix → namespace URI in scope at this element ('' is the default namespace). */
  scope: Record<string, string>;
}

export class XmlSyntaxError extends Error {
  override name = 'XmlSyntaxError';
}

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  processEntities: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
});

const ENTITY = /&(#x[0-9a-fA-F]+|#[0-9]+|lt|gt|amp|quot|apos);/g;
const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** Decodes the predefined entities and character references in a single pass. */
export function decodeEntities(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(ENTITY, (_m, e: string) => {
    if (e.startsWith('#x')) return String.fromCodePoint(parseInt(e.slice(2), 16));
    if (e.startsWith('#')) return String.fromCodePoint(parseInt(e.slice(1), 10));
    return NAMED[e] ?? '';
  });
}

type Ordered = Record<string, unknown>;

/** Parses a document and returns its root element. Throws XmlSyntaxError on bad input. */
export function parseXmlTree(xml: string): XmlNode {
  if (/<!DOCTYPE/i.test(xml)) throw new XmlSyntaxError('DOCTYPE is not allowed');
  let items: Ordered[];
  try {
    // `true` runs fast-xml-parser's well-formedness validator first, which throws on bad input.
    items = parser.parse(xml, true) as Ordered[];
  } catch (e) {
    throw new XmlSyntaxError(`malformed XML: ${(e as Error).message ?? String(e)}`);
  }
  const roots = items.filter((it) => !('#text' in it));
  if (roots.length !== 1)
    throw new XmlSyntaxError(`expected one root element, found ${roots.length}`);
  return build(roots[0]!, { xml: 'http://www.w3.org/XML/1998/namespace' });
}

function build(item: Ordered, parentScope: Record<string, string>): XmlNode {
  const tag = Object.keys(item).find((k) => k !== ':@')!;
  const rawAttrs = (item[':@'] ?? {}) as Record<string, string>;
  const attrs: Record<string, string> = {};
  let scope = parentScope;
  for (const [k, v] of Object.entries(rawAttrs)) {
    const value = decodeEntities(v);
    attrs[k] = value;
    if (k === 'xmlns' || k.startsWith('xmlns:')) {
      if (scope === parentScope) scope = { ...parentScope };
      scope[k === 'xmlns' ? '' : k.slice(6)] = value;
    }
  }
  const { prefix, local } = splitQName(tag);
  const ns = scope[prefix] ?? '';
  if (prefix && ns === '') throw new XmlSyntaxError(`undeclared prefix "${prefix}" on <${tag}>`);
  const node: XmlNode = { tag, ns, local, attrs, children: [], text: '', scope };
  for (const child of (item[tag] ?? []) as Ordered[]) {
    if ('#text' in child) node.text += decodeEntities(String(child['#text']));
    else node.children.push(build(child, scope));
  }
  return node;
}

export function splitQName(q: string): { prefix: string; local: string } {
  const i = q.indexOf(':');
  return i < 0 ? { prefix: '', local: q } : { prefix: q.slice(0, i), local: q.slice(i + 1) };
}

/** Resolves a QName-valued attribute (`q1:Foo`) in the node's scope. */
export function resolveQName(node: XmlNode, qname: string): { ns: string; local: string } {
  const { prefix, local } = splitQName(qname.trim());
  return { ns: node.scope[prefix] ?? '', local };
}

/** Attribute by namespace URI and local name (prefix-independent). */
export function attrNS(node: XmlNode, ns: string, local: string): string | undefined {
  for (const [k, v] of Object.entries(node.attrs)) {
    const { prefix, local: l } = splitQName(k);
    if (l === local && prefix && node.scope[prefix] === ns) return v;
  }
  return undefined;
}

export function childrenNamed(node: XmlNode, ns: string, local: string): XmlNode[] {
  return node.children.filter((c) => c.ns === ns && c.local === local);
}

/** Escapes text for element content and attribute values. */
export function escapeXml(s: string): string {
  return s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!,
  );
}
