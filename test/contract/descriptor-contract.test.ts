import { readFileSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { descriptorData } from '../../generator/emit/emit-descriptor.ts';
import { analyzeFamilies } from '../../generator/emit/families.ts';
import { mergeModels } from '../../generator/model/merge.ts';
import type { ServiceDescriptor } from '../../runtime/src/descriptors.ts';
import { formatDiagnostics, STRICT_OPTIONS, typeCheck } from '../emit/ts-check.ts';
import { TINY_ENTRY, tinyRest, tinySoap } from '../emit/tiny-models.ts';

/**
 * The generator–runtime contract is checked by the compiler: the generator builds descriptor
 * data typed as the runtime's descriptor types, so a wrong shape fails `tsc`.
 */

const WRONG = fileURLToPath(new URL('./wrong-descriptors.ts', import.meta.url));
const OPTIONS = { ...STRICT_OPTIONS, allowImportingTsExtensions: true, types: [] };

describe('descriptor contract', () => {
  it('every deliberately wrong descriptor is a compile error', () => {
    // With the directives in place the file compiles: each one met the error it expects.
    expect(formatDiagnostics(typeCheck([WRONG], OPTIONS))).toEqual([]);
  });

  it('without its @ts-expect-error each one fails for the reason it names', () => {
    const dir = mkdtempSync(join(tmpdir(), 'adsgen-contract-'));
    try {
      const source = readFileSync(WRONG, 'utf8');
      const bare = join(dir, 'wrong.ts');
      writeFileSync(join(dir, 'package.json'), '{"type":"module"}');
      // The import path is made absolute so the copy still reaches the runtime's types.
      const runtime = fileURLToPath(new URL('../../runtime/src/descriptors.ts', import.meta.url));
      writeFileSync(
        bare,
        source
          .replace('../../runtime/src/descriptors.ts', runtime)
          .replace(/^[ \t]*\/\/ @ts-expect-error.*$/gm, '// (directive removed)'),
      );
      // The line after each directive: where its error must be, and the only places one may be.
      const expected = source
        .split('\n')
        .flatMap((line, i) => (line.includes('// @ts-expect-error') ? [i + 2] : []));
      const errors = typeCheck([bare], OPTIONS);
      expect(expected).toHaveLength(6);
      expect([...new Set(errors.map((e) => e.line))]).toEqual(expected);
      const text = formatDiagnostics(errors).join('\n');
      for (const word of ['int65', 'nullable', 'grpc', 'number', 'get', 'fields']) {
        expect(text).toContain(word);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('the generator builds its descriptor data as a ServiceDescriptor', () => {
    const m = mergeModels(tinySoap(), tinyRest());
    // Typed at compile time; here the data also round-trips as the plain JSON it is.
    const d: ServiceDescriptor = descriptorData(m, analyzeFamilies(m), TINY_ENTRY);
    expect(JSON.parse(JSON.stringify(d))).toEqual(d);
    expect(Object.keys(d.operations).length).toBeGreaterThan(0);
  });
});
