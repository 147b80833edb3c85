/**
 * Dictionaries: SOAP's array of Key/Value items (`ArrayOfKeyValueOfstringstring`) where REST
 * has a JSON object map keeps the SOAP type, is marked `restMap`, and its item type becomes
 * REST's too; anything else stays as it was.
 */
import { describe, expect, it } from 'vitest';
import { mergeModels, type MergedObjectType } from '../../generator/model/merge.ts';
import type { ServiceModel, ServiceType, TypeRef } from '../../generator/model/types.ts';
import { ARR, arr, f, n, obj, p } from './tiny-models.ts';

const MAP: TypeRef = { kind: 'map', values: p('string') };

function model(protocol: 'soap' | 'rest', types: ServiceType[]): ServiceModel {
  return { service: 't', protocol, name: 'T', source: { file: 't' }, operations: [], types };
}

const kv = obj(
  'KeyValueOfstringstring',
  [
    f('Key', p('string'), { namespace: ARR, minOccurs: 1, nullable: true }),
    f('Value', p('string'), { namespace: ARR, minOccurs: 1, nullable: true }),
  ],
  { namespace: ARR, origin: 'element' },
);
const soapDetails = arr(n('KeyValueOfstringstring'), {
  itemName: 'KeyValueOfstringstring',
  itemNamespace: ARR,
  itemNullable: true,
});

function merged(soapFields: ServiceType[], restFields: ServiceType[]): MergedObjectType[] {
  const m = mergeModels(model('soap', soapFields), model('rest', restFields));
  return m.types.filter((t): t is MergedObjectType => t.kind === 'object');
}

describe('merging a SOAP Key/Value array with a REST map', () => {
  it('keeps the SOAP type, marks the field restMap and carries the item type in both', () => {
    const types = merged(
      [obj('Audit', [f('Details', soapDetails, { nullable: true }), f('Key', p('string'))]), kv],
      [obj('Audit', [f('Details', MAP, { nullable: true }), f('Key', p('string'))])],
    );
    const details = types[0]!.fields[0]!;
    expect(details.type).toEqual({ ...soapDetails, itemNullable: false });
    expect(details.restMap).toBe(true);
    expect(details.protocols).toBe('both');
    expect(types[0]!.fields[1]!.restMap).toBeUndefined();
    const item = types.find((t) => t.name === 'KeyValueOfstringstring')!;
    expect(item.protocols).toBe('both');
    expect(item.fields.map((x) => `${x.name}:${x.protocols}`)).toEqual(['Key:both', 'Value:both']);
  });

  it('does not mark an array of another item type, or a REST side that is not a map', () => {
    const other = obj('Pair', [f('Name', p('string')), f('Value', p('string'))]);
    const types = merged(
      [
        obj('Audit', [
          f('Details', arr(n('Pair'))),
          f('Same', soapDetails),
          f('Missing', soapDetails),
        ]),
        other,
        kv,
      ],
      [obj('Audit', [f('Details', MAP), f('Same', arr(n('KeyValueOfstringstring')))])],
    );
    expect(types[0]!.fields.map((x) => [x.name, x.restMap])).toEqual([
      ['Details', undefined],
      ['Same', undefined],
      ['Missing', undefined],
    ]);
    expect(types.find((t) => t.name === 'KeyValueOfstringstring')!.protocols).toBe('soap');
  });
});
