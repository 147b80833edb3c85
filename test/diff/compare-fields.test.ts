import { describe, expect, it } from 'vitest';
import { diffModels } from '../../generator/diff/compare.ts';
import type { Field, ServiceModel } from '../../generator/model/types.ts';
import { asRest, field, model, obj, ofKind, ref, soapOp, soapWith } from './fixtures.ts';

const thing = (fields: Field[]): ServiceModel => soapWith([field('Id', 'int32')], fields);
const request = (fields: Field[]): ServiceModel => soapWith(fields, [field('Name', 'string')]);

describe('field changes (same protocol)', () => {
  it('reports an optional field added to a response type as non-breaking, with its traits', () => {
    const r = diffModels(
      thing([field('A', 'string')]),
      thing([field('A', 'string'), field('B', 'int32', { nullable: true })]),
    );
    expect(r.changes).toEqual([
      {
        kind: 'field-added',
        category: 'field',
        breaking: false,
        type: 'Thing',
        field: 'B',
        to: 'int32',
        message: 'Thing.B (int32, optional, nullable) is new',
      },
    ]);
  });

  it('reports a required field added to a request as breaking, with the operation', () => {
    const r = diffModels(
      request([field('Id', 'int32')]),
      request([field('Id', 'int32'), field('Mode', 'string', { minOccurs: 1 })]),
    );
    const [c] = ofKind(r, 'field-added');
    expect(c).toMatchObject({
      breaking: true,
      operation: 'GetThing',
      type: 'GetThingRequest',
      field: 'Mode',
    });
    expect(c!.message).toContain('requests must now include it');
  });

  it('reports an optional field added to a request as non-breaking', () => {
    const r = diffModels(
      request([field('Id', 'int32')]),
      request([field('Id', 'int32'), field('Mode', 'string')]),
    );
    expect(ofKind(r, 'field-added').map((c) => c.breaking)).toEqual([false]);
  });

  it('reports a removed field as breaking with its old type', () => {
    const r = diffModels(
      thing([field('A', 'string'), field('Gone', 'int64[]')]),
      thing([field('A', 'string')]),
    );
    expect(r.changes.map((c) => [c.kind, c.breaking, c.field, c.from])).toEqual([
      ['field-removed', true, 'Gone', 'int64[]'],
    ]);
  });

  it('pairs a field whose name differs only in case into one field-case-changed', () => {
    const r = diffModels(thing([field('key', 'string')]), thing([field('Key', 'string')]));
    expect(r.changes.map((c) => [c.kind, c.breaking, c.from, c.to])).toEqual([
      ['field-case-changed', true, 'key', 'Key'],
    ]);
  });

  it('reports a type change, a field becoming an array and a list becoming a single value', () => {
    const r = diffModels(
      thing([field('A', 'int32'), field('B', 'string'), field('C', 'string[]')]),
      thing([field('A', 'string'), field('B', 'string[]'), field('C', 'string')]),
    );
    expect(r.changes.map((c) => [c.kind, c.field, c.from, c.to, c.breaking])).toEqual([
      ['field-type-changed', 'A', 'int32', 'string', true],
      ['field-became-array', 'B', 'string', 'string[]', true],
      ['field-became-single', 'C', 'string[]', 'string', true],
    ]);
  });

  it('judges optionality by direction: required in a request breaks, optional in a response breaks', () => {
    const req = diffModels(
      request([field('A', 'string'), field('B', 'string', { minOccurs: 1 })]),
      request([field('A', 'string', { minOccurs: 1 }), field('B', 'string')]),
    );
    expect(
      ofKind(req, 'optionality-changed').map((c) => [c.field, c.from, c.to, c.breaking]),
    ).toEqual([
      ['A', 'optional', 'required', true],
      ['B', 'required', 'optional', false],
    ]);
    const res = diffModels(
      thing([field('A', 'string', { minOccurs: 1 })]),
      thing([field('A', 'string')]),
    );
    expect(ofKind(res, 'optionality-changed').map((c) => [c.field, c.breaking])).toEqual([
      ['A', true],
    ]);
  });

  it('judges nullability by direction', () => {
    const res = diffModels(
      thing([field('A', 'string'), field('B', 'string', { nullable: true })]),
      thing([field('A', 'string', { nullable: true }), field('B', 'string')]),
    );
    expect(ofKind(res, 'nullability-changed').map((c) => [c.field, c.to, c.breaking])).toEqual([
      ['A', 'nullable', true],
      ['B', 'not nullable', false],
    ]);
    const req = diffModels(
      request([field('A', 'string'), field('B', 'string', { nullable: true })]),
      request([field('A', 'string', { nullable: true }), field('B', 'string')]),
    );
    expect(ofKind(req, 'nullability-changed').map((c) => [c.field, c.breaking])).toEqual([
      ['A', false],
      ['B', true],
    ]);
  });

  it('reports a change on a base once, not again on each subtype', () => {
    const types = (baseFields: Field[]) => [
      obj('Sub', [field('S', 'string')], { base: 'Thing' }),
      obj('Sub2', [], { base: 'Thing' }),
    ];
    const from = soapWith(
      [field('Id', 'int32')],
      [field('A', 'string'), field('X', 'int32')],
      types([]),
    );
    const to = soapWith([field('Id', 'int32')], [field('A', 'string')], types([]));
    const removed = ofKind(diffModels(from, to), 'field-removed');
    expect(removed.map((c) => `${c.type}.${c.field}`)).toEqual(['Thing.X']);
  });

  it('sees no change for subtypes when a field moves from the base into every subtype, only its loss on the base', () => {
    const from = soapWith(
      [field('Id', 'int32')],
      [field('X', 'int32')],
      [obj('Sub', [field('S', 'string')], { base: 'Thing' })],
    );
    const to = soapWith(
      [field('Id', 'int32')],
      [],
      [obj('Sub', [field('X', 'int32'), field('S', 'string')], { base: 'Thing' })],
    );
    const r = diffModels(from, to);
    expect(
      r.changes.filter((c) => c.category === 'field').map((c) => [c.kind, c.type, c.field]),
    ).toEqual([['field-removed', 'Thing', 'X']]);
  });

  it('reports SOAP element order changes, not REST property order changes', () => {
    const a = [field('A', 'string'), field('B', 'string')];
    const b = [field('B', 'string'), field('A', 'string')];
    const soap = diffModels(thing(a), thing(b));
    expect(ofKind(soap, 'field-order-changed')).toMatchObject([
      { type: 'Thing', breaking: true, from: 'A, B', to: 'B, A' },
    ]);
    expect(diffModels(asRest(thing(a)), asRest(thing(b))).changes).toEqual([]);
  });

  it('treats aliases as what they stand for', () => {
    const alias = { kind: 'alias' as const, name: 'Guidish', target: ref('string') };
    const r = diffModels(
      soapWith([field('Id', 'int32')], [field('A', 'Guidish')], [alias]),
      soapWith([field('Id', 'int32')], [field('A', 'string')]),
    );
    expect(r.changes).toEqual([]);
  });
});

