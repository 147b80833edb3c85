/**
 * SOAP decoding plans: per object type, a local-name → field reader map, built on first use
 * and kept per ServiceDescriptor. Readers pull from an XmlReader positioned just after the
 * element's start tag and return the value in the generated shape: arrays always arrays
 * (one item or an empty wrapper included), `i:nil` → null, 64-bit integers and decimals as
 * strings, flags as string[], `i:type` → the subtype's fields with `Type` set.
 */
import type {
  ObjectTypeDescriptor,
  PrimitiveKind,
  ServiceDescriptor,
  ValueDescriptor,
} from '../descriptors.js';
import {
  PRIMITIVE_CLASS,
  discriminatorValue,
  isDecimalText,
  isIntegerText,
  resolveValue,
} from '../codec-plan.js';
import { type PlanContext, perService, planOf } from '../object-plans.js';
import type { XmlReader } from './xml-reader.js';

/** Reads one element whose start tag was just read (and is not `i:nil`). */
export type ElementReader = (r: XmlReader) => unknown;

interface FieldReader {
  name: string;
  /** Inline repeated element: each occurrence appends to the field's array. */
  inline: boolean;
  read: ElementReader;
}

export interface SoapDecodePlan {
  type: ObjectTypeDescriptor;
  /** Set as `Type` when the element does not carry one. */
  typeValue: string | undefined;
  fields: Map<string, FieldReader> | undefined;
  /** `i:type` value → plan, memoized. */
  subtypes: Map<string, SoapDecodePlan>;
}

type SoapDecodeContext = PlanContext<SoapDecodePlan>;

const contexts = new WeakMap<ServiceDescriptor, SoapDecodeContext>();

function newContext(service: ServiceDescriptor): SoapDecodeContext {
  return { service, objects: new Map(), newPlan };
}

function newPlan(type: ObjectTypeDescriptor): SoapDecodePlan {
  return { type, typeValue: type.typeValue, fields: undefined, subtypes: new Map() };
}

export function decodeObjectPlan(service: ServiceDescriptor, name: string): SoapDecodePlan {
  return planOf(perService(contexts, service, newContext), name);
}

function buildFields(ctx: SoapDecodeContext, plan: SoapDecodePlan): Map<string, FieldReader> {
  const fields = new Map<string, FieldReader>();
  for (const field of plan.type.fields) {
    if (field.protocols === 'rest') continue;
    const value = discriminatorValue(plan.type, field);
    const inline = 'array' in value && value.inline === true;
    fields.set(field.name, {
      name: field.name,
      inline,
      read: elementReader(ctx, inline && 'array' in value ? value.array : value),
    });
  }
  plan.fields = fields;
  return fields;
}

/** The plan an `i:type="q:Name"` selects; an unknown name keeps the declared plan but reports its own `Type`. */
function subtypePlan(
  ctx: SoapDecodeContext,
  declared: SoapDecodePlan,
  xsiType: string,
  r: XmlReader,
): SoapDecodePlan {
  let plan = declared.subtypes.get(xsiType);
  if (plan) return plan;
  const local = xsiType.slice(xsiType.indexOf(':') + 1);
  const type = Object.hasOwn(ctx.service.types, local) ? ctx.service.types[local] : undefined;
  if (type?.kind === 'object') {
    // A known type outside the declared family (a User where a Customer belongs) would be
    // read as the wrong type: refused. Only a name this descriptor does not know is taken
    // for a newer subtype.
    if (!inFamily(declared.type, local))
      r.fail(
        `i:type ${JSON.stringify(xsiType)} is not ${declared.type.name} or one of its subtypes`,
      );
    plan = planOf(ctx, local);
  } else {
    // A subtype newer than this descriptor: read the fields we know, say what it was.
    plan = {
      ...declared,
      fields: declared.fields ?? buildFields(ctx, declared),
      typeValue: local,
      subtypes: new Map(),
    };
  }
  declared.subtypes.set(xsiType, plan);
  return plan;
}

/** Whether type `name` is `declared` itself or one of its descendants. */
function inFamily(declared: ObjectTypeDescriptor, name: string): boolean {
  if (name === declared.name) return true;
  const family = declared.family;
  if (family === undefined) return false;
  for (const key in family) if (family[key] === name) return true;
  return false;
}

export function readObject(
  service: ServiceDescriptor,
  plan: SoapDecodePlan,
  r: XmlReader,
): Record<string, unknown> {
  return readObjectIn(perService(contexts, service, newContext), plan, r);
}

function readObjectIn(
  ctx: SoapDecodeContext,
  declared: SoapDecodePlan,
  r: XmlReader,
): Record<string, unknown> {
  const qname = r.qname;
  const plan = r.xsiType === undefined ? declared : subtypePlan(ctx, declared, r.xsiType, r);
  const obj: Record<string, unknown> = {};
  if (!r.selfClosing) {
    r.enter();
    const fields = plan.fields ?? buildFields(ctx, plan);
    while (r.nextChild(qname)) {
      const field = fields.get(r.local);
      if (field === undefined) {
        r.skip(r.qname, r.selfClosing); // a field newer than this descriptor
        continue;
      }
      // The i:nil check stays inline here and in the array reader: one shared helper calling
      // `read` would see every reader at one call site and turn megamorphic on polymorphic responses.
      let value: unknown;
      if (r.nil) {
        r.skip(r.qname, r.selfClosing);
        value = null;
      } else {
        value = field.read(r);
      }
      if (field.inline) {
        const list = obj[field.name] as unknown[] | undefined;
        if (list === undefined) obj[field.name] = [value];
        else list.push(value);
      } else {
        obj[field.name] = value;
      }
    }
    r.leave();
  }
  if (plan.typeValue !== undefined && obj.Type === undefined) obj.Type = plan.typeValue;
  return obj;
}

