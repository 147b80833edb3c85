import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ServiceModel, TypeRef } from '../../generator/model/types.ts';
import { readOpenApi } from '../../generator/openapi/index.ts';

/**
 * The six real documents (specs/, put there by `npm run specs`). Expected counts are the
 * table in specs/README.md; operation counts and field types are re-derived from the raw
 * JSON here, independently of the reader.
 */
const SPECS_DIR = fileURLToPath(new URL('../../specs/', import.meta.url));

export interface Row {
  operations: number;
  paths: number;
  objects: number;
  enums: number;
  flags: number;
  bases: number;
  subclasses: number;
  /** Mapped `<Base>Base` schemas folded into their base. */
  folded: string[];
  /** Unmapped `<Base>Base` schemas dropped. */
  dropped: string[];
  abstract: string[];
}

export const TABLE: Record<string, Row> = {
  'customer-management': {
    operations: 39,
    paths: 33,
    objects: 100,
    enums: 21,
    flags: 1,
    bases: 1,
    subclasses: 4,
    folded: [],
    dropped: ['ApplicationFaultBase'],
    abstract: ['ApplicationFault'],
  },
  'campaign-management': {
    operations: 191,
    paths: 141,
    objects: 740,
    enums: 129,
    flags: 32,
    bases: 26,
    subclasses: 176,
    folded: ['BatchErrorBase', 'BatchErrorCollectionBase', 'MediaRepresentationBase'],
    dropped: [
      'AdBase',
      'AdExtensionBase',
      'AdGroupCriterionBase',
      'ApplicationFaultBase',
      'AssetBase',
      'AudienceBase',
      'AudienceGroupDimensionBase',
      'BiddingSchemeBase',
      'CampaignCriterionBase',
      'ConversionGoalBase',
      'CriterionBase',
      'CriterionBidBase',
      'CriterionCashbackBase',
      'ImportJobBase',
      'ImportOptionBase',
      'LinkedInSegmentBase',
      'MediaBase',
      'RemarketingRuleBase',
      'RuleItemBase',
      'SettingBase',
      'SharedListBase',
      'SharedListItemBase',
    ],
    abstract: [
      'Ad',
      'AdExtension',
      'AdGroupCriterion',
      'ApplicationFault',
      'Asset',
      'Audience',
      'AudienceGroupDimension',
      'BiddingScheme',
      'CampaignCriterion',
      'ConversionGoal',
      'Criterion',
      'CriterionBid',
      'CriterionCashback',
      'ImportJob',
      'ImportOption',
      'LinkedInSegment',
      'Media',
      'RemarketingRule',
      'RuleItem',
      'Setting',
      'SharedEntity',
      'SharedListItem',
    ],
  },
  bulk: {
    operations: 6,
    paths: 6,
    objects: 29,
    enums: 7,
    flags: 1,
    bases: 2,
    subclasses: 11,
    folded: ['BatchErrorBase'],
    dropped: ['ApplicationFaultBase'],
    abstract: ['ApplicationFault'],
  },
  reporting: {
    operations: 2,
    paths: 2,
    objects: 110,
    enums: 71,
    flags: 18,
    bases: 2,
    subclasses: 51,
    folded: [],
    dropped: ['ApplicationFaultBase', 'ReportRequestBase'],
    abstract: ['ApplicationFault', 'ReportRequest'],
  },
  'ad-insight': {
    operations: 33,
    paths: 33,
    objects: 179,
    enums: 32,
    flags: 3,
    bases: 8,
    subclasses: 37,
    folded: ['KeywordOpportunityBase', 'RecommendationInfoBase'],
    dropped: [
      'ApplicationFaultBase',
      'PerformanceInsightsMessageParameterBase',
      'RecommendationBaseBase',
    ],
    abstract: [
      'ApplicationFault',
      'Criterion',
      'PerformanceInsightsMessageParameter',
      'Recommendation',
      'RecommendationBase',
      'SearchParameter',
    ],
  },
  'customer-billing': {
    operations: 16,
    paths: 15,
    objects: 55,
    enums: 8,
    flags: 2,
    bases: 1,
    subclasses: 4,
    folded: [],
    dropped: ['ApplicationFaultBase'],
    abstract: ['ApplicationFault'],
  },
};

export const HTTP_METHODS = new Set([
  'get',
  'put',
  'post',
  'delete',
  'patch',
  'head',
  'options',
  'trace',
]);
export type Json = Record<string, any>;

const loaded = new Map<string, { raw: Json; model: ServiceModel; ms: number }>();
export function load(id: string) {
  let entry = loaded.get(id);
  if (!entry) {
    const file = `${id}.openapi.json`;
    const text = readFileSync(`${SPECS_DIR}${file}`, 'utf8');
    const start = performance.now();
    const model = readOpenApi(text, { file, service: id });
    const ms = performance.now() - start;
    entry = { raw: JSON.parse(text) as Json, model, ms };
    loaded.set(id, entry);
  }
  return entry;
}

export function reportParseTimes(): void {
  // Reported, never asserted: timing depends on the machine.
  const times = [...loaded].map(([id, e]) => `${id} ${e.ms.toFixed(1)} ms`);
  console.log(`readOpenApi parse times (first read, cold): ${times.join(', ')}`);
}

/** The expected TypeRef of a raw property schema, derived by the README's rules (independent of the reader). */
const FORMATS: Record<string, string> = {
  'string/': 'string',
  'string/int64': 'int64',
  'string/date-time': 'dateTime',
  'string/byte': 'base64',
  'integer/int32': 'int32',
  'integer/uint8': 'uint8',
  'number/double': 'double',
  'boolean/': 'boolean',
};
export function expectedRef(schema: Json, folded: Set<string>): TypeRef {
  const refName = (ref: string) => {
    const name = ref.replace('#/components/schemas/', '');
    return folded.has(name) ? name.slice(0, -'Base'.length) : name;
  };
  if (schema['$ref']) return { kind: 'named', name: refName(schema['$ref']) };
  if (schema['allOf']) return { kind: 'named', name: refName(schema['allOf'][0]['$ref']) };
  if (schema['type'] === 'array')
    return { kind: 'array', items: expectedRef(schema['items'], folded) };
  const extra = schema['additionalProperties'];
  if (extra !== undefined && extra !== false)
    return {
      kind: 'map',
      values: extra === true ? { kind: 'primitive', primitive: 'any' } : expectedRef(extra, folded),
    };
  if (schema['type'] === undefined || schema['type'] === 'object')
    return { kind: 'primitive', primitive: 'any' };
  const primitive = FORMATS[`${schema['type']}/${schema['format'] ?? ''}`];
  if (!primitive) throw new Error(`test table lacks ${schema['type']}/${schema['format']}`);
  return { kind: 'primitive', primitive } as TypeRef;
}

/** string/int64 properties and arrays of them in the raw documents, outside removed <Base>Base schemas. */
export function countRawInt64(): number {
  let n = 0;
  for (const [id, row] of Object.entries(TABLE)) {
    const removed = new Set([...row.folded, ...row.dropped]);
    for (const [name, schema] of Object.entries(load(id).raw['components']['schemas'] as Json)) {
      if (removed.has(name)) continue;
      const own: Json = schema.allOf ? schema.allOf[1] : schema;
      for (const p of Object.values((own.properties ?? {}) as Json)) {
        const bottom = p.type === 'array' ? p.items : p;
        if (bottom.type === 'string' && bottom.format === 'int64') n++;
      }
    }
  }
  return n;
}