describe('field changes across protocols', () => {
  it('adds one non-breaking int64-representation item per int64 field, arrays included', () => {
    const soap = soapWith(
      [field('UserId', 'int64', { nullable: true })],
      [field('Ids', 'int64[]'), field('Name', 'string')],
    );
    const r = diffModels(soap, asRest(soap));
    const items = ofKind(r, 'int64-representation');
    // Sorted: changes without an operation first, then by operation, type and field.
    expect(items.map((c) => [c.type, c.field, c.breaking, c.operation])).toEqual([
      ['Thing', 'Ids', false, undefined],
      ['GetThingRequest', 'UserId', false, 'GetThing'],
    ]);
    expect(items[1]!.message).toContain('"UserId": "123"');
    expect(items[0]!.message).toContain('"Ids": ["123"]');
    expect(items[1]!.message).toContain(
      'a hand-written REST client must send and parse it as a string',
    );
    expect(diffModels(soap, soap).changes).toEqual([]);
  });

  it('equates a SOAP ArrayOf wrapper and an inline repeat with a REST array', () => {
    const wrapped: Field = field('Ids', {
      kind: 'array',
      items: ref('string'),
      itemName: 'string',
      itemNamespace: 'http://schemas.microsoft.com/2003/10/Serialization/Arrays',
      itemNullable: true,
      wrapperType: {
        name: 'ArrayOfstring',
        namespace: 'http://schemas.microsoft.com/2003/10/Serialization/Arrays',
      },
    });
    const repeated = field('Names', 'string', { maxOccurs: 'unbounded' });
    const soap = soapWith([field('Id', 'int32')], [wrapped, repeated]);
    const rest = asRest(
      soapWith([field('Id', 'int32')], [field('Ids', 'string[]'), field('Names', 'string[]')]),
    );
    expect(diffModels(soap, rest).changes.filter((c) => c.category === 'field')).toEqual([]);
  });

  it('reports a SOAP decimal that REST carries as a double as number-representation, not a type change', () => {
    const soap = soapWith([field('Id', 'int32')], [field('Amount', 'decimal')]);
    const rest = asRest(soapWith([field('Id', 'int32')], [field('Amount', 'double')]));
    expect(
      ofKind(diffModels(soap, rest), 'number-representation').map((c) => [c.field, c.breaking]),
    ).toEqual([['Amount', false]]);
    expect(ofKind(diffModels(soap, rest), 'field-type-changed')).toEqual([]);
    // Within one protocol decimal → double is a real type change.
    const soap2 = soapWith([field('Id', 'int32')], [field('Amount', 'double')]);
    expect(
      ofKind(diffModels(soap, soap2), 'field-type-changed').map((c) => [c.from, c.to]),
    ).toEqual([['decimal', 'double']]);
  });

  it('does not report the REST discriminator property as a new field coming from SOAP', () => {
    const soap = soapWith(
      [field('Id', 'int32')],
      [field('A', 'string')],
      [obj('Sub', [], { base: 'Thing' })],
    );
    const restTypes = soapWith(
      [field('Id', 'int32')],
      [field('A', 'string'), field('Type', 'string', { nullable: true })],
      [obj('Sub', [], { base: 'Thing', discriminatorValue: 'Sub' })],
      {
        discriminator: { property: 'Type', mapping: { Sub: 'Sub' } },
      },
    );
    const r = diffModels(soap, asRest(restTypes));
    expect(ofKind(r, 'field-added')).toEqual([]);
    expect(ofKind(r, 'polymorphism-representation')).toMatchObject([
      { type: 'Thing', breaking: false, from: 'i:type', to: 'Type' },
    ]);
    // REST → REST: a new discriminator property is a new field.
    const plain = asRest(
      soapWith(
        [field('Id', 'int32')],
        [field('A', 'string')],
        [obj('Sub', [], { base: 'Thing', discriminatorValue: 'Sub' })],
        {
          discriminator: { property: 'Type', mapping: { Sub: 'Sub' } },
        },
      ),
    );
    expect(ofKind(diffModels(plain, asRest(restTypes)), 'field-added').map((c) => c.field)).toEqual(
      ['Type'],
    );
  });
});

describe('operation context', () => {
  it('names the operation on changes of its request wrapper, and only there', () => {
    const m = model(
      'soap',
      [soapOp('A'), soapOp('B')],
      [obj('ARequest', [field('X', 'int32')]), obj('BRequest', [field('X', 'int32')])],
    );
    const n = model(
      'soap',
      [soapOp('A'), soapOp('B')],
      [obj('ARequest', [field('X', 'int64')]), obj('BRequest', [field('X', 'int32')])],
    );
    expect(diffModels(m, n).changes.map((c) => [c.operation, c.type, c.kind])).toEqual([
      ['A', 'ARequest', 'field-type-changed'],
    ]);
  });
});
