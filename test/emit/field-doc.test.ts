/**
 * The one-line TSDoc each generated field carries: what the wire expects where the TypeScript
 * type does not say it (int64 and decimal strings, one-protocol fields, null on one protocol
 * only, the enum a string comes from).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FieldDocs } from '../../generator/emit/field-doc.ts';
import type { MergedField, MergedModel, MergedType } from '../../generator/model/merge.ts';
import { serviceIds } from '../../generator/specs/manifest.ts';
import { arr, n, p } from './tiny-models.ts';

const root = join(import.meta.dirname, '..', '..');

function field(extra: Partial<MergedField> & Pick<MergedField, 'type'>): MergedField {
  return {
    name: 'F',
    minOccurs: 0,
    maxOccurs: 1,
    nullable: false,
    optional: true,
    protocols: 'both',
    ...extra,
  };
}

const types: MergedType[] = [
  {
    kind: 'enum',
    name: 'AdStatus',
    values: ['Active', 'Paused'],
    flags: false,
    protocols: 'both',
    soapOnlyValues: [],
    restOnlyValues: [],
  },
  {
    kind: 'enum',
    name: 'AdAdditionalField',
    values: ['ImpressionTrackingUrls'],
    flags: true,
    protocols: 'both',
    soapOnlyValues: [],
    restOnlyValues: [],
  },
  { kind: 'alias', name: 'Money', target: p('decimal'), protocols: 'both' },
];
const model: MergedModel = {
  service: 'tiny',
  name: 'TinyService',
  sources: {},
  operations: [],
  types,
};
const docs = new FieldDocs(model);

describe('field docs', () => {
  it.each<[string, MergedField, string | undefined]>([
    ['a plain string', field({ type: p('string') }), undefined],
    ['a plain int32', field({ type: p('int32') }), undefined],
    ['an id', field({ type: p('int64') }), 'int64 as a decimal string.'],
    [
      'a nillable id',
      field({ type: p('int64'), nullable: true }),
      'int64 as a decimal string; nillable.',
    ],
    [
      'an id list with null items',
      field({ type: arr(p('int64'), { itemNullable: true }), nullable: true }),
      'int64 values as decimal strings; nillable; items may be null.',
    ],
    [
      'repeated ids',
      field({ type: p('uint64'), maxOccurs: 'unbounded' }),
      'uint64 values as decimal strings.',
    ],
    ['a decimal', field({ type: p('decimal') }), 'Decimal as a string.'],
    ['an alias of decimal', field({ type: n('Money') }), 'Decimal as a string.'],
    ['a date-time', field({ type: p('dateTime') }), 'Date-time as ISO 8601 text.'],
    ['bytes', field({ type: p('base64') }), 'Bytes as base64 text.'],
    [
      'an enum nillable on SOAP only',
      field({ type: n('AdStatus'), nullable: true, restNullable: false }),
      'One of {@link AdStatus}; nillable on SOAP (REST omits null).',
    ],
    ['an enum list', field({ type: arr(n('AdStatus')) }), 'Each item one of {@link AdStatus}.'],
    [
      'flags',
      field({ type: n('AdAdditionalField') }),
      'A list of {@link AdAdditionalField} flags.',
    ],
    ['SOAP only', field({ type: p('string'), protocols: 'soap' }), 'SOAP only.'],
    [
      'REST only, nillable',
      field({ type: p('string'), protocols: 'rest', nullable: true }),
      'REST only; nillable.',
    ],
    ['renamed on REST', field({ type: p('string'), restName: 'Key' }), 'REST name `Key`.'],
    [
      'a REST map',
      field({ type: arr(p('string')), restMap: true }),
      'One JSON object `{ "<Key>": "<Value>" }` on REST (the client converts).',
    ],
    [
      'the spec’s own text first',
      field({ type: p('int64'), doc: 'The  identifier\n of the ad', protocols: 'soap' }),
      'The identifier of the ad. SOAP only; int64 as a decimal string.',
    ],
  ])('%s', (_, f, want) => {
    expect(docs.line(f)).toBe(want);
  });
});

describe('field docs in the generated packages', () => {
  it('say what the wire expects on one line each', () => {
    const text = readFileSync(
      join(root, 'generated', 'customer-management', 'src', 'types.ts'),
      'utf8',
    );
    const body = /export interface AdvertiserAccount \{\n([\s\S]*?)\n\}\n/.exec(text)?.[1] ?? '';
    expect(body).toContain('  /** int64 as a decimal string; nillable. */\n  Id?: string | null;');
    expect(body).toContain(
      '  /** One of {@link CurrencyCode}; nillable on SOAP (REST omits null). */\n  CurrencyCode?: CurrencyCode | null;',
    );
    expect(body).toContain(
      '  /** Decimal as a string; nillable. */\n  BillingThresholdAmount?: string | null;',
    );
  });

  it.each(serviceIds())('%s: every field doc is one line and links an exported type', (id) => {
    const text = readFileSync(join(root, 'generated', id, 'src', 'types.ts'), 'utf8');
    const lines = text.split('\n');
    const exported = new Set(
      [...text.matchAll(/^export (?:interface|type|const) (\w+)/gm)].map((m) => m[1]),
    );
    let docs = 0;
    for (const [i, line] of lines.entries()) {
      // A field line inside an interface: two spaces, a name, `?:` or `:`.
      if (!/^ {2}['\w]+\??: /.test(line)) continue;
      const above = lines[i - 1] ?? '';
      if (above.startsWith('  /**')) {
        docs++;
        expect(above).toMatch(/^ {2}\/\*\* .+ \*\/$/);
        for (const m of above.matchAll(/\{@link (\w+)\}/g)) expect(exported).toContain(m[1]);
      }
      expect(above).not.toBe('   */');
    }
    expect(docs).toBeGreaterThan(0);
  });
});
