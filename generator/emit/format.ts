/**
 * The layout of generated files, and JSON written in it. Every generated file is written
 * directly in the layout prettier would give it with these options (the repository's
 * .prettierrc): ./writer.ts and ./literal.ts for TypeScript, `formatJson` for package.json and
 * tsconfig.json. prettier itself is not loaded: loading it and formatting with it cost as much
 * as generating. test/emit holds every generated file to prettier instead (formatting it
 * changes nothing), so the output is what `prettier --write` would leave.
 */
export const PRETTIER_OPTIONS = {
  singleQuote: true,
  printWidth: 100,
  trailingComma: 'all',
} as const;

/** JSON values as they come from JSON.parse (undefined members are left out, as JSON.stringify does). */
export type Json =
  string | number | boolean | null | readonly Json[] | { readonly [key: string]: Json | undefined };

const WIDTH = PRETTIER_OPTIONS.printWidth;

/**
 * `value` as prettier's json parser prints `JSON.stringify(value)`: an object or array on one
 * line when it fits, else one member per line; an array of two or more objects (or arrays)
 * with more than one member each always one per line; a long string never moved after its
 * key's colon; no trailing commas; a final newline. Widths are counted in UTF-16 code units,
 * which is prettier's count for the ASCII text generated manifests hold (prettier counts an
 * East Asian wide character as two columns).
 */
export function formatJson(value: Json): string {
  return `${print(value, 0, 0, 0)}\n`;
}

function members(value: { readonly [key: string]: Json | undefined }): [string, Json][] {
  return Object.entries(value).filter((e): e is [string, Json] => e[1] !== undefined);
}

function isComposite(value: Json): value is readonly Json[] | { readonly [key: string]: Json } {
  return typeof value === 'object' && value !== null;
}

function size(value: readonly Json[] | { readonly [key: string]: Json | undefined }): number {
  return Array.isArray(value)
    ? value.length
    : members(value as { readonly [key: string]: Json | undefined }).length;
}

/** prettier's rule for arrays whose items are all objects (or all arrays) of 2+ members. */
function mustBreak(value: readonly Json[]): boolean {
  if (value.length < 2) return false;
  const first = value[0];
  const firstIsArray = Array.isArray(first);
  return value.every((v) => isComposite(v) && Array.isArray(v) === firstIsArray && size(v) > 1);
}

function flat(value: Json): string | undefined {
  if (!isComposite(value)) return JSON.stringify(value);
  const parts: string[] = [];
  if (Array.isArray(value)) {
    if (mustBreak(value)) return undefined;
    for (const v of value) {
      const text = flat(v);
      if (text === undefined) return undefined;
      parts.push(text);
    }
    return `[${parts.join(', ')}]`;
  }
  const list = members(value as { readonly [key: string]: Json | undefined });
  if (list.length === 0) return '{}';
  for (const [k, v] of list) {
    const text = flat(v);
    if (text === undefined) return undefined;
    parts.push(`${JSON.stringify(k)}: ${text}`);
  }
  return `{ ${parts.join(', ')} }`;
}

/** `value` at `column`, after `prefix` columns on its line and before `suffix` columns. */
function print(value: Json, column: number, prefix: number, suffix: number): string {
  const one = flat(value);
  if (one !== undefined && column + prefix + one.length + suffix <= WIDTH) return one;
  if (!isComposite(value)) return JSON.stringify(value);
  if (Array.isArray(value) && value.length > 1 && value.every((v) => typeof v === 'number')) {
    // prettier fills a long list of numbers like a paragraph; nothing generated needs that.
    throw new Error('formatJson: a list of numbers longer than a line is not supported');
  }
  const inner = column + 2;
  const pad = ' '.repeat(inner);
  const lines: string[] = [];
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    value.forEach((v, i) => {
      const comma = i < value.length - 1 ? 1 : 0;
      lines.push(`${pad}${print(v, inner, 0, comma)}${comma ? ',' : ''}`);
    });
    return `[\n${lines.join('\n')}\n${' '.repeat(column)}]`;
  }
  const list = members(value as { readonly [key: string]: Json | undefined });
  if (list.length === 0) return '{}';
  list.forEach(([k, v], i) => {
    const key = `${JSON.stringify(k)}: `;
    const comma = i < list.length - 1 ? 1 : 0;
    lines.push(`${pad}${key}${print(v, inner, key.length, comma)}${comma ? ',' : ''}`);
  });
  return `{\n${lines.join('\n')}\n${' '.repeat(column)}}`;
}
