/**
 * REST response and fault bodies → values in the generated shape. JSON.parse does the
 * parsing (after the big-number pre-pass); a per-type plan then fixes, in place, only the
 * fields whose JSON form differs from the generated shape: 64-bit integers and decimals to
 * strings, flags strings to arrays, `Type` filled in for family members that lack it.
 * Objects of a type with a field REST spells differently from SOAP (`restName`: `Key` for
 * the `key` of `KeyValuePairOfstringstring`) are the exception: they are copied, in their
 * original key order, with those properties under their TypeScript names. A dictionary field
 * (`restMap`: one JSON object in REST, an array of {Key, Value} items in the generated type)
 * is rebuilt as that array (./rest-map.ts).
 */
import type {
  FieldDescriptor,
  ObjectTypeDescriptor,
  ServiceDescriptor,
  ValueDescriptor,
} from '../descriptors.js';
import {
  PRIMITIVE_CLASS,
  discriminatorValue,
  isPlainRecord,
  lookupType,
  resolveValue,
} from '../codec-plan.js';
import { type PlanContext, memberPlan, perService, planOf } from '../object-plans.js';
import { WireFormatError } from '../wire-error.js';
import { protectBigNumbers } from './big-numbers.js';
import { itemsFromMap, mapItem } from './rest-map.js';

/** Returns the fixed value: the same object or array, mutated (a copy for objects with renamed fields). */
type Fix = (value: unknown) => unknown;

interface FieldFix {
  name: string;
  fix: Fix;
}

interface ObjectPlan {
  type: ObjectTypeDescriptor;
  /** Only the fields that need fixing; built on first use. */
  fixes: FieldFix[] | undefined;
  /** JSON name → TypeScript name of the fields REST spells differently; undefined when none (built with `fixes`). */
  renames: Map<string, string> | undefined;
  members: Map<string, ObjectPlan | null>;
}

interface Context extends PlanContext<ObjectPlan> {
  values: WeakMap<ValueDescriptor, Fix | null>;
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
  // SOAP-only fields are fixed too: the REST specs are reconstructed and can miss what the
  // service may send (ad-insight's has no AdApiFaultDetail, so its Errors is SOAP-only), and
  // a field that does arrive should have its generated shape whichever spec forgot it.
  for (const field of plan.type.fields) {
    if (field.restName !== undefined && field.restName !== field.name)
      (renames ??= new Map()).set(field.restName, field.name);
    const fix = field.restMap
      ? mapFix(ctx, field)
      : fixFor(ctx, discriminatorValue(plan.type, field));
    if (fix) fixes.push({ name: field.name, fix });
  }
  plan.renames = renames;
  plan.fixes = fixes;
  return fixes;
}

