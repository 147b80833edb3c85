/**
 * Keeps secrets out of error messages built from text we do not control (an identity
 * provider's `error_description` could echo part of a request). Every known secret of the
 * request is replaced, and the text is cut short, before it is put into a message.
 */

const MAX_LENGTH = 300;

export function redact(text: string, secrets: readonly (string | undefined)[]): string {
  let out = text;
  for (const secret of secrets) {
    // Short values would redact ordinary words; real secrets are long.
    if (secret === undefined || secret.length < 8) continue;
    out = out.split(secret).join('[redacted]');
  }
  out = out.replace(/\s+/g, ' ').trim();
  return out.length > MAX_LENGTH ? `${out.slice(0, MAX_LENGTH)}…` : out;
}
