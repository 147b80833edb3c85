import type { Discriminator } from '../model/types.ts';
import type { ReaderContext } from './context.ts';
import { child } from './json-pointer.ts';
import { expectObject, expectString } from './json.ts';
import { resolveRef } from './resolve-ref.ts';

export interface ParsedDiscriminator {
  discriminator: Discriminator;
  /** False when the spec gives no `mapping`: ./resolve-families.ts fills in the implicit one. */
  explicit: boolean;
  pointer: string;
}

/**
 * `discriminator: {propertyName, mapping}` → Discriminator with mapping values turned into
 * type names, in spec order. A value naming a folded `<Base>Base` becomes the base itself
 * (`BatchError: BatchErrorBase` → `BatchError: BatchError`), which is how a concrete base
 * gets its own discriminator value.
 */
export function parseDiscriminator(
  ctx: ReaderContext,
  raw: unknown,
  pointer: string,
): ParsedDiscriminator {
  const d = expectObject(ctx, raw, pointer, 'discriminator');
  const property = expectString(
    ctx,
    d['propertyName'],
    child(pointer, 'propertyName'),
    'discriminator.propertyName',
  );
  const mapping: Record<string, string> = {};
  if (d['mapping'] !== undefined) {
    const m = expectObject(ctx, d['mapping'], child(pointer, 'mapping'), 'discriminator.mapping');
    for (const value in m)
      mapping[value] = resolveRef(ctx, m[value], child(pointer, 'mapping', value), true);
  }
  return { discriminator: { property, mapping }, explicit: d['mapping'] !== undefined, pointer };
}
