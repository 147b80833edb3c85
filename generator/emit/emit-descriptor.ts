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

/**
 * descriptor.ts of a generated package: the `ServiceDescriptor` of runtime/src/descriptors.ts
 * (that file is the contract), as `JSON.parse` of JSON text in a `String.raw` template literal,
 * typed by the annotation, completed by a small generated step (`complete`, below).
 *
 * Why JSON text and not the object literal it replaced: load and type-check speed. Measured for
 * campaign-management (191 operations, 850 types) on Node 20, same machine and runtime build:
 * - `npm run bench` type-check (tsc --noEmit over src/ vs wsdl-tsclient's output): 1.56x → 0.90x.
 *   tsc inferred and related the 1 MB literal to ServiceDescriptor (check time 1.70 s → 0.27 s,
 *   23,313 → 4,711 types); a JSON.parse call costs nothing to check.
 * - importing descriptor.js: ~25 ms → ~9 ms. V8 parses JSON text far faster than the same data
 *   as JavaScript, which it compiles to bytecode and object boilerplates first.
 * - heap after import + one call (bench memory, vs the soap package): 13.0 MB → 12.2 MB
 *   (0.52 → 0.49). Node keeps both the module's source and the string literal in it alive
 *   (the module's bytecode is never released), so the JSON costs twice its length on top of the
 *   parsed objects: hence it is kept short. Each XML namespace is written once (`NS`; they
 *   repeated ~6,000 times, 40% of the text) and an object type lists only the fields it
 *   declares itself (25% of field lines were inherited copies); `complete` puts both back on
 *   load in about a millisecond, a subtype sharing its base's field objects.
 *
 * Kept reviewable and diff-friendly (regenerated output is diffed after a spec update): one
 * line per operation, per type and per field a type declares, so a changed field is one
 * changed line, also for a field of a base type. A raw template leaves JSON's escapes alone and
 * prettier leaves a template's content alone; `templateJson` escapes the backticks and `${` a
 * string might hold, and `rawTemplate` refuses any text the template would not hold unchanged.
 */

export interface DescriptorPaths {
  soapPath: string;
  restBasePath: string;
}

/** descriptor.ts, with the dist/ files written directly (the .js is the same call without its type). */
export interface EmittedDescriptor {
  ts: string;
  dts: string;
  js: string;
}

/** A JSON object as built here: undefined members are left out of the text. */
type JsonObject = { [key: string]: unknown };

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
  const lines = [`${open(headData(model, paths, ns))},`, '"operations":{'];
  model.operations.forEach((op, i) => {
    lines.push(
      `${key(op.name)}${templateJson(operationData(op, ns))}${comma(i, model.operations)}`,
    );
  });
  lines.push('},', '"types":{');
  model.types.forEach((t, i) => {
    if (t.kind === 'object') checkChain(t, info);
    // Own fields only: `complete` puts the inherited ones back on load.
    const { fields, ...rest } = typeData(t, info, ns, 'own');
    if (fields === undefined || fields.length === 0) {
      lines.push(
        `${key(t.name)}${templateJson(fields ? { ...rest, fields } : rest)}${comma(i, model.types)}`,
      );
      return;
    }
    lines.push(`${key(t.name)}${open(rest)},"fields":[`);
    fields.forEach((f, k) => lines.push(`  ${templateJson(f)}${comma(k, fields)}`));
    lines.push(`]}${comma(i, model.types)}`);
  });
  lines.push('}}');
  const json = `  JSON.parse(${rawTemplate(`\n${lines.join('\n')}\n`)}),\n`;
  const table = `const NS = ${printData([...namespaces.keys()], 0, 'const NS = '.length, 1)};\n\n`;
  const imports = `import type { ServiceDescriptor } from '@adsgen/runtime';\n\n`;
  return {
    ts:
      `${header}\n${TS_IMPORTS}${NS_DOC}${table}${COMPLETE_TS}\n${doc}` +
      `export const descriptor: ServiceDescriptor = complete(\n${json});\n`,
    dts: `${header}\n${imports}${doc}export declare const descriptor: ServiceDescriptor;\n`,
    js:
      `${header}\n${NS_DOC}${table}${COMPLETE_JS}\n${doc}` +
      `export const descriptor = complete(\n${json});\n`,
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
): JsonObject {
  const same: Ns = (uri) => uri;
  return {
    ...headData(model, paths, same),
    operations: Object.fromEntries(
      model.operations.map((op) => [op.name, operationData(op, same)]),
    ),
    types: Object.fromEntries(model.types.map((t) => [t.name, typeData(t, info, same, 'all')])),
  };
}

function headData(model: MergedModel, paths: DescriptorPaths, ns: Ns): JsonObject {
  return {
    id: model.service,
    name: model.name,
    soap: { path: paths.soapPath, namespace: ns(model.namespace ?? '') },
    rest: { basePath: paths.restBasePath },
  };
}

/** `complete` follows `base` as far as it names object types; a cycle would never end. */
function checkChain(t: MergedObjectType, info: FamilyInfo): void {
  const seen = new Set([t.name]);
  for (
    let b = info.objects.get(t.base ?? '');
    b !== undefined;
    b = info.objects.get(b.base ?? '')
  ) {
    if (seen.has(b.name)) throw new Error(`type '${t.name}': its base types form a cycle`);
    seen.add(b.name);
  }
}

