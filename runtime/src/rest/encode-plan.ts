/**
 * REST encoding plans: per object type, the fields REST carries with one converter each,
 * chosen once. Converting a request validates every field and makes the JSON-ready value
 * (64-bit integers as strings, `Type` discriminators filled in, SOAP-only fields dropped,
 * flags joined with ', ', decimals as numbers) copy-on-write: objects and arrays already in
 * their JSON form are returned as they are, and JSON.stringify then writes the result
 * natively, which no JS-side JSON writer matches. A property the descriptor does not know is
 * refused (RequestValidationError), as the SOAP encoder refuses it: the same requests fail on
 * both protocols. SOAP-only fields are checked like the others, then left out.
 *
 * A field REST spells differently from SOAP (`restName`: `Key` for the `key` of
 * `KeyValuePairOfstringstring`) is the one case where the JSON form of a value cannot be the
 * value itself: objects of a type with such a field are copied with those properties renamed,
 * in their original order. Types without one (nearly all) keep the pass-through path.
 *
 * A dictionary field (`restMap`: an array of {Key, Value} items in the generated type) is
 * written as the one JSON object REST carries (./rest-map.ts); only such fields convert so.
 *
 * A null in a field SOAP may nil and REST may not (`restNullable: false`: every SOAP-nillable
 * enum) is dropped: null and absent both mean 'not set' in REST, and the service rejects the
 * null. Only a value that carries such a null is copied; everything else keeps the fast path.
 *
 * The one thing JSON.stringify cannot write is a decimal whose digits a double cannot hold
 * (`79228162514264337593543950335`); those become RawNumber leaves and the caller switches
 * to its raw-aware serializer for that request.
 */
import type {
  FieldDescriptor,
  ObjectTypeDescriptor,
  PrimitiveKind,
  ServiceDescriptor,
  ValueDescriptor,
} from '../descriptors.js';
import {
  CodecValueError,
  PRIMITIVE_CLASS,
  base64Text,
  checkKnownProperties,
  dateText,
  decimalText,
  describe,
  discriminatorValue,
  enumLiteral,
  finiteNumber,
  flagLiterals,
  int64Writer,
  isPlainRecord,
  knownNames,
  nullItemNotAllowed,
  nullNotAllowed,
  resolveValue,
  smallInt,
  xmlSafeText,
} from '../codec-plan.js';
import { type PlanContext, concretePlan, perService, planOf } from '../object-plans.js';
import { mapFromItems, mapItem } from './rest-map.js';

/** A JSON number literal to be written verbatim. */
export class RawNumber {
  constructor(readonly text: string) {}
}

type Convert = (value: unknown, state: ConvertState) => unknown;

/** Per call: whether a RawNumber was produced. */
export interface ConvertState {
  raw: boolean;
}

interface FieldPlan {
  name: string;
  nullable: boolean;
  /** Nullable in the TypeScript type (SOAP) but not in REST: a null is left out of the body. */
  omitNull: boolean;
  convert: Convert;
  /** A SOAP-only field: checked as SOAP would check it, then left out of the body. */
  checkOnly: boolean;
}

export interface RestObjectPlan {
  type: ObjectTypeDescriptor;
  fields: FieldPlan[] | undefined;
  members: Map<string, RestObjectPlan | null>;
  /** Names a value of the type may carry (built with `fields`). */
  known: ReadonlySet<string> | undefined;
  /** TypeScript name → JSON name of the fields REST spells differently; undefined when none (built with `fields`). */
  renames: Map<string, string> | undefined;
}

type Context = PlanContext<RestObjectPlan>;

const contexts = new WeakMap<ServiceDescriptor, Context>();

function newContext(service: ServiceDescriptor): Context {
  return { service, objects: new Map(), newPlan };
}

function newPlan(type: ObjectTypeDescriptor): RestObjectPlan {
  return { type, fields: undefined, members: new Map(), known: undefined, renames: undefined };
}

export function restEncodePlan(service: ServiceDescriptor, name: string): RestObjectPlan {
  return planOf(perService(contexts, service, newContext), name);
}

