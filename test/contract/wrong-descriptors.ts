import type {
  FieldDescriptor,
  OperationDescriptor,
  ServiceDescriptor,
  TypeDescriptor,
} from '../../runtime/src/descriptors.ts';

/**
 * Descriptors that do not match the runtime's contract, each under `@ts-expect-error`: the
 * compiler must reject every one (an unused directive is itself an error, TS2578), so
 * `npm run typecheck` fails if the contract stops catching a wrong shape. descriptor-contract.test.ts
 * also checks each line fails for the reason named beside it.
 */

export const field: FieldDescriptor = {
  name: 'Id',
  // @ts-expect-error -- no such primitive kind
  value: { primitive: 'int65' },
  nullable: false,
  optional: true,
  protocols: 'both',
};

// @ts-expect-error -- `nullable` is required
export const fieldWithoutNullable: FieldDescriptor = {
  name: 'Id',
  value: { primitive: 'int64' },
  optional: true,
  protocols: 'both',
};

export const fieldOnNoProtocol: FieldDescriptor = {
  name: 'Id',
  value: { primitive: 'int64' },
  nullable: false,
  optional: true,
  // @ts-expect-error -- protocols are 'both', 'soap' or 'rest'
  protocols: 'grpc',
};

export const enumWithNumbers: TypeDescriptor = {
  kind: 'enum',
  name: 'Status',
  flags: false,
  // @ts-expect-error -- enum values are strings
  values: [1, 2],
};

export const operation: OperationDescriptor = {
  name: 'GetUser',
  // @ts-expect-error -- HTTP methods are upper case
  rest: { method: 'get', path: '/User/Query', faults: [] },
};

export const service: ServiceDescriptor = {
  id: 'tiny',
  name: 'TinyService',
  soap: { path: '/Tiny.svc', namespace: 'urn:tiny' },
  rest: { basePath: '/Tiny' },
  operations: {},
  types: {
    // @ts-expect-error -- an object type lists its fields
    Record: { kind: 'object', name: 'Record', abstract: false, protocols: 'both' },
  },
};
