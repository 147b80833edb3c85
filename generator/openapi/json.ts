/**
 * Plain-JSON helpers: the reader works on `JSON.parse` output, so every node is `unknown`
 * until checked. These guards keep the per-construct modules short.
 */
import type { ReaderContext } from './context.ts';

export type JsonObject = { [key: string]: unknown };

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `value` as an object, or a SpecError naming what was expected there. */
export function expectObject(
  ctx: ReaderContext,
  value: unknown,
  pointer: string,
  what: string,
): JsonObject {
  if (!isJsonObject(value))
    ctx.fail(pointer, `${what} must be a JSON object, found ${describe(value)}`);
  return value;
}

export function expectArray(
  ctx: ReaderContext,
  value: unknown,
  pointer: string,
  what: string,
): unknown[] {
  if (!Array.isArray(value))
    ctx.fail(pointer, `${what} must be a JSON array, found ${describe(value)}`);
  return value;
}

export function expectString(
  ctx: ReaderContext,
  value: unknown,
  pointer: string,
  what: string,
): string {
  if (typeof value !== 'string' || value === '') {
    ctx.fail(pointer, `${what} must be a non-empty string, found ${describe(value)}`);
  }
  return value;
}

/** Short rendering of a JSON value for messages (`array`, `null`, `"int65"`). */
export function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string')
    return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  return String(value);
}
