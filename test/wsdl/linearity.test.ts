/**
 * Reading a WSDL costs time linear in its size, whatever its line layout: WCF's
 * `?singleWsdl` may put megabytes on one line, and a per-element lookup that rescans to the
 * next newline made such a file quadratic (a 48 MB WSDL did not finish in five minutes).
 * The check is a ratio of two sizes, best of several runs, so the machine's speed and load
 * cancel out; the sizes are chosen so that quadratic growth would give a ratio near 4.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { ENT, PING_SCHEMA, read, schema, wsdl } from './fixtures.ts';

/** A WSDL with `n` complex types; `newlines` puts each on its own line, else all on one. */
function generated(n: number, newlines: boolean): string {
  const parts: string[] = [];
  for (let i = 0; i < n; i++) {
    parts.push(
      `<xs:complexType name="T${i}"><xs:sequence>` +
        `<xs:element minOccurs="0" name="A" nillable="true" type="xs:string" />` +
        `<xs:element minOccurs="0" name="B" type="xs:long" />` +
        `<xs:element minOccurs="0" name="C" nillable="true" type="tns:T${(i + 1) % n}" />` +
        `</xs:sequence></xs:complexType>`,
    );
  }
  return wsdl({ schemas: [PING_SCHEMA, schema(ENT, parts.join(newlines ? '\n' : ''))] });
}

// A full collection before each timed read, so no read pays for garbage an earlier one left:
// a larger heap's collections would otherwise make the ratio drift above linear.
setFlagsFromString('--expose-gc');
const collect = runInNewContext('gc') as () => void;

/** CPU time of one read in ms (CPU rather than wall time: the machine may be shared). */
function readTime(xml: string): number {
  collect();
  const before = process.cpuUsage();
  read(xml);
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1000;
}

/**
 * Best time of the large document over best time of the small one, reading them in turn
 * until the ratio is within `limit` or `rounds` pairs have run: noise only ever adds time,
 * so the best of several runs approaches the true cost, while a quadratic reader stays near
 * 4 in every round.
 */
function bestRatio(small: string, large: string, limit: number, rounds: number): number {
  readTime(small); // warm-up: JIT and the shapes of the tree
  let bestSmall = Infinity;
  let bestLarge = Infinity;
  for (let r = 0; r < rounds; r++) {
    bestSmall = Math.min(bestSmall, readTime(small));
    bestLarge = Math.min(bestLarge, readTime(large));
    if (r >= 2 && bestLarge / bestSmall <= limit) break;
  }
  return bestLarge / bestSmall;
}

describe('WSDL reading time', () => {
  it.each([
    ['all on one line', false],
    ['one type per line', true],
  ])(
    'grows linearly with the size of the document (%s)',
    { timeout: 120_000 },
    (_label, newlines) => {
      const n = 3000;
      const small = generated(n, newlines);
      const large = generated(2 * n, newlines);
      expect(read(large).types.length).toBe(2 * n + 3);
      expect(bestRatio(small, large, 2.5, 25)).toBeLessThanOrEqual(2.5);
    },
  );
});
