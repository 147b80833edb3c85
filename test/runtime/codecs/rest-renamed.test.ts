/**
 * Fields REST spells differently from SOAP (`FieldDescriptor.restName`): the merged model keeps
 * SOAP's `KeyValuePairOfstringstring {key, value}` where REST has `{Key, Value}`. The REST
 * encoder must write the REST spelling, the decoder must read it back into the TypeScript
 * (SOAP) name, and every other object must keep the copy-on-write pass-through.
 */
import { describe, expect, it } from 'vitest';
import type {
  FieldDescriptor,
  OperationDescriptor,
  ServiceDescriptor,
  ValueDescriptor,
} from '../../../runtime/src/descriptors.ts';
import { decodeRestFault, decodeRestResponse } from '../../../runtime/src/rest/decode.ts';
import { encodeRestBody } from '../../../runtime/src/rest/encode.ts';
import { convertObject, restEncodePlan } from '../../../runtime/src/rest/encode-plan.ts';
import { fieldIn } from './descriptor-builders.ts';

const NS = 'urn:renamed';

const field = fieldIn(NS);
const list = (value: ValueDescriptor): ValueDescriptor => ({ array: value, itemNullable: false });

const service: ServiceDescriptor = {
  id: 'renamed',
  name: 'RenamedService',
  soap: { path: '/Renamed.svc', namespace: NS },
  rest: { basePath: '/Renamed/v13' },
  operations: {
    Put: { name: 'Put', request: 'PutRequest', response: 'PutResponse' },
    Fail: { name: 'Fail', request: 'Fault' },
  },
  types: {
    PutRequest: {
      kind: 'object',
      name: 'PutRequest',
      fields: [field('Entity', { type: 'Entity' }), field('Entities', list({ type: 'Entity' }))],
      abstract: false,
      protocols: 'both',
    },
    PutResponse: {
      kind: 'object',
      name: 'PutResponse',
      fields: [field('Entity', { type: 'Entity' })],
      abstract: false,
      protocols: 'both',
    },
    Entity: {
      kind: 'object',
      name: 'Entity',
      fields: [
        field('Id', { primitive: 'int64' }),
        field('Map', list({ type: 'KeyValuePairOfstringstring' })),
        field('Grid', list(list({ type: 'KeyValuePairOflonglong' }))),
        field('Plain', { type: 'Plain' }),
        field('Children', list({ type: 'Entity' })),
        field('SoapNote', { primitive: 'string' }, { protocols: 'soap' }),
      ],
      abstract: false,
      protocols: 'both',
    },
    KeyValuePairOfstringstring: {
      kind: 'object',
      name: 'KeyValuePairOfstringstring',
      fields: [
        field('key', { primitive: 'string' }, { restName: 'Key' }),
        field('value', { primitive: 'string' }, { restName: 'Value' }),
      ],
      abstract: false,
      protocols: 'both',
    },
    KeyValuePairOflonglong: {
      kind: 'object',
      name: 'KeyValuePairOflonglong',
      fields: [
        field('key', { primitive: 'int64' }, { restName: 'Key', nullable: false }),
        field('value', { primitive: 'int64' }, { restName: 'Value', nullable: false }),
        field('Legacy', { primitive: 'string' }, { protocols: 'soap' }),
      ],
      abstract: false,
      protocols: 'both',
    },
    Plain: {
      kind: 'object',
      name: 'Plain',
      fields: [field('Name', { primitive: 'string' }), field('Count', { primitive: 'int64' })],
      abstract: false,
      protocols: 'both',
    },
    /** A family member with a renamed field: Type is filled in and the field renamed. */
    Fault: {
      kind: 'object',
      name: 'Fault',
      fields: [
        field('trackingId', { primitive: 'string' }, { restName: 'TrackingId' }),
        field('Pairs', list({ type: 'KeyValuePairOfstringstring' })),
      ],
      abstract: false,
      typeValue: 'Fault',
      family: { Fault: 'Fault' },
      protocols: 'both',
    },
  },
};

const put = service.operations.Put as OperationDescriptor;

