import { propertyKey, quote } from './naming.ts';

/**
 * Prints plain data (the descriptors) as a TypeScript expression laid out exactly as
 * prettier would (printWidth 100, trailing commas): an object or array goes on one line
 * when it fits and is expanded otherwise; an array of two or more multi-key objects is
 * always expanded, as prettier does. Running prettier over the result changes nothing, so
 * the multi-megabyte descriptor files need not go through it.
 */

/** A piece of code used as a value (a constant's name). */
export class Code {
  constructor(readonly text: string) {}
}

export type Data =
  string | number | boolean | Code | readonly Data[] | { readonly [key: string]: Data | undefined };

const WIDTH = 100;

/**
 * `value` printed at `column`, after `prefix` (already on the line) and followed by
 * `suffix` (`,` or `;`). Returns the text from the value's first character to its end,
 * without the suffix; continuation lines carry their own indentation.
 */
export function printData(
  value: Data,
  column: number,
  prefixWidth: number,
  suffixWidth: number,
): string {
  const flat = flatText(value);
  if (flat !== undefined && column + prefixWidth + flat.length + suffixWidth <= WIDTH) return flat;
  return expanded(value, column);
}

function entries(value: { readonly [key: string]: Data | undefined }): [string, Data][] {
  return Object.entries(value).filter((e): e is [string, Data] => e[1] !== undefined);
}

function isComposite(
  value: Data,
): value is readonly Data[] | { readonly [key: string]: Data | undefined } {
  return typeof value === 'object' && !(value instanceof Code);
}

function size(value: Data): number {
  if (Array.isArray(value)) return value.length;
  return entries(value as { readonly [key: string]: Data | undefined }).length;
}

/** prettier breaks an array of two or more objects (or arrays) of the same kind with more than one entry each. */
function mustBreak(value: Data): boolean {
  if (!Array.isArray(value) || value.length < 2) return false;
  const firstIsArray = Array.isArray(value[0]);
  return value.every(
    (v: Data) => isComposite(v) && Array.isArray(v) === firstIsArray && size(v) > 1,
  );
}

function scalar(value: string | number | boolean | Code): string {
  if (value instanceof Code) return value.text;
  if (typeof value === 'string') return quote(value);
  return String(value);
}

function flatText(value: Data): string | undefined {
  if (!isComposite(value)) return scalar(value);
  if (mustBreak(value)) return undefined;
  const parts: string[] = [];
  if (Array.isArray(value)) {
    for (const v of value as readonly Data[]) {
      const t = flatText(v);
      if (t === undefined) return undefined;
      parts.push(t);
    }
    return `[${parts.join(', ')}]`;
  }
  const list = entries(value as { readonly [key: string]: Data | undefined });
  if (list.length === 0) return '{}';
  for (const [k, v] of list) {
    const t = flatText(v);
    if (t === undefined) return undefined;
    parts.push(`${propertyKey(k)}: ${t}`);
  }
  return `{ ${parts.join(', ')} }`;
}

function expanded(value: Data, column: number): string {
  if (!isComposite(value)) return scalar(value);
  const inner = column + 2;
  const pad = ' '.repeat(inner);
  const lines: string[] = [];
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    for (const v of value as readonly Data[]) lines.push(`${pad}${printData(v, inner, 0, 1)},`);
    return `[\n${lines.join('\n')}\n${' '.repeat(column)}]`;
  }
  const list = entries(value as { readonly [key: string]: Data | undefined });
  if (list.length === 0) return '{}';
  for (const [k, v] of list) {
    const key = propertyKey(k);
    const text = printData(v, inner, key.length + 2, 1);
    // prettier moves a string that does not fit after the colon to the next line, unless
    // the key is shorter than five columns.
    const breakAfterColon =
      typeof v === 'string' && key.length >= 5 && inner + key.length + 2 + text.length + 1 > WIDTH;
    lines.push(breakAfterColon ? `${pad}${key}:\n${pad}  ${text},` : `${pad}${key}: ${text},`);
  }
  return `{\n${lines.join('\n')}\n${' '.repeat(column)}}`;
}

/** Like printData but never flat: for the outermost objects, which read better expanded. */
export function printExpanded(value: Data, column: number): string {
  return expanded(value, column);
}
