import type { PrimitiveKind, TypeRef } from '../model/index.ts';
import type { MergedEnumType, MergedField, MergedModel, MergedObjectType } from '../model/merge.ts';
import type { DocText } from './docs.ts';
import {
  concreteMembers,
  descendantsOf,
  inFamily,
  memberInterface,
  type FamilyInfo,
} from './families.ts';
import { FieldDocs } from './field-doc.ts';
import { isTypeName, propertyKey, quote } from './naming.ts';
import { printExpanded } from './literal.ts';
import { CodeWriter } from './writer.ts';

/**
 * types.ts of a generated package: every type of the merged model under its spec name.
 * Objects are interfaces with fields in schema order; enums a string-literal union plus a
 * const object of the same name; flag lists an array of those literals; polymorphic
 * families as described in ./families.ts. The file never names a global type (no Array,
 * Record, Date…); a spec type named like one is renamed before it gets here (ts-names.ts).
 */

const WIDTH = 100;

/** TypeScript type of each primitive kind. 64-bit integers and decimals are strings: a JS number would lose digits. */
const PRIMITIVE_TS: Record<PrimitiveKind, string> = {
  string: 'string',
  boolean: 'boolean',
  int8: 'number',
  int16: 'number',
  int32: 'number',
  int64: 'string',
  uint8: 'number',
  uint16: 'number',
  uint32: 'number',
  uint64: 'string',
  float: 'number',
  double: 'number',
  decimal: 'string',
  dateTime: 'string',
  date: 'string',
  time: 'string',
  duration: 'string',
  base64: 'string',
  char: 'number',
  guid: 'string',
  anyURI: 'string',
  QName: 'string',
  any: 'unknown',
};

/** The types module three ways: source, and the dist/ files that would compile from it. */
export interface EmittedTypes {
  ts: string;
  dts: string;
  js: string;
}

/**
 * Writes types.ts and, in the same pass, dist/types.d.ts and dist/types.js: the declarations
 * are the same text in .ts and .d.ts, and only the enum consts differ (`as const` object in
 * .ts, `declare const` in .d.ts, plain object in .js). Compiling this largest file with the
 * TypeScript compiler would cost more than generating it.
 */
export function emitTypes(
  model: MergedModel,
  info: FamilyInfo,
  docs: DocText,
  header: string,
  specName: ReadonlyMap<string, string> = new Map(),
): EmittedTypes {
  const names = new Set(model.types.map((t) => t.name));
  const ctx: TypeContext = { names, fieldDocs: new FieldDocs(model) };
  const ts: string[] = [header];
  const dts: string[] = [header];
  const js: string[] = [header];
  for (const t of model.types) {
    if (!isTypeName(t.name))
      throw new Error(`type name '${t.name}' is not a valid TypeScript identifier`);
    const w = new CodeWriter();
    // A type renamed for TypeScript (ts-names.ts) is documented and linked by its spec name.
    const spec = specName.get(t.name) ?? t.name;
    const summary = docs.typeSummary(spec === t.name ? t : { ...t, name: spec });
    if (spec !== t.name)
      summary.push(
        `Exported as ${t.name}, not ${spec}, so that importing it does not hide JavaScript's global \`${spec}\`.`,
      );
    const see = [docs.see(spec)];
    switch (t.kind) {
      case 'enum': {
        writeEnumType(w, t, summary, see);
        const consts = enumConsts(t);
        ts.push(`\n${w}\n${consts.ts}`);
        dts.push(`\n${w}\n${consts.dts}`);
        js.push(`\n${consts.js}`);
        continue;
      }
      case 'alias':
        w.doc(summary, see);
        w.line(`export type ${t.name} = ${tsType(t.target, names)};`);
        break;
      case 'object':
        writeObject(w, t, info, ctx, summary, see);
        if (t.restName) {
          w.line();
          w.doc(
            [
              `The REST spec's name for {@link ${t.name}}: one type under the SOAP names, which this package uses for both protocols.`,
            ],
            see,
          );
          w.line(`export type ${t.restName} = ${t.name};`);
        }
        break;
    }
    const text = `\n${w}`;
    ts.push(text);
    dts.push(text);
  }
  if (js.length === 1) js.push('export {};\n');
  return { ts: ts.join(''), dts: dts.join(''), js: js.join('') };
}

