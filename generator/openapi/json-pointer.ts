/**
 * JSON pointers (RFC 6901) in URI-fragment form (`#/components/schemas/Ad/allOf/1`), the
 * `place` of every SpecError this reader throws, so a user can jump to the construct.
 */

/** Escapes one reference token: `~` → `~0`, `/` → `~1` (paths like `/User/Query` become `~1User~1Query`). */
export function escapeToken(token: string | number): string {
  return String(token).replace(/~/g, '~0').replace(/\//g, '~1');
}

/** Appends tokens to a pointer: `child('#/paths', '/User', 'post')` → `#/paths/~1User/post`. */
export function child(pointer: string, ...tokens: (string | number)[]): string {
  let out = pointer;
  for (const token of tokens) out += `/${escapeToken(token)}`;
  return out;
}

/** Reverses escapeToken. */
export function unescapeToken(token: string): string {
  return token.replace(/~1/g, '/').replace(/~0/g, '~');
}
