/**
 * REST response and fault bodies → values in the generated shape. JSON.parse does the
 * parsing (after the big-number pre-pass); a per-type plan then checks every field the
 * descriptor knows against its kind and fixes, in place, those whose JSON form differs from
 * the generated shape: 64-bit integers and decimals to strings, flags strings to arrays,
 * `Type` filled in for family members that lack it. A value of the wrong kind (a string
 * where an array belongs, an int64 that is not an exact integer) or nesting deeper than
 * MAX_RESPONSE_DEPTH is a WireFormatError naming its JSON path. Fields and enum values newer
 * than the descriptor are kept as they are: the API may grow.
 * Objects of a type with a field REST spells differently from SOAP (`restName`: `Key` for
 * the `key` of `KeyValuePairOfstringstring`) are the exception: they are copied, in their
 * original key order, with those properties under their TypeScript names. A dictionary field
 * (`restMap`: one JSON object in REST, an array of {Key, Value} items in the generated type)
 * is rebuilt as that array (./rest-map.ts).
 */
import type {
  FieldDescriptor,
  OperationDescriptor,
  ObjectTypeDescriptor,
  ServiceDescriptor,
  ValueDescriptor,
} from '../descriptors.js';
import {
  CodecValueError,
  PRIMITIVE_CLASS,
  describe,
  discriminatorValue,
  inInt64Range,
  isDecimalText,
  isIntegerText,
  isPlainRecord,
  lookupType,
  resolveValue,
} from '../codec-plan.js';
import { type PlanContext, memberPlan, perService, planOf } from '../object-plans.js';
import { MAX_RESPONSE_DEPTH, WireFormatError } from '../wire-error.js';
import { protectBigNumbers } from './big-numbers.js';
import { notJson } from './json-body.js';
import { itemsFromMap, mapItem } from './rest-map.js';

/**
 * Checks a value (not null) at nesting `depth` and returns it fixed: the same object or
 * array, mutated (a copy for objects with renamed fields). Throws a CodecValueError whose
 * path the callers complete on the way up.
 */
type Fix = (value: unknown, depth: number) => unknown;

interface FieldFix {
  name: string;
  /** The JSON name, for paths. */
  jsonName: string;
  fix: Fix;
}

interface ObjectPlan {
  type: ObjectTypeDescriptor;
  /** Every field REST may carry (SOAP-only ones too: see buildFixes); built on first use. */
  fixes: FieldFix[] | undefined;
  /** JSON name → TypeScript name of the fields REST spells differently; undefined when none (built with `fixes`). */
  renames: Map<string, string> | undefined;
  members: Map<string, ObjectPlan | null>;
}

interface Context extends PlanContext<ObjectPlan> {
  values: WeakMap<ValueDescriptor, Fix>;
  /** `Type` value → type name over every family of the service, for fault bodies. */
  typeValues: Map<string, string> | undefined;
}

const contexts = new WeakMap<ServiceDescriptor, Context>();

function newContext(service: ServiceDescriptor): Context {
  return { service, objects: new Map(), newPlan, values: new WeakMap(), typeValues: undefined };
}

function newPlan(type: ObjectTypeDescriptor): ObjectPlan {
  return { type, fixes: undefined, renames: undefined, members: new Map() };
}

function context(service: ServiceDescriptor): Context {
  return perService(contexts, service, newContext);
}

function buildFixes(ctx: Context, plan: ObjectPlan): FieldFix[] {
  const fixes: FieldFix[] = [];
  let renames: Map<string, string> | undefined;
  // SOAP-only fields are checked too: the REST specs are reconstructed and can miss what the
  // service may send (ad-insight's has no AdApiFaultDetail, so its Errors is SOAP-only), and
  // a field that does arrive should have its generated shape whichever spec forgot it.
  for (const field of plan.type.fields) {
    const jsonName = field.restName ?? field.name;
    if (jsonName !== field.name) (renames ??= new Map()).set(jsonName, field.name);
    const fix = field.restMap
      ? mapFix(ctx, field)
      : fixFor(ctx, discriminatorValue(plan.type, field));
    fixes.push({ name: field.name, jsonName, fix });
  }
  plan.renames = renames;
  plan.fixes = fixes;
  return fixes;
}

/** A dictionary field: the JSON object as {Key, Value} items, then those checked like any array. */
function mapFix(ctx: Context, field: FieldDescriptor): Fix {
  const item = mapItem(ctx.service, field);
  const items = fixFor(ctx, item.array);
  return (v, depth) => items(itemsFromMap(item, v), depth);
}

