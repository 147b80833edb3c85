/**
 * Last line of defence: whatever was thrown (ours, a codec's, the token provider's), its
 * message, stack and structured fields (`trackingId`, `errors[]`, `details`, …) lose every
 * secret the client knows, down the cause chain.
 */
export function scrubError(error: unknown, redact: (text: string) => string, depth = 0): void {
  if (!(error instanceof Error) || depth > 4) return;
  try {
    error.message = redact(error.message);
    if (typeof error.stack === 'string') error.stack = redact(error.stack);
    scrubFields(error as unknown as Record<string, unknown>, redact, 0);
  } catch {
    // Frozen or exotic errors keep their text.
  }
  scrubError(error.cause, redact, depth + 1);
}

/** Redacts the strings of own enumerable fields, in place, through plain objects and arrays. */
function scrubFields(
  target: Record<string, unknown> | unknown[],
  redact: (text: string) => string,
  depth: number,
): void {
  if (depth > 4) return;
  for (const [key, value] of Object.entries(target)) {
    if (typeof value === 'string') {
      const clean = redact(value);
      if (clean !== value) (target as Record<string, unknown>)[key] = clean;
    } else if (Array.isArray(value) || isPlainObject(value)) {
      scrubFields(value as Record<string, unknown>, redact, depth + 1);
    }
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}
