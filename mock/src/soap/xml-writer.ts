import { escapeXml } from '../xml/tree.ts';
import {
  allParticles,
  arrayItem,
  selfAndDescendants,
  splitKey,
  XSI,
  type Key,
  type Particle,
  type SchemaSet,
} from '../wsdl/schema-set.ts';
import { formatSimple, simpleInfo } from './simple-values.ts';

/**
 * Writes values as DataContract XML, driven by the schema: elements in sequence order (base
 * type's particles first), every element in its declared namespace, `i:type` for a derived
 * type, `i:nil="true"` for null, array wrappers with their item elements.
 *
 * Values: an object per complex type (`$type` names a derived type by local name), an array
 * per ArrayOf wrapper or repeated particle, null for nil; int64 as decimal strings.
 * Properties the type does not declare are ignored; so are `undefined` values.
 */
export class XmlWriter {
  private readonly prefixes = new Map<string, string>();

  constructor(
    private readonly schemas: SchemaSet,
    /** Namespace written as the default namespace of the root (no prefix). */
    private readonly defaultNs: string,
  ) {}

  /** Writes a global element with its value; returns XML with every used namespace declared on it. */
  writeRoot(elementKey: Key, value: unknown): string {
    const decl = this.schemas.elements.get(elementKey);
    if (!decl) throw new Error(`unknown element ${elementKey}`);
    const { ns, local } = splitKey(elementKey);
    const inner = this.element(local, ns, decl.type, decl.nillable, value);
    return inner.replace(/^<([^\s>/]+)/, (m) => `${m}${this.declarations()}`);
  }

  /** `xmlns` declarations for every namespace written so far. */
  declarations(): string {
    let out = '';
    for (const [ns, p] of this.prefixes)
      out += p === '' ? ` xmlns="${escapeXml(ns)}"` : ` xmlns:${p}="${escapeXml(ns)}"`;
    return out;
  }

  private prefix(ns: string): string {
    let p = this.prefixes.get(ns);
    if (p === undefined) {
      p = ns === this.defaultNs ? '' : ns === XSI ? 'i' : `a${this.prefixes.size + 1}`;
      this.prefixes.set(ns, p);
    }
    return p;
  }

  private qname(ns: string, local: string): string {
    const p = this.prefix(ns);
    return p ? `${p}:${local}` : local;
  }

  element(name: string, ns: string, type: Key, nillable: boolean, value: unknown): string {
    const tag = this.qname(ns, name);
    if (value === null || value === undefined) {
      return nillable ? `<${tag} ${this.qname(XSI, 'nil')}="true"/>` : `<${tag}/>`;
    }
    const decl = this.schemas.types.get(type);
    if (decl?.kind === 'complex') {
      const item = arrayItem(this.schemas, type);
      if (item) {
        const items = Array.isArray(value) ? value : [value];
        return `<${tag}>${items.map((v) => this.element(item.name, item.ns, item.type, item.nillable, v)).join('')}</${tag}>`;
      }
      const actual = this.actualType(type, value);
      const typeAttr =
        actual === type
          ? ''
          : ` ${this.qname(XSI, 'type')}="${this.qname(splitKey(actual).ns, splitKey(actual).local)}"`;
      return `<${tag}${typeAttr}>${this.particles(allParticles(this.schemas, actual), value as Record<string, unknown>)}</${tag}>`;
    }
    const info = simpleInfo(this.schemas, type);
    if (!info || info.builtin === 'anyType') return `<${tag}>${escapeXml(String(value))}</${tag}>`;
    return `<${tag}>${escapeXml(formatSimple(info, value))}</${tag}>`;
  }

  private particles(particles: Particle[], obj: Record<string, unknown>): string {
    let out = '';
    for (const p of particles) {
      const v = obj[p.name];
      if (p.maxOccurs > 1) {
        for (const item of Array.isArray(v) ? v : v === undefined ? [] : [v])
          out += this.element(p.name, p.ns, p.type, p.nillable, item);
        continue;
      }
      if (v === undefined) {
        if (p.minOccurs === 0) continue;
        out += this.element(
          p.name,
          p.ns,
          p.type,
          p.nillable,
          p.nillable ? null : this.zero(p.type),
        );
        continue;
      }
      out += this.element(p.name, p.ns, p.type, p.nillable, v);
    }
    return out;
  }

  /** The declared type, or the derived type the value's `$type` names (by local name or key). */
  private actualType(declared: Key, value: unknown): Key {
    const named = (value as { $type?: unknown }).$type;
    if (typeof named !== 'string') return declared;
    const candidates = selfAndDescendants(this.schemas, declared);
    const found = candidates.find((k) => k === named || splitKey(k).local === named);
    if (!found)
      throw new Error(`${named} is not ${splitKey(declared).local} or a type derived from it`);
    return found;
  }

  private zero(type: Key): unknown {
    const info = simpleInfo(this.schemas, type);
    if (!info) return {};
    if (info.enumValues) return info.enumValues[0];
    if (info.builtin === 'boolean') return false;
    if (info.builtin === 'string') return '';
    return 0;
  }
}
