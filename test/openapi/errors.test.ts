import { describe, expect, it } from 'vitest';
import { FILE, expectSpecError, openApiDoc, postOperation, read } from './helpers.ts';

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const fault = {
  ApplicationFault: { type: 'object', properties: {} },
  Req: { type: 'object', properties: {} },
};
const withProperty = (schema: unknown) =>
  openApiDoc({ Holder: { type: 'object', properties: { P: schema } } });
const P = '#/components/schemas/Holder/properties/P';

describe('SpecError: file, JSON pointer and problem', () => {
  it('invalid JSON, placed by line and column', () => {
    const error = expectSpecError(
      () => read('{\n  "openapi": "3.0.3",\n  "info": }\n'),
      'line 3, column 11 (offset 34)',
      /^invalid JSON: /,
    );
    expect(error.message).toContain(FILE);
  });

  it('truncated JSON, placed at the end', () => {
    expectSpecError(
      () => read('{"openapi": '),
      'line 1, column 13 (offset 12)',
      /^invalid JSON: Unexpected end of JSON input/,
    );
  });

  it('duplicate schema name in components.schemas, which JSON.parse would hide', () => {
    const text =
      '{"openapi":"3.0.3","info":{"title":"T"},"paths":{},"components":{"schemas":{\n"Ad":{"type":"object"},\n"Ad":{"type":"string"}}}}';
    expectSpecError(
      () => read(text),
      '#/components/schemas/Ad',
      /^duplicate key 'Ad' .*line 3, column 1/,
    );
  });

  it('duplicate property name', () => {
    const text =
      '{"openapi":"3.0.3","info":{"title":"T"},"paths":{},"components":{"schemas":{"Ad":{"type":"object","properties":{"Id":{},"Id":{}}}}}}';
    expectSpecError(
      () => read(text),
      '#/components/schemas/Ad/properties/Id',
      /^duplicate key 'Id'/,
    );
  });

  it('root is not an object', () => {
    expectSpecError(() => read('[]'), '#', /must be a JSON object, found an array/);
  });

  it('Swagger 2.0 or OpenAPI 3.1', () => {
    expectSpecError(
      () => read({ swagger: '2.0', info: { title: 'T' }, paths: {} }),
      '#/openapi',
      /unsupported OpenAPI version swagger "2.0" \(3\.0\.x expected\)/,
    );
    expectSpecError(
      () => read({ ...openApiDoc({}), openapi: '3.1.0' }),
      '#/openapi',
      /unsupported OpenAPI version "3.1.0"/,
    );
  });

  it('missing info.title, paths, components, components.schemas', () => {
    expectSpecError(
      () => read({ ...openApiDoc({}), info: { version: '1' } }),
      '#/info/title',
      /info.title must be a non-empty string/,
    );
    const { paths: _paths, ...noPaths } = openApiDoc({});
    expectSpecError(() => read(noPaths), '#', /missing 'paths'/);
    const { components: _components, ...noComponents } = openApiDoc({});
    expectSpecError(() => read(noComponents), '#', /missing 'components'/);
    expectSpecError(
      () => read({ ...openApiDoc({}), components: {} }),
      '#/components',
      /missing 'schemas'/,
    );
  });

  it('unknown $ref', () => {
    expectSpecError(
      () => read(withProperty(ref('Nope'))),
      `${P}/$ref`,
      /unknown \$ref '#\/components\/schemas\/Nope'/,
    );
  });

  it('non-local $ref', () => {
    expectSpecError(
      () => read(withProperty({ $ref: 'other.json#/components/schemas/X' })),
      `${P}/$ref`,
      /unsupported \$ref 'other.json#/,
    );
    expectSpecError(
      () => read(withProperty({ $ref: '#/components/responses/X' })),
      `${P}/$ref`,
      /unsupported \$ref/,
    );
  });

  it('unknown $ref deep inside an allOf subclass', () => {
    const doc = openApiDoc({
      Ad: { type: 'object', properties: {} },
      TextAd: {
        allOf: [
          ref('Ad'),
          { type: 'object', properties: { Id: { type: 'array', items: ref('Missing') } } },
        ],
      },
    });
    expectSpecError(
      () => read(doc),
      '#/components/schemas/TextAd/allOf/1/properties/Id/items/$ref',
      /unknown \$ref/,
    );
  });

  it('unsupported type/format', () => {
    expectSpecError(
      () => read(withProperty({ type: 'string', format: 'email' })),
      `${P}/format`,
      /unsupported type\/format 'string\/email'/,
    );
    expectSpecError(
      () => read(withProperty({ type: 'integer', format: 'int128' })),
      `${P}/format`,
      /unsupported type\/format 'integer\/int128'/,
    );
    expectSpecError(
      () => read(withProperty({ type: 'null' })),
      `${P}/type`,
      /unsupported type "null"/,
    );
  });

  it('unsupported keyword (oneOf), never silently skipped', () => {
    expectSpecError(
      () => read(withProperty({ oneOf: [ref('Holder')] })),
      `${P}/oneOf`,
      /unsupported schema keyword 'oneOf'/,
    );
  });

  it('inline anonymous object schema and inline enum', () => {
    expectSpecError(
      () => read(withProperty({ type: 'object', properties: { A: { type: 'string' } } })),
      P,
      /inline anonymous object schema/,
    );
    expectSpecError(
      () => read(withProperty({ type: 'string', enum: ['A'] })),
      `${P}/enum`,
      /inline enum/,
    );
    expectSpecError(
      () => read(withProperty({ allOf: [ref('Holder'), { type: 'object' }] })),
      `${P}/allOf`,
      /inline allOf/,
    );
  });

  it('array without items', () => {
    expectSpecError(() => read(withProperty({ type: 'array' })), P, /array schema has no 'items'/);
  });

  it('cyclic allOf base', () => {
    const doc = openApiDoc({
      A: { allOf: [ref('B'), { type: 'object', properties: {} }] },
      B: { allOf: [ref('A'), { type: 'object', properties: {} }] },
    });
    expectSpecError(
      () => read(doc),
      '#/components/schemas/B/allOf/0/$ref',
      /cyclic allOf inheritance: A → B → A/,
    );
    const self = openApiDoc({ A: { allOf: [ref('A'), { type: 'object', properties: {} }] } });
    expectSpecError(
      () => read(self),
      '#/components/schemas/A/allOf/0/$ref',
      /cyclic allOf inheritance: A → A/,
    );
  });

  it('multiple inheritance and a non-object base', () => {
    const doc = openApiDoc({
      A: { type: 'object', properties: {} },
      B: { type: 'object', properties: {} },
      C: { allOf: [ref('A'), ref('B')] },
    });
    expectSpecError(() => read(doc), '#/components/schemas/C/allOf/1', /multiple inheritance/);
    const enumBase = openApiDoc({
      E: { type: 'string', enum: ['x'] },
      C: { allOf: [ref('E'), { type: 'object', properties: {} }] },
    });
    expectSpecError(
      () => read(enumBase),
      '#/components/schemas/C/allOf/0/$ref',
      /base 'E' is not an object schema/,
    );
  });

  it('discriminator mapping to a type outside the family, and a missing discriminator property', () => {
    const outside = openApiDoc({
      Ad: {
        type: 'object',
        properties: { Type: { type: 'string' } },
        discriminator: { propertyName: 'Type', mapping: { X: '#/components/schemas/Other' } },
      },
      Other: { type: 'object', properties: {} },
    });
    expectSpecError(
      () => read(outside),
      '#/components/schemas/Ad/discriminator/mapping/X',
      /'Other', which does not extend 'Ad'/,
    );
    const noProperty = openApiDoc({
      Ad: { type: 'object', properties: {}, discriminator: { propertyName: 'Type' } },
    });
    expectSpecError(
      () => read(noProperty),
      '#/components/schemas/Ad/discriminator/propertyName',
      /discriminator property 'Type' is not a property/,
    );
  });

  it('required names an undeclared property', () => {
    const doc = openApiDoc({
      A: { type: 'object', properties: { Id: { type: 'integer' } } },
      B: { allOf: [ref('A'), { type: 'object', properties: {}, required: ['Nope'] }] },
    });
    expectSpecError(
      () => read(doc),
      '#/components/schemas/B/allOf/1/required/0',
      /required property 'Nope' is not declared by 'B' or its bases/,
    );
  });

  it('enum with a non-string value or repeated value', () => {
    expectSpecError(
      () => read(openApiDoc({ E: { type: 'integer', enum: [1] } })),
      '#/components/schemas/E/type',
      /only string enums/,
    );
    expectSpecError(
      () => read(openApiDoc({ E: { type: 'string', enum: ['A', 'A'] } })),
      '#/components/schemas/E/enum/1',
      /duplicate enum value 'A'/,
    );
  });

  it('duplicate operationId', () => {
    const doc = openApiDoc(fault, {
      '/A': { post: postOperation('GetA', 'Req', null) },
      '/B': { put: postOperation('GetA', 'Req', null) },
    });
    expectSpecError(
      () => read(doc),
      '#/paths/~1B/put/operationId',
      /duplicate operationId 'GetA' \(first at #\/paths\/~1A\/post\)/,
    );
  });

  it('missing operationId, parameters, unsupported method and path item member', () => {
    const { operationId: _id, ...anonymous } = postOperation('X', 'Req', null);
    expectSpecError(
      () => read(openApiDoc(fault, { '/A': { post: anonymous } })),
      '#/paths/~1A/post/operationId',
      /operationId must be a non-empty string/,
    );
    const withParams = {
      ...postOperation('X', 'Req', null),
      parameters: [{ name: 'id', in: 'query' }],
    };
    expectSpecError(
      () => read(openApiDoc(fault, { '/A': { post: withParams } })),
      '#/paths/~1A/post/parameters',
      /parameters are not supported/,
    );
    expectSpecError(
      () => read(openApiDoc(fault, { '/A': { head: postOperation('X', 'Req', null) } })),
      '#/paths/~1A/head',
      /unsupported path item member 'head'/,
    );
  });

  it('non-JSON media type, 3xx status and a request body that is not a named schema', () => {
    const xml = {
      operationId: 'X',
      requestBody: { content: { 'application/xml': { schema: ref('Req') } } },
      responses: {},
    };
    expectSpecError(
      () => read(openApiDoc(fault, { '/A': { post: xml } })),
      '#/paths/~1A/post/requestBody/content/application~1xml',
      /unsupported media type 'application\/xml'/,
    );
    const redirect = { operationId: 'X', responses: { '302': { description: 'moved' } } };
    expectSpecError(
      () => read(openApiDoc(fault, { '/A': { post: redirect } })),
      '#/paths/~1A/post/responses/302',
      /unsupported response status '302'/,
    );
    const arrayBody = {
      operationId: 'X',
      requestBody: {
        content: { 'application/json': { schema: { type: 'array', items: ref('Req') } } },
      },
      responses: {},
    };
    expectSpecError(
      () => read(openApiDoc(fault, { '/A': { post: arrayBody } })),
      '#/paths/~1A/post/requestBody/content',
      /request body must be a \$ref to a named schema or free-form/,
    );
  });
});