/**
 * A copy of `obj` with the renamed fields under their TypeScript names, keys in their
 * original order. When the body also has a property spelled like the TypeScript name, the
 * REST spelling (the one the API documents) wins.
 */
function renamedFromRest(
  obj: Record<string, unknown>,
  renames: Map<string, string>,
): Record<string, unknown> {
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(obj)) copy[renames.get(key) ?? key] = obj[key];
  for (const [restName, name] of renames)
    if (Object.hasOwn(obj, restName)) copy[name] = obj[restName];
  return copy;
}

function tooDeep(): CodecValueError {
  return new CodecValueError(`nested deeper than ${MAX_RESPONSE_DEPTH} levels`);
}

function fixObject(
  ctx: Context,
  declared: ObjectPlan,
  obj: Record<string, unknown>,
  depth: number,
): Record<string, unknown> {
  if (depth > MAX_RESPONSE_DEPTH) throw tooDeep();
  let plan = declared;
  const typeValue = obj.Type;
  if (typeof typeValue === 'string' && declared.type.family) {
    // A Type newer than this descriptor (no member): check the fields we know, keep its Type.
    plan = memberPlan(ctx, declared, typeValue) ?? declared;
  }
  const fixes = plan.fixes ?? buildFixes(ctx, plan);
  if (plan.renames !== undefined) obj = renamedFromRest(obj, plan.renames);
  let seen = 0;
  let i = 0;
  try {
    for (; i < fixes.length; i++) {
      const { name, fix } = fixes[i]!;
      const value = obj[name];
      if (value === undefined) continue;
      seen++;
      if (value === null) continue; // null and absent both mean 'not set' in REST
      const fixed = fix(value, depth + 1);
      if (fixed !== value) obj[name] = fixed;
    }
  } catch (error) {
    throw CodecValueError.at(error, `.${fixes[i]!.jsonName}`);
  }
  // Properties the descriptor does not know are kept, but not unbounded: they count for depth.
  let count = 0;
  for (const key in obj) if (Object.hasOwn(obj, key)) count++;
  if (count !== seen) checkUnknownDepth(obj, plan, depth);
  if (obj.Type === undefined && plan.type.typeValue !== undefined) obj.Type = plan.type.typeValue;
  return obj;
}

/** The properties of `obj` that are no field of `plan`: kept as they are, within the depth limit. */
function checkUnknownDepth(obj: Record<string, unknown>, plan: ObjectPlan, depth: number): void {
  const fields = new Set(plan.fixes!.map((f) => f.name));
  for (const key of Object.keys(obj)) {
    if (fields.has(key)) continue;
    try {
      checkDepth(obj[key], depth + 1);
    } catch (error) {
      throw CodecValueError.at(error, `.${key}`);
    }
  }
}

/** Throws when an untyped value nests deeper than the limit (iterative: no stack to exhaust). */
function checkDepth(value: unknown, depth: number): void {
  const stack: [unknown, number][] = [[value, depth]];
  while (stack.length > 0) {
    const [v, d] = stack.pop()!;
    if (typeof v !== 'object' || v === null) continue;
    if (d > MAX_RESPONSE_DEPTH) throw tooDeep();
    for (const child of Array.isArray(v) ? v : Object.values(v)) stack.push([child, d + 1]);
  }
}

function wrongKind(expected: string, value: unknown): CodecValueError {
  return new CodecValueError(`expected ${expected}, got ${describe(value)}`);
}

const asText: Fix = (v) => {
  if (typeof v === 'string') return v;
  throw wrongKind('a string', v);
};
const asBoolean: Fix = (v) => {
  if (typeof v === 'boolean') return v;
  throw wrongKind('a boolean', v);
};
/** Numbers the pre-pass quoted (16+ digits) in a non-64-bit position go back to numbers. */
function asFloat(v: unknown): number {
  const n = typeof v === 'string' && v !== '' ? Number(v) : v;
  if (typeof n === 'number' && !Number.isNaN(n)) return n;
  throw wrongKind('a number', v);
}
/**
 * Fixed-width integers are checked for their kind (a number) only: a service that widens
 * one later should not break its readers, and a JS number holds every value these carry.
 */
const asInt: Fix = asFloat;
/**
 * A 64-bit integer: an integer string in range, or a JSON number that is exactly one. A
 * number beyond 2^53 (an exponent form like 9.007199254740993e15, which the pre-pass does
 * not protect) has already been rounded by JSON.parse: refused rather than passed on wrong.
 */
