import { NS, type Operation, type QName, type SoapFault, type SoapHeader } from '../model/types.ts';
import {
  checkAttrs,
  checkWsdlAttrs,
  isWsdlDoc,
  type ReadContext,
  requireAttr,
  specError,
  unsupported,
} from './context.ts';
import { docOf } from './doc.ts';
import { lookupMessage, type Message, singlePart } from './messages.ts';
import { declName, type SchemaIndex } from './schema-index.ts';
import { findBinding, findPortType } from './port-binding.ts';
import { bodyTypeName, elementDecl, headerTypeRef } from './element-types.ts';
import type { XmlElement } from './xml.ts';

interface OperationsInput {
  readonly definitions: XmlElement;
  readonly targetNamespace: string;
  readonly index: SchemaIndex;
  readonly messages: Map<string, Message>;
}

/**
 * Operations in portType order, each joined with its SOAP binding operation: the SOAP
 * action, the body wrapper elements, the header elements exactly as the binding's
 * `soap:header` entries list them (a `_Headers` message may declare more parts than a
 * binding uses), and the faults. Anything missing on either side is a SpecError.
 */
export function readOperations(ctx: ReadContext, input: OperationsInput): Operation[] {
  const portType = findPortType(ctx, input.definitions);
  const binding = findBinding(ctx, input.definitions, input.targetNamespace, portType);
  const bindingOps = new Map<string, XmlElement>();
  for (const op of binding.operations) {
    const name = requireAttr(ctx, op, 'name');
    if (bindingOps.has(name)) throw unsupported(ctx, op, `overloaded binding operation '${name}'`);
    if (!portType.operations.some((p) => p.attrs['name'] === name)) {
      throw specError(ctx, op, `missing portType operation '${name}' for this binding operation`);
    }
    bindingOps.set(name, op);
  }
  return portType.operations.map((op) => {
    const name = op.attrs['name']!;
    const bop = bindingOps.get(name);
    if (!bop)
      throw specError(
        ctx,
        op,
        `missing binding operation '${name}' in binding '${binding.el.attrs['name']}'`,
      );
    return readOperation(ctx, input, op, bop, binding.style);
  });
}

function readOperation(
  ctx: ReadContext,
  input: OperationsInput,
  op: XmlElement,
  bop: XmlElement,
  defaultStyle: string,
): Operation {
  const name = op.attrs['name']!;
  const pt = wsdlChildren(ctx, op, ['input', 'output', 'fault']);
  const pIn = pt.input[0];
  const pOut = pt.output[0];
  if (!pIn) throw specError(ctx, op, `missing wsdl:input in portType operation '${name}'`);
  if (!pOut) throw unsupported(ctx, op, `one-way operation '${name}' (no wsdl:output)`);
  if (pt.input.length > 1 || pt.output.length > 1)
    throw unsupported(ctx, op, `several inputs or outputs in '${name}'`);

  const b = wsdlChildren(ctx, bop, ['input', 'output', 'fault'], ['operation']);
  const soapOp = b.soap[0];
  if (!soapOp) throw specError(ctx, bop, `missing soap:operation in binding operation '${name}'`);
  checkAttrs(ctx, soapOp, ['soapAction', 'style']);
  if ((soapOp.attrs['style'] ?? defaultStyle) !== 'document')
    throw unsupported(ctx, soapOp, `style '${soapOp.attrs['style']}'`);
  const action = requireAttr(ctx, soapOp, 'soapAction');
  const bIn = b.input[0];
  const bOut = b.output[0];
  if (!bIn) throw specError(ctx, bop, `missing wsdl:input in binding operation '${name}'`);
  if (!bOut) throw specError(ctx, bop, `missing wsdl:output in binding operation '${name}'`);

  const request = readDirection(ctx, input, pIn, bIn);
  const response = readDirection(ctx, input, pOut, bOut);
  const faults = readFaults(ctx, input, pt.fault, b.fault);
  const operation: Operation = {
    name,
    request: request.typeName,
    response: response.typeName,
    faults: [...new Set(faults.map((f) => f.type))],
    soap: {
      action,
      requestElement: request.element,
      responseElement: response.element,
      requestHeaders: request.headers,
      responseHeaders: response.headers,
      faults,
    },
  };
  const doc = docOf(op);
  if (doc) operation.doc = doc;
  return operation;
}

interface Direction {
  typeName: string;
  element: QName;
  headers: SoapHeader[];
}

