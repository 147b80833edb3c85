import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type {
  OperationDescriptor,
  ServiceDescriptor,
  ValueDescriptor,
} from '../../runtime/src/descriptors.ts';
import { encodeSoapRequest } from '../../runtime/src/soap/encode.ts';
import { GENERATED } from './paths.ts';

/** The generated package's descriptor (generated/<id>/dist/descriptor.js, as shipped). */
export async function loadDescriptor(id: string): Promise<ServiceDescriptor> {
  const url = pathToFileURL(join(GENERATED, id, 'dist', 'descriptor.js')).href;
  const mod = (await import(url)) as { descriptor: ServiceDescriptor };
  return mod.descriptor;
}

export function operation(service: ServiceDescriptor, name: string): OperationDescriptor {
  const op = service.operations[name];
  if (!op) throw new Error(`${service.id} has no operation ${name}`);
  return op;
}

/**
 * A SOAP response envelope as the service would send it: the operation's response element in
 * the service namespace, fields in schema order and namespaces, `i:type` on family members, a
 * TrackingId header. Written by the runtime's own encoder run "backwards" (the response
 * element as the body, TrackingId as the only header): the XML is what a server built from
 * the same WSDL writes, and both the soap package and our decoder read the same text.
 */
export function soapResponseXml(service: ServiceDescriptor, name: string, value: unknown): string {
  const op = operation(service, name);
  const soap = op.soap;
  if (!soap || !op.response) throw new Error(`${name} has no SOAP response`);
  const echo: OperationDescriptor = {
    name: `${name}Response`,
    request: op.response,
    soap: {
      ...soap,
      requestElement: soap.responseElement,
      requestHeaders: soap.responseHeaders,
    },
  };
  return encodeSoapRequest(service, echo, value, {
    TrackingId: 'b4f1c3a2-0000-4a5b-9c1d-bench0000001',
  });
}

/**
 * A request in the shape a `soap` package user passes it: DataContract array wrappers as
 * `{ Wrapper: { Item: [...] } }` and flags as one space-separated string, so the soap package
 * serializes the same XML content our encoder writes from the generated shape.
 */
export function toSoapPackageShape(
  service: ServiceDescriptor,
  value: unknown,
  descriptor: ValueDescriptor,
): unknown {
  if (value === null || value === undefined) return value;
  if ('array' in descriptor) {
    const items = (value as unknown[]).map((v) => toSoapPackageShape(service, v, descriptor.array));
    return descriptor.inline ? items : { [descriptor.itemName ?? 'item']: items };
  }
  if (!('type' in descriptor)) return value;
  const type = service.types[descriptor.type];
  if (!type) return value;
  if (type.kind === 'alias') return toSoapPackageShape(service, value, type.target);
  if (type.kind === 'enum') return type.flags && Array.isArray(value) ? value.join(' ') : value;
  const out: Record<string, unknown> = {};
  for (const field of type.fields) {
    const v = (value as Record<string, unknown>)[field.name];
    if (v !== undefined && field.protocols !== 'rest')
      out[field.name] = toSoapPackageShape(service, v, field.value);
  }
  return out;
}