/** The TypeScript type of a type ref. */
export function tsType(ref: TypeRef, names: ReadonlySet<string>): string {
  switch (ref.kind) {
    case 'primitive':
      return PRIMITIVE_TS[ref.primitive];
    case 'named':
      if (!names.has(ref.name)) throw new Error(`reference to unknown type '${ref.name}'`);
      return ref.name;
    case 'array': {
      const items = tsType(ref.items, names) + (ref.itemNullable ? ' | null' : '');
      return items.includes(' ') ? `(${items})[]` : `${items}[]`;
    }
    case 'map':
      // Only a REST-only field keeps a map (a shared one keeps SOAP's Key/Value array: restMap).
      return `Record<string, ${tsType(ref.values, names)}>`;
  }
}

function fieldType(f: MergedField, names: ReadonlySet<string>): string {
  const ref: TypeRef =
    f.maxOccurs !== 1 && f.type.kind !== 'array' ? { kind: 'array', items: f.type } : f.type;
  return tsType(ref, names) + (f.nullable ? ' | null' : '');
}

function writeEnumType(w: CodeWriter, t: MergedEnumType, summary: string[], see: string[]): void {
  const literals = t.values.map(quote);
  w.doc(summary, see);
  if (literals.length === 0) w.line(`export type ${t.name} = ${t.flags ? 'string[]' : 'string'};`);
  else if (t.flags && literals.length === 1) w.line(`export type ${t.name} = ${literals[0]}[];`);
  else if (t.flags) writeUnion(w, `export type ${t.name} = (`, literals, ')[];', true);
  else writeUnion(w, `export type ${t.name} = `, literals, ';', false);
}

/** The const object of an enum, as source, declaration and JavaScript. */
function enumConsts(t: MergedEnumType): EmittedTypes {
  const doc = new CodeWriter()
    .doc([
      t.flags
        ? `The values of ${t.name} lists, for use at run time.`
        : `The ${t.name} values, for use at run time.`,
    ])
    .toString();
  const entries = t.values.map((v) => [propertyKey(v), quote(v)] as const);
  if (entries.length === 0) {
    return {
      ts: `${doc}export const ${t.name} = {} as const;\n`,
      dts: `${doc}export declare const ${t.name}: {};\n`,
      js: `${doc}export const ${t.name} = {};\n`,
    };
  }
  const object = printExpanded(Object.fromEntries(t.values.map((v) => [v, v])), 0);
  const members = entries.map(([k, v]) => `  readonly ${k}: ${v};\n`).join('');
  return {
    ts: `${doc}export const ${t.name} = ${object} as const;\n`,
    dts: `${doc}export declare const ${t.name}: {\n${members}};\n`,
    js: `${doc}export const ${t.name} = ${object};\n`,
  };
}

/**
 * A union the way prettier lays it out: on one line when it fits; else on the next line,
 * indented, when it fits there; else one member per line behind a leading `|` (inside the
 * parentheses, for an array of a union).
 */
export function writeUnion(
  w: CodeWriter,
  head: string,
  members: string[],
  tail: string,
  parenthesized: boolean,
): void {
  const joined = members.join(' | ');
  if (w.column + head.length + joined.length + tail.length <= WIDTH) {
    w.line(`${head}${joined}${tail}`);
    return;
  }
  // In parentheses the closing `)[];` goes on its own line; otherwise the `;` ends the union line.
  const nextLineTail = parenthesized ? '' : tail;
  const fitsNextLine = w.column + 2 + joined.length + nextLineTail.length <= WIDTH;
  if (parenthesized) {
    w.block(
      head,
      () => {
        if (fitsNextLine) w.line(joined);
        else for (const m of members) w.line(`| ${m}`);
      },
      tail,
    );
    return;
  }
  w.line(head.trimEnd());
  if (fitsNextLine) w.line(`  ${joined}${tail}`);
  else
    for (const [i, m] of members.entries())
      w.line(`  | ${m}${i === members.length - 1 ? tail : ''}`);
}

