/**
 * One dictionary, two wires: SOAP (DataContract) writes a `Dictionary<K, V>` as an array of
 * two-field Key/Value items (`ArrayOfKeyValueOfstringstring` of `KeyValueOfstringstring`
 * {Key, Value}); REST writes it as one JSON object `{ "k": "v" }` (a MapRef). The merge keeps
 * the SOAP array as the field's type and marks the field `restMap` (merged-model.ts); the
 * diff reports the pair as a wire representation, not a type change. Both ask this module.
 */
import type { ObjectType, ServiceType, TypeRef } from './types.ts';

/**
 * The item type when `ref` is an array of a named object type with exactly two own fields
 * named Key and Value (either case, in that order, no base): a dictionary in SOAP's form.
 */
export function keyValueItem(
  ref: TypeRef,
  index: ReadonlyMap<string, ServiceType>,
): ObjectType | undefined {
  if (ref.kind !== 'array' || ref.items.kind !== 'named') return undefined;
  const item = index.get(ref.items.name);
  if (item?.kind !== 'object' || item.base !== undefined || item.fields.length !== 2)
    return undefined;
  const [key, value] = item.fields;
  return key!.name.toLowerCase() === 'key' && value!.name.toLowerCase() === 'value'
    ? item
    : undefined;
}

/**
 * Whether `map` (a REST ref) is the JSON object form of `array` (a SOAP ref): `array` is an
 * array of Key/Value items and `map` a map; the value types are not compared (the JSON
 * values are what the item's Value field says, as everywhere else SOAP gives structure).
 */
export function isRestMapOf(
  array: TypeRef,
  map: TypeRef,
  index: ReadonlyMap<string, ServiceType>,
): boolean {
  return map.kind === 'map' && keyValueItem(array, index) !== undefined;
}
