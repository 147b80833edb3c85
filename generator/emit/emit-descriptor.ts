import type {
  FieldDescriptor,
  OperationDescriptor,
  QName,
  ServiceDescriptor,
  TypeDescriptor,
  ValueDescriptor,
} from '../../runtime/src/descriptors.ts';
import { prefixOrder } from '../../runtime/src/soap/namespaces.ts';
import { wireFields as flatten, wireOrder } from '../../runtime/src/wire-order.ts';
import type { TypeRef } from '../model/index.ts';
import type {
  MergedField,
  MergedModel,
  MergedObjectType,
  MergedOperation,
  MergedType,
} from '../model/merge.ts';
import { familyMapping, type FamilyInfo } from './families.ts';
import { printData, rawTemplate, templateJson } from './literal.ts';
import { methodName } from './naming.ts';
import { operationPaging } from './paging.ts';

/**
 * The descriptor of a generated package: the `ServiceDescriptor` of runtime/src/descriptors.ts
 * (that file is the contract: every piece below is built as one of its types, so a descriptor
 * that does not match it fails `tsc` here, not a user's call) as JSON text in a `String.raw` template literal, which the
 * runtime's `descriptorFromJson` parses and completes on load. It is written as a JavaScript
 * module with a declaration file beside it (src/descriptor.js + src/descriptor.d.ts, the same
 * two in dist/): the data is not TypeScript, and the compiler has no business scanning it.
 *
 * Why this shape (`npm run bench`: type-check, cold start and memory measure it):
 * - JSON text, not an object literal: tsc would infer the whole literal's type and relate it
 *   to ServiceDescriptor, and V8 parses JSON text far faster than the same data as JavaScript.
 * - .js + .d.ts, not a .ts around the JSON: tsc does not scan the text at all.
 * - Short text: Node keeps both the module's source and the string in it alive, so the JSON
 *   costs twice its length on top of the parsed objects. Each XML namespace is written once
 *   (`NS`; repeated, they were a large share of the text) and an object type lists only the
 *   fields it declares itself; `descriptorFromJson` puts both back on load, a subtype sharing
 *   its base's field objects.
 *
 * Kept reviewable and diff-friendly (regenerated output is diffed after a spec update): one
 * line per operation, per type and per field a type declares, so a changed field is one
 * changed line, also for a field of a base type. A raw template leaves JSON's escapes alone and
 * prettier leaves a template's content alone; `templateJson` escapes the backticks and `${` a
 * string might hold, and `rawTemplate` refuses any text the template would not hold unchanged.
 *
 * The runtime relies on that layout to parse each type only when it is first read: a line
 * `"types":{` opens the types, every type entry starts a line with its quoted name, and field
 * and closing lines never start with `"` (see runtime/src/descriptor-json.ts).
 */

export interface DescriptorPaths {
  soapPath: string;
  restBasePath: string;
}

/** descriptor.js and its declarations, the same in src/ and dist/. */
export interface EmittedDescriptor {
  dts: string;
  js: string;
}

/** The service's head: what precedes its operations and types. */
type Head = Pick<ServiceDescriptor, 'id' | 'name' | 'soap' | 'rest'>;

/** Namespace URI → the index the JSON names it by (as a string, the type of a namespace). */
type Ns = (uri: string) => string;

export function emitDescriptor(
  model: MergedModel,
  info: FamilyInfo,
  paths: DescriptorPaths,
  header: string,
  doc: string,
): EmittedDescriptor {
  const namespaces = new Map<string, string>();
  const ns: Ns = (uri) => {
    let index = namespaces.get(uri);
    if (index === undefined) {
      index = String(namespaces.size);
      namespaces.set(uri, index);
    }
    return index;
  };
  // The runtime numbers SOAP prefixes in this order; written out, it need not read every type.
  const order = descriptorData(model, info, paths).soap.namespaces!;
  const head = headData(model, paths, ns);
  head.soap.namespaces = order.map(ns);
  const lines = [`${open(head)},`, '"operations":{'];
  model.operations.forEach((op, i) => {
    lines.push(
      `${key(op.name)}${templateJson(operationData(op, info, ns))}${comma(i, model.operations)}`,
    );
  });
  lines.push('},', '"types":{');
  model.types.forEach((t, i) => {
    // Own fields only: `descriptorFromJson` puts the inherited ones back on load (the chain is
    // walked here first, so a cycle fails the generator rather than the runtime).
    if (t.kind === 'object') wireFields(t, info);
    const data = typeData(t, info, ns, 'own');
    if (data.kind !== 'object' || data.fields.length === 0) {
      lines.push(`${key(t.name)}${templateJson(data)}${comma(i, model.types)}`);
      return;
    }
    const { fields, ...rest } = data;
    lines.push(`${key(t.name)}${open(rest)},"fields":[`);
    fields.forEach((f, k) => lines.push(`  ${templateJson(f)}${comma(k, fields)}`));
    lines.push(`]}${comma(i, model.types)}`);
  });
  lines.push('}}');
  const json = rawTemplate(`\n${lines.join('\n')}\n`);
  const table = `const NS = ${printData([...namespaces.keys()], 0, 'const NS = '.length, 1)};\n\n`;
  return {
    dts:
      `${header}\nimport type { ServiceDescriptor } from '@adsgen/runtime/internal';\n\n` +
      `${doc}export declare const descriptor: ServiceDescriptor;\n`,
    js:
      `${header}\nimport { descriptorFromJson } from '@adsgen/runtime/internal';\n\n${NS_DOC}${table}` +
      `${doc}export const descriptor = descriptorFromJson(\n  NS,\n  ${json},\n);\n`,
  };
}

