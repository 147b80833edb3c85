/**
 * Dictionary fields (`FieldDescriptor.restMap`): the generated type is SOAP's array of
 * {Key, Value} items, REST carries one JSON object. The REST decoder builds the array from
 * the object, the encoder the object from the array; SOAP and every other field are unchanged.
 * Last, the real campaign-management descriptor: AuditPointResult.Details.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import type {
  FieldDescriptor,
  ServiceDescriptor,
  ValueDescriptor,
} from '../../../runtime/src/descriptors.ts';
import { decodeRestResponse } from '../../../runtime/src/rest/decode.ts';
import { encodeRestBody } from '../../../runtime/src/rest/encode.ts';
import { convertObject, restEncodePlan } from '../../../runtime/src/rest/encode-plan.ts';
import { encodeSoapRequest } from '../../../runtime/src/soap/encode.ts';
import { bothProtocolsOperation, fieldIn } from './descriptor-builders.ts';

const NS = 'urn:map';
const ARR = 'http://schemas.microsoft.com/2003/10/Serialization/Arrays';

const field = fieldIn(NS);
const kvArray = (type: string): ValueDescriptor => ({
  array: { type },
  itemName: type,
  itemNamespace: ARR,
  itemNullable: false,
});

const service: ServiceDescriptor = {
  id: 'map',
  name: 'MapService',
  soap: { path: '/Map.svc', namespace: NS },
  rest: { basePath: '/Map/v13' },
  operations: {
    Put: bothProtocolsOperation(NS, 'Put', '/Map/v13/Put', {
      request: 'PutRequest',
      response: 'PutResponse',
    }),
  },
  types: {
    PutRequest: {
      kind: 'object',
      name: 'PutRequest',
      namespace: NS,
      fields: [field('Audit', { type: 'Audit' })],
      abstract: false,
      protocols: 'both',
    },
    PutResponse: {
      kind: 'object',
      name: 'PutResponse',
      namespace: NS,
      fields: [field('Audits', { array: { type: 'Audit' }, itemName: 'Audit', itemNamespace: NS })],
      abstract: false,
      protocols: 'both',
    },
    Audit: {
      kind: 'object',
      name: 'Audit',
      namespace: NS,
      fields: [
        field('Details', kvArray('KeyValueOfstringstring'), { restMap: true }),
        field('Counts', kvArray('KeyValueOfstringlong'), { restMap: true }),
        field('Pairs', kvArray('KeyValueOfstringstring')),
        field('Id', { primitive: 'int64' }),
      ],
      abstract: false,
      protocols: 'both',
    },
    KeyValueOfstringstring: {
      kind: 'object',
      name: 'KeyValueOfstringstring',
      namespace: ARR,
      fields: [
        field('Key', { primitive: 'string' }, { namespace: ARR, optional: false }),
        field('Value', { primitive: 'string' }, { namespace: ARR, optional: false }),
      ],
      abstract: false,
      protocols: 'both',
    },
    KeyValueOfstringlong: {
      kind: 'object',
      name: 'KeyValueOfstringlong',
      namespace: ARR,
      fields: [
        field('Key', { primitive: 'string' }, { namespace: ARR, optional: false }),
        field('Value', { primitive: 'int64' }, { namespace: ARR, optional: false }),
      ],
      abstract: false,
      protocols: 'both',
    },
  },
};
const put = service.operations.Put!;

describe('REST decode of a restMap field', () => {
  it('turns the JSON object into {Key, Value} items in key order, values fixed as declared', () => {
    const body =
      '{"Audits":[{"Details":{"b":"2","a":"1","__proto__":"p"},"Counts":{"n":1234567890123456789},"Id":7}]}';
    const decoded = decodeRestResponse(service, 'PutResponse', body) as {
      Audits: Record<string, unknown>[];
    };
    expect(decoded.Audits[0]).toEqual({
      Details: [
        { Key: 'b', Value: '2' },
        { Key: 'a', Value: '1' },
        { Key: '__proto__', Value: 'p' },
      ],
      Counts: [{ Key: 'n', Value: '1234567890123456789' }],
      Id: '7',
    });
  });

  it('keeps an empty object as an empty array, and null, arrays and a plain array field as they are', () => {
    const body =
      '{"Audits":[{"Details":{},"Counts":null},{"Details":[{"Key":"k","Value":"v"}],"Pairs":[{"Key":"x","Value":"y"}]}]}';
    const decoded = decodeRestResponse(service, 'PutResponse', body) as {
      Audits: Record<string, unknown>[];
    };
    expect(decoded.Audits).toEqual([
      { Details: [], Counts: null },
      { Details: [{ Key: 'k', Value: 'v' }], Pairs: [{ Key: 'x', Value: 'y' }] },
    ]);
  });
});

describe('REST encode of a restMap field', () => {
  it('writes the items as one JSON object, values converted as declared', () => {
    const request = {
      Audit: {
        Details: [{ Key: 'b', Value: '2' }, null, { Key: 'a', Value: null }],
        Counts: [{ Key: 'n', Value: 12n }],
        Pairs: [{ Key: 'x', Value: 'y' }],
        Id: 7,
      },
    };
    expect(encodeRestBody(service, put, request)).toBe(
      '{"Audit":{"Details":{"b":"2","a":null},"Counts":{"n":"12"},"Pairs":[{"Key":"x","Value":"y"}],"Id":"7"}}',
    );
  });

  it('writes a __proto__ key as an ordinary property', () => {
    const body = encodeRestBody(service, put, {
      Audit: { Details: [{ Key: '__proto__', Value: 'p' }] },
    });
    expect(body).toBe('{"Audit":{"Details":{"__proto__":"p"}}}');
  });

  it('names the item and field of a bad value', () => {
    const bad = (Details: unknown) => () => encodeRestBody(service, put, { Audit: { Details } });
    expect(bad({ a: '1' })).toThrow(
      'PutRequest.Audit.Details: expected an array of KeyValueOfstringstring items, got an object',
    );
    expect(bad([{ Key: 'a', Value: '1' }, { Value: '2' }])).toThrow(
      'PutRequest.Audit.Details[1].Key: a map key is required',
    );
    expect(bad([{ Key: 'a', Value: 1 }])).toThrow(
      'PutRequest.Audit.Details[0].Value: expected a string, got a number',
    );
    expect(
      bad([
        { Key: 'a', Value: '1' },
        { Key: 'a', Value: '2' },
      ]),
    ).toThrow('PutRequest.Audit.Details[1].Key: the key "a" is given twice');
    expect(bad(['a'])).toThrow(
      'PutRequest.Audit.Details[0]: expected a KeyValueOfstringstring object, got a string',
    );
  });

  it('round-trips through the REST encoder and decoder', () => {
    const audit = {
      Details: [
        { Key: 'z', Value: 'last' },
        { Key: 'a', Value: 'first' },
      ],
    };
    const body = encodeRestBody(service, put, { Audit: audit });
    const back = decodeRestResponse(
      service,
      'PutResponse',
      `{"Audits":[${JSON.stringify(JSON.parse(body).Audit)}]}`,
    ) as { Audits: unknown[] };
    expect(back.Audits[0]).toEqual(audit);
  });

  it('leaves SOAP with the array of items', () => {
    const xml = encodeSoapRequest(
      service,
      put,
      { Audit: { Details: [{ Key: 'k', Value: 'v' }] } },
      {},
    );
    expect(xml).toContain(
      '<n0:Details><n1:KeyValueOfstringstring><n1:Key>k</n1:Key><n1:Value>v</n1:Value></n1:KeyValueOfstringstring></n0:Details>',
    );
  });
});

describe('campaign-management AuditPointResult.Details (generated descriptor)', async () => {
  const url = new URL('../../../generated/campaign-management/dist/descriptor.js', import.meta.url);
  if (!existsSync(fileURLToPath(url)))
    throw new Error(`${fileURLToPath(url)} is missing: run \`npm run generate\``);
  const { descriptor: d } = (await import(pathToFileURL(fileURLToPath(url)).href)) as {
    descriptor: ServiceDescriptor;
  };

  it('is marked restMap, with KeyValueOfstringstring {Key, Value} items carried by both', () => {
    const audit = d.types.AuditPointResult;
    if (audit?.kind !== 'object') throw new Error('AuditPointResult is not an object type');
    const details = audit.fields.find((f) => f.name === 'Details');
    expect(details).toMatchObject({
      restMap: true,
      value: { array: { type: 'KeyValueOfstringstring' }, itemName: 'KeyValueOfstringstring' },
    });
    expect(audit.fields.filter((f) => f.restMap).map((f) => f.name)).toEqual(['Details']);
    const item = d.types.KeyValueOfstringstring;
    if (item?.kind !== 'object') throw new Error('KeyValueOfstringstring is not an object type');
    expect(item.fields.map((f) => `${f.name}:${f.protocols}`)).toEqual(['Key:both', 'Value:both']);
    // No other field of any service's campaign-management types is a map.
    const all = Object.values(d.types).flatMap((t) =>
      t.kind === 'object'
        ? t.fields.filter((f) => f.restMap).map((f) => `${t.name}.${f.name}`)
        : [],
    );
    expect([...new Set(all)]).toEqual(['AuditPointResult.Details']);
  });

  it('decodes GetDiagnostics REST JSON to the array and encodes it back to the object', () => {
    const body = JSON.stringify({
      RequestStatus: null,
      Entities: [
        {
          Id: 5,
          Categories: [
            {
              Key: 'Policy',
              AuditPoints: [{ Key: 'A1', Details: { Reason: 'Trademark', Market: 'US' } }],
            },
          ],
        },
      ],
    });
    const decoded = decodeRestResponse(d, 'GetDiagnosticsResponse', body) as {
      Entities: { Categories: { AuditPoints: Record<string, unknown>[] }[] }[];
    };
    const point = decoded.Entities[0]!.Categories[0]!.AuditPoints[0]!;
    expect(point.Details).toEqual([
      { Key: 'Reason', Value: 'Trademark' },
      { Key: 'Market', Value: 'US' },
    ]);
    const plan = restEncodePlan(d, 'AuditPointResult');
    const json = convertObject(d, plan, point, { raw: false });
    expect(JSON.parse(JSON.stringify(json))).toEqual({
      Key: 'A1',
      Details: { Reason: 'Trademark', Market: 'US' },
    });
  });
});
