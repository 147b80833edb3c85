/**
 * Extracts the Bulk entity column tables from Microsoft's Bulk service reference (the
 * MicrosoftDocs/Advertising repository, `advertising/bingads-13/bulk-service/*.md`) into
 * generator/bulk/entities.json, which the generator emits as the bulk package's record types.
 * Run it again when Microsoft adds a record type or a column:
 *
 *   node --import tsx scripts/bulk/extract-entities.ts [--docs <bare git dir>] [--ref HEAD]
 *
 * What it takes (facts only): each record type named in the Bulk File Schema's table, the
 * attribute fields its page lists, the Add/Update/Delete requirement of each field, whether the
 * field accepts `delete_value`, and the documented values of value-set fields. The value kind
 * (number, list, text) is not written in the reference as data; ./column-kinds.ts decides it from
 * the field's name and text, and says how.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { columnKind } from './column-kinds.ts';
import { parseEntityPage, parseRecordTypeTable } from './doc-pages.ts';

const args = process.argv.slice(2);
const flag = (name: string, fallback: string): string => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] !== undefined ? args[i + 1]! : fallback;
};
const gitDir = flag('--docs', '/work/.mirror/MicrosoftDocs+Advertising/repo');
const ref = flag('--ref', 'HEAD');
const DIR = 'advertising/bingads-13/bulk-service';
const out = join(import.meta.dirname, '..', '..', 'generator', 'bulk', 'entities.json');

const git = (...a: string[]): string =>
  execFileSync('git', ['-C', gitDir, ...a], { encoding: 'utf8', maxBuffer: 64 << 20 });
const commit = git('rev-parse', ref).trim();
const show = (file: string): string => git('show', `${commit}:${DIR}/${file}`);
const pages = new Set(
  git('ls-tree', '--name-only', `${commit}:${DIR}`)
    .split('\n')
    .filter((f) => f.endsWith('.md')),
);

const entities: { type: string; page: string; columns: object[] }[] = [];
const skipped: string[] = [];
for (const { type, page } of parseRecordTypeTable(show('bulk-file-schema.md'))) {
  if (!pages.has(page)) {
    skipped.push(`${type}: no page ${page}`);
    continue;
  }
  let parsed;
  try {
    parsed = parseEntityPage(show(page));
  } catch (e) {
    // A page without the usual attribute list (the bid-suggestion records, for one) is left
    // out: its rows are still read, as untyped records.
    skipped.push(`${type}: ${(e as Error).message}`);
    continue;
  }
  // The table links a few record types to another type's page (a docs slip): such a type is
  // left out rather than given the wrong columns; readers keep its rows as untyped records.
  if (parsed.title !== type && !sameType(parsed.title, type)) {
    skipped.push(`${type}: ${page} describes '${parsed.title}'`);
    continue;
  }
  entities.push({
    type: fileType(type, parsed.title, parsed.exampleType),
    page: page.replace(/\.md$/, ''),
    // `Type` is every row's record type, never a column of its own (one page lists it anyway).
    columns: parsed.columns
      .filter((c) => c.name !== 'Type')
      .map((c) => ({
        name: c.name,
        kind: columnKind(c),
        ...(c.values.length > 0 ? { values: c.values, valuesClosed: c.valuesFromTable } : {}),
        add: c.add,
        update: c.update,
        delete: c.delete,
        ...(c.deleteValue ? { deleteValue: true } : {}),
      })),
  });
}
const dup = entities.find((e, i) => entities.findIndex((o) => o.type === e.type) !== i);
if (dup) throw new Error(`two pages describe record type '${dup.type}'`);
entities.sort((a, b) => (a.type < b.type ? -1 : a.type > b.type ? 1 : 0));

const data = {
  $comment:
    'Bulk record types and their columns (FormatVersion 6.0), extracted by scripts/bulk/extract-entities.ts from Microsoft Docs. Do not edit by hand: run the script.',
  source: { repository: 'MicrosoftDocs/Advertising', commit, path: DIR },
  formatVersion: '6.0',
  skipped,
  entities,
};
// Written in prettier's layout, so `prettier --check` holds for the committed file.
const prettier = await import('prettier');
const config = (await prettier.resolveConfig(out)) ?? {};
writeFileSync(out, await prettier.format(JSON.stringify(data), { ...config, filepath: out }));
console.log(`${entities.length} record types, ${skipped.length} skipped → ${out}`);
for (const s of skipped) console.log(`  skipped ${s}`);

/** The schema table and a page title may differ in spacing or in a trailing word ("Experiments"). */
function sameType(title: string, type: string): boolean {
  const norm = (s: string): string => s.toLowerCase().replace(/[^a-z]/g, '');
  return norm(title) === norm(type) || norm(title) + 's' === norm(type);
}

/**
 * The Type spelled in files: the page's CSV example when it is this record (the schema table
 * says "Campaign Disclaimer", files say "Campaign Disclaimer Ad Extension"), else the table's.
 */
function fileType(tableType: string, title: string, example: string | null): string {
  const norm = (s: string): string => s.toLowerCase().replace(/[^a-z]/g, '');
  if (example === null) return tableType;
  if (norm(example) === norm(title) || norm(example).startsWith(norm(tableType))) return example;
  return tableType;
}
