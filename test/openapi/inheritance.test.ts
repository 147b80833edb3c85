import { describe, expect, it } from 'vitest';
import { fieldNamed, objectNamed, openApiDoc, read, readSchemas } from './helpers.ts';

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const sub = (base: string, properties: Record<string, unknown> = {}, required?: string[]) => ({
  allOf: [ref(base), { type: 'object', properties, ...(required ? { required } : {}) }],
});
const str = { type: 'string', nullable: true };

describe('allOf subclasses and discriminators', () => {
  const types = readSchemas({
    Ad: {
      type: 'object',
      properties: { Id: { type: 'string', format: 'int64', nullable: true }, Type: ref('AdType') },
      discriminator: {
        propertyName: 'Type',
        mapping: {
          ResponsiveSearch: '#/components/schemas/ResponsiveSearchAd',
          Hotel: '#/components/schemas/HotelAd',
        },
      },
    },
    AdBase: sub('Ad'),
    AdType: { type: 'string', enum: ['ResponsiveSearch', 'Hotel'] },
    ResponsiveSearchAd: sub('Ad', { Path1: str, Domain: str }, ['Path1']),
    HotelAd: sub('Ad'),
  });

  it('gives a subclass its base and only its own fields, required from its own allOf part', () => {
    const rsa = objectNamed(types, 'ResponsiveSearchAd');
    expect(rsa.base).toBe('Ad');
    expect(rsa.fields.map((f) => [f.name, f.minOccurs])).toEqual([
      ['Path1', 1],
      ['Domain', 0],
    ]);
  });

  it('puts the discriminator on the family root and keeps Type as an ordinary field', () => {
    const ad = objectNamed(types, 'Ad');
    expect(ad.discriminator).toEqual({
      property: 'Type',
      mapping: { ResponsiveSearch: 'ResponsiveSearchAd', Hotel: 'HotelAd' },
    });
    expect(fieldNamed(ad, 'Type').type).toEqual({ kind: 'named', name: 'AdType' });
  });

  it('gives every mapped type its discriminator value, empty subclasses included', () => {
    expect(objectNamed(types, 'ResponsiveSearchAd').discriminatorValue).toBe('ResponsiveSearch');
    expect(objectNamed(types, 'HotelAd').discriminatorValue).toBe('Hotel');
    expect(objectNamed(types, 'HotelAd').abstract).toBe(false);
  });

  it('makes a root that is not a mapping value abstract', () => {
    expect(objectNamed(types, 'Ad').abstract).toBe(true);
    expect(objectNamed(types, 'Ad').discriminatorValue).toBeUndefined();
  });

  it('drops an unmapped, unreferenced <Base>Base (AdBase) and keeps the real empty subclass (HotelAd)', () => {
    expect(types.map((t) => t.name)).toEqual(['Ad', 'AdType', 'ResponsiveSearchAd', 'HotelAd']);
  });
});

describe('concrete bases (<Base>Base folding)', () => {
  const model = read(
    openApiDoc(
      {
        BatchError: {
          type: 'object',
          properties: {
            Code: { type: 'integer', format: 'int32' },
            Index: { type: 'integer' },
            Type: str,
          },
          discriminator: {
            propertyName: 'Type',
            mapping: {
              BatchError: '#/components/schemas/BatchErrorBase',
              EditorialError: '#/components/schemas/EditorialError',
            },
          },
        },
        BatchErrorBase: sub('BatchError'),
        EditorialError: sub('BatchError', { ReasonCode: { type: 'integer' } }, ['Index']),
        Holder: {
          type: 'object',
          properties: {
            Error: ref('BatchErrorBase'),
            Errors: { type: 'array', items: ref('BatchErrorBase') },
          },
        },
        ApplicationFault: { type: 'object', properties: { Type: str } },
      },
      {
        '/Errors': {
          post: {
            operationId: 'GetErrors',
            requestBody: { content: { 'application/json': { schema: ref('BatchErrorBase') } } },
            responses: { '200': { description: 'ok' } },
          },
        },
      },
    ),
  );
  const types = model.types;

  it('folds a mapped <Base>Base into its base: the base takes the value and is concrete', () => {
    const batchError = objectNamed(types, 'BatchError');
    expect(batchError.abstract).toBe(false);
    expect(batchError.discriminatorValue).toBe('BatchError');
    expect(batchError.discriminator?.mapping).toEqual({
      BatchError: 'BatchError',
      EditorialError: 'EditorialError',
    });
    expect(types.map((t) => t.name)).not.toContain('BatchErrorBase');
  });

  it('rewrites every $ref to the folded name to the base', () => {
    const holder = objectNamed(types, 'Holder');
    expect(holder.fields.map((f) => f.type)).toEqual([
      { kind: 'named', name: 'BatchError' },
      { kind: 'array', items: { kind: 'named', name: 'BatchError' } },
    ]);
    expect(model.operations[0]?.request).toBe('BatchError');
  });

  it('accepts a subclass requiring an inherited property (EditorialError: Index)', () => {
    const editorial = objectNamed(types, 'EditorialError');
    expect(editorial.fields.map((f) => f.name)).toEqual(['ReasonCode']);
    expect(editorial.discriminatorValue).toBe('EditorialError');
    // Recorded on the subclass; the base's field keeps its own minOccurs.
    expect(editorial.requiredInherited).toEqual(['Index']);
    expect(fieldNamed(objectNamed(types, 'BatchError'), 'Index').minOccurs).toBe(0);
    expect(objectNamed(types, 'BatchError').requiredInherited).toBeUndefined();
  });

  it('keeps an unmapped <Base>Base that something $refs, as an abstract subclass', () => {
    const kept = readSchemas({
      Ad: {
        type: 'object',
        properties: { Type: str },
        discriminator: { propertyName: 'Type', mapping: { Text: '#/components/schemas/TextAd' } },
      },
      AdBase: sub('Ad'),
      TextAd: sub('Ad', { Text: str }),
      Holder: { type: 'object', properties: { A: ref('AdBase') } },
    });
    expect(kept.map((t) => t.name)).toEqual(['Ad', 'AdBase', 'TextAd', 'Holder']);
    expect(objectNamed(kept, 'AdBase')).toMatchObject({ base: 'Ad', abstract: true, fields: [] });
  });
});

