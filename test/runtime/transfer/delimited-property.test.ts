/**
 * The streaming reader (Papa Parse driven chunk by chunk, partial rows carried over) against
 * csv-parse reading the whole text at once: for generated files of awkward values — quotes,
 * doubled quotes, delimiters and line breaks inside values, non-ASCII text, empty values, CRLF
 * or LF line ends — cut into chunks at arbitrary byte positions (inside a quoted value, between
 * '\r' and '\n', inside a multi-byte character), both must read the same records. One
 * difference is by design: a line holding one empty quoted value is skipped as an empty line.
 */
import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { parseDelimited } from '../../../runtime/src/transfer/delimited.js';

const value = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.constantFrom(
    '',
    '"',
    '""',
    ',',
    '\n',
    '\r',
    '\r\n',
    'x\r',
    'a,b',
    'say "hi"',
    'é€😀',
    '--',
    '1,234.50',
  ),
);

function toCsv(rows: string[][], lineEnd: string): string {
  const quote = (v: string) => `"${v.replaceAll('"', '""')}"`;
  return rows.map((r) => r.map(quote).join(',')).join(lineEnd) + lineEnd;
}

async function readInChunks(bytes: Buffer, cuts: number[]): Promise<string[][]> {
  const at = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
  const chunks = async function* () {
    let from = 0;
    for (const to of [...at, bytes.length]) {
      if (to > from) yield bytes.subarray(from, to);
      from = to;
    }
  };
  const out: string[][] = [];
  for await (const record of parseDelimited(chunks())) out.push(record);
  return out;
}

it('reads what csv-parse reads from the whole file, however the bytes are cut', async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.array(fc.array(value, { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 30 }),
      fc.constantFrom('\r\n', '\n'),
      fc.array(fc.nat(), { maxLength: 12 }),
      async (rows, lineEnd, cuts) => {
        const text = toCsv(rows, lineEnd);
        // A line of one empty quoted value ("") reads as an empty line, and is skipped like one.
        const expected = (
          parse(text, { relax_column_count: true, skip_empty_lines: true }) as string[][]
        ).filter((r) => r.length > 1 || r[0] !== '');
        expect(await readInChunks(Buffer.from(text), cuts)).toEqual(expected);
      },
    ),
    { numRuns: 400 },
  );
});

it('reads a file of 20,000 quoted rows cut into 1,000 uneven chunks like the file read whole', async () => {
  const rows = Array.from({ length: 20_000 }, (_, i) => [
    String(i),
    `Campaign ${i} "q", with comma${i % 7 === 0 ? '\r\nand a line break' : ''}`,
    i % 3 === 0 ? '' : `${i}.5%`,
  ]);
  const text = toCsv(rows, '\r\n');
  const bytes = Buffer.from(text);
  const cuts = Array.from({ length: 1000 }, (_, i) => Math.floor((i * 7919 * 31) % bytes.length));
  expect(await readInChunks(bytes, cuts)).toEqual(rows);
});
