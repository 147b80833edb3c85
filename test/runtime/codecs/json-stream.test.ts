/**
 * The streaming JSON parser gives exactly what JSON.parse (after the big-number pre-pass)
 * gives for the whole text, however the text is cut into pieces and however small its runs,
 * and refuses exactly the texts JSON.parse refuses.
 */
import fc from 'fast-check';
import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import { protectBigNumbers } from '../../../runtime/src/rest/big-numbers.ts';
import { JsonStreamParser, JsonSyntaxError } from '../../../runtime/src/rest/json-stream.ts';

/** `text` cut at `cuts` (sorted, deduplicated offsets) and fed piece by piece. */
function streamed(text: string, cuts: number[], runChars: number): unknown {
  const parser = new JsonStreamParser({ runChars });
  let from = 0;
  for (const cut of [...new Set(cuts)].sort((a, b) => a - b)) {
    parser.push(text.slice(from, cut));
    from = cut;
  }
  parser.push(text.slice(from));
  const { empty, value } = parser.finish();
  return empty ? 'EMPTY' : value;
}

function whole(text: string): unknown {
  return text.trim() === '' ? 'EMPTY' : JSON.parse(protectBigNumbers(text));
}

/** Same values, same key order (JSON.stringify keeps it), `__proto__` as an own key. */
function expectSame(actual: unknown, expected: unknown): void {
  expect(isDeepStrictEqual(actual, expected)).toBe(true);
  expect(JSON.stringify(actual)).toBe(JSON.stringify(expected));
}

function outcome(run: () => unknown): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: run() };
  } catch (error) {
    if (error instanceof SyntaxError || error instanceof JsonSyntaxError) return { ok: false };
    throw error;
  }
}

const bigNumber = fc
  .bigInt({ min: -(2n ** 63n), max: 2n ** 64n })
  .map((n) => ({ raw: n.toString() }));
/** JSON values, with 16+ digit numbers written raw (the pre-pass quotes those). */
const value = fc.letrec((tie) => ({
  node: fc.oneof(
    { depthSize: 'small' },
    fc.jsonValue({ maxDepth: 1 }),
    bigNumber,
    fc.array(tie('node'), { maxLength: 8 }),
    fc.dictionary(fc.oneof(fc.string(), fc.constant('__proto__')), tie('node'), {
      maxKeys: 6,
    }),
  ),
})).node;

function render(v: unknown, indent: boolean): string {
  const raws: string[] = [];
  const text = JSON.stringify(
    v,
    (_k, x: unknown) => {
      if (x && typeof x === 'object' && 'raw' in x && Object.keys(x).length === 1) {
        raws.push((x as { raw: string }).raw);
        return `\u0000RAW${raws.length - 1}\u0000`;
      }
      return x;
    },
    indent ? 2 : undefined,
  );
  return text.replace(/"\\u0000RAW(\d+)\\u0000"/g, (_m, i: string) => raws[Number(i)]!);
}

