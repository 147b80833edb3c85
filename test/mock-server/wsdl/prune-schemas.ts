import type { SchemaFile } from './extract-schemas.ts';
import { key, XS, type Key, type SchemaSet } from './schema-set.ts';

/**
 * Cuts a service's schemas down to what one operation's request can contain, so xmllint
 * compiles kilobytes instead of campaign-management's 1.4 MB on every request (it cannot keep
 * a compiled schema between runs).
 *
 * Kept: the request and header elements, every type they reach through elements and bases,
 * and every type DERIVED from a reached type (an `i:type` may name any of them). Everything
 * else in a schema (imports, attributes) stays. The cut is on the text, block by top-level
 * block, so what is kept is still Microsoft's bytes.
 */
export function reachable(set: SchemaSet, rootElements: Key[]): Set<Key> | undefined {
  const seen = new Set<Key>();
  let open = false;
  const visitType = (k: Key): void => {
    if (seen.has(k)) return;
    seen.add(k);
    if (k === key(XS, 'anyType')) open = true; // anything may appear: no pruning
    const decl = set.types.get(k);
    if (!decl) return;
    if (decl.kind === 'complex') {
      if (decl.base) visitType(decl.base);
      for (const p of decl.particles) visitType(p.type);
      for (const d of set.derived.get(k) ?? []) visitType(d);
    } else {
      if (decl.base) visitType(decl.base);
      if (decl.listItem) visitType(decl.listItem);
    }
  };
  for (const e of rootElements) {
    const decl = set.elements.get(e);
    if (!decl) continue;
    seen.add(e);
    visitType(decl.type);
  }
  return open ? undefined : seen;
}

const TAG = /<(\/?)([\w.-]+:)?([\w.-]+)((?:\s+[\w.:-]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>/g;

/** Returns copies of the files holding only the top-level blocks whose names are in `keep`. */
export function pruneSchemas(files: SchemaFile[], keep: Set<Key>): SchemaFile[] {
  return files.map((f) => {
    if (f.contents.includes('<!--') || f.contents.includes('<![CDATA[')) return f; // the scanner does not handle them
    let depth = 0;
    let out = '';
    let last = 0;
    let blockStart = -1;
    let blockKeep = true;
    for (const m of f.contents.matchAll(TAG)) {
      const [whole, closing, , local, attrs, selfClosing] = m;
      const at = m.index;
      if (closing) {
        depth--;
        if (depth === 1 && blockStart >= 0) {
          if (!blockKeep) {
            out += f.contents.slice(last, blockStart);
            last = at + whole.length;
          }
          blockStart = -1;
        }
        continue;
      }
      if (depth === 1) {
        const name = /\sname\s*=\s*"([^"]*)"/.exec(attrs ?? '')?.[1];
        const named = local === 'element' || local === 'complexType' || local === 'simpleType';
        blockKeep = !named || name === undefined || keep.has(key(f.namespace, name));
        blockStart = at;
        if (selfClosing) {
          if (!blockKeep) {
            out += f.contents.slice(last, at);
            last = at + whole.length;
          }
          blockStart = -1;
          continue;
        }
      }
      if (!selfClosing && !whole.startsWith('<?')) depth++;
    }
    return { ...f, contents: out + f.contents.slice(last) };
  });
}
