import type { ReaderContext } from './context.ts';
import { unescapeToken } from './json-pointer.ts';

const PREFIX = '#/components/schemas/';

/**
 * A `$ref` (or a discriminator mapping value) → the model type name it denotes. Only local
 * `#/components/schemas/X` references exist in these documents; anything else, and a name
 * that is not a schema, is a SpecError. A folded `<Base>Base` resolves to its base.
 * `bareNames` admits a plain schema name, which OpenAPI allows in discriminator mappings.
 */
export function resolveRef(
  ctx: ReaderContext,
  ref: unknown,
  pointer: string,
  bareNames = false,
): string {
  if (typeof ref !== 'string' || ref === '') {
    ctx.fail(pointer, `$ref must be a non-empty string`);
  }
  let name: string;
  if (ref.startsWith(PREFIX)) {
    const token = ref.slice(PREFIX.length);
    if (token.includes('/'))
      ctx.fail(pointer, `unsupported $ref '${ref}': only '${PREFIX}<Name>' is supported`);
    name = decodeToken(ctx, token, ref, pointer);
  } else if (bareNames && !ref.includes('/') && !ref.includes('#')) {
    name = ref;
  } else {
    ctx.fail(
      pointer,
      `unsupported $ref '${ref}': only local '${PREFIX}<Name>' references are supported`,
    );
  }
  if (!Object.hasOwn(ctx.schemas, name))
    ctx.fail(pointer, `unknown $ref '${ref}': no schema '${name}' in components.schemas`);
  return ctx.folded.get(name) ?? name;
}

/** The raw schema name a ref points at, without folding or checks (for planning passes). */
export function refTarget(ref: unknown): string | undefined {
  if (typeof ref !== 'string' || !ref.startsWith(PREFIX)) return undefined;
  const token = ref.slice(PREFIX.length);
  if (token.includes('/')) return undefined;
  try {
    return unescapeToken(decodeURIComponent(token));
  } catch {
    return undefined;
  }
}

function decodeToken(ctx: ReaderContext, token: string, ref: string, pointer: string): string {
  try {
    // A URI fragment may percent-encode characters; the pointer escapes ~ and /.
    return unescapeToken(decodeURIComponent(token));
  } catch {
    ctx.fail(pointer, `malformed $ref '${ref}'`);
  }
}
