import { format } from 'prettier';

/**
 * prettier with fixed options (the repository's .prettierrc), so generated output does not
 * depend on a prettier config found on the way. The large types and descriptor files are
 * written in this layout directly (see ./writer.ts, ./literal.ts) and test/emit checks that
 * prettier leaves them unchanged; formatting megabytes on every run would cost seconds.
 */
export const PRETTIER_OPTIONS = {
  singleQuote: true,
  printWidth: 100,
  trailingComma: 'all',
} as const;

/** babel-ts: twice as fast as the typescript parser here, same output (test/emit checks with the typescript parser). */
export function formatTs(text: string): Promise<string> {
  return format(text, { ...PRETTIER_OPTIONS, parser: 'babel-ts' });
}

export function formatJson(value: unknown): Promise<string> {
  return format(JSON.stringify(value), { ...PRETTIER_OPTIONS, parser: 'json' });
}
