/**
 * Dictionaries (`FieldDescriptor.restMap`): SOAP carries a DataContract dictionary as an
 * array of {Key, Value} items (`ArrayOfKeyValueOfstringstring`), REST as one JSON object
 * `{ "k": "v" }`. The generated type is the array on both protocols; these helpers convert
 * the REST form. Only fields marked restMap get here, so no other value pays for it.
 */
import type { FieldDescriptor, ServiceDescriptor, ValueDescriptor } from '../descriptors.js';
import { CodecValueError, describe, isPlainRecord, resolveValue } from '../codec-plan.js';

/** What a restMap field's items look like: the item type and its key and value fields. */
export interface MapItem {
  /** The item type's name (`KeyValueOfstringstring`), for messages. */
  typeName: string;
  /** TypeScript names of the item's key and value fields (its first two fields, in order). */
  keyName: string;
  valueName: string;
  key: ValueDescriptor;
  value: ValueDescriptor;
  /** The field's own array descriptor. */
  array: ValueDescriptor;
}

/** The key/value shape of a restMap field; a descriptor that is not an array of such items is a bug. */
export function mapItem(service: ServiceDescriptor, field: FieldDescriptor): MapItem {
  const resolved = resolveValue(service, field.value);
  const item = resolved.kind === 'array' ? resolveValue(service, resolved.array.array) : undefined;
  const [key, value] = item?.kind === 'object' ? item.type.fields : [];
  if (item?.kind !== 'object' || key === undefined || value === undefined)
    throw new Error(
      `Descriptor of ${service.id}: restMap field ${field.name} is not an array of {Key, Value} items`,
    );
  return {
    typeName: item.type.name,
    keyName: key.name,
    valueName: value.name,
    key: key.value,
    value: value.value,
    array: field.value,
  };
}

/**
 * `{ "k": "v" }` → `[{ Key: "k", Value: "v" }]`, in the object's key order. Anything but a
 * plain object (an array the service sent in SOAP's form, a stray scalar) is returned as it is.
 */
export function itemsFromMap(item: MapItem, value: unknown): unknown {
  if (!isPlainRecord(value)) return value;
  const keys = Object.keys(value);
  const items = new Array<Record<string, unknown>>(keys.length);
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    items[i] = { [item.keyName]: key, [item.valueName]: value[key] };
  }
  return items;
}

/**
 * `[{ Key: "k", Value: "v" }]` → `{ "k": "v" }` for a request body, each key and value
 * through its converter. Null items are skipped; a missing or null Value is JSON null; a
 * missing key or a key given twice is an error (the object could not hold both).
 */
export function mapFromItems<S>(
  item: MapItem,
  value: unknown,
  state: S,
  convertKey: (v: unknown, state: S) => unknown,
  convertValue: (v: unknown, state: S) => unknown,
): Record<string, unknown> {
  if (!Array.isArray(value))
    throw new CodecValueError(
      `expected an array of ${item.typeName} items, got ${describe(value)}`,
    );
  // No prototype: a key like `__proto__` is then an ordinary property, as in the JSON text.
  const out = Object.create(null) as Record<string, unknown>;
  let j = 0;
  let segment = '';
  try {
    for (; j < value.length; j++) {
      segment = '';
      const x: unknown = value[j];
      if (x === null || x === undefined) continue;
      if (!isPlainRecord(x))
        throw new CodecValueError(`expected a ${item.typeName} object, got ${describe(x)}`);
      segment = `.${item.keyName}`;
      const k = x[item.keyName];
      if (k === null || k === undefined) throw new CodecValueError('a map key is required');
      const key = String(convertKey(k, state));
      if (Object.hasOwn(out, key))
        throw new CodecValueError(`the key ${JSON.stringify(key.slice(0, 40))} is given twice`);
      segment = `.${item.valueName}`;
      const v = x[item.valueName];
      out[key] = v === null || v === undefined ? null : convertValue(v, state);
    }
  } catch (error) {
    throw CodecValueError.at(CodecValueError.at(error, segment), `[${j}]`);
  }
  return out;
}
