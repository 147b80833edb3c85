import { childrenNamed, resolveQName, type XmlNode } from '../xml/tree.ts';
import { indexSchemas, key, XS, type Key, type SchemaSet } from './schema-set.ts';

const WSDL = 'http://schemas.xmlsoap.org/wsdl/';
const WSDL_SOAP = 'http://schemas.xmlsoap.org/wsdl/soap/';

export interface SoapHeaderPart {
  /** Part name (`AuthenticationToken`). */
  part: string;
  element: Key;
}

export interface SoapOperationDesc {
  name: string;
  action: string;
  requestElement: Key;
  responseElement: Key;
  requestHeaders: SoapHeaderPart[];
  responseHeaders: SoapHeaderPart[];
  /** Declared fault detail elements by fault name (`AdApiFaultDetailFault` → `{https://adapi.microsoft.com}AdApiFaultDetail`). */
  faults: { name: string; element: Key }[];
}

export interface WsdlDescription {
  serviceName: string;
  targetNamespace: string;
  schemas: SchemaSet;
  /** In binding order. */
  operations: SoapOperationDesc[];
  byAction: Map<string, SoapOperationDesc>;
  byName: Map<string, SoapOperationDesc>;
}

/** Reads the operations of the (single) SOAP binding and indexes the embedded schemas. */
export function describeWsdl(root: XmlNode): WsdlDescription {
  const targetNamespace = root.attrs['targetNamespace'] ?? '';
  const types = childrenNamed(root, WSDL, 'types')[0];
  const schemas = indexSchemas(types ? childrenNamed(types, XS, 'schema') : []);

  const messages = new Map<string, Map<string, Key>>();
  for (const m of childrenNamed(root, WSDL, 'message')) {
    const parts = new Map<string, Key>();
    for (const p of childrenNamed(m, WSDL, 'part')) {
      const el = resolveQName(p, p.attrs['element'] ?? '');
      parts.set(p.attrs['name'] ?? '', key(el.ns, el.local));
    }
    messages.set(m.attrs['name'] ?? '', parts);
  }
  const messageOf = (node: XmlNode, attr = 'message'): Map<string, Key> => {
    const q = resolveQName(node, node.attrs[attr] ?? '');
    return messages.get(q.local) ?? new Map();
  };
  const firstPart = (parts: Map<string, Key>): Key => [...parts.values()][0] ?? '';

  // portType: body messages and fault messages per operation.
  const portOps = new Map<string, { input: Key; output: Key; faults: Map<string, Key> }>();
  for (const pt of childrenNamed(root, WSDL, 'portType')) {
    for (const op of childrenNamed(pt, WSDL, 'operation')) {
      const input = childrenNamed(op, WSDL, 'input')[0];
      const output = childrenNamed(op, WSDL, 'output')[0];
      const faults = new Map<string, Key>();
      for (const f of childrenNamed(op, WSDL, 'fault'))
        faults.set(f.attrs['name'] ?? '', firstPart(messageOf(f)));
      portOps.set(op.attrs['name'] ?? '', {
        input: input ? firstPart(messageOf(input)) : '',
        output: output ? firstPart(messageOf(output)) : '',
        faults,
      });
    }
  }

  const headersOf = (node: XmlNode | undefined): SoapHeaderPart[] =>
    node
      ? childrenNamed(node, WSDL_SOAP, 'header').map((h) => {
          const part = h.attrs['part'] ?? '';
          return { part, element: messageOf(h).get(part) ?? '' };
        })
      : [];

  const operations: SoapOperationDesc[] = [];
  for (const binding of childrenNamed(root, WSDL, 'binding')) {
    for (const op of childrenNamed(binding, WSDL, 'operation')) {
      const name = op.attrs['name'] ?? '';
      const port = portOps.get(name);
      if (!port) continue;
      const soapOp = childrenNamed(op, WSDL_SOAP, 'operation')[0];
      operations.push({
        name,
        action: soapOp?.attrs['soapAction'] ?? name,
        requestElement: port.input,
        responseElement: port.output,
        requestHeaders: headersOf(childrenNamed(op, WSDL, 'input')[0]),
        responseHeaders: headersOf(childrenNamed(op, WSDL, 'output')[0]),
        faults: [...port.faults].map(([fname, element]) => ({ name: fname, element })),
      });
    }
  }
  return {
    serviceName: root.attrs['name'] ?? '',
    targetNamespace,
    schemas,
    operations,
    byAction: new Map(operations.map((o) => [o.action, o])),
    byName: new Map(operations.map((o) => [o.name, o])),
  };
}
