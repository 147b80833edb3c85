import type {
  ArrayRef,
  Field,
  ObjectType,
  Operation,
  PrimitiveKind,
  ServiceModel,
  ServiceType,
  TypeRef,
} from '../../generator/model/index.ts';
import type { ServiceManifestEntry } from '../../generator/specs/manifest.ts';

/**
 * A hand-built SOAP model and REST model of one tiny service, shaped like the real ones:
 * an abstract polymorphic base (Ad) with an enum `Type` element in SOAP and a discriminator
 * in REST, a concrete base (BatchError), a fault family, a flags enum, a key/value pair
 * spelled differently by the two specs, REST-only and SOAP-only members, and types named
 * like TypeScript globals (Date, Record).
 */

export const SVC = 'urn:tiny:svc';
export const ENT = 'urn:tiny:entities';
export const ARR = 'http://schemas.microsoft.com/2003/10/Serialization/Arrays';
export const GEN = 'http://schemas.datacontract.org/2004/07/System.Collections.Generic';

export const p = (primitive: PrimitiveKind): TypeRef => ({ kind: 'primitive', primitive });
export const n = (name: string): TypeRef => ({ kind: 'named', name });
export const arr = (items: TypeRef, extra: Omit<ArrayRef, 'kind' | 'items'> = {}): TypeRef => ({
  kind: 'array',
  items,
  ...extra,
});

/** A field: optional and nillable (as DataContract writes most) unless told otherwise. */
export function f(name: string, type: TypeRef, extra: Partial<Field> = {}): Field {
  return { name, type, minOccurs: 0, maxOccurs: 1, nullable: false, ...extra };
}

export function obj(name: string, fields: Field[], extra: Partial<ObjectType> = {}): ObjectType {
  return { kind: 'object', name, fields, abstract: false, ...extra };
}

const soapField = (name: string, type: TypeRef, extra: Partial<Field> = {}): Field =>
  f(name, type, { namespace: ENT, nullable: true, ...extra });

function soapOp(name: string, request: string, response: string): Operation {
  return {
    name,
    request,
    response,
    faults: ['AdApiFaultDetail'],
    soap: {
      action: name,
      requestElement: { name: request, namespace: SVC },
      responseElement: { name: response, namespace: SVC },
      requestHeaders: [
        {
          name: 'AuthenticationToken',
          element: { name: 'AuthenticationToken', namespace: SVC },
          type: p('string'),
        },
        {
          name: 'DeveloperToken',
          element: { name: 'DeveloperToken', namespace: SVC },
          type: p('string'),
        },
      ],
      responseHeaders: [
        { name: 'TrackingId', element: { name: 'TrackingId', namespace: SVC }, type: p('string') },
      ],
      faults: [
        {
          name: 'AdApiFaultDetailFault',
          element: { name: 'AdApiFaultDetail', namespace: ENT },
          type: 'AdApiFaultDetail',
        },
      ],
    },
  };
}

function restOp(name: string, path: string, request?: string, response?: string): Operation {
  const op: Operation = {
    name,
    faults: ['ApplicationFault'],
    rest: {
      method: 'POST',
      path: `/Tiny/v13${path}`,
      requestBodyRequired: true,
      responses: [{ status: '200', ...(response ? { type: n(response) } : {}) }],
      faults: ['400', '401', '500'].map((status) => ({ status, type: n('ApplicationFault') })),
    },
  };
  if (request) op.request = request;
  if (response) op.response = response;
  return op;
}