function buildFields(ctx: Context, plan: RestObjectPlan): FieldPlan[] {
  const fields: FieldPlan[] = [];
  let renames: Map<string, string> | undefined;
  for (const field of plan.type.fields) {
    if (field.restName !== undefined && field.restName !== field.name)
      (renames ??= new Map()).set(field.name, field.restName);
    fields.push({
      name: field.name,
      nullable: field.nullable,
      omitNull: field.nullable && field.restNullable === false,
      convert: field.restMap
        ? mapConverter(ctx, field)
        : converter(ctx, discriminatorValue(plan.type, field)),
      checkOnly: field.protocols === 'soap',
    });
  }
  plan.known = knownNames(plan.type);
  plan.renames = renames;
  plan.fields = fields;
  return fields;
}

/** The JSON-ready form of an object value of declared type `declared` (the value itself when nothing changes). */
export function convertObject(
  service: ServiceDescriptor,
  declared: RestObjectPlan,
  value: Record<string, unknown>,
  state: ConvertState,
): Record<string, unknown> {
  return convertObjectIn(perService(contexts, service, newContext), declared, value, state);
}

function convertObjectIn(
  ctx: Context,
  declared: RestObjectPlan,
  value: Record<string, unknown>,
  state: ConvertState,
): Record<string, unknown> {
  const plan = concretePlan(ctx, declared, value);
  const fields = plan.fields ?? buildFields(ctx, plan);
  // Copy on write: most values are already in their JSON form (strings for int64, Type set),
  // so the value itself is returned unless a field had to change.
  let changes: unknown[] | undefined;
  const type = plan.type;
  if (value.Type === undefined && type.typeValue !== undefined) changes = ['Type', type.typeValue];
  let i = 0;
  let seen = 0;
  try {
    for (; i < fields.length; i++) {
      const field = fields[i]!;
      const v = value[field.name];
      if (v === undefined) continue;
      seen++;
      if (v === null) {
        if (!field.nullable) throw nullNotAllowed();
        if (field.omitNull || field.checkOnly) (changes ??= []).push(field.name, undefined);
        continue;
      }
      const converted = field.convert(v, state);
      // undefined, not delete: JSON.stringify skips it and the copy keeps its fast shape.
      if (field.checkOnly) (changes ??= []).push(field.name, undefined);
      else if (converted !== v) (changes ??= []).push(field.name, converted);
    }
  } catch (error) {
    throw CodecValueError.at(error, `.${fields[i]!.name}`);
  }
  checkKnownProperties(value, seen, plan.known!, type.name);
  if (plan.renames !== undefined) return renamed(value, changes, plan.renames);
  if (changes === undefined) return value;
  const copy: Record<string, unknown> = { ...value };
  for (let k = 0; k < changes.length; k += 2) copy[changes[k] as string] = changes[k + 1];
  return copy;
}

/**
 * A copy of `value` with `changes` applied and the renamed fields under their JSON names,
 * keys in their original order. A property that already has a field's JSON name (`Key` set
 * by hand) passes through like any unknown property, unless the field itself is set: the
 * TypeScript name wins.
 */
function renamed(
  value: Record<string, unknown>,
  changes: unknown[] | undefined,
  renames: Map<string, string>,
): Record<string, unknown> {
  const source: Record<string, unknown> = { ...value };
  if (changes !== undefined)
    for (let k = 0; k < changes.length; k += 2) source[changes[k] as string] = changes[k + 1];
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(source)) {
    const v = source[key];
    if (v === undefined) continue; // JSON.stringify would skip it; it must not hide a hand-set JSON name
    copy[renames.get(key) ?? key] = v;
  }
  for (const [name, restName] of renames) {
    const v = source[name];
    if (v !== undefined) copy[restName] = v;
  }
  return copy;
}

/** A dictionary field: its {Key, Value} items as one JSON object, key and value converted as declared. */
function mapConverter(ctx: Context, field: FieldDescriptor): Convert {
  const item = mapItem(ctx.service, field);
  const key = converter(ctx, item.key);
  const value = converter(ctx, item.value);
  return (v, state) => mapFromItems(item, v, state, key, value);
}