/** A dictionary field: the JSON object as {Key, Value} items, then those fixed like any array. */
function mapFix(ctx: Context, field: FieldDescriptor): Fix {
  const item = mapItem(ctx.service, field);
  const items = fixFor(ctx, item.array);
  return items ? (v) => items(itemsFromMap(item, v)) : (v) => itemsFromMap(item, v);
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

function fixObject(
  ctx: Context,
  declared: ObjectPlan,
  obj: Record<string, unknown>,
): Record<string, unknown> {
  let plan = declared;
  const typeValue = obj.Type;
  if (typeof typeValue === 'string' && declared.type.family) {
    // A Type newer than this descriptor (no member): fix the fields we know, keep its Type.
    plan = memberPlan(ctx, declared, typeValue) ?? declared;
  }
  const fixes = plan.fixes ?? buildFixes(ctx, plan);
  if (plan.renames !== undefined) obj = renamedFromRest(obj, plan.renames);
  for (let i = 0; i < fixes.length; i++) {
    const { name, fix } = fixes[i]!;
    const value = obj[name];
    if (value === undefined || value === null) continue;
    const fixed = fix(value);
    if (fixed !== value) obj[name] = fixed;
  }
  if (obj.Type === undefined && plan.type.typeValue !== undefined) obj.Type = plan.type.typeValue;
  return obj;
}

const toText: Fix = (v) => (typeof v === 'number' ? String(v) : v);
/** Numbers the pre-pass quoted (16+ digits) in a non-64-bit position go back to numbers. */
const toNumber: Fix = (v) =>
  typeof v === 'string' && v !== '' && !Number.isNaN(Number(v)) ? Number(v) : v;
const toFlags: Fix = (v) =>
  typeof v === 'string'
    ? v
        .split(',')
        .map((part) => part.trim())
        .filter((part) => part !== '')
    : v;

/** The fix a value of this descriptor needs, or null when JSON already has the right shape. */
function fixFor(ctx: Context, value: ValueDescriptor): Fix | null {
  const known = ctx.values.get(value);
  if (known !== undefined) return known;
  let fix: Fix | null;
  const resolved = resolveValue(ctx.service, value);
  switch (resolved.kind) {
    case 'object': {
      const plan = planOf(ctx, resolved.type.name);
      fix = (v) => (isPlainRecord(v) ? fixObject(ctx, plan, v) : v);
      break;
    }
    case 'array': {
      const item = fixFor(ctx, resolved.array.array);
      fix = item
        ? (v) => {
            if (!Array.isArray(v)) return v;
            for (let i = 0; i < v.length; i++) {
              const x: unknown = v[i];
              if (x !== null && x !== undefined) v[i] = item(x);
            }
            return v;
          }
        : null;
      break;
    }
    case 'enum':
      fix = resolved.type.flags ? toFlags : null;
      break;
    case 'primitive':
      switch (PRIMITIVE_CLASS[resolved.primitive]) {
        case 'int64':
        case 'decimal':
          fix = toText;
          break;
        case 'int':
        case 'float':
          fix = toNumber;
          break;
        default:
          fix = null; // JSON already carries strings, booleans and untyped values as they are
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
    // JSON.parse's own message quotes the input: use a masked excerpt instead.
    const first = body.search(/\S/);
    throw new WireFormatError('rest', 'the body is not valid JSON', body, Math.max(0, first));
  }
}

/**
 * Decode a REST response body as `typeName` (the operation's response type). An empty body
 * gives undefined; with no type name the parsed JSON is returned as is. Throws a
 * WireFormatError for malformed JSON.
 */
export function decodeRestResponse(
  service: ServiceDescriptor,
  typeName: string | undefined,
  body: string,
): unknown {
  if (body.trim() === '') return undefined;
  const value = parseJson(body);
  if (typeName === undefined || value === null) return value;
  const ctx = context(service);
  const type = lookupType(service, typeName);
  try {
    if (type.kind === 'object')
      return isPlainRecord(value) ? fixObject(ctx, planOf(ctx, type.name), value) : value;
    const fix = fixFor(ctx, { type: typeName });
    return fix ? fix(value) : value;
  } catch (error) {
    // Only a recursive type can recurse this deep, and only with hostile input.
    if (error instanceof RangeError)
      throw new WireFormatError('rest', 'JSON nested too deeply', body);
    throw error;
  }
}

/**
 * Decode a REST fault body (an ApplicationFault subtype discriminated by `Type`). A known
 * `Type` is decoded as that type; an unknown or missing one leaves `detail` as the parsed
 * JSON so the error mapping can still read `Errors`/`OperationErrors`.
 */
export function decodeRestFault(
  service: ServiceDescriptor,
  body: string,
): { detailType?: string; detail?: unknown; trackingId?: string } {
  if (body.trim() === '') return {};
  const value = parseJson(body);
  if (!isPlainRecord(value)) return { detail: value };
  const result: { detailType?: string; detail?: unknown; trackingId?: string } = {};
  const typeName = value.Type;
  if (typeof typeName === 'string') {
    const ctx = context(service);
    const type = faultType(ctx, typeName);
    result.detailType = type?.name ?? typeName;
    result.detail = type?.kind === 'object' ? fixObject(ctx, planOf(ctx, type.name), value) : value;
  } else {
    result.detail = value;
  }
  if (typeof value.TrackingId === 'string') result.trackingId = value.TrackingId;
  return result;
}
