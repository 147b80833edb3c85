import { isJsonObject, type JsonObject } from './json.ts';
import { refTarget } from './resolve-ref.ts';

/**
 * The "concrete base" convention of the specs README. For a base type that can also be
 * sent as itself, the SDKs have a model `<Base>Base` (BatchErrorBase, AdBase, …), emitted
 * as `allOf: [{$ref: Base}, {type: object, properties: {}}]`: a subclass with no own
 * properties. It is not a type of the API (the WSDLs have no BatchErrorBase), so:
 * - mapped (`BatchError: BatchErrorBase`): FOLDED. The base itself takes the value
 *   (`BatchError.discriminatorValue = 'BatchError'`, abstract false), every `$ref` and
 *   mapping value naming `<Base>Base` is rewritten to the base, and `<Base>Base` is not
 *   emitted. The model has no member recording the folded name; this comment is the record.
 * - not mapped (AdBase, ApplicationFaultBase): DROPPED when nothing `$ref`s it; the base
 *   stays abstract. If something does `$ref` it, it is kept as an ordinary (abstract)
 *   subclass so no reference dangles.
 * Only that exact empty shape, named exactly `<its $ref target>Base`, whose base declares
 * a discriminator, qualifies. So Ad Insight `RecommendationBase` (a real WSDL type, the
 * root of its own family) is never mistaken for "Recommendation's Base", while
 * `RecommendationBaseBase` (unmapped) is dropped. Empty subclasses with other names
 * (HotelAd, CustomerList, NegativeKeywordList) are real types and stay.
 */
export interface FoldPlan {
  /** `<Base>Base` → Base. */
  folded: Map<string, string>;
  dropped: Set<string>;
}

export function planConcreteBases(schemas: JsonObject, doc: unknown): FoldPlan {
  const plan: FoldPlan = { folded: new Map(), dropped: new Set() };
  const candidates = new Map<string, string>();
  for (const name in schemas) {
    const base = emptySubclassBase(schemas[name]);
    if (base !== undefined && name === `${base}Base` && declaresDiscriminator(schemas[base])) {
      candidates.set(name, base);
    }
  }
  if (candidates.size === 0) return plan;
  const mapped = mappedNames(schemas);
  const referenced = referencedNames(doc);
  for (const [name, base] of candidates) {
    if (mapped.has(name)) plan.folded.set(name, base);
    else if (!referenced.has(name)) plan.dropped.add(name);
  }
  return plan;
}

/** Base name if `schema` is exactly `{allOf: [{$ref}, {type: object, properties: {}}]}`. */
function emptySubclassBase(schema: unknown): string | undefined {
  if (!isJsonObject(schema) || !onlyKeys(schema, ['allOf', 'description'])) return undefined;
  const parts = schema['allOf'];
  if (!Array.isArray(parts) || parts.length !== 2) return undefined;
  const [ref, own] = parts as unknown[];
  if (!isJsonObject(ref) || !onlyKeys(ref, ['$ref'])) return undefined;
  if (!isJsonObject(own) || !onlyKeys(own, ['type', 'properties'])) return undefined;
  if (own['type'] !== undefined && own['type'] !== 'object') return undefined;
  const props = own['properties'];
  if (props !== undefined && !(isJsonObject(props) && Object.keys(props).length === 0))
    return undefined;
  return refTarget(ref['$ref']);
}

function declaresDiscriminator(schema: unknown): boolean {
  return discriminators(schema).length > 0;
}

/** The discriminator objects of a schema: beside `allOf` or inside one of its parts. */
function discriminators(schema: unknown): JsonObject[] {
  if (!isJsonObject(schema)) return [];
  const out: JsonObject[] = [];
  if (isJsonObject(schema['discriminator'])) out.push(schema['discriminator']);
  const parts = schema['allOf'];
  if (Array.isArray(parts)) {
    for (const part of parts)
      if (isJsonObject(part) && isJsonObject(part['discriminator']))
        out.push(part['discriminator']);
  }
  return out;
}

/** Every schema name some discriminator mapping points at. */
function mappedNames(schemas: JsonObject): Set<string> {
  const out = new Set<string>();
  for (const name in schemas) {
    for (const d of discriminators(schemas[name])) {
      const mapping = d['mapping'];
      if (!isJsonObject(mapping)) continue;
      for (const value in mapping) {
        const target = mapping[value];
        const resolved = refTarget(target) ?? (typeof target === 'string' ? target : undefined);
        if (resolved !== undefined) out.add(resolved);
      }
    }
  }
  return out;
}

/** Every schema name a `$ref` anywhere in the document points at. */
function referencedNames(doc: unknown): Set<string> {
  const out = new Set<string>();
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (const item of node) walk(item);
    } else if (isJsonObject(node)) {
      for (const key in node) {
        const value = node[key];
        if (typeof value === 'object' && value !== null) {
          walk(value);
        } else if (key === '$ref') {
          const target = refTarget(value);
          if (target !== undefined) out.add(target);
        }
      }
    }
  };
  walk(doc);
  return out;
}

function onlyKeys(object: JsonObject, allowed: string[]): boolean {
  for (const key in object) if (!allowed.includes(key)) return false;
  return true;
}
