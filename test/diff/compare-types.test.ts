import { describe, expect, it } from 'vitest';
import { diffModels } from '../../generator/diff/compare.ts';
import { genericKey } from '../../generator/diff/renames.ts';
import type { ObjectType, ServiceModel, ServiceType } from '../../generator/model/types.ts';
import { asRest, enumType, field, obj, ofKind, soapWith } from './fixtures.ts';

const base = [field('Id', 'int32')];

/** A SOAP model whose Thing has `thing` fields and the extra `types`. */
const soap = (
  thing: ReturnType<typeof field>[],
  types: ServiceType[] = [],
  extra: Partial<ObjectType> = {},
) => soapWith(base, thing, types, extra);

describe('types on one side only', () => {
  it('reports a new reachable type as added and a gone one as removed', () => {
    const from = soap([field('Old', 'OldThing')], [obj('OldThing', [field('A', 'string')])]);
    const to = soap([field('New', 'NewThing')], [obj('NewThing', [field('B', 'int32')])]);
    const r = diffModels(from, to);
    expect(
      r.changes.filter((c) => c.category === 'type').map((c) => [c.kind, c.type, c.breaking]),
    ).toEqual([
      ['type-added', 'NewThing', false],
      ['type-removed', 'OldThing', true],
    ]);
    expect(r.changes.filter((c) => c.category === 'field').map((c) => [c.kind, c.field])).toEqual([
      ['field-added', 'New'],
      ['field-removed', 'Old'],
    ]);
  });

  it('ignores types no operation reaches, on either side', () => {
    const from = soap([field('A', 'string')], [obj('Orphan', [field('X', 'string')])]);
    const to = soap(
      [field('A', 'string')],
      [obj('Orphan', [field('Y', 'int64')]), obj('Orphan2', []), enumType('LonelyEnum', ['A'])],
    );
    expect(diffModels(from, to).changes).toEqual([]);
  });

  it('reports a type that is still declared but no longer reached as removed, saying so', () => {
    const from = soap([field('S', 'Status')], [enumType('Status', ['On', 'Off'])]);
    const to = soap([field('S', 'string')], [enumType('Status', ['On', 'Off'])]);
    const [removed] = ofKind(diffModels(from, to), 'type-removed');
    expect(removed).toMatchObject({ type: 'Status', breaking: true });
    expect(removed!.message).toContain('still declared, but no operation uses it');
  });

  it('reports a new type with a base as subtype-added, a removed one as subtype-removed', () => {
    const from = soap([field('A', 'string')], [obj('OldSub', [], { base: 'Thing' })]);
    const to = soap(
      [field('A', 'string')],
      [obj('NewSub', [field('X', 'string')], { base: 'Thing' })],
    );
    const r = diffModels(from, to);
    expect(r.changes.map((c) => [c.kind, c.type, c.breaking])).toEqual([
      ['subtype-added', 'NewSub', false],
      ['subtype-removed', 'OldSub', true],
    ]);
    expect(ofKind(r, 'subtype-added')[0]!.message).toContain(
      'responses that declare Thing may now carry it',
    );
  });
});

describe('renames', () => {
  it('recognises the REST generic spelling as a rename, with no type change on the fields using it', () => {
    const kv = (name: string) => obj(name, [field('Key', 'string'), field('Value', 'string')]);
    const from = soap(
      [field('Map', 'KeyValuePairOfstringstring[]')],
      [kv('KeyValuePairOfstringstring')],
    );
    const to = asRest(
      soap(
        [field('Map', 'KeyValuePairOfstringAndstring[]')],
        [kv('KeyValuePairOfstringAndstring')],
      ),
    );
    const r = diffModels(from, to);
    expect(r.changes.filter((c) => c.category !== 'transport' && c.category !== 'wire')).toEqual([
      {
        kind: 'type-renamed',
        category: 'type',
        breaking: false,
        type: 'KeyValuePairOfstringAndstring',
        from: 'KeyValuePairOfstringstring',
        to: 'KeyValuePairOfstringAndstring',
        message:
          'KeyValuePairOfstringstring is named KeyValuePairOfstringAndstring: same shape; code that names the type must use the new name',
      },
    ]);
  });

  it('normalises generic names', () => {
    expect(genericKey('KeyValuePairOfstringAndstring')).toBe(
      genericKey('KeyValuePairOfstringstring'),
    );
    expect(genericKey('KeyValuePairOfstringAndByteArray')).toBe(
      genericKey('KeyValuePairOfstringbase64Binary'),
    );
    expect(genericKey('KeyValueEntityOflongAndDateTime')).toBe(
      genericKey('KeyValueEntityOflongdateTime'),
    );
    expect(genericKey('Android')).not.toBe(genericKey('roid'));
  });

  it('pairs two same-shaped types used by the same field as a rename; SOAP to SOAP it is breaking', () => {
    const from = soap(
      [field('Info', 'FooData')],
      [obj('FooData', [field('A', 'string'), field('B', 'int32')])],
    );
    const to = soap(
      [field('Info', 'FooInfo')],
      [obj('FooInfo', [field('B', 'int32'), field('A', 'string')])],
    );
    const r = diffModels(from, to);
    expect(r.changes.map((c) => [c.kind, c.from, c.to, c.breaking])).toEqual([
      ['type-renamed', 'FooData', 'FooInfo', true],
      ['field-order-changed', 'A, B', 'B, A', true],
    ]);
  });

  it('does not pair types of different shapes', () => {
    const from = soap([field('Info', 'FooData')], [obj('FooData', [field('A', 'string')])]);
    const to = soap([field('Info', 'FooInfo')], [obj('FooInfo', [field('Z', 'string')])]);
    expect(diffModels(from, to).changes.map((c) => c.kind)).toEqual([
      'type-removed',
      'type-added',
      'field-type-changed',
    ]);
  });
});

