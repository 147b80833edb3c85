import type { PrimitiveKind, TypeRef } from '../model/index.ts';
import type { MergedField, MergedModel, MergedType } from '../model/merge.ts';

/**
 * The one-line TSDoc of a field in types.ts: what an editor's hover should say about the wire
 * that the TypeScript type alone does not (a `string` that is an int64, a field one protocol
 * lacks, null sent on SOAP but omitted on REST). One line per field so that a regenerated
 * diff shows a changed field as one changed line pair, and the file does not grow by a
 * paragraph per field.
 */

/** How a value of a primitive kind looks on the wire, when its TypeScript type hides it: one, many. */
const WIRE_FORM: Partial<Record<PrimitiveKind, readonly [string, string]>> = {
  int64: ['int64 as a decimal string', 'int64 values as decimal strings'],
  uint64: ['uint64 as a decimal string', 'uint64 values as decimal strings'],
  decimal: ['decimal as a string', 'decimals as strings'],
  dateTime: ['date-time as ISO 8601 text', 'date-times as ISO 8601 text'],
  date: ['date as ISO 8601 text (YYYY-MM-DD)', 'dates as ISO 8601 text (YYYY-MM-DD)'],
  time: ['time of day as ISO 8601 text', 'times of day as ISO 8601 text'],
  duration: ['duration as ISO 8601 text (PnDTnHnMnS)', 'durations as ISO 8601 text'],
  base64: ['bytes as base64 text', 'byte strings as base64 text'],
  guid: ['GUID as text', 'GUIDs as text'],
  char: ['character as its UTF-16 code', 'characters as UTF-16 codes'],
};

/** Builds the doc line of each field of one merged model. */
export class FieldDocs {
  private readonly types: ReadonlyMap<string, MergedType>;

  constructor(model: MergedModel) {
    this.types = new Map(model.types.map((t) => [t.name, t]));
  }

  /** The line's text (without `/** *\/`), or undefined when there is nothing to say. */
  line(f: MergedField): string | undefined {
    const notes: string[] = [];
    if (f.doc) notes.push(sentence(f.doc.replace(/\s+/g, ' ').trim()));
    const facts: string[] = [];
    if (f.protocols !== 'both') facts.push(f.protocols === 'soap' ? 'SOAP only' : 'REST only');
    const many = f.maxOccurs !== 1 || f.type.kind === 'array';
    const wire = this.valueNote(innermost(f.type), many, f.type.kind === 'array' ? 1 : 0);
    if (wire) facts.push(wire);
    if (f.nullable)
      facts.push(f.restNullable === false ? 'nillable on SOAP (REST omits null)' : 'nillable');
    if (hasNullItems(f.type)) facts.push('items may be null');
    if (f.restName) facts.push(`REST name \`${f.restName}\``);
    if (f.restMap)
      facts.push('one JSON object `{ "<Key>": "<Value>" }` on REST (the client converts)');
    if (facts.length > 0) notes.push(sentence(capitalize(facts.join('; '))));
    return notes.length > 0 ? notes.join(' ') : undefined;
  }

  /** What a value (or each item, when `many`) is on the wire: an enum link or a primitive's form. */
  private valueNote(ref: TypeRef, many: boolean, depth: number): string | undefined {
    if (ref.kind === 'primitive') {
      const form = WIRE_FORM[ref.primitive];
      return form ? form[many ? 1 : 0] : undefined;
    }
    if (ref.kind !== 'named') return undefined;
    const t = this.types.get(ref.name);
    if (t?.kind === 'enum') {
      if (t.flags)
        return many ? `lists of {@link ${t.name}} flags` : `a list of {@link ${t.name}} flags`;
      return many ? `each item one of {@link ${t.name}}` : `one of {@link ${t.name}}`;
    }
    // A simple type named in the spec: say what its value is (aliases of aliases are rare and short).
    if (t?.kind === 'alias' && depth < 4)
      return this.valueNote(innermost(t.target), many, depth + 1);
    return undefined;
  }
}

/** The item type of (nested) arrays, or the ref itself. */
function innermost(ref: TypeRef): TypeRef {
  return ref.kind === 'array' ? innermost(ref.items) : ref;
}

function hasNullItems(ref: TypeRef): boolean {
  return ref.kind === 'array' && (ref.itemNullable === true || hasNullItems(ref.items));
}

/** Sentence case, except for a leading type name (`int64 as …`), which keeps its spelling. */
function capitalize(text: string): string {
  return /^u?int64\b/.test(text) ? text : text.charAt(0).toUpperCase() + text.slice(1);
}

function sentence(text: string): string {
  return /[.!?]$/.test(text) ? text : `${text}.`;
}
