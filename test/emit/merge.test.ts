import { describe, expect, it } from 'vitest';
import type { ServiceModel } from '../../generator/model/index.ts';
import {
  mergeModels,
  type MergedObjectType,
  type MergedModel,
  type MergedType,
} from '../../generator/model/merge.ts';
import { ENT, arr, f, n, obj, p, tinyRest, tinySoap } from './tiny-models.ts';

function type(model: MergedModel, name: string): MergedType {
  const t = model.types.find((x) => x.name === name);
  if (!t) throw new Error(`no type ${name}`);
  return t;
}

function object(model: MergedModel, name: string): MergedObjectType {
  const t = type(model, name);
  if (t.kind !== 'object') throw new Error(`${name} is a ${t.kind}`);
  return t;
}

function fieldSummary(model: MergedModel, name: string): string[] {
  return object(model, name).fields.map(
    (x) => `${x.name}:${x.protocols}${x.optional ? '?' : ''}${x.nullable ? '|null' : ''}`,
  );
}

describe('mergeModels', () => {
  const merged = mergeModels(tinySoap(), tinyRest());

  it('keeps SOAP type order and appends the REST-only types, labelled by protocol', () => {
    expect(merged.types.map((t) => `${t.name}:${t.protocols}`)).toEqual([
      'GetAdsRequest:both',
      'GetAdsResponse:both',
      'PingRequest:soap',
      'PingResponse:soap',
      'Ad:both',
      'TextAd:both',
      'ResponsiveSearchAd:both',
      'AdType:both',
      'AdStatus:both',
      'DeviceFlags:both',
      'KeyValuePairOfstringstring:both',
      'BatchError:both',
      'EditorialError:both',
      'Date:both',
      'Record:both',
      'ApplicationFault:both',
      'AdApiFaultDetail:both',
      'ListThingsResponse:rest',
    ]);
    expect(merged.sources).toEqual({
      soap: { file: 'tiny.wsdl', sha256: 'a'.repeat(64) },
      rest: { file: 'tiny.openapi.json', sha256: 'b'.repeat(64) },
    });
    expect(merged.name).toBe('TinyService');
    expect(merged.namespace).toBe('urn:tiny:svc');
  });

  it('merges fields by name in SOAP order, appends REST-only fields, unions nullability', () => {
    // Status: nillable in SOAP, not nullable in REST → nullable. TrackingTemplate: REST only.
    expect(fieldSummary(merged, 'Ad')).toEqual([
      'FinalUrls:both?|null',
      'ForwardCompatibilityMap:both?|null',
      'Id:both?|null',
      'Status:both?|null',
      'Type:both?|null',
      'Devices:both?|null',
      'TrackingTemplate:rest?|null',
    ]);
    expect(fieldSummary(merged, 'ApplicationFault')).toEqual([
      'TrackingId:both?|null',
      'Type:rest?|null',
    ]);
  });

  it('records REST nullability where it is narrower than the union (restNullable: false)', () => {
    const rn = (type: string) =>
      object(merged, type)
        .fields.filter((x) => x.restNullable !== undefined)
        .map((x) => `${x.name}:${String(x.restNullable)}`);
    // Status, Devices (enums): nillable in SOAP, not nullable in REST. REST-only fields and
    // fields both specs agree on say nothing.
    expect(rn('Ad')).toEqual(['Status:false', 'Devices:false']);
    expect(object(merged, 'Ad').fields.find((x) => x.name === 'Status')?.nullable).toBe(true);
    expect(rn('ApplicationFault')).toEqual([]);
    const odd = merged.types
      .flatMap((t) => (t.kind === 'object' ? t.fields.map((x) => ({ t: t.name, x })) : []))
      .filter(({ x }) => x.restNullable !== undefined && (x.restNullable || !x.nullable))
      .map(({ t, x }) => `${t}.${x.name}`);
    expect(odd).toEqual([]); // only ever `false`, and only on a nullable field
  });

  it('takes REST nullability of a hoisted field from the subtype that REST declares it on', () => {
    const soap = tinySoap();
    const rest = tinyRest();
    const soapAd = soap.types.find((t) => t.name === 'Ad');
    const restText = rest.types.find((t) => t.name === 'TextAd');
    if (soapAd?.kind === 'object' && restText?.kind === 'object') {
      soapAd.fields.push(
        f('Mode', n('AdStatus'), { namespace: ENT, nullable: true }),
        f('Note', p('string'), { namespace: ENT, nullable: true }),
      );
      restText.fields.push(f('Mode', n('AdStatus')), f('Note', p('string'), { nullable: true }));
    }
    const m = mergeModels(soap, rest);
    const field = (name: string) => object(m, 'Ad').fields.find((x) => x.name === name);
    expect(field('Mode')).toMatchObject({ protocols: 'both', nullable: true, restNullable: false });
    expect(field('Note')).toMatchObject({ protocols: 'both', nullable: true });
    expect(field('Note')?.restNullable).toBeUndefined();
  });

  it('makes a shared field optional only when SOAP has minOccurs=0 and REST does not require it', () => {
    // AdGroupId: minOccurs=0 in SOAP but required in REST → required.
    expect(fieldSummary(merged, 'GetAdsRequest')).toEqual(['AdGroupId:both', 'Types:both?|null']);
    expect(fieldSummary(merged, 'BatchError')).toEqual([
      'Code:both?',
      'Index:both',
      'Message:both?|null',
      'Type:rest?|null',
    ]);
    expect(fieldSummary(merged, 'Date')).toEqual(['Day:both', 'Month:both', 'Year:both']);
  });

  it('keeps the SOAP structure where the specs disagree on a field type', () => {
    const budget = object(merged, 'ResponsiveSearchAd').fields.find((x) => x.name === 'Budget');
    expect(budget?.type).toEqual(p('decimal')); // REST says double
    const tags = object(merged, 'Record').fields.find((x) => x.name === 'Tags');
    expect(tags).toMatchObject({ type: p('string'), maxOccurs: 'unbounded', protocols: 'both' });
  });

  it('merges enum values: SOAP order, then REST-only values, and records which spec lacks which', () => {
    expect(type(merged, 'AdStatus')).toMatchObject({
      values: ['Active', 'Paused', 'Legacy', 'Deleted'],
      soapOnlyValues: ['Legacy'],
      restOnlyValues: ['Deleted'],
      flags: false,
      namespace: 'urn:tiny:entities',
    });
    expect(type(merged, 'DeviceFlags')).toMatchObject({
      flags: true,
      soapOnlyValues: [],
      restOnlyValues: [],
    });
  });

  it('takes abstract flags and Type values from REST, and gives family members their Type literal', () => {
    const values = Object.fromEntries(
      merged.types
        .filter((t) => t.kind === 'object')
        .map((t) => [
          t.name,
          [(t as MergedObjectType).abstract, (t as MergedObjectType).typeValue],
        ]),
    );
    expect(values).toMatchObject({
      Ad: [true, undefined],
      TextAd: [false, 'Text'],
      ResponsiveSearchAd: [false, 'ResponsiveSearch'],
      BatchError: [false, 'BatchError'],
      EditorialError: [false, 'EditorialError'],
      ApplicationFault: [true, undefined],
      AdApiFaultDetail: [false, 'AdApiFaultDetail'],
      GetAdsRequest: [false, undefined],
      Date: [false, undefined],
    });
    expect(object(merged, 'Ad').discriminator).toEqual({
      property: 'Type',
      mapping: { Text: 'TextAd', ResponsiveSearch: 'ResponsiveSearchAd' },
    });
  });

  it('gives members of a family REST does not know their own name as Type value, and none is abstract', () => {
    const soap = tinySoap();
    soap.types.push(
      obj('ImageAd', [f('Url', p('string'))], { base: 'Ad' }),
      obj('Opportunity', []),
      obj('KeywordOpportunity', [], { base: 'Opportunity' }),
    );
    const m = mergeModels(soap, tinyRest());
    expect(object(m, 'ImageAd')).toMatchObject({
      protocols: 'soap',
      typeValue: 'ImageAd',
      abstract: false,
    });
    expect(object(m, 'Opportunity')).toMatchObject({ typeValue: 'Opportunity', abstract: false });
    expect(object(m, 'KeywordOpportunity').typeValue).toBe('KeywordOpportunity');
  });

  it('unifies a type the two specs name differently and records the REST names', () => {
    const kv = object(merged, 'KeyValuePairOfstringstring');
    expect(kv.restName).toBe('KeyValuePairOfstringAndstring');
    expect(kv.fields.map((x) => [x.name, x.restName, x.protocols, x.optional])).toEqual([
      ['key', 'Key', 'both', false],
      ['value', 'Value', 'both', false],
    ]);
    expect(merged.types.some((t) => t.name === 'KeyValuePairOfstringAndstring')).toBe(false);
    const map = object(merged, 'Ad').fields.find((x) => x.name === 'ForwardCompatibilityMap');
    expect(map?.protocols).toBe('both');
  });

  it('makes array items of a shared field nullable only when both specs allow null items', () => {
    // SOAP (DataContract) marks these items nillable; REST items are never null.
    const ads = object(merged, 'GetAdsResponse').fields.find((x) => x.name === 'Ads');
    expect(ads?.type).toEqual({
      kind: 'array',
      items: n('Ad'),
      itemName: 'Ad',
      itemNamespace: ENT,
      itemNullable: false,
      wrapperType: { name: 'ArrayOfAd', namespace: ENT },
    });
    const urls = object(merged, 'Ad').fields.find((x) => x.name === 'FinalUrls');
    expect(urls?.type).toMatchObject({ kind: 'array', itemNullable: false });
    // A SOAP ref that never said (REST-shaped data) stays silent.
    const types = object(merged, 'GetAdsRequest').fields.find((x) => x.name === 'Types');
    expect(types?.type).toEqual({
      kind: 'array',
      items: n('AdType'),
      itemName: 'AdType',
      itemNamespace: ENT,
    });
  });

  it('applies the item rule at every array depth, keeps it for SOAP-only fields and hoisted ones', () => {
    const soap = tinySoap();
    const rest = tinyRest();
    const soapResponse = soap.types.find((t) => t.name === 'GetAdsResponse');
    const restResponse = rest.types.find((t) => t.name === 'GetAdsResponse');
    const nested = (outer: boolean, inner: boolean) =>
      arr(arr(n('BatchError'), { itemName: 'BatchError', itemNullable: inner }), {
        itemName: 'ArrayOfBatchError',
        itemNullable: outer,
      });
    if (soapResponse?.kind === 'object' && restResponse?.kind === 'object') {
      soapResponse.fields.push(
        f('Nested', nested(true, true), { namespace: ENT }),
        f('SoapOnly', arr(n('Ad'), { itemName: 'Ad', itemNullable: true }), { namespace: ENT }),
        f('NotArrayInRest', arr(p('string'), { itemName: 'string', itemNullable: true })),
      );
      // REST allows null outer items only (a hand-made case: no real REST spec does).
      restResponse.fields.push(
        f('Nested', arr(arr(n('BatchError')), { itemNullable: true })),
        f('NotArrayInRest', p('string')),
      );
    }
    // SOAP declares Labels on the base with nillable items, REST on a subtype (hoisted).
    const soapAd = soap.types.find((t) => t.name === 'Ad');
    const restText = rest.types.find((t) => t.name === 'TextAd');
    if (soapAd?.kind === 'object' && restText?.kind === 'object') {
      soapAd.fields.push(
        f('Labels', arr(p('string'), { itemName: 'string', itemNullable: true }), {
          namespace: ENT,
        }),
      );
      restText.fields.push(f('Labels', arr(p('string'))));
    }
    const m = mergeModels(soap, rest);
    const field = (type: string, name: string) =>
      object(m, type).fields.find((x) => x.name === name);
    expect(field('GetAdsResponse', 'Nested')?.type).toEqual({
      kind: 'array',
      items: { kind: 'array', items: n('BatchError'), itemName: 'BatchError', itemNullable: false },
      itemName: 'ArrayOfBatchError',
      itemNullable: true,
    });
    expect(field('GetAdsResponse', 'SoapOnly')).toMatchObject({
      protocols: 'soap',
      type: { kind: 'array', itemNullable: true },
    });
    expect(field('GetAdsResponse', 'NotArrayInRest')).toMatchObject({
      protocols: 'both',
      type: { kind: 'array', itemNullable: false },
    });
    // REST declares Labels on TextAd, SOAP on Ad: one field of Ad, carried by both.
    expect(field('Ad', 'Labels')).toMatchObject({
      protocols: 'both',
      type: { kind: 'array', itemNullable: false },
    });
    expect(field('TextAd', 'Labels')).toBeUndefined();
    // The input models are not changed.
    expect(soapAd?.kind === 'object' && soapAd.fields.at(-1)?.type).toMatchObject({
      itemNullable: true,
    });
  });

  it('does not unify differently named types whose fields differ', () => {
    const rest = tinyRest();
    const kv = rest.types.find((t) => t.name === 'KeyValuePairOfstringAndstring');
    if (kv?.kind === 'object') kv.fields[1] = f('Val', p('string'));
    const m = mergeModels(tinySoap(), rest);
    expect(object(m, 'KeyValuePairOfstringstring').restName).toBeUndefined();
    expect(object(m, 'KeyValuePairOfstringAndstring').protocols).toBe('rest');
  });

  it('does not repeat on a subtype a REST field that a merged ancestor declares', () => {
    const rest = tinyRest();
    const text = rest.types.find((t) => t.name === 'TextAd');
    if (text?.kind === 'object')
      text.fields.push(f('Id', p('int64'), { nullable: true }), f('Extra', p('string')));
    const soap = tinySoap();
    const ad = soap.types.find((t) => t.name === 'Ad');
    if (ad?.kind === 'object')
      ad.fields.push(f('Extra', p('string'), { namespace: 'urn:tiny:entities' }));
    const rest2 = rest.types.find((t) => t.name === 'Ad');
    if (rest2?.kind === 'object') rest2.fields = rest2.fields.filter((x) => x.name !== 'Extra');
    const m = mergeModels(soap, rest);
    expect(fieldSummary(m, 'TextAd')).toEqual(['Text:both?|null']);
    expect(object(m, 'Ad').fields.find((x) => x.name === 'Extra')?.protocols).toBe('both');
  });

  it('lets a one-protocol type keep its own occurrence rules', () => {
    const soap = tinySoap();
    soap.types.push(
      obj('SoapOnly', [f('Must', p('string'), { minOccurs: 1 }), f('May', p('string'))]),
    );
    const m = mergeModels(soap, tinyRest());
    expect(fieldSummary(m, 'SoapOnly')).toEqual(['Must:soap', 'May:soap?']);
    expect(fieldSummary(m, 'ListThingsResponse')).toEqual(['Things:rest?|null']);
  });

  it('merges operations by name: bindings of both, union of faults, one-protocol operations labelled', () => {
    expect(merged.operations.map((o) => `${o.name}:${o.protocols}`)).toEqual([
      'GetAds:both',
      'Ping:soap',
      'ListThings:rest',
    ]);
    const getAds = merged.operations[0];
    expect(getAds?.faults).toEqual(['AdApiFaultDetail', 'ApplicationFault']);
    expect(getAds?.soap?.action).toBe('GetAds');
    expect(getAds?.rest).toMatchObject({ method: 'POST', path: '/Tiny/v13/Ads/Query' });
    expect(merged.operations[2]?.request).toBeUndefined();
    expect(merged.operations[2]?.response).toBe('ListThingsResponse');
  });

  it('prefers the SOAP request and response names, filling in what REST lacks', () => {
    const rest = tinyRest();
    const op = rest.operations[0];
    if (op) delete op.request;
    const m = mergeModels(tinySoap(), rest);
    expect(m.operations[0]).toMatchObject({ request: 'GetAdsRequest', response: 'GetAdsResponse' });
  });

  it('merges a single model on its own', () => {
    const only: ServiceModel = tinySoap();
    const m = mergeModels(only, undefined);
    expect(m.types.every((t) => t.protocols === 'soap')).toBe(true);
    expect(m.operations.map((o) => o.protocols)).toEqual(['soap', 'soap']);
    expect(object(m, 'Ad').abstract).toBe(false);
    expect(object(m, 'TextAd').typeValue).toBe('TextAd');
    expect(() => mergeModels(undefined, undefined)).toThrow('no model');
    expect(n('x')).toEqual({ kind: 'named', name: 'x' });
  });
});