describe('Ad Insight: RecommendationBase is a real type, RecommendationBaseBase is its concrete-base model', () => {
  const types = readSchemas({
    Recommendation: {
      type: 'object',
      properties: { AccountId: { type: 'string', format: 'int64' }, Type: str },
      discriminator: {
        propertyName: 'Type',
        mapping: {
          ResponsiveSearchAdsRecommendation:
            '#/components/schemas/ResponsiveSearchAdsRecommendation',
        },
      },
    },
    RecommendationBase: {
      type: 'object',
      properties: {
        AccountId: { type: 'string', format: 'int64' },
        Type: ref('RecommendationType'),
      },
      discriminator: {
        propertyName: 'Type',
        mapping: { KeywordRecommendation: '#/components/schemas/KeywordRecommendation' },
      },
    },
    RecommendationBaseBase: sub('RecommendationBase'),
    RecommendationType: { type: 'string', enum: ['KeywordRecommendation'] },
    ResponsiveSearchAdsRecommendation: sub('Recommendation', { SuggestedAd: str }),
    KeywordRecommendation: sub('RecommendationBase', { Keyword: str }),
  });

  it('keeps RecommendationBase as its own abstract family root, unrelated to Recommendation', () => {
    const rb = objectNamed(types, 'RecommendationBase');
    expect(rb.base).toBeUndefined();
    expect(rb.abstract).toBe(true);
    expect(rb.discriminator?.mapping).toEqual({ KeywordRecommendation: 'KeywordRecommendation' });
    expect(objectNamed(types, 'KeywordRecommendation').base).toBe('RecommendationBase');
  });

  it('drops RecommendationBaseBase (unmapped) and leaves Recommendation abstract', () => {
    expect(types.map((t) => t.name)).toEqual([
      'Recommendation',
      'RecommendationBase',
      'RecommendationType',
      'ResponsiveSearchAdsRecommendation',
      'KeywordRecommendation',
    ]);
    expect(objectNamed(types, 'Recommendation').abstract).toBe(true);
  });
});

describe('nested families (SharedEntity → SharedList → NegativeKeywordList)', () => {
  const mapping = (names: string[]) =>
    Object.fromEntries(names.map((n) => [n, `#/components/schemas/${n}`]));
  const types = readSchemas({
    SharedEntity: {
      type: 'object',
      properties: { Id: { type: 'string', format: 'int64', nullable: true }, Type: str },
      discriminator: {
        propertyName: 'Type',
        mapping: mapping(['NegativeKeywordList', 'SharedList']),
      },
    },
    SharedList: {
      ...sub('SharedEntity', { ItemCount: { type: 'integer' } }),
      discriminator: { propertyName: 'Type', mapping: mapping(['NegativeKeywordList']) },
    },
    SharedListBase: sub('SharedList'),
    NegativeKeywordList: sub('SharedList'),
  });

  it('gives the grandchild its value, and the intermediate root is concrete with its own discriminator', () => {
    expect(objectNamed(types, 'NegativeKeywordList')).toMatchObject({
      base: 'SharedList',
      discriminatorValue: 'NegativeKeywordList',
      abstract: false,
    });
    const sharedList = objectNamed(types, 'SharedList');
    expect(sharedList).toMatchObject({
      base: 'SharedEntity',
      discriminatorValue: 'SharedList',
      abstract: false,
    });
    expect(sharedList.discriminator).toEqual({
      property: 'Type',
      mapping: { NegativeKeywordList: 'NegativeKeywordList' },
    });
    expect(objectNamed(types, 'SharedEntity').abstract).toBe(true);
    expect(types.map((t) => t.name)).not.toContain('SharedListBase');
  });
});

describe('discriminator without mapping', () => {
  it('uses the implicit mapping: each descendant schema name selects itself', () => {
    const types = readSchemas({
      Setting: {
        type: 'object',
        properties: { Type: str },
        discriminator: { propertyName: 'Type' },
      },
      TargetSetting: sub('Setting', { Details: str }),
      Other: { type: 'object', properties: {} },
    });
    expect(objectNamed(types, 'Setting').discriminator).toEqual({
      property: 'Type',
      mapping: { TargetSetting: 'TargetSetting' },
    });
    expect(objectNamed(types, 'TargetSetting').discriminatorValue).toBe('TargetSetting');
    expect(objectNamed(types, 'Setting').abstract).toBe(true);
  });

  it('accepts bare schema names as mapping values', () => {
    const types = readSchemas({
      Setting: {
        type: 'object',
        properties: { Type: str },
        discriminator: { propertyName: 'Type', mapping: { Target: 'TargetSetting' } },
      },
      TargetSetting: sub('Setting'),
    });
    expect(objectNamed(types, 'TargetSetting').discriminatorValue).toBe('Target');
  });
});
