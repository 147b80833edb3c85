import { refName, type OaDocument, type OaSchema } from '../rest/openapi-doc.ts';
import { Prng, SAMPLE } from './prng.ts';

/** Below this depth every property is filled. */
const MAX_DEPTH = 6;
/** From MAX_DEPTH to here only properties that re-enter a schema on the path stop. */
const HARD_DEPTH = 12;
/** A JSON object map (`additionalProperties`) gets this many entries. */
const MAP_ENTRIES = 2;

/**
 * Synthesizes a JSON value for an OpenAPI schema that the service's own schemas accept:
 * every property filled down to MAX_DEPTH and, below it, every property that does not recurse
 * into a schema already on the path (so deep non-recursive leaves such as
 * AuditPointResult.Details are still there), down to HARD_DEPTH; arrays of 1-2 items, object
 * maps of MAP_ENTRIES entries, a discriminated base replaced by one of its mapped subtypes
 * (chosen by the PRNG) with `Type` set to the mapping key, int64 as strings above 2^53, enum
 * values from the schema.
 */
export function synthesizeJson(doc: OaDocument, schema: OaSchema | undefined, rng: Prng): unknown {
  return schema ? new JsonSynth(doc, rng).value(schema, 0) : {};
}

class JsonSynth {
  /** Subtype name → the discriminator property and the value that selects it. */
  private readonly typeValues = new Map<string, { prop: string; value: string }>();
  /** Component schemas being synthesized, outermost first (recursion detection). */
  private readonly path: string[] = [];

  constructor(
    private readonly doc: OaDocument,
    private readonly rng: Prng,
  ) {
    for (const base of Object.values(doc.components.schemas)) {
      const d = base.discriminator;
      for (const [value, ref] of Object.entries(d?.mapping ?? {})) {
        if (!this.typeValues.has(refName(ref)))
          this.typeValues.set(refName(ref), { prop: d!.propertyName, value });
      }
    }
  }

  /** `cut`: the value is only there because it is required, so arrays stay empty. */
  value(s: OaSchema, depth: number, cut = false): unknown {
    if (s.$ref) return this.named(refName(s.$ref), depth, true);
    if (s.allOf) {
      if (s.allOf.length === 1 && s.allOf[0]!.$ref) return this.value(s.allOf[0]!, depth, cut);
      return Object.assign(
        {},
        ...s.allOf.map((p) =>
          p.$ref ? this.named(refName(p.$ref), depth, false) : this.value(p, depth, cut),
        ),
      );
    }
    if (s.enum) return this.rng.pick(s.enum);
    switch (s.type) {
      case 'object':
        return this.object(s, depth);
      case 'array':
        if (cut || depth >= HARD_DEPTH || !s.items) return [];
        return Array.from({ length: depth < 3 ? this.rng.int(1, 2) : 1 }, () =>
          this.value(s.items!, depth + 1),
        );
      case 'integer':
        return s.format === 'uint8' ? this.rng.int(1, 255) : this.rng.int(1, 100000);
      case 'number':
        return this.rng.int(1, 100000) / 4;
      case 'boolean':
        return this.rng.next() < 0.5;
      case 'string':
        switch (s.format) {
          case 'int64':
            return this.rng.bigId();
          case 'date-time':
            return SAMPLE.dateTime;
          case 'date':
            return SAMPLE.date;
          case 'byte':
            return SAMPLE.base64;
          case 'uuid':
            return this.rng.uuid();
          default:
            return `text-${this.rng.int(1, 9999)}`;
        }
      default:
        return {};
    }
  }

  /** A component schema; `poly` replaces a discriminated base with one of its subtypes. */
  private named(name: string, depth: number, poly: boolean): unknown {
    this.path.push(name);
    try {
      return this.namedBody(name, depth, poly);
    } finally {
      this.path.pop();
    }
  }

  private namedBody(name: string, depth: number, poly: boolean): unknown {
    const s = this.doc.components.schemas[name];
    if (!s) return {};
    const mapping = s.discriminator?.mapping;
    if (poly && mapping && Object.keys(mapping).length) {
      const [typeValue, ref] = this.rng.pick(Object.entries(mapping));
      const target = refName(ref);
      const out = (
        target === name
          ? this.value({ ...s, discriminator: undefined }, depth)
          : this.named(target, depth, false)
      ) as Record<string, unknown>;
      return { ...out, [s.discriminator!.propertyName]: typeValue };
    }
    const out = this.value(s, depth);
    // A subtype used directly still says which it is, as the service would.
    const tv = this.typeValues.get(name);
    if (poly && tv && out && typeof out === 'object')
      (out as Record<string, unknown>)[tv.prop] = tv.value;
    return out;
  }

  private object(s: OaSchema, depth: number): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    const required = new Set(s.required ?? []);
    for (const [k, p] of Object.entries(s.properties ?? {})) {
      if (depth >= MAX_DEPTH && (depth >= HARD_DEPTH || this.recurses(p))) {
        if (required.has(k)) out[k] = this.value(p, depth + 1, true);
        else if (p.nullable) out[k] = null;
        continue;
      }
      out[k] = this.value(p, depth + 1);
    }
    // An object map: deterministic keys, values per the value schema.
    const entry = s.additionalProperties;
    if (entry && !s.properties) {
      for (let i = 1; i <= MAP_ENTRIES; i++) out[`key${i}`] = this.value(entry, depth + 1);
    }
    return out;
  }

  /** Whether a property's schema names a component schema that is already on the path. */
  private recurses(p: OaSchema): boolean {
    if (p.$ref) return this.path.includes(refName(p.$ref));
    return (
      (p.allOf ?? []).some((q) => this.recurses(q)) ||
      (!!p.items && this.recurses(p.items)) ||
      (!!p.additionalProperties && this.recurses(p.additionalProperties))
    );
  }
}
