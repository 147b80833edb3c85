/**
 * A generic request builder driven by a generated package's ServiceDescriptor: for any
 * operation it builds a small request that both schemas (the WSDL's XSD and the OpenAPI
 * document) accept. It is what lets the e2e suite call every operation of every service
 * without a hand-written request per operation.
 *
 * Rules: every field of the request element itself is filled (they are the operation's
 * parameters and the interesting part: ids, lists, nested entities); below it only required
 * fields are. An abstract or polymorphic declared type gets a concrete family member with its
 * `Type`. Arrays get one item. 64-bit integers are distinct decimal strings above 2^53, so a
 * client that went through a JS number anywhere would corrupt them visibly.
 */
import type {
  FieldDescriptor,
  ObjectTypeDescriptor,
  PrimitiveKind,
  ServiceDescriptor,
  TypeDescriptor,
  ValueDescriptor,
} from '@adsgen/runtime';

export type Protocol = 'soap' | 'rest';

/** 2^53 + 1: the first integer a double cannot represent. */
export const FIRST_UNSAFE_ID = 9007199254740993n;

/** Deeper than this only required fields of already-open types are written (recursive types). */
const MAX_DEPTH = 6;

export class RequestBuilder {
  private nextId = FIRST_UNSAFE_ID;

  constructor(
    private readonly service: ServiceDescriptor,
    private readonly protocol: Protocol,
  ) {}

  /** A request for `operation`, or `{}` when the operation takes no parameters. */
  build(operation: string): Record<string, unknown> {
    const op = this.service.operations[operation];
    if (!op) throw new Error(`${this.service.id} has no operation ${operation}`);
    if (!op.request) return {};
    return this.object(this.objectType(op.request), 0, new Set(), true);
  }

  /** The int64 ids written so far count up from 2^53 + 1 in steps of 2. */
  newId(): string {
    const id = this.nextId;
    this.nextId += 2n;
    return id.toString();
  }

  private type(name: string): TypeDescriptor {
    const t = this.service.types[name];
    if (!t) throw new Error(`${this.service.id}: unknown type ${name}`);
    return t;
  }

  private objectType(name: string): ObjectTypeDescriptor {
    const t = this.type(name);
    if (t.kind !== 'object') throw new Error(`${this.service.id}: ${name} is not an object`);
    return t;
  }

  private carried(p: 'both' | 'soap' | 'rest'): boolean {
    return p === 'both' || p === this.protocol;
  }

  /**
   * The concrete type to send for a value declared as `declared`: itself when it is concrete
   * and outside a family, else the family member with the fewest required fields (ties: the
   * first in `Type` order), so the request stays small and deterministic.
   */
  concreteFor(declared: ObjectTypeDescriptor): ObjectTypeDescriptor {
    if (!declared.family) return declared;
    const members = Object.values(declared.family)
      .map((n) => this.objectType(n))
      .filter((t) => !t.abstract && this.carried(t.protocols));
    if (!declared.abstract && members.includes(declared)) return declared;
    const weight = (t: ObjectTypeDescriptor) =>
      t.fields.filter((f) => !f.optional && this.carried(f.protocols)).length;
    const best = [...members].sort((a, b) => weight(a) - weight(b))[0];
    if (!best) throw new Error(`${this.service.id}: ${declared.name} has no concrete member`);
    return best;
  }

  private object(
    declared: ObjectTypeDescriptor,
    depth: number,
    open: Set<string>,
    all = false,
  ): Record<string, unknown> {
    const type = this.concreteFor(declared);
    const out: Record<string, unknown> = {};
    const inner = new Set(open).add(type.name);
    for (const field of type.fields) {
      if (!this.carried(field.protocols)) continue;
      if (field.name === 'Type' && type.typeValue !== undefined) {
        out['Type'] = type.typeValue;
        continue;
      }
      if (field.optional && !all) continue;
      const value = this.field(field, depth + 1, inner);
      if (value !== undefined) out[field.name] = value;
    }
    if (type.typeValue !== undefined && (declared.family || type !== declared))
      out['Type'] = type.typeValue;
    return out;
  }

  private field(field: FieldDescriptor, depth: number, open: Set<string>): unknown {
    const v = this.value(field.value, depth, open);
    if (v === undefined && !field.optional && field.nullable) return null;
    return v;
  }

  /** undefined = leave the (optional) field out. */
  private value(desc: ValueDescriptor, depth: number, open: Set<string>): unknown {
    if ('primitive' in desc) return this.primitive(desc.primitive);
    if ('array' in desc) {
      const item = this.value(desc.array, depth + 1, open);
      return item === undefined ? [] : [item];
    }
    const t = this.type(desc.type);
    if (t.kind === 'enum') return t.flags ? [t.values[0]] : t.values[0];
    if (t.kind === 'alias') return this.value(t.target, depth, open);
    // A recursive type or a deep chain: stop where the schema lets us (optional/nullable fields).
    if (depth > MAX_DEPTH || open.has(t.name)) return undefined;
    return this.object(t, depth, open);
  }

  private primitive(kind: PrimitiveKind): unknown {
    switch (kind) {
      case 'string':
        return 'adsgen';
      case 'boolean':
        return true;
      case 'int8':
      case 'int16':
      case 'int32':
      case 'uint8':
      case 'uint16':
      case 'uint32':
        return 7;
      case 'int64':
      case 'uint64':
        return this.newId();
      case 'float':
      case 'double':
        return 1.5;
      case 'decimal':
        return '12.25';
      case 'dateTime':
        return '2026-03-04T05:06:07Z';
      case 'date':
        return '2026-03-04';
      case 'time':
        return '05:06:07';
      case 'duration':
        return 'PT1H';
      case 'base64':
        return 'AAAAAAAAB9E=';
      case 'char':
        return 65;
      case 'guid':
        return '6f1f6a2e-8c1b-4c39-9d3e-0c1d2e3f4a5b';
      case 'anyURI':
        return 'https://example.com/landing';
      case 'QName':
        return 'adsgen';
      case 'any':
        return undefined;
    }
  }
}

/** The operations of `service` that exist in `protocol`, in descriptor order. */
export function operationsIn(service: ServiceDescriptor, protocol: Protocol): string[] {
  return Object.values(service.operations)
    .filter((op) => (protocol === 'soap' ? op.soap : op.rest) !== undefined)
    .map((op) => op.name);
}