describe('JsonStreamParser', () => {
  it('gives what JSON.parse gives, for any cuts and run size', () => {
    fc.assert(
      fc.property(
        value,
        fc.boolean(),
        fc.array(fc.nat(), { maxLength: 12 }),
        fc.integer({ min: 1, max: 40 }),
        (v, indent, cuts, runChars) => {
          const text = render(v, indent);
          const at = cuts.map((c) => c % (text.length + 1));
          expectSame(streamed(text, at, runChars), whole(text));
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('refuses exactly what JSON.parse refuses', () => {
    const alphabet = fc.constantFrom(...'{}[],:"\\ 01e-.tnu\n'.split(''));
    fc.assert(
      fc.property(
        value,
        fc.array(fc.tuple(fc.nat(), fc.nat({ max: 2 }), alphabet), { minLength: 1, maxLength: 3 }),
        fc.array(fc.nat(), { maxLength: 6 }),
        fc.integer({ min: 1, max: 20 }),
        (v, edits, cuts, runChars) => {
          let text = render(v, false);
          for (const [at, kind, ch] of edits) {
            const i = at % (text.length + 1);
            if (kind === 0) text = text.slice(0, i) + text.slice(i + 1);
            else if (kind === 1) text = text.slice(0, i) + ch + text.slice(i);
            else text = text.slice(0, i) + ch + text.slice(i + 1);
          }
          const at = cuts.map((c) => c % (text.length + 1));
          const expected = outcome(() => whole(text));
          const actual = outcome(() => streamed(text, at, runChars));
          expect(actual.ok).toBe(expected.ok);
          if (actual.ok && expected.ok) expectSame(actual.value, expected.value);
        },
      ),
      { numRuns: 3000 },
    );
  });

  it.each([
    ['escaped quotes and backslashes cut anywhere', '{"a":"x\\\\\\"y\\\\","b":["\\\\\\\\"]}'],
    ['a string longer than a run', `["${'s'.repeat(200)}",1]`],
    ['a literal cut in the middle', '[12345678901234567890,true,null,-0.5e-3]'],
    ['__proto__ as an own member', '{"a":{"__proto__":{"x":1},"b":2},"__proto__":[1]}'],
    ['whitespace everywhere', ' \n{ "a" :\t[ 1 , { "b" : [ ] } ] , "c" : { } } \r\n'],
    ['duplicate keys across runs', '{"a":1,"b":[1,2,3,4,5,6,7,8,9],"a":2}'],
    ['a bare literal', ' 42 '],
  ])('%s', (_name, text) => {
    for (let cut = 0; cut <= text.length; cut++) {
      for (const runChars of [1, 3, 8]) {
        expectSame(streamed(text, [cut, cut + 1, cut + 3], runChars), whole(text));
      }
    }
  });

  it.each([
    ['trailing garbage', '{"a":1} x'],
    ['two values', '[1] [2]'],
    ['a trailing comma', '{"a":[1,2,],"b":0}'],
    ['a missing colon', '{"a" 1}'],
    ['an unterminated string', '["abc'],
    ['an unclosed container', '{"a":[1,2'],
    ['a byte-order mark', '\ufeff{}'],
    ['a mismatched closer', '{"a":[1}]'],
  ])('refuses %s', (_name, text) => {
    expect(() => JSON.parse(text)).toThrow(SyntaxError);
    for (const runChars of [1, 4, 1000]) {
      expect(() => streamed(text, [1, 5, 9], runChars)).toThrow(JsonSyntaxError);
    }
  });

  it('whitespace only is empty', () => {
    expect(streamed(' \n\t ', [2], 4)).toBe('EMPTY');
  });

  it('nests beyond the opened-frame limit by parsing the inner part whole', () => {
    const text = `${'['.repeat(300)}1${']'.repeat(300)}`;
    expectSame(streamed(text, [], 1), whole(text));
  });

  it('reads a string arriving over many pieces', () => {
    const parser = new JsonStreamParser();
    parser.push('{"a":"');
    const piece = 'x'.repeat(64 * 1024);
    for (let i = 0; i < 64; i++) parser.push(piece);
    parser.push('"}');
    const { value } = parser.finish();
    expect((value as { a: string }).a).toHaveLength(64 * 64 * 1024);
  });
});

describe('the big-number pre-pass', () => {
  it('quotes a long decimal whatever the other numbers are', () => {
    expect(protectBigNumbers('{"a":0.1234567890123456}')).toBe('{"a":"0.1234567890123456"}');
    expect(protectBigNumbers('[-1234567.123456789]')).toBe('["-1234567.123456789"]');
  });

  it.each([
    ['a malformed literal', '[1234567890123456,1-000000000000000]'],
    ['a number used as a key', '{"a":1234567890123456,1234567890123456:2}'],
    ['leading zeros', '[1234567890123456,0000000000000001]'],
  ])('never turns %s into JSON', (_name, text) => {
    expect(() => JSON.parse(text)).toThrow(SyntaxError);
    expect(() => JSON.parse(protectBigNumbers(text))).toThrow(SyntaxError);
  });
});
