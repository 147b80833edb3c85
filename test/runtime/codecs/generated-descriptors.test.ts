/**
 * The REST codecs over the real generated descriptors (`generated/<service>/dist/descriptor.js`,
 * written by `npm run generate`, which `npm test` runs first): the key/value
 * pairs REST spells `{Key, Value}`, and fault bodies of every service resolving their concrete
 * ApplicationFault subtype from `Type` with their error arrays decoded as typed values.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ObjectTypeDescriptor, ServiceDescriptor } from '../../../runtime/src/descriptors.ts';
import { decodeRestFault, decodeRestResponse } from '../../../runtime/src/rest/decode.ts';
import { encodeRestBody } from '../../../runtime/src/rest/encode.ts';
import { encodeSoapRequest } from '../../../runtime/src/soap/encode.ts';
import { serviceIds } from '../../../generator/specs/manifest.ts';

const SERVICES = serviceIds();

/** The parts of an OpenAPI schema object the nullability check reads. */
interface OaSchema {
  $ref?: string;
  nullable?: boolean;
  properties?: Record<string, OaSchema>;
  allOf?: OaSchema[];
}

const descriptors = new Map<string, ServiceDescriptor>();

beforeAll(async () => {
  for (const id of SERVICES) {
    const url = new URL(`../../../generated/${id}/dist/descriptor.js`, import.meta.url);
    if (!existsSync(fileURLToPath(url)))
      throw new Error(`${fileURLToPath(url)} is missing: run \`npm run generate\``);
    const mod = (await import(pathToFileURL(fileURLToPath(url)).href)) as {
      descriptor: ServiceDescriptor;
    };
    descriptors.set(id, mod.descriptor);
  }
});

function service(id: string): ServiceDescriptor {
  const d = descriptors.get(id);
  if (!d) throw new Error(`no descriptor for ${id}`);
  return d;
}

function objectType(d: ServiceDescriptor, name: string): ObjectTypeDescriptor {
  const t = d.types[name];
  if (t?.kind !== 'object') throw new Error(`${d.id}: ${name} is not an object type`);
  return t;
}

describe('customer-management: AdvertiserAccount.ForwardCompatibilityMap', () => {
  const pairs = [
    { key: 'AccountMode', value: 'Expert' },
    { key: 'Note', value: null },
  ];

  it('the descriptor carries the REST spelling of the pair fields', () => {
    const pair = objectType(service('customer-management'), 'KeyValuePairOfstringstring');
    expect(pair.fields.map((f) => [f.name, f.restName])).toEqual([
      ['key', 'Key'],
      ['value', 'Value'],
    ]);
  });

  it('encodes the items as {"Key":..,"Value":..} in a REST body, and SOAP keeps key/value', () => {
    const d = service('customer-management');
    const op = d.operations.UpdateAccount!;
    const request = { Account: { Id: '123', Name: 'n', ForwardCompatibilityMap: pairs } };
    const body = JSON.parse(encodeRestBody(d, op, request));
    expect(body.Account.ForwardCompatibilityMap).toEqual([
      { Key: 'AccountMode', Value: 'Expert' },
      { Key: 'Note', Value: null },
    ]);
    expect(body.Account.Id).toBe('123');
    const xml = encodeSoapRequest(d, op, request, {});
    expect(xml).toMatch(
      /<(\w+:)?key>AccountMode<\/(\w+:)?key><(\w+:)?value>Expert<\/(\w+:)?value>/,
    );
    expect(xml).not.toContain('Key>');
  });

  it('decodes {"Key":..,"Value":..} back into key/value', () => {
    const d = service('customer-management');
    // Id above 2^53 as a JSON number: it must keep every digit.
    const body =
      '{"Account":{"Id":9007199254740993,"ForwardCompatibilityMap":' +
      '[{"Key":"AccountMode","Value":"Expert"},{"Key":"Note","Value":null}]}}';
    expect(decodeRestResponse(d, d.operations.GetAccount!.response, body)).toEqual({
      Account: { Id: '9007199254740993', ForwardCompatibilityMap: pairs },
    });
  });
});

/** Probes that only a typed decode passes: a 16+ digit number in an int32 position comes back a number (the big-number pre-pass quoted it). */
const BIG = '12345678901234567';
const BIG_NUMBER = Number(BIG);

