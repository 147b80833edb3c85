/**
 * Namespace prefixes for SOAP requests. Every namespace a service uses gets one prefix
 * (`n0`, `n1`, … in descriptor order: the service namespace first, then operations, then
 * types), fixed for the lifetime of the descriptor so element tags can be precomputed in
 * the type plans. Each envelope declares, once on `s:Envelope`, exactly the namespaces its
 * operation can reach, in prefix order: deterministic output, no per-element `xmlns`.
 */
import type { OperationDescriptor, ServiceDescriptor, ValueDescriptor } from '../descriptors.js';
import { familyMember, resolveValue } from '../codec-plan.js';

export const SOAP_ENV_NS = 'http://schemas.xmlsoap.org/soap/envelope/';
export const XSI_NS = 'http://www.w3.org/2001/XMLSchema-instance';
/** Where DataContract puts primitive array items (`<a:long>`). */
export const ARRAYS_NS = 'http://schemas.microsoft.com/2003/10/Serialization/Arrays';

export class PrefixTable {
  private readonly prefixes = new Map<string, string>();

  constructor(service: ServiceDescriptor) {
    // The generator writes the order into the descriptor; a hand-made one is walked.
    for (const namespace of service.soap.namespaces ?? prefixOrder(service)) this.add(namespace);
  }

  private add(namespace: string | undefined): void {
    if (namespace && !this.prefixes.has(namespace))
      this.prefixes.set(namespace, `n${this.prefixes.size}`);
  }

  /** The prefix of `namespace`; a namespace the constructor did not see is appended, still deterministic. */
  prefixOf(namespace: string): string {
    this.add(namespace);
    return this.prefixes.get(namespace)!;
  }

  /** `prefix:name`, or the bare name for elements in no namespace. */
  qualify(namespace: string | undefined, name: string): string {
    return namespace ? `${this.prefixOf(namespace)}:${name}` : name;
  }

  /** Declarations for a set of namespaces, in prefix order: ` xmlns:n0="…" xmlns:n3="…"`. */
  declarations(namespaces: Iterable<string>): string {
    const ordered = [...new Set(namespaces)]
      .filter((ns) => ns !== '')
      .map((ns) => [this.prefixOf(ns), ns] as const)
      .sort((a, b) => Number(a[0].slice(1)) - Number(b[0].slice(1)));
    return ordered
      .map(
        ([prefix, ns]) => ` xmlns:${prefix}="${ns.replace(/&/g, '&amp;').replace(/"/g, '&quot;')}"`,
      )
      .join('');
  }
}

/**
 * Every namespace a request of `op` may put on the wire: header and wrapper elements, the
 * fields of every type reachable from the request (all members of every family, since any
 * subtype may be sent), array item elements, and type namespaces for `i:type` values.
 */
export function operationNamespaces(service: ServiceDescriptor, op: OperationDescriptor): string[] {
  const found: string[] = [];
  const add = (ns: string | undefined) => {
    if (ns) found.push(ns);
  };
  if (op.soap) {
    for (const header of op.soap.requestHeaders) add(header.namespace);
    add(op.soap.requestElement.namespace);
  }
  const seen = new Set<string>();
  const visitType = (name: string): void => {
    if (seen.has(name)) return;
    seen.add(name);
    const resolved = resolveValue(service, { type: name });
    if (resolved.kind !== 'object') return;
    const type = resolved.type;
    if (type.family) {
      add(type.namespace);
      for (const value of Object.keys(type.family)) {
        const member = familyMember(service, type, value);
        if (member) {
          add(member.namespace);
          visitType(member.name);
        }
      }
    }
    for (const field of type.fields) {
      if (field.protocols === 'rest') continue;
      add(field.namespace);
      visitValue(field.value);
    }
  };
  const visitValue = (value: ValueDescriptor): void => {
    if ('array' in value) {
      add(value.itemNamespace ?? defaultItemNamespace(service, value.array));
      visitValue(value.array);
    } else if ('type' in value) {
      visitType(value.type);
    }
  };
  if (op.request) visitType(op.request);
  return found;
}

/** Item element namespace when the descriptor leaves it out: DataContract's conventions. */
export function defaultItemNamespace(
  service: ServiceDescriptor,
  item: ValueDescriptor,
): string | undefined {
  if ('type' in item) {
    const resolved = resolveValue(service, item);
    if (resolved.kind === 'object' || resolved.kind === 'enum') return resolved.type.namespace;
  }
  return ARRAYS_NS;
}

const XSD_NAMES: Readonly<Record<string, string>> = {
  int8: 'byte',
  int16: 'short',
  int32: 'int',
  int64: 'long',
  uint8: 'unsignedByte',
  uint16: 'unsignedShort',
  uint32: 'unsignedInt',
  uint64: 'unsignedLong',
  base64: 'base64Binary',
  any: 'anyType',
};

/** Item element name when the descriptor leaves it out: the XSD or type name (`long`, `Campaign`). */
export function defaultItemName(item: ValueDescriptor): string {
  if ('primitive' in item) return XSD_NAMES[item.primitive] ?? item.primitive;
  if ('type' in item) return item.type;
  return `ArrayOf${defaultItemName(item.array)}`;
}

/**
 * Every namespace a request of `service` can use, in prefix order: the service namespace, the
 * operations' request elements and headers, then the types with their fields and array items,
 * each namespace where it first appears. Reads every type: the generator runs it once and
 * writes the result into the descriptor (`soap.namespaces`).
 *
 * @internal
 */
export function prefixOrder(service: ServiceDescriptor): string[] {
  const seen = new Set<string>();
  const add = (namespace: string | undefined): void => {
    if (namespace) seen.add(namespace);
  };
  const addValue = (value: ValueDescriptor): void => {
    for (let v = value; 'array' in v; v = v.array) add(v.itemNamespace);
  };
  add(service.soap.namespace);
  for (const op of Object.values(service.operations)) {
    if (!op.soap) continue;
    add(op.soap.requestElement.namespace);
    for (const header of op.soap.requestHeaders) add(header.namespace);
  }
  for (const type of Object.values(service.types)) {
    add(type.namespace);
    if (type.kind !== 'object') continue;
    for (const field of type.fields) {
      add(field.namespace);
      addValue(field.value);
    }
  }
  return [...seen];
}