function converter(ctx: Context, value: ValueDescriptor): Convert {
  const resolved = resolveValue(ctx.service, value);
  switch (resolved.kind) {
    case 'object': {
      const plan = planOf(ctx, resolved.type.name);
      return (v, state) => {
        if (!isPlainRecord(v))
          throw new CodecValueError(`expected an object (${plan.type.name}), got ${describe(v)}`);
        return convertObjectIn(ctx, plan, v, state);
      };
    }
    case 'array': {
      const item = converter(ctx, resolved.array.array);
      const itemNullable = resolved.array.itemNullable === true;
      return (v, state) => {
        if (!Array.isArray(v)) throw new CodecValueError(`expected an array, got ${describe(v)}`);
        const n = v.length;
        let out: unknown[] | undefined; // copy on write, as for objects
        let j = 0;
        try {
          for (; j < n; j++) {
            const x: unknown = v[j];
            if (x === null || x === undefined) {
              if (!itemNullable) throw nullItemNotAllowed();
              continue; // JSON.stringify writes null for both
            }
            const converted = item(x, state);
            if (converted !== x) (out ??= v.slice())[j] = converted;
          }
        } catch (error) {
          throw CodecValueError.at(error, `[${j}]`);
        }
        return out ?? v;
      };
    }
    case 'enum': {
      const values = new Set(resolved.type.values);
      if (resolved.type.flags) {
        const literals = flagLiterals(resolved.type, values);
        return (v) => literals(v).join(', ');
      }
      return enumLiteral(resolved.type, values);
    }
    case 'primitive':
      return primitiveConverter(resolved.primitive);
  }
}

function asString(value: unknown): string {
  if (typeof value !== 'string')
    throw new CodecValueError(`expected a string, got ${describe(value)}`);
  return xmlSafeText(value);
}

/** xs:anyType: a string, finite number or boolean (a bigint is written as its digits). */
function asAny(value: unknown, state: ConvertState): unknown {
  if (typeof value === 'string') return xmlSafeText(value);
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return finiteNumber(value);
  if (typeof value === 'bigint') {
    state.raw = true;
    return new RawNumber(value.toString());
  }
  throw new CodecValueError(
    `an untyped (any) value must be a string, number or boolean, got ${describe(value)}`,
  );
}

/** `-0012.50` → `-12.5`: the form String(Number(x)) gives when x fits a double exactly. */
function canonicalDecimal(text: string): string {
  let sign = '';
  let digits = text;
  if (digits.startsWith('-') || digits.startsWith('+')) {
    sign = digits[0] === '-' ? '-' : '';
    digits = digits.slice(1);
  }
  const dot = digits.indexOf('.');
  let whole = dot === -1 ? digits : digits.slice(0, dot);
  let fraction = dot === -1 ? '' : digits.slice(dot + 1);
  whole = whole.replace(/^0+(?=\d)/, '') || '0';
  fraction = fraction.replace(/0+$/, '');
  const body = fraction ? `${whole}.${fraction}` : whole;
  return body === '0' ? '0' : sign + body;
}

/**
 * A decimal as a JSON number: a JS number when the double holds exactly the given digits
 * (bids, budgets: nearly always), else a RawNumber with the digits in JSON number syntax.
 */
function asDecimal(value: unknown, state: ConvertState): number | RawNumber {
  const text = decimalText(value);
  const n = Number(text);
  const printed = String(n);
  if (printed === text || printed === canonicalDecimal(text)) return n;
  state.raw = true;
  return new RawNumber(canonicalDecimal(text));
}

function primitiveConverter(kind: PrimitiveKind): Convert {
  switch (PRIMITIVE_CLASS[kind]) {
    case 'boolean':
      return (v) => {
        if (typeof v !== 'boolean')
          throw new CodecValueError(`expected a boolean, got ${describe(v)}`);
        return v;
      };
    case 'int64':
      return int64Writer(kind);
    case 'decimal':
      return asDecimal;
    case 'float':
      return finiteNumber;
    case 'int':
      return (v) => smallInt(v, kind);
    case 'date':
      return (v) => xmlSafeText(dateText(v, kind));
    case 'base64':
      return (v) => xmlSafeText(base64Text(v));
    case 'any':
      return asAny;
    case 'string':
    case 'text':
      return asString;
  }
}