/**
 * The descriptor as the runtime sees it once loaded: namespaces written out, every object
 * type with all its fields. What `emitDescriptor`'s module evaluates to (test/emit holds it to that).
 */
export function descriptorData(
  model: MergedModel,
  info: FamilyInfo,
  paths: DescriptorPaths,
): ServiceDescriptor {
  const same: Ns = (uri) => uri;
  const data: ServiceDescriptor = {
    ...headData(model, paths, same),
    operations: Object.fromEntries(
      model.operations.map((op) => [op.name, operationData(op, info, same)]),
    ),
    types: Object.fromEntries(model.types.map((t) => [t.name, typeData(t, info, same, 'all')])),
  };
  data.soap.namespaces = prefixOrder(data);
  return data;
}

function headData(model: MergedModel, paths: DescriptorPaths, ns: Ns): Head {
  return {
    id: model.service,
    name: model.name,
    soap: { path: paths.soapPath, namespace: ns(model.namespace ?? '') },
    rest: { basePath: paths.restBasePath },
  };
}

const NS_DOC =
  '/** The XML namespaces: they repeat thousands of times, so the JSON below names each by its index. */\n';

/** `"name":` */
function key(name: string): string {
  return `${templateJson(name)}:`;
}

/** The object's JSON without its closing brace, for members that follow on later lines. */
function open(value: object): string {
  const text = templateJson(value);
  if (text === '{}') throw new Error('emitDescriptor: an object opened for more members is empty');
  return text.slice(0, -1);
}

function comma(index: number, list: readonly unknown[]): string {
  return index < list.length - 1 ? ',' : '';
}

function qname(q: QName, ns: Ns): QName {
  return { name: q.name, namespace: ns(q.namespace) };
}

function operationData(op: MergedOperation, info: FamilyInfo, ns: Ns): OperationDescriptor {
  const soap = op.soap;
  const rest = op.rest;
  const restFaults: string[] = [];
  for (const f of rest?.faults ?? []) {
    const name = f.type?.kind === 'named' ? f.type.name : undefined;
    if (name && !restFaults.includes(name)) restFaults.push(name);
  }
  return {
    name: op.name,
    method: methodName(op.name),
    kind: op.kind,
    request: op.request,
    response: op.response,
    paging: operationPaging(op, info),
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

/** A type's descriptor; an object type's fields apart, as they go one per line. */
function typeData(t: MergedType, info: FamilyInfo, ns: Ns, fields: 'own' | 'all'): TypeDescriptor {
  const namespace = t.namespace === undefined ? undefined : ns(t.namespace);
  switch (t.kind) {
    case 'enum':
      return {
        kind: 'enum',
        name: t.name,
        namespace,
        flags: t.flags,
        values: t.values,
      };
    case 'alias':
      return { kind: 'alias', name: t.name, namespace, target: valueData(t.target, ns) };
    case 'object':
      return {
        kind: 'object',
        name: t.name,
        namespace,
        base: t.base,
        abstract: t.abstract,
        typeValue: t.typeValue,
        family: familyMapping(info, t.name),
        protocols: t.protocols,
        fields: (fields === 'all' ? wireFields(t, info) : wireOrder(t.fields)).map((f) =>
          fieldData(f, ns),
        ),
      };
  }
}

/** All fields, inherited first, in wire order: the runtime's rule (runtime/src/wire-order.ts). */
export function wireFields(t: MergedObjectType, info: FamilyInfo): MergedField[] {
  return flatten(t, (name) => info.objects.get(name));
}

function fieldData(f: MergedField, ns: Ns): FieldDescriptor {
  const namespace = f.namespace === undefined ? undefined : ns(f.namespace);
  let value: ValueDescriptor = valueData(f.type, ns);
  if (f.maxOccurs !== 1) {
    // An element that repeats inline: each item is an element named like the field.
    const items = f.type.kind === 'array' ? valueData(f.type.items, ns) : value;
    value = {
      array: items,
      itemName: f.name,
      itemNamespace: namespace,
      inline: true,
    };
  }
  return {
    name: f.name,
    restName: f.restName,
    namespace,
    value,
    nullable: f.nullable,
    // Only where REST differs (SOAP-nillable enums): the REST encoder then omits a null.
    restNullable: f.restNullable,
    optional: f.optional,
    protocols: f.protocols,
    // Only on a dictionary: REST carries the array of {Key, Value} items as one JSON object.
    restMap: f.restMap,
  };
}

function valueData(ref: TypeRef, ns: Ns): ValueDescriptor {
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
    case 'map':
      // The descriptor has no map value: the runtime carries a map only as the array of
      // Key/Value items SOAP has (`restMap`); a REST-only map passes through as JSON.
      return { primitive: 'any' };
  }
}