function int64Fix(unsigned: boolean): Fix {
  return (v) => {
    if (typeof v === 'number') {
      if (Number.isSafeInteger(v) && (!unsigned || v >= 0)) return String(v);
      throw new CodecValueError(
        `${String(v)} is not an exact ${unsigned ? 'non-negative ' : ''}64-bit integer (JSON numbers beyond 2^53 lose digits; send int64 as a string)`,
      );
    }
    if (typeof v === 'string' && isIntegerText(v, unsigned) && inInt64Range(v, unsigned)) return v;
    if (typeof v === 'string')
      throw new CodecValueError(
        `${JSON.stringify(v.slice(0, 40))} is not a decimal ${unsigned ? 'unsigned ' : ''}64-bit integer`,
      );
    throw wrongKind('a 64-bit integer (string or number)', v);
  };
}
const asDecimal: Fix = (v) => {
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  if (typeof v === 'string' && isDecimalText(v)) return v;
  throw wrongKind('a decimal number', v);
};
const asFlags: Fix = (v) => {
  if (typeof v === 'string')
    return v
      .split(',')
      .map((part) => part.trim())
      .filter((part) => part !== '');
  if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return v;
  throw wrongKind('flags (a comma-separated string)', v);
};
const asAny: Fix = (v, depth) => {
  checkDepth(v, depth);
  return v;
};

/** The fix for a value of this descriptor: a kind check, and the conversion where JSON's form differs. */
function fixFor(ctx: Context, value: ValueDescriptor): Fix {
  const known = ctx.values.get(value);
  if (known !== undefined) return known;
  let fix: Fix;
  const resolved = resolveValue(ctx.service, value);
  switch (resolved.kind) {
    case 'object': {
      const plan = planOf(ctx, resolved.type.name);
      const expected = `an object (${resolved.type.name})`;
      fix = (v, depth) => {
        if (isPlainRecord(v)) return fixObject(ctx, plan, v, depth);
        throw wrongKind(expected, v);
      };
      break;
    }
    case 'array': {
      // Late-bound: an array of a recursive type refers back to itself.
      let item: Fix | undefined;
      const itemValue = resolved.array.array;
      fix = (v, depth) => {
        if (!Array.isArray(v)) throw wrongKind('an array', v);
        if (depth > MAX_RESPONSE_DEPTH) throw tooDeep();
        item ??= fixFor(ctx, itemValue);
        let i = 0;
        try {
          for (; i < v.length; i++) {
            const x: unknown = v[i];
            // Null items are kept: the service sends one per failed item of a batch.
            if (x !== null && x !== undefined) {
              const fixed = item(x, depth + 1);
              if (fixed !== x) v[i] = fixed;
            }
          }
        } catch (error) {
          throw CodecValueError.at(error, `[${i}]`);
        }
        return v;
      };
      break;
    }
    case 'enum':
      // Unknown literals are kept: a value newer than the descriptor is not an error.
      fix = resolved.type.flags ? asFlags : asText;
      break;
    case 'primitive':
      switch (PRIMITIVE_CLASS[resolved.primitive]) {
        case 'int64':
          fix = int64Fix(resolved.primitive === 'uint64');
          break;
        case 'decimal':
          fix = asDecimal;
          break;
        case 'int':
          fix = asInt;
          break;
        case 'float':
          fix = asFloat;
          break;
        case 'boolean':
          fix = asBoolean;
          break;
        case 'any':
          fix = asAny;
          break;
        default:
          fix = asText;
      }
  }
  ctx.values.set(value, fix);
  return fix;
}

/** The object type a fault's `Type` names: by type name, else by family discriminator value. */
function faultType(ctx: Context, typeValue: string): ObjectTypeDescriptor | undefined {
  const types = ctx.service.types;
  let type = Object.hasOwn(types, typeValue) ? types[typeValue] : undefined;
  if (!type) {
    if (!ctx.typeValues) {
      ctx.typeValues = new Map();
      for (const t of Object.values(types)) {
        if (t.kind === 'object' && t.typeValue !== undefined && !ctx.typeValues.has(t.typeValue))
          ctx.typeValues.set(t.typeValue, t.name);
      }
    }
    const name = ctx.typeValues.get(typeValue);
    type = name === undefined ? undefined : types[name];
  }
  return type?.kind === 'object' ? type : undefined;
}

function parseJson(body: string): unknown {
  try {
    return JSON.parse(protectBigNumbers(body));
  } catch {
    throw notJson(body);
  }
}

/** The checked value, or a WireFormatError naming the JSON path of what did not fit. */
function checked(body: string, run: () => unknown): unknown {
  try {
    return run();
  } catch (error) {
    if (error instanceof CodecValueError)
      throw new WireFormatError(
        'rest',
        `$${error.path}: ${error.reason}`,
        body,
        0,
        `$${error.path}`,
      );
    // Only a recursive type can recurse this deep, and the depth limit comes first.
    if (error instanceof RangeError)
      throw new WireFormatError('rest', 'JSON nested too deeply', body);
    throw error;
  }
}