/** One direction: the body element from the portType message, the headers from the binding. */
function readDirection(
  ctx: ReadContext,
  input: OperationsInput,
  pDir: XmlElement,
  bDir: XmlElement,
): Direction {
  checkWsdlAttrs(ctx, pDir, ['name', 'message']);
  const part = singlePart(ctx, lookupMessage(ctx, input.messages, pDir), pDir);
  const decl = elementDecl(ctx, input.index, part.element, part.el);
  const headers: SoapHeader[] = [];
  let body: XmlElement | undefined;
  for (const child of bDir.children) {
    if (isWsdlDoc(child)) continue;
    if (child.ns === NS.wsdlSoap && child.local === 'body') {
      if (body) throw specError(ctx, child, 'second soap:body');
      checkAttrs(ctx, child, ['use']);
      requireLiteral(ctx, child);
      body = child;
    } else if (child.ns === NS.wsdlSoap && child.local === 'header') {
      headers.push(readHeader(ctx, input, child));
    } else {
      throw unsupported(ctx, child);
    }
  }
  if (!body) throw specError(ctx, bDir, 'missing soap:body');
  return {
    typeName: bodyTypeName(ctx, input.index, decl),
    element: declName(decl),
    headers,
  };
}

function readHeader(ctx: ReadContext, input: OperationsInput, header: XmlElement): SoapHeader {
  checkAttrs(ctx, header, ['message', 'part', 'use']);
  requireLiteral(ctx, header);
  if (header.children.length > 0) throw unsupported(ctx, header.children[0]!);
  const message = lookupMessage(ctx, input.messages, header);
  const partName = requireAttr(ctx, header, 'part');
  const part = message.parts.find((p) => p.name === partName);
  if (!part)
    throw specError(ctx, header, `missing part '${partName}' in message '${message.name}'`);
  const decl = elementDecl(ctx, input.index, part.element, part.el);
  return {
    name: part.name,
    element: declName(decl),
    type: headerTypeRef(ctx, input.index, decl),
  };
}

/** Binding faults in binding order, each matched by name to the portType fault and its message. */
function readFaults(
  ctx: ReadContext,
  input: OperationsInput,
  pFaults: XmlElement[],
  bFaults: XmlElement[],
): SoapFault[] {
  const faults = bFaults.map((bFault): SoapFault => {
    checkWsdlAttrs(ctx, bFault, ['name']);
    const name = requireAttr(ctx, bFault, 'name');
    const pFault = pFaults.find((f) => f.attrs['name'] === name);
    if (!pFault) throw specError(ctx, bFault, `missing portType fault '${name}'`);
    checkWsdlAttrs(ctx, pFault, ['name', 'message']);
    const soapFaults = bFault.children.filter((c) => !isWsdlDoc(c));
    const soapFault = soapFaults[0];
    if (
      !soapFault ||
      soapFaults.length > 1 ||
      soapFault.ns !== NS.wsdlSoap ||
      soapFault.local !== 'fault'
    ) {
      throw specError(ctx, bFault, `binding fault '${name}' must hold exactly one soap:fault`);
    }
    checkAttrs(ctx, soapFault, ['name', 'use', 'namespace']);
    requireLiteral(ctx, soapFault);
    if (soapFault.attrs['name'] !== undefined && soapFault.attrs['name'] !== name) {
      throw specError(
        ctx,
        soapFault,
        `soap:fault name '${soapFault.attrs['name']}' differs from wsdl:fault name '${name}'`,
      );
    }
    const part = singlePart(ctx, lookupMessage(ctx, input.messages, pFault), pFault);
    const decl = elementDecl(ctx, input.index, part.element, part.el);
    return {
      name,
      element: declName(decl),
      type: bodyTypeName(ctx, input.index, decl),
    };
  });
  for (const pFault of pFaults) {
    if (!faults.some((f) => f.name === pFault.attrs['name'])) {
      throw specError(
        ctx,
        pFault,
        `missing binding fault for portType fault '${pFault.attrs['name']}'`,
      );
    }
  }
  return faults;
}

function requireLiteral(ctx: ReadContext, el: XmlElement): void {
  const use = el.attrs['use'];
  if (use !== undefined && use !== 'literal') throw unsupported(ctx, el, `use="${use}"`);
}

type Grouped<K extends string> = Record<K, XmlElement[]> & { soap: XmlElement[] };

/** Groups the WSDL children of an operation by local name; `soapLocals` names allowed soap: children. */
function wsdlChildren<K extends string>(
  ctx: ReadContext,
  el: XmlElement,
  locals: readonly K[],
  soapLocals: readonly string[] = [],
): Grouped<K> {
  const out = { soap: [] as XmlElement[] } as Grouped<K>;
  for (const local of locals) (out as Record<string, XmlElement[]>)[local] = [];
  for (const child of el.children) {
    if (isWsdlDoc(child)) continue;
    if (child.ns === NS.wsdl && (locals as readonly string[]).includes(child.local))
      (out as Record<string, XmlElement[]>)[child.local]!.push(child);
    else if (child.ns === NS.wsdlSoap && soapLocals.includes(child.local)) out.soap.push(child);
    else throw unsupported(ctx, child, `<${child.tag}> in <${el.tag}>`);
  }
  return out;
}
