import type { ObjectType, ServiceType } from '../model/types.ts';
import { type ReadContext, specError } from './context.ts';
import { elementPath } from './place.ts';
import type { SchemaIndex } from './schema-index.ts';
import type { XmlElement } from './xml.ts';

/** Shared state of the type-reading pass. */
export interface TypeState {
  readonly ctx: ReadContext;
  readonly index: SchemaIndex;
  /** Model types in document order (anonymous nested types right after their owner). */
  readonly types: ServiceType[];
  /** Model name → the element that declared it, for the uniqueness rule. */
  readonly names: Map<string, XmlElement>;
  /** Object types with a base, checked (exists, is an object, no cycle) once all are read. */
  readonly withBase: { type: ObjectType; extension: XmlElement }[];
}

export function newTypeState(ctx: ReadContext, index: SchemaIndex): TypeState {
  return { ctx, index, types: [], names: new Map(), withBase: [] };
}

/**
 * Model types are unique by local name: the emitters and the REST side know no namespaces.
 * A second declaration of the same local name (in any namespace, named or anonymous) is an
 * error rather than a silent overwrite. None of the six WSDLs has one.
 */
export function claimName(state: TypeState, name: string, el: XmlElement): void {
  const previous = state.names.get(name);
  if (previous) {
    throw specError(
      state.ctx,
      el,
      `duplicate type '${name}' (first declared at ${elementPath(previous)}, line ${previous.line})`,
    );
  }
  state.names.set(name, el);
}