function elementReader(ctx: SoapDecodeContext, value: ValueDescriptor): ElementReader {
  const resolved = resolveValue(ctx.service, value);
  switch (resolved.kind) {
    case 'object': {
      const plan = planOf(ctx, resolved.type.name);
      return (r) => readObjectIn(ctx, plan, r);
    }
    case 'array': {
      const readItem = elementReader(ctx, resolved.array.array);
      return (r) => {
        const list: unknown[] = [];
        if (r.selfClosing) return list;
        const qname = r.qname;
        while (r.nextChild(qname)) {
          if (r.nil) {
            r.skip(r.qname, r.selfClosing);
            list.push(null);
          } else {
            list.push(readItem(r));
          }
        }
        return list;
      };
    }
    case 'enum':
      return textReader(resolved.type.flags ? parseFlags : parseToken, 'enum');
    case 'primitive':
      return resolved.primitive === 'any'
        ? readAny
        : textReader(primitiveParser(resolved.primitive), resolved.primitive);
  }
}

/** `parse` returns the value, or undefined when the text is not valid for the kind. */
function textReader(parse: (text: string) => unknown, kind: string): ElementReader {
  return (r) => {
    const text = r.selfClosing ? '' : r.readText(r.qname);
    const value = parse(text);
    if (value === undefined) {
      r.fail(`invalid ${kind} value ${JSON.stringify(text.slice(0, 40))} in <${r.qname}>`);
    }
    return value;
  };
}

const identity = (text: string): string => text;

/** XSD whitespace collapse for non-string kinds, without allocating in the common case. */
function trimmed(text: string): string {
  const n = text.length;
  if (n === 0) return text;
  const first = text.charCodeAt(0);
  const last = text.charCodeAt(n - 1);
  return first <= 32 || last <= 32 ? text.trim() : text;
}

const parseToken = (text: string): string => trimmed(text);

function parseFlags(text: string): string[] {
  const t = trimmed(text);
  return t === '' ? [] : t.split(/\s+/);
}

function parseBoolean(text: string): boolean | undefined {
  const t = trimmed(text);
  if (t === 'true' || t === '1') return true;
  if (t === 'false' || t === '0') return false;
  return undefined;
}

function parseInteger(text: string): number | undefined {
  const t = trimmed(text);
  return isIntegerText(t, false) ? Number(t) : undefined;
}

function parseFloating(text: string): number | undefined {
  const t = trimmed(text);
  if (t === 'INF') return Infinity;
  if (t === '-INF') return -Infinity;
  if (t === 'NaN') return NaN;
  const n = t === '' ? NaN : Number(t);
  return Number.isNaN(n) ? undefined : n;
}

function primitiveParser(kind: PrimitiveKind): (text: string) => unknown {
  switch (PRIMITIVE_CLASS[kind]) {
    case 'boolean':
      return parseBoolean;
    case 'int':
      return parseInteger;
    case 'float':
      return parseFloating;
    case 'int64':
      return (text) => {
        const t = trimmed(text);
        return isIntegerText(t, kind === 'uint64') ? t : undefined;
      };
    case 'decimal':
      return (text) => {
        const t = trimmed(text);
        return isDecimalText(t) ? t : undefined;
      };
    case 'string':
      return identity;
    case 'text':
    case 'date':
    case 'base64':
    case 'any': // read by readAny; listed for completeness
      return parseToken;
  }
}

/**
 * xs:anyType: text when the element holds text; otherwise a plain object of its children by
 * local name (repeated names become arrays), the best a schema-less reader can do.
 */
function readAny(r: XmlReader): unknown {
  if (r.selfClosing) return '';
  const s = r.text;
  let i = r.pos;
  for (;;) {
    const lt = s.indexOf('<', i);
    if (lt === -1 || s.charCodeAt(lt + 1) === 47 || s.startsWith('<![CDATA[', lt))
      return r.readText(r.qname);
    if (s.startsWith('<!--', lt)) {
      i = s.indexOf('-->', lt + 4);
      if (i === -1) return r.readText(r.qname); // the reader reports the unterminated comment
      continue;
    }
    if (s.charCodeAt(lt + 1) === 63) return r.readText(r.qname);
    break;
  }
  const qname = r.qname;
  const obj: Record<string, unknown> = {};
  r.enter();
  while (r.nextChild(qname)) {
    const name = r.local;
    if (name === '__proto__') {
      r.skip(r.qname, r.selfClosing); // never let wire data reach an object's prototype
      continue;
    }
    let value: unknown;
    if (r.nil) {
      r.skip(r.qname, r.selfClosing);
      value = null;
    } else {
      value = readAny(r);
    }
    const existing = obj[name];
    if (existing === undefined) obj[name] = value;
    else if (Array.isArray(existing)) existing.push(value);
    else obj[name] = [existing, value];
  }
  r.leave();
  return obj;
}

/** Whether `name` is an object type of the service (fault details are decoded only then). */
export function knownObjectType(service: ServiceDescriptor, name: string): boolean {
  return Object.hasOwn(service.types, name) && service.types[name]?.kind === 'object';
}
