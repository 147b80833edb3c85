import type {
  EnumType,
  Field,
  ObjectType,
  Operation,
  PrimitiveKind,
  Protocol,
  ServiceModel,
  ServiceType,
  TypeRef,
} from '../../generator/model/types.ts';
import type { Change, DiffReport } from '../../generator/diff/types.ts';

/** Small hand-built models for the diff's unit tests. */

const PRIMITIVES = new Set<string>([
  'string',
  'boolean',
  'int8',
  'int16',
  'int32',
  'int64',
  'uint8',
  'uint16',
  'uint32',
  'uint64',
  'float',
  'double',
  'decimal',
  'dateTime',
  'date',
  'time',
  'duration',
  'base64',
  'char',
  'guid',
  'anyURI',
  'QName',
  'any',
]);

/** `'int64'` → primitive, `'Foo'` → named, `'Foo[]'` → array. */
export function ref(spec: string): TypeRef {
  if (spec.endsWith('[]')) return { kind: 'array', items: ref(spec.slice(0, -2)) };
  if (PRIMITIVES.has(spec)) return { kind: 'primitive', primitive: spec as PrimitiveKind };
  return { kind: 'named', name: spec };
}

export function field(name: string, type: string | TypeRef, extra: Partial<Field> = {}): Field {
  return {
    name,
    type: typeof type === 'string' ? ref(type) : type,
    minOccurs: 0,
    maxOccurs: 1,
    nullable: false,
    ...extra,
  };
}

export function obj(name: string, fields: Field[], extra: Partial<ObjectType> = {}): ObjectType {
  return { kind: 'object', name, fields, abstract: false, ...extra };
}

export function enumType(name: string, values: string[], flags = false): EnumType {
  return { kind: 'enum', name, values, flags };
}

/** A SOAP operation with the usual headers, request `<name>Request` and response `<name>Response`. */
export function soapOp(name: string, extra: Partial<Operation> = {}): Operation {
  const ns = 'https://bingads.microsoft.com/Customer/v13';
  const header = (h: string) => ({
    name: h,
    element: { name: h, namespace: ns },
    type: ref('string'),
  });
  return {
    name,
    request: `${name}Request`,
    response: `${name}Response`,
    faults: ['AdApiFaultDetail'],
    soap: {
      action: name,
      requestElement: { name: `${name}Request`, namespace: ns },
      responseElement: { name: `${name}Response`, namespace: ns },
      requestHeaders: ['AuthenticationToken', 'DeveloperToken', 'CustomerAccountId'].map(header),
      responseHeaders: [header('TrackingId')],
      faults: [
        {
          name: 'AdApiFaultDetailFault',
          element: { name: 'AdApiFaultDetail', namespace: ns },
          type: 'AdApiFaultDetail',
        },
      ],
    },
    ...extra,
  };
}

export function restOp(
  name: string,
  method: 'GET' | 'POST' | 'PUT' | 'DELETE',
  path: string,
  extra: Partial<Operation> = {},
): Operation {
  return {
    name,
    request: `${name}Request`,
    response: `${name}Response`,
    faults: ['ApplicationFault'],
    rest: {
      method,
      path,
      requestBodyRequired: true,
      responses: [{ status: '200', type: ref(`${name}Response`) }],
      faults: ['400', '401', '500'].map((status) => ({ status, type: ref('ApplicationFault') })),
    },
    ...extra,
  };
}

export function model(
  protocol: Protocol,
  operations: Operation[],
  types: ServiceType[],
  file?: string,
): ServiceModel {
  return {
    service: 'test-service',
    protocol,
    name: 'TestService',
    source: {
      file: file ?? (protocol === 'soap' ? 'test-service.wsdl' : 'test-service.openapi.json'),
    },
    operations,
    types,
  };
}

/**
 * A SOAP model with one operation `GetThing` whose request carries `request` fields and whose
 * response holds a `Thing` (fields `thing`), plus the fault type. `more` adds types.
 */
export function soapWith(
  request: Field[],
  thing: Field[],
  more: ServiceType[] = [],
  thingExtra: Partial<ObjectType> = {},
): ServiceModel {
  return model(
    'soap',
    [soapOp('GetThing')],
    [
      obj('GetThingRequest', request, { origin: 'element' }),
      obj('GetThingResponse', [field('Thing', 'Thing', { nullable: true })], { origin: 'element' }),
      obj('Thing', thing, thingExtra),
      obj('AdApiFaultDetail', [field('TrackingId', 'string', { nullable: true })]),
      ...more,
    ],
  );
}

/**
 * The same model as REST: each operation rebound to `POST /Test/v13/<name>`, its faults kept
 * (so only what a test changes differs). For cross-protocol tests.
 */
export function asRest(m: ServiceModel): ServiceModel {
  return {
    ...m,
    protocol: 'rest',
    source: { file: 'test-service.openapi.json' },
    operations: m.operations.map((o) => {
      const op = restOp(o.name, 'POST', `/Test/v13/${o.name}`, {
        request: o.request,
        response: o.response,
        faults: o.faults,
      });
      op.rest!.faults = op.rest!.faults.map((f) => ({
        ...f,
        type: ref(o.faults[0] ?? 'ApplicationFault'),
      }));
      return op;
    }),
  };
}

/** Find the changes of one kind. */
export function ofKind(report: DiffReport, kind: Change['kind']): Change[] {
  return report.changes.filter((c) => c.kind === kind);
}

/** Deep copy, to check inputs are not modified. */
export function clone<T>(x: T): T {
  return JSON.parse(JSON.stringify(x)) as T;
}