describe('REST fault bodies of every service', () => {
  it.each(SERVICES)(
    '%s: every operation declares the family root, whose map names every fault',
    (id) => {
      const d = service(id);
      const restOps = Object.values(d.operations).filter((op) => op.rest);
      expect(restOps.length).toBeGreaterThan(0);
      for (const op of restOps) expect(op.rest!.faults).toEqual(['ApplicationFault']);
      const family = objectType(d, 'ApplicationFault').family ?? {};
      expect(Object.keys(family)).toContain('AdApiFaultDetail');
      // Type value → concrete subtype, for every member of the family.
      for (const [typeValue, name] of Object.entries(family)) {
        const fault = decodeRestFault(d, JSON.stringify({ TrackingId: 't', Type: typeValue }));
        expect(fault).toMatchObject({ detailType: name, trackingId: 't' });
      }
    },
  );

  it.each(SERVICES)('%s: AdApiFaultDetail decodes its Errors as AdApiError values', (id) => {
    const d = service(id);
    const body = `{"TrackingId":"trk","Type":"AdApiFaultDetail","Errors":[{"Code":${BIG},"ErrorCode":"InvalidCredentials","Message":"m","Detail":null}]}`;
    expect(decodeRestFault(d, body)).toEqual({
      detailType: 'AdApiFaultDetail',
      trackingId: 'trk',
      detail: {
        TrackingId: 'trk',
        Type: 'AdApiFaultDetail',
        Errors: [{ Code: BIG_NUMBER, ErrorCode: 'InvalidCredentials', Message: 'm', Detail: null }],
      },
    });
  });

  const withApiFaultDetail = SERVICES.filter(
    (id) => !['customer-management', 'customer-billing'].includes(id),
  );
  it.each(withApiFaultDetail)(
    '%s: ApiFaultDetail decodes OperationErrors and BatchErrors as typed values',
    (id) => {
      const d = service(id);
      const batchIsFamily = objectType(d, 'BatchError').family !== undefined;
      const body = `{"Type":"ApiFaultDetail","TrackingId":"t","OperationErrors":[{"Code":${BIG},"Message":"op"}],"BatchErrors":[{"Code":1,"Index":${BIG},"Message":"b"}]}`;
      const fault = decodeRestFault(d, body);
      expect(fault.detailType).toBe('ApiFaultDetail');
      expect(fault.detail).toEqual({
        Type: 'ApiFaultDetail',
        TrackingId: 't',
        OperationErrors: [{ Code: BIG_NUMBER, Message: 'op' }],
        // BatchError is a family (BatchError/EditorialError) in campaign and bulk: Type filled in.
        BatchErrors: [
          {
            Code: 1,
            Index: BIG_NUMBER,
            Message: 'b',
            ...(batchIsFamily ? { Type: 'BatchError' } : {}),
          },
        ],
      });
    },
  );

  it.each(['campaign-management', 'bulk'] as const)(
    '%s: EditorialApiFaultDetail decodes EditorialErrors, BatchErrors (renamed pairs too)',
    (id) => {
      const d = service(id);
      const body = JSON.stringify({
        Type: 'EditorialApiFaultDetail',
        TrackingId: 't',
        EditorialErrors: [{ Code: 1, Index: 0, ReasonCode: 0, Location: 'Title' }],
        BatchErrors: [
          {
            Type: 'EditorialError',
            Index: 2,
            ForwardCompatibilityMap: [{ Key: 'k', Value: 'v' }],
          },
        ],
        OperationErrors: [],
      }).replace('"ReasonCode":0', `"ReasonCode":${BIG}`);
      const fault = decodeRestFault(d, body);
      expect(fault.detailType).toBe('EditorialApiFaultDetail');
      expect(fault.detail).toEqual({
        Type: 'EditorialApiFaultDetail',
        TrackingId: 't',
        EditorialErrors: [
          { Code: 1, Index: 0, ReasonCode: BIG_NUMBER, Location: 'Title', Type: 'EditorialError' },
        ],
        BatchErrors: [
          { Type: 'EditorialError', Index: 2, ForwardCompatibilityMap: [{ key: 'k', value: 'v' }] },
        ],
        OperationErrors: [],
      });
    },
  );

  it.each(['customer-management', 'customer-billing'] as const)(
    '%s: ApiFault and ApiBatchFault decode their error arrays as typed values',
    (id) => {
      const d = service(id);
      const apiFault = decodeRestFault(
        d,
        `{"Type":"ApiFault","TrackingId":"t","OperationErrors":[{"Code":${BIG},"Message":"m"}]}`,
      );
      expect(apiFault).toEqual({
        detailType: 'ApiFault',
        trackingId: 't',
        detail: {
          Type: 'ApiFault',
          TrackingId: 't',
          OperationErrors: [{ Code: BIG_NUMBER, Message: 'm' }],
        },
      });
      const batch = decodeRestFault(
        d,
        `{"Type":"ApiBatchFault","BatchErrors":[{"Code":1,"Index":${BIG}}],"OperationErrors":[{"Code":${BIG}}]}`,
      );
      expect(batch).toEqual({
        detailType: 'ApiBatchFault',
        detail: {
          Type: 'ApiBatchFault',
          BatchErrors: [{ Code: 1, Index: BIG_NUMBER }],
          OperationErrors: [{ Code: BIG_NUMBER }],
        },
      });
    },
  );
});

