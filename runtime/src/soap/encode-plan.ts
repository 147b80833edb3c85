/**
 * SOAP encoding plans: for each object type, the fields SOAP carries in wire order with their
 * tags precomputed (`<n1:Name>`, `</n1:Name>`, `<n1:Name i:nil="true"/>`) and a writer chosen
 * once for the field's value kind. Writers push finished fragments onto one array that the
 * caller joins once. Plans are built on first use of a type and kept per ServiceDescriptor.
 */
import type {
  ObjectTypeDescriptor,
  PrimitiveKind,
  ServiceDescriptor,
  ValueDescriptor,
} from '../descriptors.js';
import {
  CodecValueError,
  base64Text,
  dateText,
  decimalText,
  describe,
  discriminatorValue,
  familyMember,
  flagList,
  int64Text,
  isPlainRecord,
  lookupObjectType,
  perService,
  resolveValue,
  smallInt,
} from '../codec-plan.js';
import { PrefixTable, defaultItemName, defaultItemNamespace } from './namespaces.js';
import { escapeXmlText } from './xml-text.js';

/** Precomputed markup of one element name. */
export interface Tag {
  /** `<n1:Name` (for adding attributes). */
  open: string;
  /** `<n1:Name>` */
  openGt: string;
  close: string;
  /** `<n1:Name i:nil="true"/>` */
  nil: string;
  /** `<n1:Name/>` */
  empty: string;
}

/** Writes one complete element for a non-null value. */
type ElementWriter = (out: string[], tag: Tag, value: unknown) => void;

interface FieldPlan {
  name: string;
  tag: Tag;
  nullable: boolean;
  /** Items repeat the field element instead of sitting in a wrapper. */
  inline: boolean;
  itemNullable: boolean;
  /** The element writer (of the items, for inline arrays). */
  write: ElementWriter;
}

export interface SoapObjectPlan {
  type: ObjectTypeDescriptor;
  /** ` i:type="n2:TextAd"`, used when a value of a base-typed field is this subtype. */
  typeAttr: string;
  /** Built on first write, so recursive types need no special care. */
  fields: FieldPlan[] | undefined;
  /** `Type` value → concrete plan, memoized per declared type. */
  members: Map<string, SoapObjectPlan | null>;
}

export interface SoapEncodeContext {
  service: ServiceDescriptor;
  prefixes: PrefixTable;
  objects: Map<string, SoapObjectPlan>;
}

const contexts = new WeakMap<ServiceDescriptor, SoapEncodeContext>();

export function soapEncodeContext(service: ServiceDescriptor): SoapEncodeContext {
  return perService(contexts, service, () => ({
    service,
    prefixes: new PrefixTable(service),
    objects: new Map(),
  }));
}

export function makeTag(ctx: SoapEncodeContext, namespace: string | undefined, name: string): Tag {
  const qname = ctx.prefixes.qualify(namespace, name);
  return {
    open: `<${qname}`,
    openGt: `<${qname}>`,
    close: `</${qname}>`,
    nil: `<${qname} i:nil="true"/>`,
    empty: `<${qname}/>`,
  };
}

export function objectPlan(ctx: SoapEncodeContext, name: string): SoapObjectPlan {
  let plan = ctx.objects.get(name);
  if (!plan) {
    const type = lookupObjectType(ctx.service, name);
    const typeAttr = type.namespace
      ? ` i:type="${ctx.prefixes.qualify(type.namespace, type.name)}"`
      : '';
    plan = { type, typeAttr, fields: undefined, members: new Map() };
    ctx.objects.set(name, plan);
  }
  return plan;
}

function buildFields(ctx: SoapEncodeContext, plan: SoapObjectPlan): FieldPlan[] {
  const fields: FieldPlan[] = [];
  for (const field of plan.type.fields) {
    if (field.protocols === 'rest') continue;
    const value = discriminatorValue(plan.type, field);
    const inline = 'array' in value && value.inline === true;
    fields.push({
      name: field.name,
      tag: makeTag(ctx, field.namespace, field.name),
      nullable: field.nullable,
      inline,
      itemNullable: 'array' in value ? value.itemNullable === true : false,
      write: inline && 'array' in value ? valueWriter(ctx, value.array) : valueWriter(ctx, value),
    });
  }
  plan.fields = fields;
  return fields;
}

/** Write the fields of `value` (already known to be an object) as children, in plan order. */
export function writeFields(
  ctx: SoapEncodeContext,
  plan: SoapObjectPlan,
  value: Record<string, unknown>,
  out: string[],
): void {
  const fields = plan.fields ?? buildFields(ctx, plan);
  let i = 0;
  try {
    for (; i < fields.length; i++) {
      const field = fields[i]!;
      const v = value[field.name];
      if (v === undefined) continue;
      if (v === null) {
        if (!field.nullable)
          throw new CodecValueError(
            'null is not allowed here (the field is not nullable); omit it instead',
          );
        out.push(field.tag.nil);
      } else if (field.inline) {
        writeInline(field, v, out);
      } else {
        field.write(out, field.tag, v);
      }
    }
  } catch (error) {
    throw CodecValueError.at(error, `.${fields[i]!.name}`);
  }
}

function writeInline(field: FieldPlan, value: unknown, out: string[]): void {
  if (!Array.isArray(value)) throw new CodecValueError(`expected an array, got ${describe(value)}`);
  let j = 0;
  try {
    for (; j < value.length; j++) {
      const item: unknown = value[j];
      if (item === null || item === undefined) {
        if (!field.itemNullable)
          throw new CodecValueError('null items are not allowed in this array');
        out.push(field.tag.nil);
      } else {
        field.write(out, field.tag, item);
      }
    }
  } catch (error) {
    throw CodecValueError.at(error, `[${j}]`);
  }
}

