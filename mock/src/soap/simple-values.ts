import {
  key,
  splitKey,
  XS,
  type Key,
  type SchemaSet,
  type SimpleTypeDecl,
} from '../wsdl/schema-set.ts';

/** What a simple type is at bottom: its XSD built-in (local name) and, for enums/lists, their facets. */
export interface SimpleInfo {
  builtin: string;
  enumValues?: string[];
  /** A flags list: the item enum's values. */
  listValues?: string[];
  patterns?: string[];
  /** The named simple type at the top of the chain (for ser:guid, ser:char, ser:duration). */
  named?: Key;
}

/** Resolves a simple type key (built-in or declared) down to its built-in base. */
export function simpleInfo(set: SchemaSet, k: Key): SimpleInfo | undefined {
  const info: SimpleInfo = { builtin: 'string' };
  let cur: Key | undefined = k;
  for (let guard = 0; cur && guard < 20; guard++) {
    const { ns, local } = splitKey(cur);
    if (ns === XS) {
      info.builtin = local;
      return info;
    }
    const decl = set.types.get(cur);
    if (!decl || decl.kind !== 'simple') return undefined;
    info.named ??= cur;
    if (decl.enumValues && !info.enumValues) info.enumValues = decl.enumValues;
    if (decl.patterns && !info.patterns) info.patterns = decl.patterns;
    if (decl.listItem) {
      const item = set.types.get(decl.listItem) as SimpleTypeDecl | undefined;
      info.listValues = item?.enumValues ?? [];
      info.builtin = 'string';
      return info;
    }
    cur = decl.base;
  }
  return info;
}

const INT_KINDS = new Set([
  'int',
  'short',
  'byte',
  'unsignedInt',
  'unsignedShort',
  'unsignedByte',
  'integer',
]);
const BIG_KINDS = new Set(['long', 'unsignedLong']);
const FLOAT_KINDS = new Set(['double', 'float', 'decimal']);

/** Text of an element → a value: int64 stays a decimal string (never through a JS number). */
export function parseSimple(info: SimpleInfo, text: string): unknown {
  const t = text.trim();
  if (INT_KINDS.has(info.builtin) || FLOAT_KINDS.has(info.builtin)) return Number(t);
  if (BIG_KINDS.has(info.builtin)) return t;
  if (info.builtin === 'boolean') return t === 'true' || t === '1';
  return text;
}

/** A value → element text. Lists accept an array or a comma/space separated string. */
export function formatSimple(info: SimpleInfo, value: unknown): string {
  if (info.listValues) {
    const parts = Array.isArray(value)
      ? value.map(String)
      : String(value)
          .split(/[\s,]+/)
          .filter(Boolean);
    return parts.join(' ');
  }
  if (typeof value === 'number') {
    if (Number.isNaN(value)) return 'NaN';
    if (!Number.isFinite(value)) return value > 0 ? 'INF' : '-INF';
    if (info.builtin === 'decimal')
      return value.toFixed(Math.min(20, Math.max(0, decimals(value))));
    return String(value);
  }
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return String(value);
}

function decimals(n: number): number {
  const s = String(n);
  if (s.includes('e')) return 10;
  const dot = s.indexOf('.');
  return dot < 0 ? 0 : s.length - dot - 1;
}

export const ANY_TYPE = key(XS, 'anyType');
