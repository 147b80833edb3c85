/**
 * A SOAP dictionary (array of Key/Value items) that REST writes as a JSON object map is one
 * value written two ways: a non-breaking wire change, not a field type change.
 */
import { describe, expect, it } from 'vitest';
import { diffModels } from '../../generator/diff/compare.ts';
import type { TypeRef } from '../../generator/model/types.ts';
import { asRest, field, obj, ofKind, soapWith } from './fixtures.ts';

const MAP: TypeRef = { kind: 'map', values: { kind: 'primitive', primitive: 'string' } };
const kv = obj('KeyValueOfstringstring', [field('Key', 'string'), field('Value', 'string')]);
const other = obj('Pair', [field('Name', 'string'), field('Value', 'string')]);

describe('map-representation', () => {
  const soap = soapWith(
    [field('Id', 'int32')],
    [field('Details', 'KeyValueOfstringstring[]'), field('Pairs', 'Pair[]')],
    [kv, other],
  );
  const rest = asRest(
    soapWith([field('Id', 'int32')], [field('Details', MAP), field('Pairs', MAP)], [kv, other]),
  );

  it('reports SOAP Key/Value array → REST map as a non-breaking wire change', () => {
    const report = diffModels(soap, rest);
    expect(
      ofKind(report, 'map-representation').map((c) => [
        c.field,
        c.category,
        c.breaking,
        c.from,
        c.to,
      ]),
    ).toEqual([['Details', 'wire', false, 'KeyValueOfstringstring[]', 'map<string, string>']]);
    // An array of some other item type against a map is still a type change.
    expect(ofKind(report, 'field-type-changed').map((c) => c.field)).toEqual(['Pairs']);
  });

  it('reports the REST → SOAP direction the same way', () => {
    const report = diffModels(rest, soap);
    expect(ofKind(report, 'map-representation').map((c) => [c.field, c.breaking])).toEqual([
      ['Details', false],
    ]);
    expect(ofKind(report, 'field-type-changed').map((c) => c.field)).toEqual(['Pairs']);
  });

  it('compares two maps by their values', () => {
    const intMap: TypeRef = { kind: 'map', values: { kind: 'primitive', primitive: 'int32' } };
    const a = asRest(soapWith([field('Id', 'int32')], [field('Details', MAP)]));
    const b = asRest(soapWith([field('Id', 'int32')], [field('Details', intMap)]));
    expect(diffModels(a, a).changes.filter((c) => c.category === 'field')).toEqual([]);
    expect(ofKind(diffModels(a, b), 'field-type-changed').map((c) => [c.from, c.to])).toEqual([
      ['map<string, string>', 'map<string, int32>'],
    ]);
  });
});
