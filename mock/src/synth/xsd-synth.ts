import {
  SER,
  allParticles,
  arrayItem,
  selfAndDescendants,
  splitKey,
  type Key,
  type SchemaSet,
} from '../wsdl/schema-set.ts';
import { simpleInfo, type SimpleInfo } from '../soap/simple-values.ts';
import { Prng, SAMPLE } from './prng.ts';

/** Below this depth every particle is filled. */
const MAX_DEPTH = 6;
/** From MAX_DEPTH to here only optional particles that re-enter a type on the path stop. */
const HARD_DEPTH = 12;
/** Items of a DataContract dictionary: as many as json-synth's MAP_ENTRIES. */
const DICTIONARY_ENTRIES = 2;

/**
 * Synthesizes a value of an XSD type that XmlWriter turns into schema-valid XML: every
 * particle filled down to MAX_DEPTH and, below it, every particle that does not recurse into a
 * type already on the path (so deep non-recursive leaves such as AuditPointResult.Details are
 * still there), down to HARD_DEPTH; arrays of 1-2 items, dictionaries of DICTIONARY_ENTRIES
 * items with distinct keys, a derived type chosen by the PRNG
 * where the declared type has subtypes, int64 ids above 2^53, enum values from the facets.
 */
export function synthesizeXsd(schemas: SchemaSet, type: Key, rng: Prng, depth = 0): unknown {
  return synth(schemas, type, rng, depth, [], false);
}

/** `path`: complex types being synthesized; `cut`: only there because required (arrays empty). */
function synth(
  schemas: SchemaSet,
  type: Key,
  rng: Prng,
  depth: number,
  path: Key[],
  cut: boolean,
): unknown {
  const decl = schemas.types.get(type);
  if (decl?.kind === 'complex') {
    const item = arrayItem(schemas, type);
    if (item) {
      if (cut || depth >= HARD_DEPTH) return [];
      if (decl.dictionary) return dictionaryItems(schemas, item.type, rng, depth + 1, path);
      const n = depth < 3 ? rng.int(1, 2) : 1;
      const items = Array.from({ length: n }, () =>
        synth(schemas, item.type, rng, depth + 1, path, false),
      );
      // An item that has no value (xs:anyType) cannot be written: leave the array empty.
      return items.includes(undefined) ? [] : items;
    }
    const choices = selfAndDescendants(schemas, type);
    const actual = choices.length > 1 ? rng.pick(choices) : type;
    const inner = [...path, type, actual];
    const out: Record<string, unknown> = {};
    if (actual !== type) out['$type'] = splitKey(actual).local;
    for (const p of allParticles(schemas, actual)) {
      const stop = depth >= MAX_DEPTH && (depth >= HARD_DEPTH || recurses(schemas, p.type, inner));
      if (stop && p.minOccurs === 0) continue;
      const childDecl = schemas.types.get(p.type);
      if (stop && p.nillable && childDecl?.kind === 'complex') {
        out[p.name] = null;
        continue;
      }
      const v = synth(schemas, p.type, rng, depth + 1, inner, stop);
      if (v === undefined) continue;
      out[p.name] = p.maxOccurs > 1 ? [v] : v;
    }
    if (actual !== type && 'Type' in out)
      out['Type'] = typeFieldFor(schemas, actual, type, out['Type']);
    return out;
  }
  const info = simpleInfo(schemas, type);
  return info ? synthesizeSimple(info, rng) : 'value';
}

/**
 * The items of a DataContract dictionary (`KeyValueOfstringstring`: Key, then Value): as many
 * as the REST synthesizer puts in a JSON object map, string keys `key1`, `key2` like those, so
 * both protocols carry the same keys; other key types are synthesized and duplicates dropped,
 * since a dictionary's keys are distinct.
 */
function dictionaryItems(
  schemas: SchemaSet,
  itemType: Key,
  rng: Prng,
  depth: number,
  path: Key[],
): unknown[] {
  const keyParticle = allParticles(schemas, itemType)[0];
  if (!keyParticle) return [];
  const keyName = keyParticle.name;
  const stringKey = simpleInfo(schemas, keyParticle.type)?.builtin === 'string';
  const seen = new Set<string>();
  const items: Record<string, unknown>[] = [];
  for (let i = 1; i <= DICTIONARY_ENTRIES; i++) {
    const item = synth(schemas, itemType, rng, depth, path, false) as Record<string, unknown>;
    if (stringKey) item[keyName] = `key${i}`;
    const k = JSON.stringify(item[keyName]);
    if (item[keyName] === undefined || seen.has(k)) continue;
    seen.add(k);
    items.push(item);
  }
  return items;
}

/** Whether a particle's type (or its array item type) is already on the path. */
function recurses(schemas: SchemaSet, type: Key, path: Key[]): boolean {
  const item = arrayItem(schemas, type);
  return path.includes(type) || (!!item && path.includes(item.type));
}

/**
 * The service fills a subtype's `Type` element to say which subtype it is (ExpandedTextAd →
 * `ExpandedText`, TargetSetting → `TargetSetting`): do the same so `Type` and `i:type` agree.
 */
function typeFieldFor(schemas: SchemaSet, actual: Key, declared: Key, fallback: unknown): unknown {
  const local = splitKey(actual).local;
  const typeParticle = allParticles(schemas, actual).find((p) => p.name === 'Type');
  const info = typeParticle ? simpleInfo(schemas, typeParticle.type) : undefined;
  if (!info) return fallback;
  const values = info.enumValues ?? info.listValues;
  if (!values) return local;
  const base = splitKey(declared).local;
  return (
    values.find((v) => v === local) ??
    values.find((v) => v + base === local) ??
    values.filter((v) => local.startsWith(v)).sort((a, b) => b.length - a.length)[0] ??
    fallback
  );
}

function synthesizeSimple(info: SimpleInfo, rng: Prng): unknown {
  if (info.listValues) {
    const values = info.listValues.filter(Boolean);
    return values.length ? rng.pick(values) : '';
  }
  if (info.enumValues) return rng.pick(info.enumValues);
  if (info.named) {
    const { ns, local } = splitKey(info.named);
    if (ns === SER && local === 'guid') return rng.uuid();
    if (ns === SER && local === 'duration') return SAMPLE.duration;
    if (ns === SER && local === 'char') return rng.int(65, 90);
  }
  switch (info.builtin) {
    case 'long':
    case 'unsignedLong':
      return rng.bigId();
    case 'int':
    case 'integer':
    case 'unsignedInt':
      return rng.int(1, 100000);
    case 'short':
    case 'unsignedShort':
      return rng.int(1, 1000);
    case 'byte':
    case 'unsignedByte':
      return rng.int(1, 100);
    case 'double':
    case 'float':
    case 'decimal':
      return rng.int(1, 100000) / 4;
    case 'boolean':
      return rng.next() < 0.5;
    case 'dateTime':
      return SAMPLE.dateTime;
    case 'date':
      return SAMPLE.date;
    case 'base64Binary':
      return SAMPLE.base64;
    case 'anyURI':
      return SAMPLE.uri;
    case 'duration':
      return SAMPLE.duration;
    case 'anyType':
    case 'QName':
    case 'ID':
    case 'IDREF':
      return undefined;
    default:
      return `text-${rng.int(1, 9999)}`;
  }
}
