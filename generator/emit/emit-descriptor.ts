import type { TypeRef } from '../model/index.ts';
import type {
  MergedField,
  MergedModel,
  MergedObjectType,
  MergedOperation,
  MergedType,
} from '../model/merge.ts';
import { familyMapping, type FamilyInfo } from './families.ts';
import { Code, printExpanded, type Data } from './literal.ts';
import { quote } from './naming.ts';

/**
 * descriptor.ts of a generated package: the `ServiceDescriptor` of runtime/src/descriptors.ts
 * (that file is the contract), as one plain object literal. XML namespaces repeat thousands
 * of times, so each is written once as a constant.
 */

export interface DescriptorPaths {
  soapPath: string;
  restBasePath: string;
}

/** descriptor.ts, with the dist/ files written directly (the .js is the same object without its type). */
export interface EmittedDescriptor {
  ts: string;
  dts: string;
  js: string;
}

export function emitDescriptor(
  model: MergedModel,
  info: FamilyInfo,
  paths: DescriptorPaths,
  header: string,
  doc: string,
): EmittedDescriptor {
  const namespaces = new Map<string, Code>();
  const ns = (uri: string): Code => {
    let code = namespaces.get(uri);
    if (!code) {
      code = new Code(`NS${namespaces.size + 1}`);
      namespaces.set(uri, code);
    }
    return code;
  };
  const value = {
    id: model.service,
    name: model.name,
    soap: {
      path: paths.soapPath,
      namespace: model.namespace === undefined ? '' : ns(model.namespace),
    },
    rest: { basePath: paths.restBasePath },
    operations: Object.fromEntries(model.operations.map((op) => [op.name, operationData(op, ns)])),
    types: Object.fromEntries(model.types.map((t) => [t.name, typeData(t, info, ns)])),
  };
  const body = printExpanded(value, 0);
  const constants = [...namespaces].map(([uri, code]) => constLine(code.text, uri));
  const imports = `import type { ServiceDescriptor } from '@adsgen/runtime';\n\n`;
  const consts = constants.length > 0 ? `${constants.join('\n')}\n\n` : '';
  return {
    ts: `${header}\n${imports}${consts}${doc}export const descriptor: ServiceDescriptor = ${body};\n`,
    dts: `${header}\n${imports}${doc}export declare const descriptor: ServiceDescriptor;\n`,
    js: `${header}\n${consts}${doc}export const descriptor = ${body};\n`,
  };
}

/** prettier moves a string that does not fit after the `=` onto its own line. */
function constLine(name: string, uri: string): string {
  const line = `const ${name} = ${quote(uri)};`;
  return line.length <= 100 ? line : `const ${name} =\n  ${quote(uri)};`;
}

type Ns = (uri: string) => Code;

function qname(q: { name: string; namespace: string }, ns: Ns): Data {
  return { name: q.name, namespace: ns(q.namespace) };
}

function operationData(op: MergedOperation, ns: Ns): Data {
  const soap = op.soap;
  const rest = op.rest;
  const restFaults: string[] = [];
  for (const f of rest?.faults ?? []) {
    const name = f.type?.kind === 'named' ? f.type.name : undefined;
    if (name && !restFaults.includes(name)) restFaults.push(name);
  }
  return {
    name: op.name,
    request: op.request,
    response: op.response,
    soap: soap && {
      action: soap.action,
      requestElement: qname(soap.requestElement, ns),
      responseElement: qname(soap.responseElement, ns),
      requestHeaders: soap.requestHeaders.map((h) => qname(h.element, ns)),
      responseHeaders: soap.responseHeaders.map((h) => qname(h.element, ns)),
      faults: unique(soap.faults.map((f) => f.type)),
    },
    rest: rest && { method: rest.method, path: rest.path, faults: restFaults },
  };
}

function unique(list: string[]): string[] {
  return [...new Set(list)];
}

function typeData(t: MergedType, info: FamilyInfo, ns: Ns): Data {
  const namespace = t.namespace === undefined ? undefined : ns(t.namespace);
  switch (t.kind) {
    case 'enum':
      return { kind: 'enum', name: t.name, namespace, flags: t.flags, values: t.values };
    case 'alias':
      return { kind: 'alias', name: t.name, namespace, target: valueData(t.target, ns) };
    case 'object':
      return {
        kind: 'object',
        name: t.name,
        namespace,
        base: t.base,
        fields: wireFields(t, info).map((f) => fieldData(f, ns)),
        abstract: t.abstract,
        typeValue: t.typeValue,
        family: familyMapping(info, t.name),
        protocols: t.protocols,
      };
  }
}

/** All fields, inherited first: those SOAP carries in wire order, then the REST-only ones. */
export function wireFields(t: MergedObjectType, info: FamilyInfo): MergedField[] {
  const chain: MergedObjectType[] = [t];
  const seen = new Set([t.name]);
  for (let b = t.base; b !== undefined;) {
    const base = info.objects.get(b);
    if (!base || seen.has(base.name)) break;
    seen.add(base.name);
    chain.unshift(base);
    b = base.base;
  }
  const all = chain.flatMap((c) => c.fields);
  return [
    ...all.filter((f) => f.protocols !== 'rest'),
    ...all.filter((f) => f.protocols === 'rest'),
  ];
}

function fieldData(f: MergedField, ns: Ns): Data {
  let value = valueData(f.type, ns);
  if (f.maxOccurs !== 1) {
    // An element that repeats inline: each item is an element named like the field.
    const items = f.type.kind === 'array' ? valueData(f.type.items, ns) : value;
    value = {
      array: items,
      itemName: f.name,
      itemNamespace: f.namespace === undefined ? undefined : ns(f.namespace),
      inline: true,
    };
  }
  return {
    name: f.name,
    restName: f.restName,
    namespace: f.namespace === undefined ? undefined : ns(f.namespace),
    value,
    nullable: f.nullable,
    // Only where REST differs (SOAP-nillable enums): the REST encoder then omits a null.
    restNullable: f.restNullable,
    optional: f.optional,
    protocols: f.protocols,
  };
}

function valueData(ref: TypeRef, ns: Ns): Data {
  switch (ref.kind) {
    case 'primitive':
      return { primitive: ref.primitive };
    case 'named':
      return { type: ref.name };
    case 'array':
      return {
        array: valueData(ref.items, ns),
        itemName: ref.itemName,
        itemNamespace: ref.itemNamespace === undefined ? undefined : ns(ref.itemNamespace),
        itemNullable: ref.itemNullable,
      };
  }
}
