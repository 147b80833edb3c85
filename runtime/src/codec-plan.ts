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
import { RequestValidationError } from './errors.js';

export type ArrayValueDescriptor = Extract<ValueDescriptor, { array: ValueDescriptor }>;

/** A value descriptor with aliases followed and the named type looked up. */
export type ResolvedValue =
  | { kind: 'primitive'; primitive: PrimitiveKind }
  | { kind: 'enum'; type: EnumTypeDescriptor }
  | { kind: 'object'; type: ObjectTypeDescriptor }
  | { kind: 'array'; array: ArrayValueDescriptor };

/** How many types a service has, counted once per descriptor (the types may load lazily). */
const typeCounts = new WeakMap<object, number>();

export function resolveValue(service: ServiceDescriptor, value: ValueDescriptor): ResolvedValue {
  let current: ValueDescriptor = value;
  let limit = typeCounts.get(service.types);
  if (limit === undefined)
    typeCounts.set(service.types, (limit = Object.keys(service.types).length));
  // An alias chain longer than the type table is a cycle: a descriptor bug, not a user error.
  for (let hops = 0; hops <= limit; hops++) {
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
 * A request value that does not fit its descriptor, on its way up. Thrown deep inside a plan
 * with only the reason; each object/array level on the way up prepends its segment to
 * `path`, and the encoder's entry point turns it into the public RequestValidationError, so
 * the hot path never builds path strings.
 */
export class CodecValueError extends Error {
  path = '';
  constructor(readonly reason: string) {
    super(reason);
  }
  /** Prepend a path segment (`.Name`, `[3]`) while unwinding. */
  static at(error: unknown, segment: string): unknown {
    if (error instanceof CodecValueError) error.path = segment + error.path;
    return error;
  }
}

/** A null in a field whose descriptor does not allow one (both encoders). */
export function nullNotAllowed(): CodecValueError {
  return new CodecValueError(
    'null is not allowed here (the field is not nullable); omit it instead',
  );
}

/** A null item in an array whose items the spec does not let be null (both encoders). */
export function nullItemNotAllowed(): CodecValueError {
  return new CodecValueError('null items are not allowed in this array');
}

/**
 * What an encoder's entry point throws for an error out of its plans: a CodecValueError as
 * the RequestValidationError at `root` + its path, a stack overflow as the cyclic or too deep
 * request it is, anything else (a descriptor bug) as it is.
 */
export function requestError(error: unknown, root: string): unknown {
  if (error instanceof CodecValueError)
    return new RequestValidationError(root + error.path, error.reason);
  if (error instanceof RangeError)
    return new RequestValidationError(root, 'the request is nested too deeply or is cyclic');
  return error;
}

/**
 * Throws for a property of `value` its type does not declare. `seen` is how many declared
 * fields the caller found set: when every own property is one of them, a count settles it
 * without looking at names. A property set to undefined is ignored (neither wire sends it).
 */
export function checkKnownProperties(
  value: Record<string, unknown>,
  seen: number,
  known: ReadonlySet<string>,
  typeName: string,
): void {
  let count = 0;
  for (const key in value) if (Object.hasOwn(value, key)) count++;
  if (count === seen) return;
  for (const key of Object.keys(value)) {
    if (known.has(key) || value[key] === undefined) continue;
    throw CodecValueError.at(
      new CodecValueError(`unknown property: ${typeName} has no field ${JSON.stringify(key)}`),
      `.${key}`,
    );
  }
}

/** Every name a value of `type` may carry: its fields (either protocol) and `Type` in a family. */
export function knownNames(type: ObjectTypeDescriptor): ReadonlySet<string> {
  const names = new Set(type.fields.map((f) => f.name));
  if (type.typeValue !== undefined || type.family !== undefined) names.add('Type');
  return names;
}

/** An enum literal (one of `type.values`); unknown literals are refused before sending. */
export function enumLiteral(type: EnumTypeDescriptor, values: ReadonlySet<string>) {
  return (value: unknown): string => {
    if (typeof value !== 'string')
      throw new CodecValueError(`expected a ${type.name} literal (string), got ${describe(value)}`);
    if (!values.has(value))
      throw new CodecValueError(
        `${JSON.stringify(value.slice(0, 40))} is not a ${type.name} value (${[...values].join(', ')})`,
      );
    return value;
  };
}

/** Flags literals (array, or one space/comma separated string), each one of `type.values`. */
export function flagLiterals(type: EnumTypeDescriptor, values: ReadonlySet<string>) {
  const literal = enumLiteral(type, values);
  return (value: unknown): string[] => {
    const list = flagList(value);
    for (const item of list) literal(item);
    return list;
  };
}

/** A double as both wires need it: finite (JSON has no NaN/Infinity; neither does the API). */
export function finiteNumber(value: unknown): number {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && value.trim() !== '') {
    const n = Number(value);
    if (Number.isFinite(n)) return n;
  }
  throw new CodecValueError(`expected a finite number, got ${describe(value)}`);
}

/**
 * True when `c` (a UTF-16 code unit) cannot stand in XML 1.0 as it is: C0 controls other
 * than tab, newline and CR, surrogates (checked for pairing by the caller), U+FFFE/U+FFFF.
 */
export function isXmlProblem(c: number): boolean {
  return (
    (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) ||
    (c >= 0xd800 && (c <= 0xdfff || c >= 0xfffe))
  );
}

export function xmlCharError(c: number, index: number): CodecValueError {
  return new CodecValueError(
    `character U+${c.toString(16).toUpperCase().padStart(4, '0')} at index ${index} cannot be carried in XML 1.0`,
  );
}

/**
 * Throws for a character XML 1.0 cannot carry. The REST encoder checks every string with it:
 * the service stores what SOAP carries, and a NUL sent over REST would be refused there or
 * stored as nothing SOAP could read back. Returns `text` after one charCode scan.
 */
export function xmlSafeText(text: string): string {
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x20 && c < 0xd800) continue;
    if (!isXmlProblem(c)) continue;
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = i + 1 < n ? text.charCodeAt(i + 1) : 0;
      if (next >= 0xdc00 && next <= 0xdfff) {
        i++;
        continue;
      }
    }
    throw xmlCharError(c, i);
  }
  return text;
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

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const UINT64_MAX = 2n ** 64n - 1n;

