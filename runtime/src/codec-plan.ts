/**
 * What the SOAP and REST codecs share: resolving a `ValueDescriptor` to what it really is
 * (through aliases), finding the concrete member of a polymorphic family, validating the
 * scalar kinds both wires carry as text (int64, decimal), and the error a caller gets when a
 * request value does not fit its descriptor.
 *
 * Plans themselves are protocol-specific (./soap/*-plan.ts, ./rest/*-plan.ts); each is built
 * once per type and cached per ServiceDescriptor in a WeakMap (./object-plans.ts), so no call
 * walks the schema.
 */
import type {
  EnumTypeDescriptor,
  FieldDescriptor,
  ObjectTypeDescriptor,
  PrimitiveKind,
  ServiceDescriptor,
  ValueDescriptor,
} from './descriptors.js';

export type ArrayValueDescriptor = Extract<ValueDescriptor, { array: ValueDescriptor }>;

/** A value descriptor with aliases followed and the named type looked up. */
export type ResolvedValue =
  | { kind: 'primitive'; primitive: PrimitiveKind }
  | { kind: 'enum'; type: EnumTypeDescriptor }
  | { kind: 'object'; type: ObjectTypeDescriptor }
  | { kind: 'array'; array: ArrayValueDescriptor };

export function resolveValue(service: ServiceDescriptor, value: ValueDescriptor): ResolvedValue {
  let current: ValueDescriptor = value;
  // An alias chain longer than the type table is a cycle: a descriptor bug, not a user error.
  for (let hops = 0; hops <= Object.keys(service.types).length; hops++) {
    if ('primitive' in current) return { kind: 'primitive', primitive: current.primitive };
    if ('array' in current) return { kind: 'array', array: current };
    const type = lookupType(service, current.type);
    if (type.kind === 'object') return { kind: 'object', type };
    if (type.kind === 'enum') return { kind: 'enum', type };
    current = type.target;
  }
  throw new Error(`Descriptor of ${service.id}: alias cycle through ${JSON.stringify(value)}`);
}

export function lookupType(service: ServiceDescriptor, name: string) {
  const type = Object.hasOwn(service.types, name) ? service.types[name] : undefined;
  if (!type) throw new Error(`Descriptor of ${service.id}: unknown type ${name}`);
  return type;
}

export function lookupObjectType(service: ServiceDescriptor, name: string): ObjectTypeDescriptor {
  const type = lookupType(service, name);
  if (type.kind !== 'object')
    throw new Error(`Descriptor of ${service.id}: ${name} is not an object type`);
  return type;
}

/**
 * The object type a value of declared type `declared` carrying `Type` = `typeValue` is.
 * Undefined when `typeValue` names nothing in the declared type's family.
 */
export function familyMember(
  service: ServiceDescriptor,
  declared: ObjectTypeDescriptor,
  typeValue: string,
): ObjectTypeDescriptor | undefined {
  const family = declared.family;
  if (family) {
    const name = Object.hasOwn(family, typeValue) ? family[typeValue] : undefined;
    return name === undefined ? undefined : lookupObjectType(service, name);
  }
  return declared.typeValue === typeValue ? declared : undefined;
}

/**
 * A request value that does not fit its descriptor. Thrown deep inside a plan with only the
 * reason; each object/array level on the way up prepends its segment to `path`, and the
 * entry point finishes the message, so the hot path never builds path strings.
 */
export class CodecValueError extends TypeError {
  override name = 'TypeError';
  path = '';
  constructor(readonly reason: string) {
    super(reason);
  }
  /** Prepend a path segment (`.Name`, `[3]`) while unwinding. */
  static at(error: unknown, segment: string): unknown {
    if (error instanceof CodecValueError) error.path = segment + error.path;
    return error;
  }
  /** Final message: `<root><path>: <reason>`, e.g. `GetUserRequest.UserId: …`. */
  finish(root: string): this {
    this.message = `${root}${this.path}: ${this.reason}`;
    return this;
  }
}

