import { describe, expect, it } from 'vitest';
import { objectNamed, readSchemas, typeNamed } from './helpers.ts';

describe('object schemas', () => {
  const types = readSchemas({
    UserInfo: {
      type: 'object',
      description: 'A user.',
      properties: {
        Id: { type: 'string', format: 'int64' },
        UserName: { type: 'string', nullable: true },
        Email: { type: 'string', nullable: true },
      },
      required: ['Id', 'UserName'],
    },
    Empty: { type: 'object', properties: {} },
  });

  it('turns properties into fields in properties order with occurrence from required', () => {
    const user = objectNamed(types, 'UserInfo');
    expect(user).toEqual({
      kind: 'object',
      name: 'UserInfo',
      doc: 'A user.',
      abstract: false,
      fields: [
        {
          name: 'Id',
          type: { kind: 'primitive', primitive: 'int64' },
          minOccurs: 1,
          maxOccurs: 1,
          nullable: false,
        },
        {
          name: 'UserName',
          type: { kind: 'primitive', primitive: 'string' },
          minOccurs: 1,
          maxOccurs: 1,
          nullable: true,
        },
        {
          name: 'Email',
          type: { kind: 'primitive', primitive: 'string' },
          minOccurs: 0,
          maxOccurs: 1,
          nullable: true,
        },
      ],
    });
  });

  it('reads an object without properties as an object with no fields', () => {
    expect(objectNamed(types, 'Empty').fields).toEqual([]);
  });

  it('keeps components order', () => {
    expect(types.map((t) => t.name)).toEqual(['UserInfo', 'Empty']);
  });

  it('keeps a plain Type property without discriminator as an ordinary field (ClientLink)', () => {
    const link = objectNamed(
      readSchemas({
        ClientLink: { type: 'object', properties: { Type: { type: 'string', nullable: true } } },
      }),
      'ClientLink',
    );
    expect(link.fields.map((f) => f.name)).toEqual(['Type']);
    expect(link.discriminator).toBeUndefined();
    expect(link.abstract).toBe(false);
  });
});

describe('enum schemas', () => {
  const types = readSchemas({
    AdStatus: { type: 'string', enum: ['Inactive', 'Active', 'Paused', 'Deleted'] },
    AdAdditionalField: {
      type: 'string',
      enum: ['ImpressionTrackingUrls', 'Videos'],
      'x-enumFlags': true,
    },
  });

  it('reads a string enum with its values in order', () => {
    expect(typeNamed(types, 'AdStatus')).toEqual({
      kind: 'enum',
      name: 'AdStatus',
      values: ['Inactive', 'Active', 'Paused', 'Deleted'],
      flags: false,
    });
  });

  it('reads x-enumFlags as a flags enum', () => {
    expect(typeNamed(types, 'AdAdditionalField')).toEqual({
      kind: 'enum',
      name: 'AdAdditionalField',
      values: ['ImpressionTrackingUrls', 'Videos'],
      flags: true,
    });
  });
});

describe('named non-object schemas', () => {
  it('reads a named primitive or array as an alias', () => {
    const types = readSchemas({
      Id: { type: 'string', format: 'int64' },
      Ids: { type: 'array', items: { $ref: '#/components/schemas/Id' } },
    });
    expect(typeNamed(types, 'Id')).toEqual({
      kind: 'alias',
      name: 'Id',
      target: { kind: 'primitive', primitive: 'int64' },
    });
    expect(typeNamed(types, 'Ids')).toEqual({
      kind: 'alias',
      name: 'Ids',
      target: { kind: 'array', items: { kind: 'named', name: 'Id' } },
    });
  });
});