function decodeValue(ctx: Context, typeName: string, value: unknown, body: string): unknown {
  const type = lookupType(ctx.service, typeName);
  return checked(body, () => {
    if (type.kind === 'object') {
      if (!isPlainRecord(value)) throw wrongKind(`an object (${typeName})`, value);
      return fixObject(ctx, planOf(ctx, type.name), value, 1);
    }
    return fixFor(ctx, { type: typeName })(value, 1);
  });
}

/**
 * Decode a REST response body as `typeName` (the operation's response type). An empty body
 * gives undefined; with no type name the parsed JSON is returned as is. Throws a
 * WireFormatError for malformed JSON and for values that do not fit the descriptor.
 *
 * @internal
 */
export function decodeRestResponse(
  service: ServiceDescriptor,
  typeName: string | undefined,
  body: string,
): unknown {
  if (body.trim() === '') return undefined;
  const value = parseJson(body);
  if (typeName === undefined || value === null) return value;
  return decodeValue(context(service), typeName, value, body);
}

export interface RestFault {
  detailType?: string;
  detail?: unknown;
  trackingId?: string;
}

/**
 * A success-status body: the response, or a fault. The service has answered faults with
 * HTTP 200; a body whose `Type` names a member of the operation's fault families (and whose
 * response type has no `Type` of its own) is that fault, the same as with 400/500.
 */
export function decodeRestSuccess(
  service: ServiceDescriptor,
  op: OperationDescriptor,
  body: string,
): { kind: 'ok'; value: unknown } | ({ kind: 'fault' } & RestFault) {
  if (body.trim() === '') return { kind: 'ok', value: undefined };
  return decodeRestSuccessValue(service, op, parseJson(body), body);
}

/**
 * decodeRestSuccess for a body already parsed (as it arrived: ./json-body.ts). `body` is its
 * text or the beginning of it, for the excerpts of errors.
 */
export function decodeRestSuccessValue(
  service: ServiceDescriptor,
  op: OperationDescriptor,
  value: unknown,
  body: string,
): { kind: 'ok'; value: unknown } | ({ kind: 'fault' } & RestFault) {
  const ctx = context(service);
  if (isPlainRecord(value) && typeof value.Type === 'string' && op.rest) {
    const response = op.response ? lookupType(service, op.response) : undefined;
    const ownType = response?.kind === 'object' && response.fields.some((f) => f.name === 'Type');
    const fault = ownType ? undefined : faultType(ctx, value.Type);
    if (fault && inFaultFamilies(service, op.rest.faults, fault.name))
      return { kind: 'fault', ...faultFromValue(ctx, value, body) };
  }
  if (op.response === undefined || value === null) return { kind: 'ok', value };
  return { kind: 'ok', value: decodeValue(ctx, op.response, value, body) };
}

/** Whether `name` is one of the declared fault types or a member of one's family. */
function inFaultFamilies(service: ServiceDescriptor, faults: readonly string[], name: string) {
  for (const declared of faults) {
    if (declared === name) return true;
    const type = Object.hasOwn(service.types, declared) ? service.types[declared] : undefined;
    if (type?.kind === 'object' && type.family && Object.values(type.family).includes(name))
      return true;
  }
  return false;
}

/**
 * Decode a REST fault body (an ApplicationFault subtype discriminated by `Type`). A known
 * `Type` is decoded as that type; an unknown or missing one leaves `detail` as the parsed
 * JSON so the error mapping can still read `Errors`/`OperationErrors`.
 *
 * @internal
 */
export function decodeRestFault(service: ServiceDescriptor, body: string): RestFault {
  if (body.trim() === '') return {};
  const value = parseJson(body);
  if (!isPlainRecord(value)) return { detail: value };
  return faultFromValue(context(service), value, body);
}

function faultFromValue(ctx: Context, value: Record<string, unknown>, body: string): RestFault {
  const result: RestFault = {};
  const typeName = value.Type;
  if (typeof typeName === 'string') {
    const type = faultType(ctx, typeName);
    result.detailType = type?.name ?? typeName;
    result.detail =
      type === undefined
        ? value
        : checked(body, () => fixObject(ctx, planOf(ctx, type.name), value, 1));
  } else {
    result.detail = value;
  }
  if (typeof value.TrackingId === 'string') result.trackingId = value.TrackingId;
  return result;
}
