import { propertyKey, quote } from './naming.ts';

/**
 * Prints plain data (the descriptors) as a TypeScript expression laid out exactly as
 * prettier would (printWidth 100, trailing commas): an object or array goes on one line
 * when it fits and is expanded otherwise; an array of two or more multi-key objects is
 * always expanded, as prettier does. Running prettier over the result changes nothing, so
 * large generated files (the enum objects of types.ts) need not go through it. Also: JSON text
 * for a `String.raw` template literal (`templateJson`, `rawTemplate`), the descriptor's form.
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

/**
 * `value` as compact JSON text that a `String.raw` template literal holds unchanged: a backtick
 * and the `$` of `${` (which can only stand inside JSON strings) are written as the JSON
 * escapes `\u0060` and `\u0024`, which JSON.parse turns back into the same characters. Every
 * other character JSON.stringify writes stands for itself in a raw template (it escapes
 * control characters such as CR, the only character a template would normalise, and lone
 * surrogates). Undefined members are left out, as JSON.stringify does.
 */
export function templateJson(value: unknown): string {
  const text = JSON.stringify(value);
  if (text === undefined) throw new Error('templateJson: the value has no JSON form');
  return text.replace(/`/g, '\\u0060').replace(/\$\{/g, '\\u0024{');
}

/**
 * `String.raw` template literal of `text`, which the template must hold character for
 * character: throws when `text` holds what would end the template or be read differently (a
 * backtick, `${`, a CR, or a trailing backslash) instead of silently changing the data.
 * prettier leaves a template's content as it is, so any line layout of `text` stays.
 */
export function rawTemplate(text: string): string {
  const bad = /`|\$\{|\r/.exec(text) ?? (text.endsWith('\\') ? { index: text.length - 1 } : null);
  if (bad) {
    throw new Error(
      `rawTemplate: the text cannot stand unchanged in a String.raw template (at ${bad.index}: ` +
        `${JSON.stringify(text.slice(Math.max(0, bad.index - 20), bad.index + 20))})`,
    );
  }
  return `String.raw\`${text}\``;
}
