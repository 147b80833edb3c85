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
} from '../codec-plan.js';
import { type PlanContext, concretePlan, perService, planOf } from '../object-plans.js';
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
  /**
   * A REST-only field: its value is checked as REST would check it (so both protocols refuse
   * the same requests) and then left out, as SOAP cannot carry it.
   */
  checkOnly: boolean;
}

export interface SoapObjectPlan {
  type: ObjectTypeDescriptor;
  /** ` i:type="n2:TextAd"`, used when a value of a base-typed field is this subtype. */
  typeAttr: string;
  /** Built on first write, so recursive types need no special care. */
  fields: FieldPlan[] | undefined;
  /** Names a value of the type may carry (built with `fields`). */
  known: ReadonlySet<string> | undefined;
  /** `Type` value → concrete plan, memoized per declared type. */
  members: Map<string, SoapObjectPlan | null>;
}

export interface SoapEncodeContext extends PlanContext<SoapObjectPlan> {
  prefixes: PrefixTable;
}

const contexts = new WeakMap<ServiceDescriptor, SoapEncodeContext>();

function newContext(service: ServiceDescriptor): SoapEncodeContext {
  const prefixes = new PrefixTable(service);
  return {
    service,
    prefixes,
    objects: new Map(),
    newPlan: (type) => ({
      type,
      typeAttr: type.namespace ? ` i:type="${prefixes.qualify(type.namespace, type.name)}"` : '',
      fields: undefined,
      known: undefined,
      members: new Map(),
    }),
  };
}

export function soapEncodeContext(service: ServiceDescriptor): SoapEncodeContext {
  return perService(contexts, service, newContext);
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

/** The plan of object type `name`, made on first use. */
export function objectPlan(ctx: SoapEncodeContext, name: string): SoapObjectPlan {
  return planOf(ctx, name);
}

function buildFields(ctx: SoapEncodeContext, plan: SoapObjectPlan): FieldPlan[] {
  const fields: FieldPlan[] = [];
  for (const field of plan.type.fields) {
    const value = discriminatorValue(plan.type, field);
    const inline = 'array' in value && value.inline === true;
    fields.push({
      name: field.name,
      tag: makeTag(ctx, field.namespace, field.name),
      nullable: field.nullable,
      inline,
      itemNullable: 'array' in value ? value.itemNullable === true : false,
      write: inline && 'array' in value ? valueWriter(ctx, value.array) : valueWriter(ctx, value),
      checkOnly: field.protocols === 'rest',
    });
  }
  plan.known = knownNames(plan.type);
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
  let seen = 0;
  try {
    for (; i < fields.length; i++) {
      const field = fields[i]!;
      const v = value[field.name];
      if (v === undefined) continue;
      seen++;
      const target = field.checkOnly ? [] : out;
      if (v === null) {
        if (!field.nullable) throw nullNotAllowed();
        target.push(field.tag.nil);
      } else if (field.inline) {
        writeInline(field, v, target);
      } else {
        field.write(target, field.tag, v);
      }
    }
  } catch (error) {
    throw CodecValueError.at(error, `.${fields[i]!.name}`);
  }
  checkKnownProperties(value, seen, plan.known!, plan.type.name);
}

function writeInline(field: FieldPlan, value: unknown, out: string[]): void {
  if (!Array.isArray(value)) throw new CodecValueError(`expected an array, got ${describe(value)}`);
  writeItems(out, value, field.tag, field.itemNullable, field.write);
}

/** The items of an array, each as one `tag` element (inline fields and wrapped arrays alike). */
function writeItems(
  out: string[],
  items: unknown[],
  tag: Tag,
  nullable: boolean,
  write: ElementWriter,
): void {
  let j = 0;
  try {
    for (; j < items.length; j++) {
      const item: unknown = items[j];
      if (item === null || item === undefined) {
        if (!nullable) throw nullItemNotAllowed();
        out.push(tag.nil);
      } else {
        write(out, tag, item);
      }
    }
  } catch (error) {
    throw CodecValueError.at(error, `[${j}]`);
  }
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
    if (value.length === 0) {
      out.push(tag.empty);
      return;
    }
    out.push(tag.openGt);
    writeItems(out, value, itemTag, itemNullable, writeItem);
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
    case 'enum': {
      const values = new Set(resolved.type.values);
      if (resolved.type.flags) {
        const literals = flagLiterals(resolved.type, values);
        return textWriter((v) => literals(v).join(' '));
      }
      return textWriter(enumLiteral(resolved.type, values));
    }
    case 'primitive':
      return textWriter(primitiveFormatter(resolved.primitive));
  }
}

function formatString(value: unknown): string {
  if (typeof value === 'string') return escapeXmlText(value);
  throw new CodecValueError(`expected a string, got ${describe(value)}`);
}

function formatBoolean(value: unknown): string {
  if (value === true) return 'true';
  if (value === false) return 'false';
  throw new CodecValueError(`expected a boolean, got ${describe(value)}`);
}

function formatFloat(value: unknown): string {
  return String(finiteNumber(value));
}

function formatAny(value: unknown): string {
  if (typeof value === 'string') return escapeXmlText(value);
  if (typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (typeof value === 'number') return String(finiteNumber(value));
  throw new CodecValueError(
    `an untyped (any) value must be a string, number or boolean, got ${describe(value)}`,
  );
}

function primitiveFormatter(kind: PrimitiveKind): (value: unknown) => string {
  switch (PRIMITIVE_CLASS[kind]) {
    case 'boolean':
      return formatBoolean;
    case 'int64':
      return int64Writer(kind);
    case 'decimal':
      return decimalText;
    case 'float':
      return formatFloat;
    case 'int':
      return (v) => String(smallInt(v, kind));
    case 'date':
      return (v) => escapeXmlText(dateText(v, kind));
    case 'base64':
      return (v) => escapeXmlText(base64Text(v));
    case 'any':
      return formatAny;
    case 'string':
    case 'text':
      return formatString;
  }
}