export function tinySoap(): ServiceModel {
  const types: ServiceType[] = [
    obj(
      'GetAdsRequest',
      [
        soapField('AdGroupId', p('int64'), { nullable: false, namespace: SVC }),
        soapField('Types', arr(n('AdType'), { itemName: 'AdType', itemNamespace: ENT }), {
          namespace: SVC,
        }),
      ],
      { origin: 'element', namespace: SVC },
    ),
    obj(
      'GetAdsResponse',
      [
        soapField(
          'Ads',
          arr(n('Ad'), {
            itemName: 'Ad',
            itemNamespace: ENT,
            itemNullable: true,
            wrapperType: { name: 'ArrayOfAd', namespace: ENT },
          }),
          { namespace: SVC },
        ),
        soapField(
          'PartialErrors',
          arr(n('BatchError'), { itemName: 'BatchError', itemNamespace: ENT, itemNullable: true }),
          { namespace: SVC },
        ),
      ],
      { origin: 'element', namespace: SVC },
    ),
    obj('PingRequest', [], { origin: 'element', namespace: SVC }),
    obj('PingResponse', [], { origin: 'element', namespace: SVC }),
    obj(
      'Ad',
      [
        soapField(
          'FinalUrls',
          arr(p('string'), { itemName: 'string', itemNamespace: ARR, itemNullable: true }),
        ),
        soapField(
          'ForwardCompatibilityMap',
          arr(n('KeyValuePairOfstringstring'), {
            itemName: 'KeyValuePairOfstringstring',
            itemNamespace: GEN,
          }),
        ),
        soapField('Id', p('int64')),
        soapField('Status', n('AdStatus')),
        soapField('Type', n('AdType')),
        soapField('Devices', n('DeviceFlags')),
      ],
      { namespace: ENT },
    ),
    obj('TextAd', [soapField('Text', p('string'))], { base: 'Ad', namespace: ENT }),
    obj(
      'ResponsiveSearchAd',
      [
        soapField('Headlines', arr(p('string'), { itemName: 'string', itemNamespace: ARR })),
        soapField('Budget', p('decimal')),
      ],
      { base: 'Ad', namespace: ENT },
    ),
    {
      kind: 'enum',
      name: 'AdType',
      values: ['Text', 'ResponsiveSearch'],
      flags: false,
      namespace: ENT,
    },
    {
      kind: 'enum',
      name: 'AdStatus',
      values: ['Active', 'Paused', 'Legacy'],
      flags: false,
      namespace: ENT,
    },
    {
      kind: 'enum',
      name: 'DeviceFlags',
      values: ['Mobile', 'Desktop'],
      flags: true,
      namespace: ENT,
    },
    obj(
      'KeyValuePairOfstringstring',
      [
        f('key', p('string'), { minOccurs: 1, nullable: true, namespace: GEN }),
        f('value', p('string'), { minOccurs: 1, nullable: true, namespace: GEN }),
      ],
      { namespace: GEN },
    ),
    obj(
      'BatchError',
      [
        soapField('Code', p('int32'), { nullable: false }),
        soapField('Index', p('int32'), { minOccurs: 1, nullable: false }),
        soapField('Message', p('string')),
      ],
      { namespace: ENT },
    ),
    obj('EditorialError', [soapField('Location', p('string'))], {
      base: 'BatchError',
      namespace: ENT,
    }),
    obj(
      'Date',
      [
        soapField('Day', p('int32'), { minOccurs: 1, nullable: false }),
        soapField('Month', p('int32'), { minOccurs: 1, nullable: false }),
        soapField('Year', p('int32'), { minOccurs: 1, nullable: false }),
      ],
      { namespace: ENT },
    ),
    obj(
      'Record',
      [
        soapField('When', p('dateTime')),
        soapField('Day', n('Date')),
        soapField('Blob', p('base64')),
        soapField('Tags', p('string'), { maxOccurs: 'unbounded', nullable: false }),
      ],
      { namespace: ENT },
    ),
    obj(
      'ApplicationFault',
      [f('TrackingId', p('string'), { namespace: 'https://adapi.microsoft.com', nullable: true })],
      { namespace: 'https://adapi.microsoft.com' },
    ),
    obj(
      'AdApiFaultDetail',
      [
        f('Errors', arr(p('string'), { itemName: 'string', itemNamespace: ARR }), {
          namespace: 'https://adapi.microsoft.com',
          nullable: true,
        }),
      ],
      { base: 'ApplicationFault', namespace: 'https://adapi.microsoft.com' },
    ),
  ];
  return {
    service: 'tiny',
    protocol: 'soap',
    name: 'TinyService',
    namespace: SVC,
    source: { file: 'tiny.wsdl', sha256: 'a'.repeat(64) },
    operations: [
      soapOp('GetAds', 'GetAdsRequest', 'GetAdsResponse'),
      soapOp('Ping', 'PingRequest', 'PingResponse'),
    ],
    types,
  };
}

