import { BULK_DELETE_VALUE } from './records.js';

/**
 * Cell text ↔ value for one column kind. Empty cells are absent values (the reader leaves the
 * property out, the writer writes nothing); `delete_value` passes through as itself in every kind.
 * Lists are the reference's "; "-delimited URL and language lists.
 */

export type CellDecoder = (text: string) => unknown;
export type CellEncoder = (value: unknown) => string | undefined;

const LIST_SEPARATOR = '; ';

export function decoderFor(kind: string): CellDecoder {
  switch (kind) {
    case 'n':
      return decodeNumber;
    case 'l':
      return decodeList;
    default:
      return (text) => text;
  }
}

function decodeNumber(text: string): unknown {
  if (text === BULK_DELETE_VALUE) return text;
  const n = Number(text);
  if (!Number.isFinite(n) || text.trim() === '')
    throw new TypeError(`'${excerpt(text)}' is not a number`);
  return n;
}

function decodeList(text: string): unknown {
  if (text === BULK_DELETE_VALUE) return text;
  return text.split(';').map((s) => s.trim());
}

export function encoderFor(kind: string): CellEncoder {
  switch (kind) {
    case 'n':
      return encodeNumber;
    case 'l':
      return encodeList;
    default:
      return encodeText;
  }
}

function encodeText(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw new TypeError(`expected a string, got ${typeof value}`);
  return value;
}

function encodeNumber(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (value === BULK_DELETE_VALUE) return value;
  if (typeof value !== 'number' || !Number.isFinite(value))
    throw new TypeError(`expected a finite number or '${BULK_DELETE_VALUE}'`);
  return String(value);
}

function encodeList(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (value === BULK_DELETE_VALUE) return value;
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string' || v.includes(';')))
    throw new TypeError(`expected an array of strings without ';' or '${BULK_DELETE_VALUE}'`);
  return value.join(LIST_SEPARATOR);
}

export function excerpt(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}
