/** Asserts that none of the secret strings appears anywhere an error can be shown or logged. */
import { inspect } from 'node:util';
import { expect } from 'vitest';

export function expectNoSecrets(value: unknown, secrets: readonly string[]): void {
  const views = [
    String(value),
    (value as Error)?.message ?? '',
    (value as Error)?.stack ?? '',
    JSON.stringify(value) ?? '',
    JSON.stringify(Object.assign({}, value)) ?? '',
    inspect(value, { depth: 10, showHidden: true }),
  ];
  for (const secret of secrets) {
    for (const view of views) expect(view).not.toContain(secret);
  }
}