describe('REST encoding of renamed fields', () => {
  it('writes the REST names, in arrays and arrays of arrays, with values converted', () => {
    const body = encodeRestBody(service, put, {
      Entity: {
        Id: 1n,
        Map: [
          { key: 'a', value: 'x' },
          { key: 'b', value: null },
        ],
        Grid: [[{ key: 9007199254740993n, value: '2' }], []],
        Children: [{ Id: '2', Map: [{ key: 'c', value: 'z' }] }],
      },
    });
    expect(body).toBe(
      '{"Entity":{"Id":"1","Map":[{"Key":"a","Value":"x"},{"Key":"b","Value":null}],' +
        '"Grid":[[{"Key":"9007199254740993","Value":"2"}],[]],' +
        '"Children":[{"Id":"2","Map":[{"Key":"c","Value":"z"}]}]}}',
    );
  });

  it('fills in Type and drops SOAP-only fields of a renamed type, in key order; refuses unknown properties', () => {
    const fault = service.operations.Fail as OperationDescriptor;
    expect(
      encodeRestBody(service, fault, {
        trackingId: 't',
        Pairs: [{ value: 'v', key: 'k' }],
      }),
    ).toBe('{"TrackingId":"t","Pairs":[{"Value":"v","Key":"k"}],"Type":"Fault"}');
    expect(() => encodeRestBody(service, fault, { trackingId: 't', Extra: 1 })).toThrow(
      /\.Extra: unknown property/,
    );
    const body = encodeRestBody(service, put, {
      Entity: { Grid: [[{ key: '1', Legacy: 'soap only', value: '2' }]] },
    });
    expect(body).toBe('{"Entity":{"Grid":[[{"Key":"1","Value":"2"}]]}}');
  });

  it('refuses a hand-set REST spelling: it is not a property of the generated type', () => {
    expect(() =>
      encodeRestBody(service, put, { Entity: { Map: [{ Key: 'raw', value: 'v' }] } }),
    ).toThrow(/Entity\.Map\[0\]\.Key: unknown property/);
  });

  it('copies only objects of types with a renamed field; everything else passes through as is', () => {
    const plain = { Name: 'n', Count: '5' };
    const untouched = { Id: '1', Plain: plain, Children: [{ Id: '2' }] };
    const state = { raw: false };
    const plan = restEncodePlan(service, 'Entity');
    expect(convertObject(service, plan, untouched, state)).toBe(untouched);

    const pair = { key: 'a', value: 'b' };
    const request = { Id: '1', Plain: plain, Map: [pair] };
    const snapshot = structuredClone(request);
    const out = convertObject(service, plan, request, state) as typeof request & {
      Map: Record<string, unknown>[];
    };
    expect(out).not.toBe(request);
    expect(out.Plain).toBe(plain); // no renamed field: the very same object
    expect(out.Map[0]).toEqual({ Key: 'a', Value: 'b' });
    expect(request).toEqual(snapshot); // the caller's objects are never changed
  });

  it('still validates renamed fields by their TypeScript name', () => {
    expect(() =>
      encodeRestBody(service, put, { Entity: { Grid: [[{ key: 1.5, value: '1' }]] } }),
    ).toThrow(/^PutRequest\.Entity\.Grid\[0\]\[0\]\.key: 1\.5 is not a safe integer/);
    expect(() =>
      encodeRestBody(service, put, { Entity: { Grid: [[{ key: null, value: '1' }]] } }),
    ).toThrow(/PutRequest\.Entity\.Grid\[0\]\[0\]\.key: null is not allowed/);
  });
});

describe('REST decoding of renamed fields', () => {
  it('reads the REST names back into the TypeScript names, nested in arrays, values fixed', () => {
    const body =
      '{"Entity":{"Id":1,"Map":[{"Key":"a","Value":"x"},{"Value":null,"Key":"b","Other":true}],' +
      '"Grid":[[{"Key":9007199254740993,"Value":2}],[]],' +
      '"Children":[{"Id":"2","Map":[{"Key":"c","Value":"z"}]}]}}';
    const decoded = decodeRestResponse(service, 'PutResponse', body) as {
      Entity: { Map: Record<string, unknown>[] };
    };
    expect(decoded).toEqual({
      Entity: {
        Id: '1',
        Map: [
          { key: 'a', value: 'x' },
          { value: null, key: 'b', Other: true },
        ],
        Grid: [[{ key: '9007199254740993', value: '2' }], []],
        Children: [{ Id: '2', Map: [{ key: 'c', value: 'z' }] }],
      },
    });
    // Key order follows the body, as for every other object.
    expect(Object.keys(decoded.Entity.Map[1]!)).toEqual(['value', 'key', 'Other']);
  });

  it('prefers the REST spelling when a body has both, and renames a top-level fault too', () => {
    expect(
      decodeRestResponse(
        service,
        'PutResponse',
        '{"Entity":{"Map":[{"key":"stray","Key":"real","Value":"v"}]}}',
      ),
    ).toEqual({ Entity: { Map: [{ key: 'real', value: 'v' }] } });
    expect(
      decodeRestFault(
        service,
        '{"Type":"Fault","TrackingId":"t","Pairs":[{"Key":"k","Value":"v"}]}',
      ),
    ).toEqual({
      detailType: 'Fault',
      trackingId: 't',
      detail: { Type: 'Fault', trackingId: 't', Pairs: [{ key: 'k', value: 'v' }] },
    });
  });

  it('round-trips: decode(encode(value)) is the value', () => {
    const value = {
      Entity: {
        Id: '7',
        Map: [{ key: 'a', value: 'b' }],
        Grid: [[{ key: '-9223372036854775808', value: '9223372036854775807' }]],
        Plain: { Name: 'p', Count: '12345678901234567' },
        Children: [{ Id: '8', Map: [{ key: 'c', value: null }] }],
      },
    };
    expect(decodeRestResponse(service, 'PutResponse', encodeRestBody(service, put, value))).toEqual(
      value,
    );
  });
});
