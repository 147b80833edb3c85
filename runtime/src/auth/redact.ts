import { Redactor, safeExcerpt } from '../redact.js';

/**
 * Keeps secrets out of error messages built from text we do not control (an identity
 * provider's `error_description` could echo part of a request): every known secret of the
 * request and every credential-shaped value is replaced (runtime/src/redact.ts), and the text
 * is flattened to one line and cut short, before it is put into a message.
 */
const MAX_LENGTH = 300;

export function redact(text: string, secrets: readonly (string | undefined)[]): string {
  const redactor = new Redactor();
  for (const secret of secrets) redactor.add(secret);
  return safeExcerpt(text, redactor.fn, MAX_LENGTH);
}