describe('REST nullability of the real descriptors (restNullable)', () => {
  /** The OpenAPI property schema of `type.field`, through `allOf` subclasses and their bases. */
  function restProperty(
    schemas: Record<string, OaSchema>,
    type: string,
    field: string,
  ): OaSchema | undefined {
    const seen = new Set<string>();
    const visit = (s: OaSchema | undefined): OaSchema | undefined => {
      if (!s) return undefined;
      if (s.$ref) {
        const name = s.$ref.replace('#/components/schemas/', '');
        if (seen.has(name)) return undefined;
        seen.add(name);
        return visit(schemas[name]);
      }
      return s.properties?.[field] ?? s.allOf?.map(visit).find((x) => x !== undefined);
    };
    return visit({ $ref: `#/components/schemas/${type}` });
  }

  it('marks exactly the SOAP-nillable fields the OpenAPI document does not make nullable', () => {
    let marked = 0;
    let agreed = 0;
    const wrong: string[] = [];
    for (const id of SERVICES) {
      const d = service(id);
      const doc = JSON.parse(
        readFileSync(new URL(`../../../specs/${id}.openapi.json`, import.meta.url), 'utf8'),
      ) as { components: { schemas: Record<string, OaSchema> } };
      for (const t of Object.values(d.types)) {
        if (t.kind !== 'object') continue;
        for (const f of t.fields) {
          if (f.restNullable === undefined) {
            // The converse: a shared nullable field without the mark is nullable in REST too.
            if (f.nullable && f.protocols === 'both') {
              const prop = restProperty(doc.components.schemas, t.name, f.restName ?? f.name);
              if (prop) agreed++;
              if (prop && prop.nullable !== true) wrong.push(`${id} ${t.name}.${f.name}: unmarked`);
            }
            continue;
          }
          marked++;
          const prop = restProperty(doc.components.schemas, t.name, f.restName ?? f.name);
          if (f.restNullable !== false || !f.nullable || f.protocols !== 'both' || !prop)
            wrong.push(`${id} ${t.name}.${f.name}: ${JSON.stringify(f)}`);
          else if (prop.nullable === true)
            wrong.push(`${id} ${t.name}.${f.name}: nullable in REST`);
        }
      }
    }
    expect(wrong).toEqual([]);
    // 401 fields declared over the six services (398 of them enums), 561 with inherited copies.
    expect(marked).toBe(561);
    expect(agreed).toBeGreaterThan(3000); // 3463 shared nullable fields, REST agreeing
    const account = objectType(service('customer-management'), 'AdvertiserAccount');
    expect(account.fields.find((f) => f.name === 'PaymentMethodType')).toMatchObject({
      nullable: true,
      restNullable: false,
    });
  });

  it('the REST body of a real request leaves such nulls out', () => {
    const d = service('campaign-management');
    const op = d.operations['AddCampaigns']!;
    const campaign = objectType(d, 'Campaign');
    const nulls = campaign.fields.filter((f) => f.restNullable === false).map((f) => f.name);
    expect(nulls.length).toBeGreaterThan(0);
    const value: Record<string, unknown> = { Name: 'c', DailyBudget: 5 };
    for (const name of nulls) value[name] = null;
    const body = JSON.parse(encodeRestBody(d, op, { AccountId: '1', Campaigns: [value] })) as {
      Campaigns: Record<string, unknown>[];
    };
    expect(Object.keys(body.Campaigns[0]!).sort()).toEqual(['DailyBudget', 'Name']);
  });
});
