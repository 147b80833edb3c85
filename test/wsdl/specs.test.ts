import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { baseChain, formatRef, namedTarget, typeIndex } from '../../generator/model/helpers.ts';
import {
  NS,
  type ObjectType,
  type ServiceModel,
  type TypeRef,
} from '../../generator/model/types.ts';
import { readWsdl } from '../../generator/wsdl/index.ts';
import {
  anonymousElementTypes,
  bindingOperations,
  count,
  namedComplexTypes,
  namedSimpleTypes,
  portTypeOperationNames,
} from './spec-text.ts';

const SPECS = fileURLToPath(new URL('../../specs/', import.meta.url));
const manifest = JSON.parse(readFileSync(`${SPECS}manifest.json`, 'utf8')) as {
  services: { id: string; soapService: string; files: { wsdl: string } }[];
};

/** Independent of XSD_PRIMITIVES on purpose: every built-in the six WSDLs use in a field. */
const XSD_KIND: Record<string, string> = {
  'xs:string': 'string',
  'xs:long': 'int64',
  'xs:int': 'int32',
  'xs:boolean': 'boolean',
  'xs:dateTime': 'dateTime',
  'xs:double': 'double',
  'xs:decimal': 'decimal',
  'xs:unsignedByte': 'uint8',
  'xs:base64Binary': 'base64',
  'xs:short': 'int16',
  'xs:float': 'float',
};

const SER_PRIMITIVES = new Set(['char', 'duration', 'guid']);
const timings: string[] = [];