/**
 * Whether integer text (already `-?[0-9]+`) is within the signed (or unsigned) 64-bit range.
 * Up to 18 digits always is; longer text is compared as a bigint (rare).
 */
export function inInt64Range(text: string, unsigned: boolean): boolean {
  if (text.length <= 18) return true;
  const n = BigInt(text);
  return unsigned ? n <= UINT64_MAX : n >= INT64_MIN && n <= INT64_MAX;
}

function outOfRange(value: string | bigint, unsigned: boolean): CodecValueError {
  const text = String(value);
  return new CodecValueError(
    `${text.length > 40 ? `${text.slice(0, 40)}…` : text} is outside the ${unsigned ? 'unsigned' : 'signed'} 64-bit range`,
  );
}

/** A 64-bit integer from string | bigint | safe integer number, as decimal text. */
export function int64Text(value: unknown, unsigned: boolean): string {
  if (typeof value === 'string') {
    if (isIntegerText(value, unsigned)) {
      if (inInt64Range(value, unsigned)) return value;
      throw outOfRange(value, unsigned);
    }
    throw new CodecValueError(
      `expected ${unsigned ? 'a non-negative' : 'an'} integer string, got ${JSON.stringify(value.slice(0, 40))}`,
    );
  }
  if (typeof value === 'bigint') {
    if (unsigned && value < 0n) throw new CodecValueError('expected a non-negative integer');
    if (value > (unsigned ? UINT64_MAX : INT64_MAX) || value < INT64_MIN)
      throw outOfRange(value, unsigned);
    return value.toString();
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
