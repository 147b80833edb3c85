import { SpecError } from '../model/errors.ts';
import { NS, type QName } from '../model/types.ts';
import { elementPath } from './place.ts';
import { DEFAULT_NS_KEY, type XmlElement } from './xml.ts';

/** What every reader step needs: the file name for errors. Errors carry path and line. */
export interface ReadContext {
  readonly file: string;
}

/** A SpecError located at `el`: its element path as the place, its line in the problem. */
export function specError(ctx: ReadContext, el: XmlElement, problem: string): SpecError {
  return new SpecError(ctx.file, elementPath(el), `${problem} (line ${el.line})`);
}

/** Map key of a qualified name (a space cannot occur in a namespace URI or an NCName). */
export function qkey(namespace: string, name: string): string {
  return `${namespace} ${name}`;
}

/**
 * Resolves a QName-valued attribute (`type="q1:ArrayOflong"`, `message="tns:GetUserRequest"`)
 * in the namespace scope of the element that carries it. Unprefixed names take the default
 * namespace, as XSD and WSDL define for QName values.
 */
export function resolveQName(ctx: ReadContext, el: XmlElement, attr: string): QName {
  const raw = requireAttr(ctx, el, attr);
  const colon = raw.indexOf(':');
  if (colon === -1) return { name: raw, namespace: el.scope[DEFAULT_NS_KEY] ?? '' };
  const prefix = raw.slice(0, colon);
  const namespace = el.scope[prefix];
  if (namespace === undefined)
    throw specError(ctx, el, `unknown prefix '${prefix}' in ${attr}="${raw}"`);
  return { name: raw.slice(colon + 1), namespace };
}

export function requireAttr(ctx: ReadContext, el: XmlElement, attr: string): string {
  const value = el.attrs[attr];
  if (value === undefined || value === '')
    throw specError(ctx, el, `<${el.tag}> has no ${attr} attribute`);
  return value;
}

/**
 * Fails on any attribute outside `allowed` (namespace declarations aside): an attribute the
 * reader does not understand (`ref`, `form`, `abstract`, `substitutionGroup`, …) could change
 * the meaning of the construct, so it is reported instead of skipped.
 */
export function checkAttrs(ctx: ReadContext, el: XmlElement, allowed: readonly string[]): void {
  for (const name in el.attrs) {
    if (name === 'xmlns' || name.startsWith('xmlns:') || allowed.includes(name)) continue;
    throw specError(ctx, el, `unsupported attribute '${name}' on <${el.tag}>`);
  }
}

/** Children in namespace `ns`, minus those named in `skip` (annotation, documentation). */
export function contentChildren(el: XmlElement, ns: string, skip: readonly string[]): XmlElement[] {
  return el.children.filter((c) => !(c.ns === ns && skip.includes(c.local)));
}

/**
 * As checkAttrs, for WSDL elements: WSDL 1.1 lets any element carry extension attributes
 * from other namespaces (WS-Addressing `wsaw:Action`, `msc:usingSession`), which carry no
 * meaning for the model, so prefixed attributes are allowed.
 */
export function checkWsdlAttrs(ctx: ReadContext, el: XmlElement, allowed: readonly string[]): void {
  for (const name in el.attrs) {
    if (name === 'xmlns' || name.includes(':') || allowed.includes(name)) continue;
    throw specError(ctx, el, `unsupported attribute '${name}' on <${el.tag}>`);
  }
}

/** `wsdl:documentation`, which any WSDL element may hold and which says nothing the model keeps. */
export function isWsdlDoc(el: XmlElement): boolean {
  return el.ns === NS.wsdl && el.local === 'documentation';
}

/**
 * The children of WSDL element `parent` that are `<ns:local>`, in order, lazily: documentation
 * and what `skip` accepts are passed over, anything else is unsupported there. Lazy, so an
 * error in one child (found by the caller) is reported before a bad sibling after it.
 */
export function* childrenNamed(
  ctx: ReadContext,
  parent: XmlElement,
  ns: string,
  local: string,
  skip?: (child: XmlElement) => boolean,
): Generator<XmlElement, void, undefined> {
  for (const child of parent.children) {
    if (isWsdlDoc(child) || skip?.(child)) continue;
    if (child.ns !== ns || child.local !== local)
      throw unsupported(ctx, child, `<${child.tag}> in wsdl:${parent.local}`);
    yield child;
  }
}

export function unsupported(ctx: ReadContext, el: XmlElement, what = `<${el.tag}>`): SpecError {
  return specError(ctx, el, `unsupported construct ${what}`);
}