export function tinyRest(): ServiceModel {
  const types: ServiceType[] = [
    obj('GetAdsRequest', [
      f('AdGroupId', p('int64'), { minOccurs: 1 }),
      f('Types', arr(n('AdType')), { nullable: true }),
    ]),
    obj('GetAdsResponse', [
      f('Ads', arr(n('Ad')), { nullable: true }),
      f('PartialErrors', arr(n('BatchError')), { nullable: true }),
    ]),
    obj(
      'Ad',
      [
        f('FinalUrls', arr(p('string')), { nullable: true }),
        f('ForwardCompatibilityMap', arr(n('KeyValuePairOfstringAndstring')), { nullable: true }),
        f('Id', p('int64'), { nullable: true }),
        f('Status', n('AdStatus')),
        f('Type', p('string'), { nullable: true }),
        f('Devices', n('DeviceFlags')),
        f('TrackingTemplate', p('string'), { nullable: true }),
      ],
      {
        abstract: true,
        discriminator: {
          property: 'Type',
          mapping: { Text: 'TextAd', ResponsiveSearch: 'ResponsiveSearchAd' },
        },
      },
    ),
    obj('TextAd', [f('Text', p('string'), { nullable: true })], {
      base: 'Ad',
      discriminatorValue: 'Text',
    }),
    obj(
      'ResponsiveSearchAd',
      [
        f('Headlines', arr(p('string')), { nullable: true }),
        f('Budget', p('double'), { nullable: true }),
      ],
      { base: 'Ad', discriminatorValue: 'ResponsiveSearch' },
    ),
    { kind: 'enum', name: 'AdType', values: ['Text', 'ResponsiveSearch'], flags: false },
    { kind: 'enum', name: 'AdStatus', values: ['Active', 'Paused', 'Deleted'], flags: false },
    { kind: 'enum', name: 'DeviceFlags', values: ['Mobile', 'Desktop'], flags: true },
    obj('KeyValuePairOfstringAndstring', [
      f('Key', p('string'), { minOccurs: 1, nullable: true }),
      f('Value', p('string'), { minOccurs: 1, nullable: true }),
    ]),
    obj(
      'BatchError',
      [
        f('Code', p('int32')),
        f('Index', p('int32'), { minOccurs: 1 }),
        f('Message', p('string'), { nullable: true }),
        f('Type', p('string'), { nullable: true }),
      ],
      {
        discriminatorValue: 'BatchError',
        discriminator: {
          property: 'Type',
          mapping: { BatchError: 'BatchError', EditorialError: 'EditorialError' },
        },
      },
    ),
    obj('EditorialError', [f('Location', p('string'), { nullable: true })], {
      base: 'BatchError',
      discriminatorValue: 'EditorialError',
    }),
    obj('Date', [
      f('Day', p('int32'), { minOccurs: 1 }),
      f('Month', p('int32'), { minOccurs: 1 }),
      f('Year', p('int32'), { minOccurs: 1 }),
    ]),
    obj('Record', [
      f('When', p('dateTime'), { nullable: true }),
      f('Day', n('Date'), { nullable: true }),
      f('Blob', p('base64'), { nullable: true }),
      f('Tags', arr(p('string')), { nullable: true }),
    ]),
    obj(
      'ApplicationFault',
      [
        f('TrackingId', p('string'), { nullable: true }),
        f('Type', p('string'), { nullable: true }),
      ],
      {
        abstract: true,
        discriminator: { property: 'Type', mapping: { AdApiFaultDetail: 'AdApiFaultDetail' } },
      },
    ),
    obj('AdApiFaultDetail', [f('Errors', arr(p('string')), { nullable: true })], {
      base: 'ApplicationFault',
      discriminatorValue: 'AdApiFaultDetail',
    }),
    obj('ListThingsResponse', [f('Things', arr(p('string')), { nullable: true })]),
  ];
  return {
    service: 'tiny',
    protocol: 'rest',
    name: 'TinyService',
    source: { file: 'tiny.openapi.json', sha256: 'b'.repeat(64) },
    operations: [
      restOp('GetAds', '/Ads/Query', 'GetAdsRequest', 'GetAdsResponse'),
      restOp('ListThings', '/Things/Query', undefined, 'ListThingsResponse'),
    ],
    types,
  };
}

export const TINY_ENTRY: ServiceManifestEntry = {
  id: 'tiny',
  soapService: 'TinyService',
  clientClass: 'TinyClient',
  hosts: { production: 'tiny.example', sandbox: 'tiny.sandbox.example' },
  soapPath: '/Api/Tiny/v13/TinyService.svc',
  restBasePath: '/Tiny/v13',
  wsdlUrls: { production: '', sandbox: '' },
  docsSlug: 'tiny-service',
  files: { wsdl: 'tiny.wsdl', openapi: 'tiny.openapi.json' },
};