describe('type shape', () => {
  it('reports a type that changes kind', () => {
    const from = soap([field('S', 'Status')], [enumType('Status', ['On'])]);
    const to = soap([field('S', 'Status')], [obj('Status', [field('On', 'boolean')])]);
    expect(diffModels(from, to).changes.map((c) => [c.kind, c.from, c.to, c.breaking])).toEqual([
      ['type-kind-changed', 'enum', 'object', true],
    ]);
  });

  it('reports leaving a base as breaking and gaining one as not', () => {
    const parents = [obj('Parent', [field('P', 'string')]), obj('Other', [field('P', 'string')])];
    const gain = diffModels(
      soap([field('A', 'string')], parents),
      soap([field('A', 'string')], parents, { base: 'Parent' }),
    );
    expect(ofKind(gain, 'base-changed').map((c) => [c.from, c.to, c.breaking])).toEqual([
      ['(none)', 'Parent', false],
    ]);
    const move = diffModels(
      soap([field('A', 'string')], parents, { base: 'Parent' }),
      soap([field('A', 'string')], parents, { base: 'Other' }),
    );
    expect(ofKind(move, 'base-changed').map((c) => [c.from, c.to, c.breaking])).toEqual([
      ['Parent', 'Other', true],
    ]);
    expect(ofKind(move, 'base-changed')[0]!.message).toBe(
      'Thing moves from base Parent to Other: it can no longer be used where Parent is expected',
    );
  });

  it('reports a SOAP namespace move SOAP to SOAP only', () => {
    const from = soap([field('A', 'string')], [], { namespace: 'urn:a' });
    const to = soap([field('A', 'string')], [], { namespace: 'urn:b' });
    expect(diffModels(from, to).changes.map((c) => [c.kind, c.from, c.to])).toEqual([
      ['namespace-changed', 'urn:a', 'urn:b'],
    ]);
  });
});

describe('polymorphism', () => {
  const family = (value: string, abstract = false): ServiceModel =>
    asRest(
      soap(
        [field('A', 'string'), field('Type', 'string')],
        [obj('Sub', [field('S', 'string')], { base: 'Thing', discriminatorValue: value })],
        {
          abstract,
          discriminator: { property: 'Type', mapping: { [value]: 'Sub' } },
        },
      ),
    );

  it('reports a changed discriminator value REST to REST', () => {
    const r = diffModels(family('Sub'), family('SubThing'));
    expect(
      ofKind(r, 'discriminator-changed').map((c) => [c.type, c.from, c.to, c.breaking]),
    ).toEqual([['Sub', 'Sub', 'SubThing', true]]);
  });

  it('does not count SOAP lacking discriminator values or abstract flags as a change', () => {
    const from = soap(
      [field('A', 'string'), field('Type', 'string')],
      [obj('Sub', [field('S', 'string')], { base: 'Thing' })],
    );
    const r = diffModels(from, family('SubThing', true));
    expect(r.changes.filter((c) => c.category === 'polymorphism' || c.category === 'type')).toEqual(
      [],
    );
    expect(ofKind(r, 'polymorphism-representation')[0]!.message).toContain('"SubThing" for Sub');
  });

  it('reports abstract changes REST to REST', () => {
    const r = diffModels(family('Sub', false), family('Sub', true));
    expect(ofKind(r, 'abstract-changed').map((c) => [c.type, c.breaking])).toEqual([
      ['Thing', true],
    ]);
  });
});

describe('enums', () => {
  const withEnum = (values: string[], flags = false) =>
    soap([field('S', 'Status')], [enumType('Status', values, flags)]);

  it('reports values added (non-breaking, with a hint for responses), removed and re-cased (breaking)', () => {
    const r = diffModels(
      withEnum(['Active', 'paused', 'Deleted']),
      withEnum(['Active', 'Paused', 'Archived']),
    );
    expect(r.changes.map((c) => [c.kind, c.from ?? null, c.to ?? null, c.breaking])).toEqual([
      ['enum-value-added', null, 'Archived', false],
      ['enum-value-case-changed', 'paused', 'Paused', true],
      ['enum-value-removed', 'Deleted', null, true],
    ]);
    expect(ofKind(r, 'enum-value-added')[0]!.message).toBe(
      'Status gains the value Archived; code that switches over Status should handle it',
    );
  });

  it('reports a flags change', () => {
    const r = diffModels(withEnum(['A', 'B']), withEnum(['A', 'B'], true));
    expect(r.changes.map((c) => [c.kind, c.from, c.to, c.breaking])).toEqual([
      ['enum-flags-changed', 'single', 'flags', true],
    ]);
  });
});
