import fc from 'fast-check';
import { format } from 'prettier';
import { describe, expect, it } from 'vitest';
import { PRETTIER_OPTIONS } from '../../generator/emit/format.ts';
import { Code, printData, printExpanded, type Data } from '../../generator/emit/literal.ts';
import {
  methodName,
  propertyKey,
  quote,
  serviceTitle,
  docsUrl,
  freeName,
  isTypeName,
} from '../../generator/emit/naming.ts';
import { CodeWriter } from '../../generator/emit/writer.ts';

/**
 * The large generated files are laid out by the generator itself (prettier would take
 * seconds on them); these tests hold that layout to prettier's: whatever data the
 * descriptor printer gets, prettier leaves the result unchanged.
 */

const prettier = (text: string): Promise<string> =>
  format(text, { ...PRETTIER_OPTIONS, parser: 'typescript' });

const key = fc.oneof(
  fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,40}$/),
  fc.constantFrom('a-b', 'with space', '1st', 'Type', 'namespace', 'x.y'),
);
const text = fc.oneof(
  fc.stringMatching(/^[A-Za-z0-9 /:._-]{0,70}$/),
  fc.constantFrom(
    "it's",
    'say "hi"',
    'both \' and "',
    'back\\slash',
    'https://bingads.microsoft.com/CampaignManagement/v13/Entities/Something/Long',
  ),
);
const scalar: fc.Arbitrary<Data> = fc.oneof(
  text,
  fc.boolean(),
  fc.nat(100000),
  fc.constantFrom(new Code('NS1'), new Code('NS12')),
);
const data: fc.Arbitrary<Data> = fc.letrec<{ value: Data }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    scalar,
    fc.array(tie('value'), { maxLength: 5 }),
    fc.dictionary(key, tie('value'), { maxKeys: 6 }),
  ),
})).value;

describe('printData', () => {
  it('prints what prettier prints, for any data', async () => {
    await fc.assert(
      fc.asyncProperty(fc.dictionary(key, data, { minKeys: 1, maxKeys: 6 }), async (value) => {
        const source = `const NS1 = 'a';\nconst NS12 = 'b';\n\nexport const x = ${printExpanded(value, 0)};\n`;
        expect(await prettier(source)).toBe(source);
      }),
      { numRuns: 300 },
    );
  });

  it('breaks arrays of multi-key objects and long values as prettier does', () => {
    expect(
      printData(
        [
          { a: 1, b: 2 },
          { a: 3, b: 4 },
        ],
        0,
        0,
        1,
      ),
    ).toBe('[\n  { a: 1, b: 2 },\n  { a: 3, b: 4 },\n]');
    expect(printData([{ a: 1 }, { a: 2 }], 0, 0, 1)).toBe('[{ a: 1 }, { a: 2 }]');
    const long = 'x'.repeat(95);
    expect(printExpanded({ longKey: long, k: long }, 0)).toBe(
      `{\n  longKey:\n    '${long}',\n  k: '${long}',\n}`,
    );
    expect(printExpanded({ obj: { a: undefined, b: 'c' } }, 0)).toBe("{\n  obj: { b: 'c' },\n}");
  });
});

describe('CodeWriter', () => {
  it('indents blocks and writes one-line or multi-line doc comments', async () => {
    const w = new CodeWriter();
    w.doc(['Short.']);
    w.block('export interface A {', () => {
      w.doc(['First paragraph.', 'Second, with a */ inside.'], ['@see x']);
      w.line('b?: string;');
    });
    const out = w.toString();
    expect(out).toBe(
      '/** Short. */\nexport interface A {\n  /**\n   * First paragraph.\n   *\n   * Second, with a *\\/ inside.\n   *\n   * @see x\n   */\n  b?: string;\n}\n',
    );
    expect(await prettier(out)).toBe(out);
  });
});

describe('naming', () => {
  it('quotes like prettier and names methods, pages and helper types', () => {
    expect(quote('plain')).toBe("'plain'");
    expect(quote("it's")).toBe('"it\'s"');
    expect(quote('a\'b"c')).toBe("'a\\'b\"c'");
    expect(propertyKey('Type')).toBe('Type');
    expect(propertyKey('a-b')).toBe("'a-b'");
    expect(propertyKey('default')).toBe('default');
    expect(methodName('GetUser')).toBe('getUser');
    expect(methodName('GetBSCCountries')).toBe('getBSCCountries');
    expect(serviceTitle('customer-management-service')).toBe('Customer Management');
    expect(docsUrl('customer-management-service', 'GetUser')).toBe(
      'https://learn.microsoft.com/en-us/advertising/customer-management-service/getuser?view=bingads-13',
    );
    expect(freeName('AdFields', new Set(['AdFields', 'AdFields_']))).toBe('AdFields__');
    expect(isTypeName('Date')).toBe(true);
    expect(isTypeName('string')).toBe(false);
    expect(isTypeName('Bad-Name')).toBe(false);
  });
});
