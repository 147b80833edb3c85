import { formatRef } from '../model/helpers.ts';
import { isRestMapOf } from '../model/key-value-map.ts';
import type { Field, PrimitiveKind, ServiceType, TypeRef } from '../model/types.ts';

/**
 * Comparing field types across two models. What counts as "the same type":
 * - aliases are transparent (a WSDL restriction of xs:string is a string);
 * - a from-side name is read through the rename map (`KeyValuePairOfstringstring` is
 *   `KeyValuePairOfstringAndstring`);
 * - a SOAP `ArrayOfX` wrapper is already an ArrayRef in the model, so it equals a REST array;
 *   an inline repeated element (maxOccurs > 1) is an array too;
 * - item element names and namespaces are wire detail, not type;
 * - a SOAP array of Key/Value items (`ArrayOfKeyValueOfstringstring`) and a REST JSON object
 *   map are one dictionary written two ways (`map-representation`).
 */
export type RefComparison =
  | 'same'
  | 'number-representation'
  | 'map-representation'
  | 'became-array'
  | 'became-single'
  | 'type-changed';

export interface RefContext {
  fromIndex: Map<string, ServiceType>;
  toIndex: Map<string, ServiceType>;
  renames: Map<string, string>;
  /** The two models use different protocols (REST numbers may then stand for SOAP decimals). */
  crossProtocol: boolean;
}

/** The field's type with an inline repeat turned into an array. */
export function fieldRef(field: Field): TypeRef {
  return field.maxOccurs !== 1 && field.type.kind !== 'array'
    ? { kind: 'array', items: field.type }
    : field.type;
}

/** The ref with aliases replaced by their targets (cycle-safe). */
export function resolveAliases(ref: TypeRef, index: Map<string, ServiceType>, depth = 0): TypeRef {
  if (ref.kind === 'array')
    return { kind: 'array', items: resolveAliases(ref.items, index, depth) };
  if (ref.kind === 'map') return { kind: 'map', values: resolveAliases(ref.values, index, depth) };
  if (ref.kind !== 'named' || depth > 16) return ref;
  const type = index.get(ref.name);
  return type?.kind === 'alias' ? resolveAliases(type.target, index, depth + 1) : ref;
}

export function compareRefs(from: TypeRef, to: TypeRef, ctx: RefContext): RefComparison {
  return compareResolved(resolveAliases(from, ctx.fromIndex), resolveAliases(to, ctx.toIndex), ctx);
}

function compareResolved(a: TypeRef, b: TypeRef, ctx: RefContext): RefComparison {
  if (a.kind === 'map' && b.kind === 'map') {
    const inner = compareResolved(a.values, b.values, ctx);
    return inner === 'same' || inner === 'number-representation' ? inner : 'type-changed';
  }
  if (ctx.crossProtocol && (isRestMapOf(a, b, ctx.fromIndex) || isRestMapOf(b, a, ctx.toIndex)))
    return 'map-representation';
  if (a.kind === 'array' && b.kind === 'array') {
    const inner = compareResolved(a.items, b.items, ctx);
    return inner === 'became-array' || inner === 'became-single' ? 'type-changed' : inner;
  }
  if (a.kind !== 'array' && b.kind === 'array') {
    return isSameOrRepresentation(compareResolved(a, b.items, ctx))
      ? 'became-array'
      : 'type-changed';
  }
  if (a.kind === 'array' && b.kind !== 'array') {
    return isSameOrRepresentation(compareResolved(a.items, b, ctx))
      ? 'became-single'
      : 'type-changed';
  }
  if (a.kind === 'primitive' && b.kind === 'primitive') {
    if (a.primitive === b.primitive) return 'same';
    if (ctx.crossProtocol && isDecimalAsDouble(a.primitive, b.primitive))
      return 'number-representation';
    return 'type-changed';
  }
  if (a.kind === 'named' && b.kind === 'named') {
    return (ctx.renames.get(a.name) ?? a.name) === b.name ? 'same' : 'type-changed';
  }
  return 'type-changed';
}

function isSameOrRepresentation(c: RefComparison): boolean {
  return c === 'same' || c === 'number-representation';
}

/** REST has no decimal: the OpenAPI files write xs:decimal as a JSON number (double). */
function isDecimalAsDouble(a: PrimitiveKind, b: PrimitiveKind): boolean {
  return (a === 'decimal' && b === 'double') || (a === 'double' && b === 'decimal');
}

/** The primitive at the bottom of a ref (through arrays), after aliases. */
export function bottomPrimitive(
  ref: TypeRef,
  index: Map<string, ServiceType>,
): PrimitiveKind | undefined {
  const r = resolveAliases(ref, index);
  if (r.kind === 'array') return bottomPrimitive(r.items, index);
  return r.kind === 'primitive' ? r.primitive : undefined;
}

/** `int64`, `AdvertiserAccount[]`, with aliases shown as what they stand for. */
export function describeRef(ref: TypeRef, index: Map<string, ServiceType>): string {
  return formatRef(resolveAliases(ref, index));
}
