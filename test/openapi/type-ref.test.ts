import { describe, expect, it } from 'vitest';
import type { TypeRef } from '../../generator/model/types.ts';
import { fieldNamed, objectNamed, readSchemas } from './helpers.ts';

const prim = (primitive: string): TypeRef => ({ kind: 'primitive', primitive }) as TypeRef;
const named = (name: string): TypeRef => ({ kind: 'named', name });
const array = (items: TypeRef): TypeRef => ({ kind: 'array', items });

/** Reads `{Holder: {type: object, properties: {P: <schema>}}}` plus a Target schema, returns field P. */
function property(schema: unknown) {
  const types = readSchemas({
    Holder: { type: 'object', properties: { P: schema } },
    Target: { type: 'object', properties: { Id: { type: 'integer' } } },
  });
  return fieldNamed(objectNamed(types, 'Holder'), 'P');
}

describe('property schema → TypeRef (given → want)', () => {
  const cases: [string, unknown, TypeRef, boolean][] = [
    [
      '64-bit integer as JSON string stays int64',
      { type: 'string', format: 'int64' },
      prim('int64'),
      false,
    ],
    [
      'nullable string/int64',
      { type: 'string', format: 'int64', nullable: true },
      prim('int64'),
      true,
    ],
    ['integer/int64', { type: 'integer', format: 'int64' }, prim('int64'), false],
    ['bare integer is int32', { type: 'integer' }, prim('int32'), false],
    ['integer/int32', { type: 'integer', format: 'int32' }, prim('int32'), false],
    ['integer/uint8', { type: 'integer', format: 'uint8', nullable: true }, prim('uint8'), true],
    ['bare number is double', { type: 'number' }, prim('double'), false],
    ['number/double', { type: 'number', format: 'double' }, prim('double'), false],
    ['string/date-time', { type: 'string', format: 'date-time' }, prim('dateTime'), false],
    ['string/date', { type: 'string', format: 'date' }, prim('date'), false],
    [
      'string/byte is base64',
      { type: 'string', format: 'byte', nullable: true },
      prim('base64'),
      true,
    ],
    ['plain string', { type: 'string' }, prim('string'), false],
    ['boolean', { type: 'boolean', nullable: true }, prim('boolean'), true],
    ['$ref', { $ref: '#/components/schemas/Target' }, named('Target'), false],
    [
      'nullable allOf wrapper',
      { allOf: [{ $ref: '#/components/schemas/Target' }], nullable: true },
      named('Target'),
      true,
    ],
    [
      'allOf wrapper without nullable',
      { allOf: [{ $ref: '#/components/schemas/Target' }] },
      named('Target'),
      false,
    ],
    [
      'array of refs',
      { type: 'array', items: { $ref: '#/components/schemas/Target' }, nullable: true },
      array(named('Target')),
      true,
    ],
    [
      'array of int64 strings',
      { type: 'array', items: { type: 'string', format: 'int64' } },
      array(prim('int64')),
      false,
    ],
    [
      'array of arrays (OperationError[][])',
      {
        type: 'array',
        items: { type: 'array', items: { $ref: '#/components/schemas/Target' } },
        nullable: true,
      },
      array(array(named('Target'))),
      true,
    ],
    ['free-form {}', {}, prim('any'), false],
    ['free-form {nullable: true}', { nullable: true }, prim('any'), true],
    ['free-form {type: object}', { type: 'object' }, prim('any'), false],
    ['array of free-form', { type: 'array', items: {}, nullable: true }, array(prim('any')), true],
  ];
  for (const [title, schema, want, nullable] of cases) {
    it(title, () => {
      const field = property(schema);
      expect(field.type).toEqual(want);
      expect(field.nullable).toBe(nullable);
      expect(field.minOccurs).toBe(0);
      expect(field.maxOccurs).toBe(1);
    });
  }

  it('marks nullable array items', () => {
    const field = property({ type: 'array', items: { type: 'string', nullable: true } });
    expect(field.type).toEqual({ kind: 'array', items: prim('string'), itemNullable: true });
  });

  it('reads a string → string map as a MapRef', () => {
    const field = property({
      type: 'object',
      additionalProperties: { type: 'string' },
      nullable: true,
      description: 'Details.',
    });
    expect(field.type).toEqual({ kind: 'map', values: prim('string') });
    expect(field.nullable).toBe(true);
    expect(field.doc).toBe('Details.');
  });

  it('reads map values through refs and arrays; additionalProperties: true is a map of any', () => {
    expect(property({ additionalProperties: { type: 'string', format: 'int64' } }).type).toEqual({
      kind: 'map',
      values: prim('int64'),
    });
    expect(
      property({
        type: 'object',
        additionalProperties: { type: 'array', items: { type: 'integer' } },
      }).type,
    ).toEqual({ kind: 'map', values: { kind: 'array', items: prim('int32') } });
    expect(property({ type: 'object', additionalProperties: true }).type).toEqual({
      kind: 'map',
      values: prim('any'),
    });
  });

  it('keeps the description of a property as its doc', () => {
    expect(property({ type: 'string', description: 'The name.' }).doc).toBe('The name.');
    expect(property({ type: 'string' }).doc).toBeUndefined();
  });
});
