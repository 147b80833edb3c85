import type { Protocols } from './descriptors.js';

/**
 * The one rule for which fields an object type carries and in what order, shared by the
 * generator (which writes each type's own fields and documents the flattened list) and the
 * runtime (which flattens them again when it loads a descriptor): the fields of the base
 * chain, root first, those SOAP carries in `xs:sequence` order, then the REST-only ones.
 * SOAP's wire order is inheritance order; REST has no order, so its extras go last.
 *
 * @internal
 */

/**
 * What an object type needs to be flattened: its name, its base's name and its own fields.
 *
 * @internal
 */
export interface Inheriting<F> {
  name: string;
  base?: string | undefined;
  fields: readonly F[];
}

/**
 * `t` and its base types, root first. Stops at a base `lookup` does not know; a cycle throws.
 *
 * @internal
 */
export function baseChain<T extends Inheriting<unknown>>(
  t: T,
  lookup: (name: string) => T | undefined,
): T[] {
  const chain = [t];
  const seen = new Set([t.name]);
  for (let b = t.base === undefined ? undefined : lookup(t.base); b;) {
    if (seen.has(b.name)) throw new Error(`type '${t.name}': its base types form a cycle`);
    seen.add(b.name);
    chain.push(b);
    b = b.base === undefined ? undefined : lookup(b.base);
  }
  return chain.reverse();
}

/**
 * Those SOAP carries, in order, then the REST-only ones.
 *
 * @internal
 */
export function wireOrder<F extends { protocols: Protocols }>(fields: readonly F[]): F[] {
  return [
    ...fields.filter((f) => f.protocols !== 'rest'),
    ...fields.filter((f) => f.protocols === 'rest'),
  ];
}

/**
 * All fields of `t`, inherited first, in wire order (the same field objects, not copies).
 *
 * @internal
 */
export function wireFields<F extends { protocols: Protocols }, T extends Inheriting<F>>(
  t: T,
  lookup: (name: string) => T | undefined,
): F[] {
  return wireOrder(baseChain(t, lookup).flatMap((c) => c.fields));
}