/** A null in a field whose descriptor does not allow one (both encoders). */
export function nullNotAllowed(): CodecValueError {
  return new CodecValueError(
    'null is not allowed here (the field is not nullable); omit it instead',
  );
}

/**
 * What an encoder's entry point throws for an error out of its plans: a CodecValueError
 * finished with the request's root name, a stack overflow as the cyclic or too deep request it
 * is, anything else (a descriptor bug) as it is.
 */
export function requestError(error: unknown, root: string): unknown {
  if (error instanceof CodecValueError) return error.finish(root);
  if (error instanceof RangeError)
    return new TypeError(`${root}: the request is nested too deeply or is cyclic`);
  return error;
}

export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/** `-?[0-9]+` (`unsigned`: no sign) without a regex: this runs once per 64-bit value. */
export function isIntegerText(text: string, unsigned: boolean): boolean {
  const n = text.length;
  let i = 0;
  if (n > 0 && text.charCodeAt(0) === 45 /* - */ && !unsigned) i = 1;
  if (i === n) return false;
  for (; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/** xs:decimal lexical form: optional sign, digits with at most one '.', at least one digit. */
export function isDecimalText(text: string): boolean {
  const n = text.length;
  let i = 0;
  const first = n > 0 ? text.charCodeAt(0) : 0;
  if (first === 45 || first === 43) i = 1;
  let digits = 0;
  let dot = false;
  for (; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) digits++;
    else if (c === 46 && !dot) dot = true;
    else return false;
  }
  return digits > 0;
}

/** A 64-bit integer from string | bigint | safe integer number, as decimal text. */
export function int64Text(value: unknown, unsigned: boolean): string {
  if (typeof value === 'string') {
    if (isIntegerText(value, unsigned)) return value;
    throw new CodecValueError(
      `expected ${unsigned ? 'a non-negative' : 'an'} integer string, got ${JSON.stringify(value.slice(0, 40))}`,
    );
  }
  if (typeof value === 'bigint') {
    if (!unsigned || value >= 0n) return value.toString();
    throw new CodecValueError('expected a non-negative integer');
  }
  if (typeof value === 'number') {
    if (Number.isSafeInteger(value) && (!unsigned || value >= 0)) return String(value);
    throw new CodecValueError(
      `${value} is not a safe integer: pass 64-bit integers as strings or bigint to keep every digit`,
    );
  }
  throw new CodecValueError(`expected a 64-bit integer (string or bigint), got ${describe(value)}`);
}

/** int64Text for a 64-bit kind (int64 or uint64), chosen once when a plan is built. */
export function int64Writer(kind: PrimitiveKind): (value: unknown) => string {
  return kind === 'uint64' ? (v) => int64Text(v, true) : (v) => int64Text(v, false);
}

/** A decimal from string | bigint | number, as xs:decimal text (which is also a valid JSON number once normalised). */
export function decimalText(value: unknown): string {
  if (typeof value === 'string') {
    if (isDecimalText(value)) return value;
    throw new CodecValueError(
      `expected a decimal string, got ${JSON.stringify(value.slice(0, 40))}`,
    );
  }
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'number' && Number.isFinite(value)) {
    const text = String(value);
    // 1e21 and 1e-7 print in exponent form, which xs:decimal does not allow.
    if (!text.includes('e')) return text;
    throw new CodecValueError(`${text} has no plain decimal form: pass decimals as strings`);
  }
  throw new CodecValueError(`expected a decimal (string), got ${describe(value)}`);
}

/**
 * How the codecs treat each primitive kind, decided here once so that no codec keeps its own
 * list of kinds: `int` are the fixed-width integers carried as JS numbers (see INT_RANGES),
 * `int64` the 64-bit ones carried as strings, `text` the string-valued kinds other than
 * `string` itself (whose XML whitespace is not collapsed).
 */