const TS_IMPORTS =
  "import type {\n  FieldDescriptor,\n  ObjectTypeDescriptor,\n  ServiceDescriptor,\n  ValueDescriptor,\n} from '@adsgen/runtime';\n\n";

const NS_DOC =
  '/** The XML namespaces: they repeat thousands of times, so the JSON below names each by its index. */\n';

/**
 * The step that puts back what the JSON leaves out, as generated (.ts, then the same without
 * types for .js). It visits exactly the members `operationData`, `typeData` and `headData`
 * write through `ns`, and rebuilds `wireFields` from each type's own fields and its base's.
 */
const COMPLETE_TS = `/**
 * \`d\` as the runtime reads it (in place: \`d\` is fresh from JSON.parse): each namespace index
 * replaced by the namespace, and each object type's inherited fields put back before its own,
 * in wire order (the SOAP fields of base and own, then the REST-only ones). A subtype shares
 * its base's field objects.
 */
function complete(d: ServiceDescriptor): ServiceDescriptor {
  const uri = (index: string): string => {
    const namespace = NS[Number(index)];
    if (namespace === undefined) throw new Error(\`descriptor: no namespace #\${index}\`);
    return namespace;
  };
  const items = (value: ValueDescriptor): void => {
    for (let v = value; 'array' in v; v = v.array) {
      if (v.itemNamespace !== undefined) v.itemNamespace = uri(v.itemNamespace);
    }
  };
  d.soap.namespace = uri(d.soap.namespace);
  for (const { soap } of Object.values(d.operations)) {
    if (soap === undefined) continue;
    const { requestElement, responseElement, requestHeaders, responseHeaders } = soap;
    for (const q of [requestElement, responseElement, ...requestHeaders, ...responseHeaders]) {
      q.namespace = uri(q.namespace);
    }
  }
  for (const t of Object.values(d.types)) {
    if (t.namespace !== undefined) t.namespace = uri(t.namespace);
    if (t.kind === 'alias') items(t.target);
    if (t.kind !== 'object') continue;
    for (const f of t.fields) {
      if (f.namespace !== undefined) f.namespace = uri(f.namespace);
      items(f.value);
    }
  }
  const done = new Set<string>();
  const carried = (f: FieldDescriptor): boolean => f.protocols !== 'rest';
  const restOnly = (f: FieldDescriptor): boolean => f.protocols === 'rest';
  const inherit = (t: ObjectTypeDescriptor): FieldDescriptor[] => {
    const base = t.base === undefined ? undefined : d.types[t.base];
    if (base?.kind !== 'object' || done.has(t.name)) return t.fields;
    done.add(t.name);
    const all = inherit(base);
    const own = t.fields;
    t.fields = [
      ...all.filter(carried),
      ...own.filter(carried),
      ...all.filter(restOnly),
      ...own.filter(restOnly),
    ];
    return t.fields;
  };
  for (const t of Object.values(d.types)) if (t.kind === 'object') inherit(t);
  return d;
}
`;

const COMPLETE_JS = COMPLETE_TS.replace('(d: ServiceDescriptor): ServiceDescriptor', '(d)')
  .replace('(index: string): string', '(index)')
  .replace('(value: ValueDescriptor): void', '(value)')
  .replace('new Set<string>()', 'new Set()')
  .replace(/\(f: FieldDescriptor\): boolean/g, '(f)')
  .replace('(t: ObjectTypeDescriptor): FieldDescriptor[]', '(t)');

/** `"name":` */
function key(name: string): string {
  return `${templateJson(name)}:`;
}

/** The object's JSON without its closing brace, for members that follow on later lines. */
function open(value: JsonObject): string {
  const text = templateJson(value);
  if (text === '{}') throw new Error('emitDescriptor: an object opened for more members is empty');
  return text.slice(0, -1);
}

function comma(index: number, list: readonly unknown[]): string {
  return index < list.length - 1 ? ',' : '';
}

function qname(q: { name: string; namespace: string }, ns: Ns): JsonObject {
  return { name: q.name, namespace: ns(q.namespace) };
}

function operationData(op: MergedOperation, ns: Ns): JsonObject {
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

/** A type's descriptor; an object type's fields apart, as they go one per line. */
function typeData(
  t: MergedType,
  info: FamilyInfo,
  ns: Ns,
  fields: 'own' | 'all',
): JsonObject & { fields?: JsonObject[] } {
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
  return wireOrder(chain.flatMap((c) => c.fields));
}

/** Those SOAP carries, in order, then the REST-only ones. */
function wireOrder(fields: MergedField[]): MergedField[] {
  return [
    ...fields.filter((f) => f.protocols !== 'rest'),
    ...fields.filter((f) => f.protocols === 'rest'),
  ];
}

function fieldData(f: MergedField, ns: Ns): JsonObject {
  const namespace = f.namespace === undefined ? undefined : ns(f.namespace);
  let value = valueData(f.type, ns);
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

function valueData(ref: TypeRef, ns: Ns): JsonObject {
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
