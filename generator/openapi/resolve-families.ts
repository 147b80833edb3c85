import type { ObjectType } from '../model/types.ts';
import type { ReaderContext } from './context.ts';
import { child } from './json-pointer.ts';
import type { ParsedSchema } from './parsed-schema.ts';

/**
 * Whole-model pass over the inheritance graph, run once every schema is parsed:
 * 1. every `base` is an object type, and no allOf chain is cyclic;
 * 2. a discriminator without `mapping` gets the implicit one OpenAPI defines: each
 *    descendant's schema name → itself, in model order;
 * 3. each mapping value must select the root itself or one of its descendants; the
 *    selected type gets `discriminatorValue` (a type mapped by several roots of one chain,
 *    like NegativeKeywordList by SharedEntity and SharedList, must get the same value;
 *    when one mapping gives a type two values, the first is kept);
 * 4. `abstract`: a type that declares or inherits a discriminator but has no value;
 * 5. the discriminator property exists on the root or its bases;
 * 6. a subclass's `required` entry that names no own property must name an inherited one.
 *    The model cannot say "required here but optional on the base", so such entries
 *    (AdApiFaultDetail: TrackingId, EditorialError: Index) leave no trace in it.
 */
export function resolveFamilies(ctx: ReaderContext, parsed: ParsedSchema[]): void {
  const byName = new Map<string, ParsedSchema>();
  for (const p of parsed) if (p.type.kind === 'object') byName.set(p.type.name, p);

  const chains = new Map<string, ObjectType[]>();
  for (const p of byName.values()) chains.set(p.type.name, chainOf(ctx, p, byName));
  const extendsRoot = (name: string, root: string): boolean =>
    chains.get(name)?.some((t) => t.name === root) ?? false;

  // 2. implicit mappings
  for (const p of byName.values()) {
    const d = p.discriminator;
    if (!d || d.explicit) continue;
    for (const other of byName.values()) {
      if (other !== p && extendsRoot(other.type.name, p.type.name))
        d.discriminator.mapping[other.type.name] = other.type.name;
    }
  }

  // 3. values
  for (const p of byName.values()) {
    const d = p.discriminator;
    if (!d) continue;
    const givenBy = new Map<string, string>();
    for (const [value, target] of Object.entries(d.discriminator.mapping)) {
      const at = child(d.pointer, 'mapping', value);
      const targetInfo = byName.get(target);
      if (!targetInfo)
        ctx.fail(at, `mapping value '${value}' selects '${target}', which is not an object schema`);
      if (!extendsRoot(target, p.type.name)) {
        ctx.fail(
          at,
          `mapping value '${value}' selects '${target}', which does not extend '${p.type.name}'`,
        );
      }
      if (givenBy.has(target)) continue;
      givenBy.set(target, value);
      const type = targetInfo.type as ObjectType;
      if (type.discriminatorValue !== undefined && type.discriminatorValue !== value) {
        ctx.fail(
          at,
          `'${target}' is selected by '${value}' here but by '${type.discriminatorValue}' in another mapping of its family`,
        );
      }
      type.discriminatorValue = value;
    }
  }

  for (const p of byName.values()) {
    const type = p.type as ObjectType;
    const chain = chains.get(type.name)!;
    // 4. abstract
    const inFamily = chain.some((t) => t.discriminator !== undefined);
    type.abstract = inFamily && type.discriminatorValue === undefined;
    // 5. discriminator property
    if (p.discriminator) {
      const property = p.discriminator.discriminator.property;
      if (!chain.some((t) => t.fields.some((f) => f.name === property))) {
        ctx.fail(
          child(p.discriminator.pointer, 'propertyName'),
          `discriminator property '${property}' is not a property of '${type.name}' or its bases`,
        );
      }
    }
    // 6. required entries naming inherited properties
    for (const r of p.foreignRequired) {
      if (!chain.slice(1).some((t) => t.fields.some((f) => f.name === r.name))) {
        ctx.fail(
          r.pointer,
          `required property '${r.name}' is not declared by '${type.name}' or its bases`,
        );
      }
      (type.requiredInherited ??= []).push(r.name);
    }
  }
}

/** `[type, base, base's base, …]`; SpecError on a non-object base or a cycle (at the `$ref` closing it). */
function chainOf(
  ctx: ReaderContext,
  start: ParsedSchema,
  byName: Map<string, ParsedSchema>,
): ObjectType[] {
  const chain: ObjectType[] = [start.type as ObjectType];
  const seen = new Set<string>([start.type.name]);
  let current = start;
  for (;;) {
    const base = (current.type as ObjectType).base;
    if (base === undefined) return chain;
    const at = current.basePointer ?? current.pointer;
    if (seen.has(base)) {
      ctx.fail(at, `cyclic allOf inheritance: ${[...chain.map((t) => t.name), base].join(' → ')}`);
    }
    const next = byName.get(base);
    if (!next) ctx.fail(at, `base '${base}' is not an object schema`);
    seen.add(base);
    chain.push(next.type as ObjectType);
    current = next;
  }
}