export type PrimitiveClass =
  'string' | 'text' | 'boolean' | 'int' | 'int64' | 'float' | 'decimal' | 'date' | 'base64' | 'any';

export const PRIMITIVE_CLASS: Readonly<Record<PrimitiveKind, PrimitiveClass>> = {
  string: 'string',
  boolean: 'boolean',
  int8: 'int',
  int16: 'int',
  int32: 'int',
  int64: 'int64',
  uint8: 'int',
  uint16: 'int',
  uint32: 'int',
  uint64: 'int64',
  float: 'float',
  double: 'float',
  decimal: 'decimal',
  dateTime: 'date',
  date: 'date',
  time: 'text',
  duration: 'text',
  base64: 'base64',
  char: 'int',
  guid: 'text',
  anyURI: 'text',
  QName: 'text',
  any: 'any',
};

/** Range of the fixed-width integer kinds carried as JS numbers. */
export const INT_RANGES: Partial<Record<PrimitiveKind, readonly [number, number]>> = {
  int8: [-128, 127],
  int16: [-32768, 32767],
  int32: [-2147483648, 2147483647],
  uint8: [0, 255],
  uint16: [0, 65535],
  uint32: [0, 4294967295],
  char: [0, 65535],
};

/** A fixed-width integer as a JS number (accepts integer strings and bigints in range). */
export function smallInt(value: unknown, kind: PrimitiveKind): number {
  const range = INT_RANGES[kind] ?? [-2147483648, 2147483647];
  let n: number;
  if (typeof value === 'number') n = value;
  else if (typeof value === 'bigint') n = Number(value);
  else if (typeof value === 'string' && isIntegerText(value, false)) n = Number(value);
  else if (kind === 'char' && typeof value === 'string' && value.length === 1)
    n = value.charCodeAt(0);
  else throw new CodecValueError(`expected an integer (${kind}), got ${describe(value)}`);
  if (!Number.isInteger(n) || n < range[0] || n > range[1]) {
    throw new CodecValueError(`${String(value)} is not a valid ${kind}`);
  }
  return n;
}

/** Uint8Array → base64; strings pass through (already base64). */
export function base64Text(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value instanceof Uint8Array)
    return Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('base64');
  throw new CodecValueError(`expected base64 text or a Uint8Array, got ${describe(value)}`);
}

/** Date-like kinds are passed through as given; a Date becomes its ISO form as a convenience. */
export function dateText(value: unknown, kind: PrimitiveKind): string {
  if (typeof value === 'string') return value;
  if (value instanceof Date && !Number.isNaN(value.getTime())) {
    const iso = value.toISOString();
    return kind === 'date' ? iso.slice(0, 10) : iso;
  }
  throw new CodecValueError(`expected a ${kind} string, got ${describe(value)}`);
}

/** Flags enums as values: an array of literals, or one string (space- or comma-separated). */
export function flagList(value: unknown): string[] {
  if (Array.isArray(value)) {
    for (const item of value) {
      if (typeof item !== 'string')
        throw new CodecValueError(`expected flag literals (strings), got ${describe(item)}`);
    }
    return value as string[];
  }
  if (typeof value === 'string') return value.split(/[\s,]+/).filter((part) => part !== '');
  throw new CodecValueError(`expected an array of flag literals, got ${describe(value)}`);
}

/**
 * The `Type` field of a family member is its discriminator: a single string in the generated
 * shape, even where the SOAP schema types it as a flags enum (Audience, ConversionGoal,
 * LinkedInSegment). Codecs read and write it as plain text.
 */
export function discriminatorValue(
  type: ObjectTypeDescriptor,
  field: FieldDescriptor,
): ValueDescriptor {
  return field.name === 'Type' && (type.typeValue !== undefined || type.family !== undefined)
    ? STRING
    : field.value;
}

const STRING: ValueDescriptor = { primitive: 'string' };

export function isPlainRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