/** The concrete plan for `value` of declared type `declared`, from its `Type`. */
function concretePlan(
  ctx: SoapEncodeContext,
  declared: SoapObjectPlan,
  value: Record<string, unknown>,
): SoapObjectPlan {
  const typeValue = value.Type;
  const type = declared.type;
  if (typeof typeValue === 'string' && type.family) {
    let member = declared.members.get(typeValue);
    if (member === undefined) {
      const found = familyMember(ctx.service, type, typeValue);
      member = found ? objectPlan(ctx, found.name) : null;
      declared.members.set(typeValue, member);
    }
    if (member === null) {
      throw new CodecValueError(
        `Type ${JSON.stringify(typeValue)} is not ${type.name} or one of its subtypes (${Object.keys(type.family).join(', ')})`,
      );
    }
    if (member.type.abstract)
      throw new CodecValueError(`${member.type.name} is abstract: set Type to a concrete subtype`);
    return member;
  }
  if (type.abstract) {
    const choices = type.family ? `: one of ${Object.keys(type.family).join(', ')}` : '';
    throw new CodecValueError(`${type.name} is abstract: the value must carry Type${choices}`);
  }
  return declared;
}

function objectWriter(ctx: SoapEncodeContext, declared: SoapObjectPlan): ElementWriter {
  return (out, tag, value) => {
    if (!isPlainRecord(value))
      throw new CodecValueError(
        `expected an object (${declared.type.name}), got ${describe(value)}`,
      );
    const plan = concretePlan(ctx, declared, value);
    out.push(plan === declared ? tag.openGt : `${tag.open}${plan.typeAttr}>`);
    writeFields(ctx, plan, value, out);
    out.push(tag.close);
  };
}

function arrayWriter(
  ctx: SoapEncodeContext,
  array: Extract<ValueDescriptor, { array: ValueDescriptor }>,
): ElementWriter {
  const itemTag = makeTag(
    ctx,
    array.itemNamespace ?? defaultItemNamespace(ctx.service, array.array),
    array.itemName ?? defaultItemName(array.array),
  );
  const itemNullable = array.itemNullable === true;
  const writeItem = valueWriter(ctx, array.array);
  return (out, tag, value) => {
    if (!Array.isArray(value))
      throw new CodecValueError(`expected an array, got ${describe(value)}`);
    const n = value.length;
    if (n === 0) {
      out.push(tag.empty);
      return;
    }
    out.push(tag.openGt);
    let j = 0;
    try {
      for (; j < n; j++) {
        const item: unknown = value[j];
        if (item === null || item === undefined) {
          if (!itemNullable) throw new CodecValueError('null items are not allowed in this array');
          out.push(itemTag.nil);
        } else {
          writeItem(out, itemTag, item);
        }
      }
    } catch (error) {
      throw CodecValueError.at(error, `[${j}]`);
    }
    out.push(tag.close);
  };
}

/** Text writer: `format` returns XML-ready text. */
function textWriter(format: (value: unknown) => string): ElementWriter {
  return (out, tag, value) => {
    out.push(tag.openGt, format(value), tag.close);
  };
}

function valueWriter(ctx: SoapEncodeContext, value: ValueDescriptor): ElementWriter {
  const resolved = resolveValue(ctx.service, value);
  switch (resolved.kind) {
    case 'object':
      return objectWriter(ctx, objectPlan(ctx, resolved.type.name));
    case 'array':
      return arrayWriter(ctx, resolved.array);
    case 'enum':
      return textWriter(resolved.type.flags ? formatFlags : formatString);
    case 'primitive':
      return textWriter(primitiveFormatter(resolved.primitive));
  }
}

function formatString(value: unknown): string {
  if (typeof value === 'string') return escapeXmlText(value);
  throw new CodecValueError(`expected a string, got ${describe(value)}`);
}

function formatFlags(value: unknown): string {
  return escapeXmlText(flagList(value).join(' '));
}

function formatBoolean(value: unknown): string {
  if (value === true) return 'true';
  if (value === false) return 'false';
  throw new CodecValueError(`expected a boolean, got ${describe(value)}`);
}

function formatFloat(value: unknown): string {
  if (typeof value === 'number') {
    if (Number.isFinite(value)) return String(value);
    return Number.isNaN(value) ? 'NaN' : value > 0 ? 'INF' : '-INF';
  }
  if (
    typeof value === 'string' &&
    (value === 'NaN' ||
      value === 'INF' ||
      value === '-INF' ||
      (value.trim() !== '' && !Number.isNaN(Number(value))))
  ) {
    return value;
  }
  throw new CodecValueError(`expected a number, got ${describe(value)}`);
}

function formatAny(value: unknown): string {
  if (typeof value === 'string') return escapeXmlText(value);
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint')
    return String(value);
  throw new CodecValueError(
    `an untyped (any) value must be a string, number or boolean, got ${describe(value)}`,
  );
}

function primitiveFormatter(kind: PrimitiveKind): (value: unknown) => string {
  switch (kind) {
    case 'boolean':
      return formatBoolean;
    case 'int64':
      return (v) => int64Text(v, false);
    case 'uint64':
      return (v) => int64Text(v, true);
    case 'decimal':
      return decimalText;
    case 'float':
    case 'double':
      return formatFloat;
    case 'int8':
    case 'int16':
    case 'int32':
    case 'uint8':
    case 'uint16':
    case 'uint32':
    case 'char':
      return (v) => String(smallInt(v, kind));
    case 'dateTime':
    case 'date':
      return (v) => escapeXmlText(dateText(v, kind));
    case 'base64':
      return (v) => escapeXmlText(base64Text(v));
    case 'any':
      return formatAny;
    default:
      return formatString;
  }
}