/** What writing an interface needs to know of the whole model. */
interface TypeContext {
  names: ReadonlySet<string>;
  fieldDocs: FieldDocs;
}

function writeObject(
  w: CodeWriter,
  t: MergedObjectType,
  info: FamilyInfo,
  ctx: TypeContext,
  summary: string[],
  see: string[],
): void {
  if (!inFamily(info, t)) {
    w.doc(summary, see);
    writeInterface(w, t.name, undefined, undefined, t.fields, ctx);
    return;
  }
  const parentFields = t.base ? info.fieldsName.get(t.base) : undefined;
  const own = t.fields.filter((f) => f.name !== info.property);
  const literal =
    t.typeValue !== undefined ? `${propertyKey(info.property)}: ${quote(t.typeValue)};` : undefined;
  const fieldsName = info.fieldsName.get(t.name);
  if (!fieldsName) {
    // A leaf: the interface itself, with its Type literal.
    const leafSummary = [...summary];
    if (literal === undefined)
      leafSummary.push(`${t.name} is abstract: no value has it as its own type.`);
    w.doc(leafSummary, see);
    writeInterface(w, t.name, parentFields, literal, literal === undefined ? t.fields : own, ctx);
    return;
  }
  w.doc(
    [
      `The fields of ${t.name} and of every type derived from it, without \`${info.property}\`: extended by their interfaces, not a value to send.`,
    ],
    see,
  );
  writeInterface(w, fieldsName, parentFields, undefined, own, ctx);
  const self = info.selfName.get(t.name);
  if (self && literal !== undefined) {
    w.line();
    w.doc(
      [`${t.name} as itself (\`${literal.slice(0, -1)}\`), not one of the types derived from it.`],
      see,
    );
    writeInterface(w, self, fieldsName, literal, [], ctx);
  }
  w.line();
  const members = concreteMembers(info, t.name).map((m) => memberInterface(info, m));
  const unionSummary = [...summary];
  if (members.length === 0) {
    // No concrete member at all: accept the fields rather than nothing.
    unionSummary.push(
      `No concrete type of this family is known; any ${t.name} fields are accepted.`,
    );
    members.push(fieldsName);
  } else {
    const what = literal === undefined ? `${t.name} is abstract: a value is` : 'A value is';
    const derived = descendantsOf(info, t.name).length;
    unionSummary.push(
      `${what} one of the ${members.length} member${members.length === 1 ? '' : 's'} of this union (${derived} derived type${derived === 1 ? '' : 's'}); \`${info.property}\` tells which.`,
    );
  }
  w.doc(unionSummary, see);
  writeUnion(w, `export type ${t.name} = `, members, ';', false);
}

function writeInterface(
  w: CodeWriter,
  name: string,
  parent: string | undefined,
  /** The `Type: '…';` line of a concrete family member. */
  literal: string | undefined,
  fields: readonly MergedField[],
  ctx: TypeContext,
): void {
  const head = `export interface ${name}${parent ? ` extends ${parent}` : ''} {`;
  if (literal === undefined && fields.length === 0) {
    w.line(`${head}}`);
    return;
  }
  w.block(head, () => {
    if (literal !== undefined) w.line(literal);
    for (const f of fields) {
      const doc = ctx.fieldDocs.line(f);
      if (doc !== undefined) w.docLine(doc);
      // prettier keeps `Name?: T | null;` on one line whatever its length, so no wrapping here.
      w.line(`${propertyKey(f.name)}${f.optional ? '?' : ''}: ${fieldType(f, ctx.names)};`);
    }
  });
}
