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

/** Below this depth every field is filled; at it, optional fields stop (recursive types end). */
const MAX_DEPTH = 6;

/**
 * Synthesizes a value of an XSD type that XmlWriter turns into schema-valid XML: every
 * particle filled down to MAX_DEPTH, arrays of 1-2 items, a derived type chosen by the PRNG
 * where the declared type has subtypes, int64 ids above 2^53, enum values from the facets.
 */
export function synthesizeXsd(schemas: SchemaSet, type: Key, rng: Prng, depth = 0): unknown {
  const decl = schemas.types.get(type);
  if (decl?.kind === 'complex') {
    const item = arrayItem(schemas, type);
    if (item) {
      if (depth >= MAX_DEPTH) return [];
      const n = depth < 3 ? rng.int(1, 2) : 1;
      return Array.from({ length: n }, () => synthesizeXsd(schemas, item.type, rng, depth + 1));
    }
    const choices = selfAndDescendants(schemas, type);
    const actual = choices.length > 1 ? rng.pick(choices) : type;
    const out: Record<string, unknown> = {};
    if (actual !== type) out['$type'] = splitKey(actual).local;
    for (const p of allParticles(schemas, actual)) {
      if (depth >= MAX_DEPTH && p.minOccurs === 0) continue;
      const childDecl = schemas.types.get(p.type);
      if (depth >= MAX_DEPTH && p.nillable && childDecl?.kind === 'complex') {
        out[p.name] = null;
        continue;
      }
      const v = synthesizeXsd(schemas, p.type, rng, depth + 1);
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
