export type * from './types.ts';
export { NS } from './types.ts';
export * from './helpers.ts';
export * from './primitives.ts';
export { SpecError } from './errors.ts';
export * from './merge.ts';
export {
  READ_VERBS,
  SAFE_VERBS,
  operationKind,
  operationVerb,
  type OperationKind,
} from './operation-kind.ts';