describe.each(manifest.services)('$id WSDL', ({ id, soapService, files }) => {
  let xml: string;
  let model: ServiceModel;
  let objects: Map<string, ObjectType>;

  beforeAll(() => {
    xml = readFileSync(`${SPECS}${files.wsdl}`, 'utf8');
    const started = performance.now();
    model = readWsdl(xml, { file: files.wsdl, service: id });
    timings.push(
      `${files.wsdl} (${(xml.length / 1024).toFixed(0)} KiB): ${(performance.now() - started).toFixed(1)} ms (first read, cold)`,
    );
    objects = new Map(
      model.types.filter((t): t is ObjectType => t.kind === 'object').map((t) => [t.name, t]),
    );
  });

  it('names the service and its namespace', () => {
    expect(model.name).toBe(soapService);
    expect(model.protocol).toBe('soap');
    expect(model.namespace).toBe(/<wsdl:definitions [^>]*targetNamespace="([^"]+)"/.exec(xml)![1]);
    expect(model.source.file).toBe(files.wsdl);
  });

  it('has one operation per portType operation, in portType order', () => {
    const names = portTypeOperationNames(xml);
    expect(names.length).toBeGreaterThan(0);
    expect(model.operations.map((o) => o.name)).toEqual(names);
  });

  it('takes soapAction, header parts and faults exactly from the binding text', () => {
    const binding = bindingOperations(xml);
    expect(binding.size).toBe(model.operations.length);
    for (const op of model.operations) {
      const text = binding.get(op.name)!;
      expect({ op: op.name, action: op.soap!.action }).toEqual({
        op: op.name,
        action: text.action,
      });
      expect({ op: op.name, headers: op.soap!.requestHeaders.map((h) => h.name) }).toEqual({
        op: op.name,
        headers: text.inputHeaders,
      });
      expect({ op: op.name, headers: op.soap!.responseHeaders.map((h) => h.name) }).toEqual({
        op: op.name,
        headers: text.outputHeaders,
      });
      expect({ op: op.name, faults: op.soap!.faults.map((f) => f.name) }).toEqual({
        op: op.name,
        faults: text.faults,
      });
      expect(op.request).toBe(op.soap!.requestElement.name);
      expect(op.response).toBe(op.soap!.responseElement.name);
      expect(objects.get(op.request!)?.origin).toBe('element');
      expect(objects.get(op.response!)?.origin).toBe('element');
    }
  });

  it('reads every non-ArrayOf complexType as an object type with its elements as fields, in order', () => {
    const complexTypes = namedComplexTypes(xml);
    expect(complexTypes.length).toBe(count(xml, /<xs:complexType name="/g));
    for (const ct of complexTypes) {
      if (ct.name.startsWith('ArrayOf')) {
        expect(objects.has(ct.name), ct.name).toBe(false);
        continue;
      }
      const type = objects.get(ct.name);
      expect(type?.origin, ct.name).toBe('schema');
      expectFields(type!, ct.elements);
    }
  });

  it('reads every element with an anonymous complexType as an element-origin object type', () => {
    for (const el of anonymousElementTypes(xml)) {
      const type = objects.get(el.name);
      expect(type?.origin, el.name).toBe('element');
      expectFields(type!, el.elements);
    }
  });

  it('reads every simpleType but ser:char/duration/guid as an enum; xs:list ones as flags', () => {
    const names = namedSimpleTypes(xml).filter((n) => !SER_PRIMITIVES.has(n));
    const enums = model.types.filter((t) => t.kind === 'enum');
    expect(enums.map((t) => t.name)).toEqual(names);
    expect(enums.filter((t) => t.kind === 'enum' && t.flags).length).toBe(count(xml, /<xs:list>/g));
    expect(model.types.filter((t) => t.kind === 'alias')).toEqual([]);
    for (const t of enums)
      if (t.kind === 'enum') expect(t.values.length, t.name).toBeGreaterThan(0);
  });

  it('emits exactly the object, enum and element types (nothing else, no duplicates)', () => {
    const objectsExpected =
      namedComplexTypes(xml).filter((c) => !c.name.startsWith('ArrayOf')).length +
      anonymousElementTypes(xml).length;
    const dictionaryItems = count(
      xml,
      /<xs:element minOccurs="0" maxOccurs="unbounded" name="[^"]+">\s*<xs:complexType>/g,
    );
    expect(objects.size).toBe(objectsExpected + dictionaryItems);
    expect(new Set(model.types.map((t) => t.name)).size).toBe(model.types.length);
    for (const t of model.types) expect(t.namespace, t.name).toMatch(/^https?:\/\//);
  });

  it('resolves every reference: fields, items, bases, headers, bodies and faults', () => {
    const index = typeIndex(model);
    const missing: string[] = [];
    const check = (ref: TypeRef, where: string) => {
      const target = namedTarget(ref);
      if (target !== undefined && !index.has(target)) missing.push(`${where}: ${formatRef(ref)}`);
    };
    for (const t of objects.values()) {
      if (t.base && index.get(t.base)?.kind !== 'object') missing.push(`${t.name} base ${t.base}`);
      for (const f of t.fields) check(f.type, `${t.name}.${f.name}`);
    }
    for (const op of model.operations) {
      for (const h of [...op.soap!.requestHeaders, ...op.soap!.responseHeaders])
        check(h.type, `${op.name} header ${h.name}`);
      for (const name of [op.request!, op.response!, ...op.faults])
        if (!index.has(name)) missing.push(`${op.name}: ${name}`);
    }
    expect(missing).toEqual([]);
  });

  it('is plain, deterministic data', () => {
    expect(JSON.parse(JSON.stringify(model))).toEqual(model);
    expect(readWsdl(xml, { file: files.wsdl, service: id })).toEqual(model);
  });

  it('declares the usual headers and faults on every operation', () => {
    for (const op of model.operations) {
      const request = op.soap!.requestHeaders.map((h) => h.name);
      expect(request).toEqual(expect.arrayContaining(['AuthenticationToken', 'DeveloperToken']));
      expect(op.soap!.responseHeaders.map((h) => h.name)).toEqual(['TrackingId']);
      for (const h of op.soap!.requestHeaders)
        expect(h.type).toEqual({ kind: 'primitive', primitive: 'string' });
      expect(op.faults).toContain('AdApiFaultDetail');
      expect(op.soap!.faults.find((f) => f.type === 'AdApiFaultDetail')!.element).toEqual({
        name: 'AdApiFaultDetail',
        namespace: 'https://adapi.microsoft.com',
      });
    }
    const accountScoped = !['customer-management', 'customer-billing'].includes(id);
    for (const op of model.operations) {
      const request = op.soap!.requestHeaders.map((h) => h.name);
      expect(request.includes('CustomerAccountId') && request.includes('CustomerId')).toBe(
        accountScoped,
      );
    }
  });
});

function expectFields(type: ObjectType, elements: { name: string; type?: string }[]): void {
  expect(
    type.fields.map((f) => f.name),
    type.name,
  ).toEqual(elements.map((e) => e.name));
  type.fields.forEach((field, i) => {
    const xsd = elements[i]!.type;
    if (xsd?.startsWith('xs:')) {
      expect(XSD_KIND[xsd], `${type.name}.${field.name} ${xsd}`).toBeDefined();
      expect(field.type, `${type.name}.${field.name}`).toEqual({
        kind: 'primitive',
        primitive: XSD_KIND[xsd],
      });
    }
    if (xsd && /:ArrayOf/.test(xsd))
      expect(field.type.kind, `${type.name}.${field.name}`).toBe('array');
  });
}

describe('sampled facts', () => {
  const load = (id: string) =>
    readWsdl(readFileSync(`${SPECS}${id}.wsdl`, 'utf8'), { file: `${id}.wsdl`, service: id });
  const models = new Map<string, ServiceModel>();
  const model = (id: string): ServiceModel =>
    models.get(id) ?? (models.set(id, load(id)), models.get(id)!);
  const obj = (id: string, name: string): ObjectType => {
    const t = model(id).types.find((x) => x.name === name);
    if (t?.kind !== 'object') throw new Error(`${name} is not an object type of ${id}`);
    return t;
  };

  it('customer-management AdvertiserAccount fields start with BillToCustomerId…, int64 ids, enums by name', () => {
    const fields = obj('customer-management', 'AdvertiserAccount').fields;
    expect(fields.slice(0, 5).map((f) => [f.name, formatRef(f.type), f.nullable])).toEqual([
      ['BillToCustomerId', 'int64', true],
      ['CurrencyCode', 'CurrencyCode', true],
      ['AccountFinancialStatus', 'AccountFinancialStatus', true],
      ['Id', 'int64', true],
      ['Language', 'LanguageType', true],
    ]);
    expect(fields[0]!.namespace).toBe('https://bingads.microsoft.com/Customer/v13/Entities');
    expect(fields.find((f) => f.name === 'ParentCustomerId')).toMatchObject({
      minOccurs: 0,
      nullable: false,
    });
  });

  it('customer-management GetUser carries AuthenticationToken and DeveloperToken headers and TrackingId back', () => {
    const getUser = model('customer-management').operations.find((o) => o.name === 'GetUser')!;
    expect(getUser.soap!.requestHeaders.map((h) => h.name)).toEqual([
      'ApplicationToken',
      'AuthenticationToken',
      'DeveloperToken',
      'Password',
      'UserName',
    ]);
    expect(getUser.soap!.requestHeaders[1]!.element).toEqual({
      name: 'AuthenticationToken',
      namespace: 'https://bingads.microsoft.com/Customer/v13',
    });
    expect(getUser.soap!.responseHeaders.map((h) => h.name)).toEqual(['TrackingId']);
    expect(getUser.faults).toEqual(['AdApiFaultDetail', 'ApiFault']);
    expect(
      obj('customer-management', 'GetUserRequest').fields.map((f) => [f.name, formatRef(f.type)]),
    ).toEqual([['UserId', 'int64']]);
  });

  it('customer-management: flags enum, generic KeyValuePair type, nested error arrays', () => {
    expect(
      model('customer-management').types.find((t) => t.name === 'AccountAdditionalField'),
    ).toEqual({
      kind: 'enum',
      name: 'AccountAdditionalField',
      namespace: 'https://bingads.microsoft.com/Customer/v13/Entities',
      values: ['TaxCertificate', 'AccountMode', 'CouponClaimInfo'],
      flags: true,
    });
    const kvp = obj('customer-management', 'KeyValuePairOfstringstring');
    expect(kvp.namespace).toBe(NS.collectionsGeneric);
    expect(kvp.fields.map((f) => [f.name, f.minOccurs, f.nullable])).toEqual([
      ['key', 1, true],
      ['value', 1, true],
    ]);
    const partial = obj('customer-management', 'AddClientLinksResponse').fields.find(
      (f) => f.name === 'PartialErrors',
    )!;
    expect(formatRef(partial.type)).toBe('OperationError[][]');
    expect(partial.type).toMatchObject({
      wrapperType: { name: 'ArrayOfArrayOfOperationError' },
      itemName: 'ArrayOfOperationError',
      items: { itemName: 'OperationError' },
    });
  });

  it('campaign-management bases: ResponsiveSearchAd → Ad, ApiFaultDetail → ApplicationFault, SharedList chains', () => {
    const index = typeIndex(model('campaign-management'));
    expect(obj('campaign-management', 'ResponsiveSearchAd').base).toBe('Ad');
    expect(obj('campaign-management', 'ApiFaultDetail').base).toBe('ApplicationFault');
    expect(obj('campaign-management', 'ApiFaultDetail').namespace).toBe(
      'https://bingads.microsoft.com/CampaignManagement/v13',
    );
    expect(obj('campaign-management', 'ApplicationFault').namespace).toBe(
      'https://adapi.microsoft.com',
    );
    expect(
      baseChain(index, obj('campaign-management', 'NegativeKeywordList')).map((t) => t.name),
    ).toEqual(['SharedList', 'SharedEntity']);
    expect(
      model('campaign-management').types.every((t) => t.kind !== 'object' || t.abstract === false),
    ).toBe(true);
  });

  it('campaign-management operations carry CustomerAccountId and CustomerId headers', () => {
    const add = model('campaign-management').operations.find((o) => o.name === 'AddCampaigns')!;
    expect(add.soap!.requestHeaders.map((h) => h.name)).toEqual([
      'ApplicationToken',
      'AuthenticationToken',
      'CustomerAccountId',
      'CustomerId',
      'DeveloperToken',
      'Password',
      'UserName',
    ]);
    expect(add.faults).toEqual(['AdApiFaultDetail', 'ApiFaultDetail']);
    expect(add.soap!.faults.map((f) => f.name)).toEqual([
      'AdApiFaultDetailFault',
      'ApiFaultDetail2Fault',
    ]);
  });

  it('campaign-management dictionary item KeyValueOfstringstring lives in …/Serialization/Arrays', () => {
    expect(obj('campaign-management', 'KeyValueOfstringstring')).toMatchObject({
      origin: 'element',
      namespace: NS.serializationArrays,
    });
  });

  it('AccountIds is an array of int64 with item element long in …/Serialization/Arrays', () => {
    for (const [id, request] of [
      ['bulk', 'DownloadCampaignsByAccountIdsRequest'],
      ['reporting', 'AccountThroughAdGroupReportScope'],
    ] as const) {
      const ids = obj(id, request).fields.find((f) => f.name === 'AccountIds')!;
      expect(ids.type).toEqual({
        kind: 'array',
        items: { kind: 'primitive', primitive: 'int64' },
        itemName: 'long',
        itemNamespace: NS.serializationArrays,
        itemNullable: false,
        wrapperType: { name: 'ArrayOflong', namespace: NS.serializationArrays },
      });
      expect(ids).toMatchObject({ minOccurs: 0, maxOccurs: 1, nullable: true });
    }
  });

  it('customer-billing ApiBatchFault → ApiFault → ApplicationFault; decimal stays decimal', () => {
    const index = typeIndex(model('customer-billing'));
    expect(baseChain(index, obj('customer-billing', 'ApiBatchFault')).map((t) => t.name)).toEqual([
      'ApiFault',
      'ApplicationFault',
    ]);
    const decimals = [...model('customer-billing').types]
      .flatMap((t) => (t.kind === 'object' ? t.fields : []))
      .filter((f) => f.type.kind === 'primitive' && f.type.primitive === 'decimal');
    expect(decimals.length).toBe(
      count(readFileSync(`${SPECS}customer-billing.wsdl`, 'utf8'), /type="xs:decimal"/g) - 1,
    ); // minus ser:decimal element
  });
});

describe('parse time', () => {
  it('is reported per WSDL', () => {
    // Printed, not asserted: tests must not depend on timing.
    console.log(`WSDL read times:\n  ${timings.join('\n  ')}`);
    expect(timings.length).toBe(manifest.services.length);
  });
});
