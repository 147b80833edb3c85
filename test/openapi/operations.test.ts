import { describe, expect, it } from 'vitest';
import { openApiDoc, postOperation, read } from './helpers.ts';

const schemas = {
  ApplicationFault: {
    type: 'object',
    properties: { TrackingId: { type: 'string', nullable: true } },
  },
  ApiFault: { type: 'object', properties: { Code: { type: 'integer' } } },
  GetUserRequest: {
    type: 'object',
    properties: { UserId: { type: 'string', format: 'int64', nullable: true } },
  },
  GetUserResponse: { type: 'object', properties: {} },
  DeleteUserRequest: { type: 'object', properties: {} },
};

describe('operations', () => {
  const model = read(
    openApiDoc(schemas, {
      '/CustomerManagement/v13/User/Query': {
        post: postOperation('GetUser', 'GetUserRequest', 'GetUserResponse'),
      },
      '/CustomerManagement/v13/User': {
        delete: postOperation('DeleteUser', 'DeleteUserRequest', null),
        put: {
          ...postOperation('UpdateUser', 'GetUserRequest', 'GetUserResponse'),
          description: 'Updates a user.',
        },
      },
      '/CustomerManagement/v13/CurrentUser/Query': {
        post: postOperation('GetCurrentUser', null, 'GetUserResponse'),
      },
    }),
  );

  it('labels the model as the REST model of the service', () => {
    expect(model).toMatchObject({
      service: 'given',
      protocol: 'rest',
      name: 'GivenService',
      source: { file: 'given.openapi.json' },
    });
    expect(model.namespace).toBeUndefined();
  });

  it('lists operations in paths order, methods in written order, names exactly as operationId', () => {
    expect(model.operations.map((o) => [o.name, o.rest?.method, o.rest?.path])).toEqual([
      ['GetUser', 'POST', '/CustomerManagement/v13/User/Query'],
      ['DeleteUser', 'DELETE', '/CustomerManagement/v13/User'],
      ['UpdateUser', 'PUT', '/CustomerManagement/v13/User'],
      ['GetCurrentUser', 'POST', '/CustomerManagement/v13/CurrentUser/Query'],
    ]);
  });

  it('reads request, response, success and fault entries', () => {
    expect(model.operations[0]).toEqual({
      name: 'GetUser',
      request: 'GetUserRequest',
      response: 'GetUserResponse',
      faults: ['ApplicationFault'],
      rest: {
        method: 'POST',
        path: '/CustomerManagement/v13/User/Query',
        requestBodyRequired: true,
        responses: [{ status: '200', type: { kind: 'named', name: 'GetUserResponse' } }],
        faults: [
          { status: '400', type: { kind: 'named', name: 'ApplicationFault' } },
          { status: '500', type: { kind: 'named', name: 'ApplicationFault' } },
        ],
      },
    });
  });

  it('keeps a free-form 200 entry typed any but gives no response type', () => {
    const del = model.operations[1]!;
    expect(del.response).toBeUndefined();
    expect(del.request).toBe('DeleteUserRequest');
    expect(del.rest?.responses).toEqual([
      { status: '200', type: { kind: 'primitive', primitive: 'any' } },
    ]);
  });

  it('gives a free-form request body no request type, but keeps it required', () => {
    const current = model.operations[3]!;
    expect(current.request).toBeUndefined();
    expect(current.response).toBe('GetUserResponse');
    expect(current.rest?.requestBodyRequired).toBe(true);
  });

  it('keeps the operation description as doc', () => {
    expect(model.operations[2]?.doc).toBe('Updates a user.');
  });

  it('collects distinct fault types over 4xx, 5xx and default; a response without content has no type', () => {
    const op = {
      operationId: 'Mixed',
      responses: {
        '200': { description: 'no body' },
        '400': {
          description: 'x',
          content: {
            'application/json': { schema: { $ref: '#/components/schemas/ApplicationFault' } },
          },
        },
        '500': {
          description: 'x',
          content: { 'application/json': { schema: { $ref: '#/components/schemas/ApiFault' } } },
        },
        default: {
          description: 'x',
          content: {
            'application/json': { schema: { $ref: '#/components/schemas/ApplicationFault' } },
          },
        },
      },
    };
    const mixed = read(openApiDoc(schemas, { '/Mixed': { get: op } })).operations[0]!;
    expect(mixed.faults).toEqual(['ApplicationFault', 'ApiFault']);
    expect(mixed.rest?.faults.map((f) => f.status)).toEqual(['400', '500', 'default']);
    expect(mixed.rest?.responses).toEqual([{ status: '200' }]);
    expect(mixed.request).toBeUndefined();
    expect(mixed.rest?.requestBodyRequired).toBe(false);
    expect(mixed.rest?.method).toBe('GET');
  });
});
