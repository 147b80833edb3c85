import type {
  FieldDescriptor,
  OperationDescriptor,
  ValueDescriptor,
} from '../../../runtime/src/descriptors.ts';

/**
 * Small builders for hand-made descriptors in codec tests: a field carried by both protocols,
 * optional and nullable unless `extra` says otherwise, and an operation bound to both wires.
 */
export function fieldIn(namespace: string) {
  return (name: string, value: ValueDescriptor, extra: Partial<FieldDescriptor> = {}) =>
    ({
      name,
      namespace,
      value,
      nullable: true,
      optional: true,
      protocols: 'both',
      ...extra,
    }) satisfies FieldDescriptor;
}

export function bothProtocolsOperation(
  namespace: string,
  name: string,
  restPath: string,
  types: { request?: string; response?: string },
): OperationDescriptor {
  return {
    name,
    ...types,
    soap: {
      action: name,
      requestElement: { name: `${name}Request`, namespace },
      responseElement: { name: `${name}Response`, namespace },
      requestHeaders: [],
      responseHeaders: [],
      faults: [],
    },
    rest: { method: 'POST', path: restPath, faults: [] },
  };
}
