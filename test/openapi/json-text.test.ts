import { describe, expect, it } from 'vitest';
import { findDuplicateKey } from '../../generator/openapi/find-duplicate-keys.ts';
import { jsonErrorOffset } from '../../generator/openapi/json-error-offset.ts';
import { lineColumn } from '../../generator/openapi/text-position.ts';

describe('findDuplicateKey', () => {
  it('finds nothing in JSON without repeated keys, equal keys in sibling objects included', () => {
    expect(findDuplicateKey('{"a":{"x":1},"b":{"x":2},"c":[{"x":1},{"x":2}]}')).toBeUndefined();
  });

  it('ignores braces, commas and escaped quotes inside strings', () => {
    expect(findDuplicateKey('{"a":"}{,\\"a\\":","b":"\\\\","c":1}')).toBeUndefined();
  });

  it('points at the repeated member, through arrays', () => {
    const text = '{"paths":{"/A":{"post":{}}},"list":[{"k":1},{"k":1,"k":2}]}';
    expect(findDuplicateKey(text)).toEqual({
      pointer: '#/list/1/k',
      key: 'k',
      offset: text.lastIndexOf('"k"'),
    });
  });

  it('escapes the pointer and compares keys after unescaping', () => {
    const text = '{"paths":{"/A":1,"\\/A":2}}';
    expect(findDuplicateKey(text)).toMatchObject({ pointer: '#/paths/~1A', key: '/A' });
  });
});

describe('jsonErrorOffset', () => {
  const cases: [string, string, number][] = [
    ['object closed too early', '{"a": }', 6],
    ['trailing comma', '{"a":1,}', 7],
    ['single quotes', "{'a':1}", 1],
    ['unterminated string', '{"a":"x', 5],
    ['garbage after the value', '{} x', 3],
    ['bad literal', '[tru]', 1],
    ['control character in string', '["a\u0001"]', 1],
  ];
  for (const [title, text, offset] of cases) {
    it(title, () => expect(jsonErrorOffset(text)).toBe(offset));
  }

  it('returns the text length for valid JSON', () => {
    const text = ' {"a":[1,-2.5e3,true,false,null,"x\\u00e9\\n"],"b":{}} ';
    expect(() => JSON.parse(text)).not.toThrow();
    expect(jsonErrorOffset(text)).toBe(text.length);
  });
});

describe('lineColumn', () => {
  it('counts 1-based lines and columns', () => {
    expect(lineColumn('ab\ncd\nef', 0)).toEqual({ line: 1, column: 1 });
    expect(lineColumn('ab\ncd\nef', 4)).toEqual({ line: 2, column: 2 });
    expect(lineColumn('ab\ncd\nef', 8)).toEqual({ line: 3, column: 3 });
  });
});
