import { NS } from '../model/types.ts';
import {
  checkAttrs,
  checkWsdlAttrs,
  childrenNamed,
  type ReadContext,
  qkey,
  requireAttr,
  resolveQName,
  specError,
  unsupported,
} from './context.ts';
import type { XmlElement } from './xml.ts';

export interface PortType {
  readonly el: XmlElement;
  readonly name: string;
  readonly operations: XmlElement[];
}

export interface Binding {
  readonly el: XmlElement;
  /** Default style of its operations (`soap:binding/@style`, 'document' when absent). */
  readonly style: string;
  readonly operations: XmlElement[];
}

/** The one portType of the definitions (WCF single-file WSDLs have exactly one). */
export function findPortType(ctx: ReadContext, definitions: XmlElement): PortType {
  const portTypes = definitions.children.filter((c) => c.ns === NS.wsdl && c.local === 'portType');
  const el = portTypes[0];
  if (!el) throw specError(ctx, definitions, 'missing portType');
  if (portTypes.length > 1) throw unsupported(ctx, portTypes[1]!, 'a second wsdl:portType');
  checkWsdlAttrs(ctx, el, ['name']);
  const operations: XmlElement[] = [];
  for (const child of childrenNamed(ctx, el, NS.wsdl, 'operation')) {
    checkWsdlAttrs(ctx, child, ['name', 'parameterOrder']);
    const name = requireAttr(ctx, child, 'name');
    if (operations.some((o) => o.attrs['name'] === name))
      throw unsupported(ctx, child, `overloaded operation '${name}'`);
    operations.push(child);
  }
  return { el, name: requireAttr(ctx, el, 'name'), operations };
}

/**
 * The SOAP 1.1 binding of `portType`. Every binding must name an existing portType; a
 * binding without soap:binding (e.g. a SOAP 1.2 one) is another transport of the same
 * operations and is not read. No SOAP 1.1 binding → 'missing binding'.
 */
export function findBinding(
  ctx: ReadContext,
  definitions: XmlElement,
  targetNamespace: string,
  portType: PortType,
): Binding {
  const wanted = qkey(targetNamespace, portType.name);
  const found: Binding[] = [];
  for (const el of definitions.children) {
    if (el.ns !== NS.wsdl || el.local !== 'binding') continue;
    checkWsdlAttrs(ctx, el, ['name', 'type']);
    const type = resolveQName(ctx, el, 'type');
    if (qkey(type.namespace, type.name) !== wanted)
      throw specError(ctx, el, `missing portType '${el.attrs['type']}'`);
    const soapBinding = el.children.find((c) => c.ns === NS.wsdlSoap && c.local === 'binding');
    if (!soapBinding) continue;
    checkAttrs(ctx, soapBinding, ['transport', 'style']);
    const style = soapBinding.attrs['style'] ?? 'document';
    if (style !== 'document') throw unsupported(ctx, soapBinding, `style '${style}'`);
    const operations: XmlElement[] = [];
    const other = (c: XmlElement) => c === soapBinding || isPolicy(c);
    for (const child of childrenNamed(ctx, el, NS.wsdl, 'operation', other)) {
      checkWsdlAttrs(ctx, child, ['name']);
      operations.push(child);
    }
    found.push({ el, style, operations });
  }
  const binding = found[0];
  if (!binding)
    throw specError(
      ctx,
      portType.el,
      `missing binding: no SOAP 1.1 binding for portType '${portType.name}'`,
    );
  if (found.length > 1)
    throw unsupported(ctx, found[1]!.el, 'a second SOAP 1.1 binding of the same portType');
  return binding;
}

const POLICY_NS = [
  'http://schemas.xmlsoap.org/ws/2004/09/policy',
  'http://www.w3.org/ns/ws-policy',
];

/** WS-Policy elements (transport security assertions) say nothing the model keeps. */
export function isPolicy(el: XmlElement): boolean {
  return POLICY_NS.includes(el.ns);
}
