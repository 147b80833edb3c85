/**
 * Readers for the two kinds of Bulk reference page: the Bulk File Schema's record-type table, and
 * one record type's page (its attribute list and one `## <a name>` section per attribute).
 */

export interface RecordTypeLink {
  type: string;
  page: string;
}

/** Rows `[Campaign Label](campaign-label.md)|All` of the "Record Types" table. */
export function parseRecordTypeTable(markdown: string): RecordTypeLink[] {
  const start = markdown.indexOf('name="recordtypes"');
  const end = markdown.indexOf('name="typehierarchy"');
  if (start < 0 || end < start) throw new Error('bulk-file-schema.md: no Record Types section');
  const links: RecordTypeLink[] = [];
  for (const line of markdown.slice(start, end).split('\n')) {
    const m = /^\[([^\]]+)\]\(([a-z0-9-]+\.md)\)/.exec(line.trim());
    if (m) links.push({ type: m[1]!.trim(), page: m[2]! });
  }
  return links;
}

export interface DocColumn {
  name: string;
  /** The section's prose (used to decide the value kind). */
  text: string;
  values: string[];
  /** The values come from a Value|Description table rather than from a sentence. */
  valuesFromTable: boolean;
  add: string | null;
  update: string | null;
  delete: string | null;
  deleteValue: boolean;
}

export interface EntityPage {
  title: string;
  /** The Type of the page's CSV example record, when it has one: the spelling files use. */
  exampleType: string | null;
  columns: DocColumn[];
}

export function parseEntityPage(markdown: string): EntityPage {
  const title = /^# (.+?)(?: Record)? - Bulk(?: API)?\s*$/m.exec(markdown)?.[1]?.trim();
  if (!title) throw new Error('no "# … Record - Bulk" title');
  const listStart = markdown.search(/attribute fields are available/);
  if (listStart < 0) throw new Error(`${title}: no attribute field list`);
  const columns: DocColumn[] = [];
  const seen = new Set<string>();
  let inList = false;
  for (const line of markdown.slice(listStart).split('\n').slice(1)) {
    // A bullet list `- [Bid](#bid)` on most pages, a table `|[Bid](#bid)|Search|` on a few.
    const m = /^\s*(?:-\s*|\|)\[([^\]]+)\]\(#([^)]+)\)/.exec(line);
    if (m) {
      inList = true;
      const name = m[1]!.trim();
      if (seen.has(name)) continue;
      seen.add(name);
      columns.push(column(name, section(markdown, m[2]!)));
    } else if (inList && line.trim() !== '' && !line.startsWith('|')) break;
  }
  const example = /```csv\s*\n[^\n]*\nFormat Version[^\n]*\n([^,\n]+),/.exec(markdown);
  return { title, exampleType: example?.[1]?.trim() ?? null, columns };
}

/** The text under `## <a name="anchor"></a>…` up to the next `## ` heading. */
function section(markdown: string, anchor: string): string {
  const at = markdown.search(new RegExp(`^## .*<a name="${escape(anchor)}"`, 'm'));
  if (at < 0) return '';
  const rest = markdown.slice(at);
  const next = rest.slice(3).search(/^## /m);
  return next < 0 ? rest : rest.slice(0, next + 3);
}

function column(name: string, text: string): DocColumn {
  const requirement = (op: string): string | null => {
    const m = new RegExp(`\\*\\*${op}:\\*\\*\\s*(.*)`).exec(text);
    return m ? firstSentence(m[1]!) : null;
  };
  const update = requirement('Update');
  const updateText = /\*\*Update:\*\*\s*(.*)/.exec(text)?.[1] ?? '';
  // Sub-sections (`### …`) describe the parts of a JSON value: their tables are not values.
  const own = text.split(/^### /m)[0] ?? '';
  const tableValues = valueTable(own);
  const proseValues = tableValues.length > 0 ? [] : valueSentence(own);
  return {
    name,
    text,
    values: tableValues.length > 0 ? tableValues : proseValues,
    valuesFromTable: tableValues.length > 0,
    add: requirement('Add'),
    update,
    delete: requirement('Delete'),
    deleteValue: /delete_value/.test(updateText),
  };
}

/** First cells of a `|Value|Description|` table, anchors and emphasis removed. */
function valueTable(text: string): string[] {
  const lines = text.split('\n');
  const header = lines.findIndex((l) => /^\|?\s*Value\s*\|/i.test(l.trim()));
  if (header < 0) return [];
  const values: string[] = [];
  for (const line of lines.slice(header + 2)) {
    if (!line.trim().startsWith('|') && !/\|/.test(line)) break;
    const cell = line.trim().replace(/^\|/, '').split('|')[0] ?? '';
    const value = cell
      .replace(/<a name="[^"]*"><\/a>/g, '')
      .replace(/[*`]/g, '')
      .trim();
    if (/^[A-Za-z0-9][A-Za-z0-9 _.+-]*$/.test(value) && !values.includes(value)) values.push(value);
  }
  return values;
}

/** Italic identifiers in a "Possible values are *A*, *B* and *C*" sentence. */
function valueSentence(text: string): string[] {
  for (const sentence of text.split(/(?<=\.)\s+|\n/)) {
    if (!/(possible|supported)\b.*\bvalues?\b.*\b(are|is|include)\b/i.test(sentence)) continue;
    const values = [...sentence.matchAll(/\*([A-Za-z][A-Za-z0-9]*)\*/g)].map((m) => m[1]!);
    const unique = [...new Set(values)];
    if (unique.length >= 2) return unique;
  }
  return [];
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** "Read-only and Required. You must …" → "Read-only and Required"; links and emphasis removed. */
function firstSentence(text: string): string {
  const plain = text
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[*`]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  const end = plain.search(/\.(\s|$)/);
  return end < 0 ? plain : plain.slice(0, end);
}
