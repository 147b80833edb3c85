import { expect } from 'vitest';
import { SpecError } from '../../generator/model/errors.ts';
import type { Field, ObjectType, ServiceModel, ServiceType } from '../../generator/model/types.ts';
import { readOpenApi } from '../../generator/openapi/index.ts';

/** File name every hand-written document is read under, so error tests can assert it. */
export const FILE = 'given.openapi.json';

/** A minimal valid OpenAPI 3.0 document around the given schemas and paths. */
export function openApiDoc(
  schemas: Record<string, unknown>,
  paths: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    openapi: '3.0.3',
    info: { title: 'GivenService', version: 'v13' },
    paths,
    components: { schemas },
  };
}

/** Reads a document (object or raw text) as service `given`. */
export function read(doc: Record<string, unknown> | string): ServiceModel {
  const text = typeof doc === 'string' ? doc : JSON.stringify(doc, null, 1);
  return readOpenApi(text, { file: FILE, service: 'given' });
}

/** The model types of a document built from `schemas`. */
export function readSchemas(schemas: Record<string, unknown>): ServiceModel['types'] {
  return read(openApiDoc(schemas)).types;
}

export function typeNamed(types: ServiceType[], name: string): ServiceType {
  const found = types.find((t) => t.name === name);
  if (!found) throw new Error(`no type '${name}' in [${types.map((t) => t.name).join(', ')}]`);
  return found;
}

export function objectNamed(types: ServiceType[], name: string): ObjectType {
  const t = typeNamed(types, name);
  if (t.kind !== 'object') throw new Error(`'${name}' is a ${t.kind}, not an object`);
  return t;
}

export function fieldNamed(type: ObjectType, name: string): Field {
  const f = type.fields.find((x) => x.name === name);
  if (!f)
    throw new Error(
      `no field '${name}' on ${type.name}: [${type.fields.map((x) => x.name).join(', ')}]`,
    );
  return f;
}

/** A post operation with a $ref request and response and the SDKs' four fault statuses. */
export function postOperation(
  operationId: string,
  request: string | null,
  response: string | null,
): Record<string, unknown> {
  const body = (ref: string | null) => ({
    'application/json': {
      schema: ref === null ? { type: 'object' } : { $ref: `#/components/schemas/${ref}` },
    },
  });
  const fault = { description: 'Bad', content: body('ApplicationFault') };
  return {
    operationId,
    requestBody: { required: true, content: body(request) },
    responses: {
      '200': { description: 'Success', content: body(response) },
      '400': fault,
      '500': fault,
    },
  };
}

/** Runs `fn`, expects a SpecError for FILE at `place` whose problem matches, and returns it. */
export function expectSpecError(fn: () => unknown, place: string, problem: RegExp): SpecError {
  let caught: unknown;
  try {
    fn();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(SpecError);
  const error = caught as SpecError;
  expect(error.file).toBe(FILE);
  expect(error.place).toBe(place);
  expect(error.problem).toMatch(problem);
  expect(error.message).toBe(`${FILE}: ${error.problem} at ${place}`);
  return error;
}
