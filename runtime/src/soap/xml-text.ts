/**
 * XML character data in both directions: escaping text we write, and resolving the only
 * references a DOCTYPE-less document may contain (the five predefined entities and numeric
 * character references) in text we read. Anything else is refused, never expanded.
 */
import { xmlCharError } from '../codec-plan.js';

/**
 * True when `c` needs an escape or is not an XML 1.0 character. Characters below 0x20 other
 * than tab and newline are refused, except CR which is escaped as `&#13;` so it survives
 * the parser's line-end normalisation.
 */
function needsWork(c: number): boolean {
  return (
    (c < 0x20 && c !== 0x09 && c !== 0x0a) ||
    c === 0x26 ||
    c === 0x3c ||
    c === 0x3e ||
    c === 0x22 ||
    (c >= 0xd800 && (c <= 0xdfff || c >= 0xfffe))
  );
}

/**
 * Escape `&`, `<`, `>`, `"` (and CR); throw on characters XML 1.0 cannot carry (NUL, other
 * C0 controls, lone surrogates, U+FFFE/U+FFFF). The common case, nothing to do, returns the
 * input after one charCode scan with no allocation.
 */
export function escapeXmlText(text: string): string {
  const n = text.length;
  let i = 0;
  while (i < n && !needsWork(text.charCodeAt(i))) i++;
  if (i === n) return text;
  const parts: string[] = [];
  let from = 0;
  for (; i < n; i++) {
    const c = text.charCodeAt(i);
    if (!needsWork(c)) continue;
    let replacement: string;
    switch (c) {
      case 0x26:
        replacement = '&amp;';
        break;
      case 0x3c:
        replacement = '&lt;';
        break;
      case 0x3e:
        replacement = '&gt;';
        break;
      case 0x22:
        replacement = '&quot;';
        break;
      case 0x0d:
        replacement = '&#13;';
        break;
      default:
        if (c >= 0xd800 && c <= 0xdbff) {
          const next = i + 1 < n ? text.charCodeAt(i + 1) : 0;
          if (next >= 0xdc00 && next <= 0xdfff) {
            i++; // a valid surrogate pair: keep both halves as they are
            continue;
          }
        }
        throw xmlCharError(c, i);
    }
    if (i > from) parts.push(text.slice(from, i));
    parts.push(replacement);
    from = i + 1;
  }
  if (from < n) parts.push(text.slice(from));
  return parts.join('');
}

const PREDEFINED: Readonly<Record<string, string>> = {
  lt: '<',
  gt: '>',
  amp: '&',
  quot: '"',
  apos: "'",
};

/** Thrown by decodeXmlReferences; the reader turns it into a WireFormatError with context. */
export class XmlReferenceError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

function isXmlChar(code: number): boolean {
  return (
    code === 0x9 ||
    code === 0xa ||
    code === 0xd ||
    (code >= 0x20 && code <= 0xd7ff) ||
    (code >= 0xe000 && code <= 0xfffd) ||
    (code >= 0x10000 && code <= 0x10ffff)
  );
}

/**
 * Resolve references in `text.slice(start, end)` and normalise CR LF / CR to LF (XML 1.0
 * §2.11). Undefined entities (only a DOCTYPE could define them, and DOCTYPEs are refused)
 * throw rather than pass through.
 */
export function decodeXmlReferences(text: string, start: number, end: number): string {
  const parts: string[] = [];
  let from = start;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x0d) {
      if (i > from) parts.push(text.slice(from, i));
      parts.push('\n');
      if (i + 1 < end && text.charCodeAt(i + 1) === 0x0a) i++;
      from = i + 1;
      continue;
    }
    if (c !== 0x26) continue;
    const semi = text.indexOf(';', i + 1);
    if (semi === -1 || semi >= end || semi - i > 12)
      throw new XmlReferenceError('unterminated "&" reference', i);
    const name = text.slice(i + 1, semi);
    let replacement: string | undefined;
    if (name.charCodeAt(0) === 35 /* # */) {
      const hex = name.charCodeAt(1) === 120; /* x */
      const digits = name.slice(hex ? 2 : 1);
      const valid = digits.length > 0 && (hex ? /^[0-9a-fA-F]+$/ : /^[0-9]+$/).test(digits);
      const code = valid ? parseInt(digits, hex ? 16 : 10) : NaN;
      if (!isXmlChar(code)) throw new XmlReferenceError(`invalid character reference &${name};`, i);
      replacement = String.fromCodePoint(code);
    } else {
      replacement = Object.hasOwn(PREDEFINED, name) ? PREDEFINED[name] : undefined;
      if (replacement === undefined) {
        throw new XmlReferenceError(
          `undefined entity &${name.slice(0, 20)}; (entities are never expanded)`,
          i,
        );
      }
    }
    if (i > from) parts.push(text.slice(from, i));
    parts.push(replacement);
    i = semi;
    from = semi + 1;
  }
  if (from < end) parts.push(text.slice(from, end));
  return parts.join('');
}
