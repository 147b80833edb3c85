/**
 * JSON.parse turns every number literal into a double, so `9007199254740993` arrives as
 * ...992. Node 20's JSON.parse has no reviver `context.source`, so before parsing, number
 * literals with 16 or more digits (the shortest that can lose precision) are wrapped in
 * quotes; the decode plan then keeps them as strings where the type is int64/decimal and
 * turns them back into numbers elsewhere. Digits inside JSON strings are never touched.
 */

/**
 * A number literal of 16+ digits (a decimal point allowed among them, as the scan below
 * counts them) right after `:`, `[` or `,` (whitespace allowed): where a number can start.
 * It must find every number the scan would quote, or whether one is quoted would depend on
 * the other numbers in the text.
 */
const MAYBE_BIG = /[:[,]\s*-?(?:\d\.?){16}/;

export function protectBigNumbers(json: string): string {
  if (!MAYBE_BIG.test(json)) return json;
  const parts: string[] = [];
  const n = json.length;
  let from = 0;
  let i = 0;
  while (i < n) {
    const c = json.charCodeAt(i);
    if (c === 34 /* " */) {
      i = endOfString(json, i);
      continue;
    }
    if (c === 45 /* - */ || (c >= 48 && c <= 57)) {
      const start = i;
      let digits = 0;
      let plain = true; // no exponent: quoting an exponent form would only confuse int64 positions
      while (i < n) {
        const d = json.charCodeAt(i);
        if (d >= 48 && d <= 57) digits++;
        else if (d === 101 || d === 69) plain = false;
        else if (d !== 45 && d !== 43 && d !== 46) break;
        i++;
      }
      if (digits >= 16 && plain && quotable(json, start, i)) {
        parts.push(json.slice(from, start), '"', json.slice(start, i), '"');
        from = i;
      }
      continue;
    }
    i++;
  }
  if (from === 0) return json;
  parts.push(json.slice(from));
  return parts.join('');
}

/** A plain JSON number (no exponent). */
const NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?$/;

/**
 * Whether the literal from `start` to `end` may be quoted: a well-formed number in a value's
 * place (after `:`, `[` or `,`, not before `:`). Then quoting turns JSON into JSON and
 * anything else into something that is still not JSON: a malformed literal (`1-2`) or a
 * number used as a key would otherwise become a valid string.
 */
function quotable(json: string, start: number, end: number): boolean {
  if (!NUMBER.test(json.slice(start, end))) return false;
  let before = start - 1;
  while (before >= 0 && isSpace(json.charCodeAt(before))) before--;
  const b = before >= 0 ? json.charCodeAt(before) : -1;
  if (b !== 58 /* : */ && b !== 91 /* [ */ && b !== 44 /* , */) return false;
  let after = end;
  while (after < json.length && isSpace(json.charCodeAt(after))) after++;
  return json.charCodeAt(after) !== 58;
}

function isSpace(c: number): boolean {
  return c === 32 || c === 10 || c === 13 || c === 9;
}

/** Index just past the string literal starting at `start` (or the end, for JSON.parse to reject). */
function endOfString(json: string, start: number): number {
  let j = start + 1;
  for (;;) {
    const quote = json.indexOf('"', j);
    if (quote === -1) return json.length;
    let backslashes = 0;
    for (let k = quote - 1; k > start && json.charCodeAt(k) === 92; k--) backslashes++;
    if (backslashes % 2 === 0) return quote + 1;
    j = quote + 1;
  }
}
