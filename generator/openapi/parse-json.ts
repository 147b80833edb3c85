import { SpecError } from '../model/errors.ts';
import { findDuplicateKey } from './find-duplicate-keys.ts';
import { jsonErrorOffset } from './json-error-offset.ts';
import { textPlace } from './text-position.ts';

/**
 * Parses the document text. Invalid JSON and repeated keys (which `JSON.parse` would hide
 * by keeping the last) become SpecErrors; invalid JSON is placed by line and column because
 * there is no JSON pointer for text that does not parse.
 */
export function parseJson(text: string, file: string): unknown {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const offset = errorOffset(message, text);
    throw new SpecError(file, textPlace(text, offset), `invalid JSON: ${cleanMessage(message)}`);
  }
  const duplicate = findDuplicateKey(text);
  if (duplicate) {
    throw new SpecError(
      file,
      duplicate.pointer,
      `duplicate key '${duplicate.key}' (JSON.parse would keep only the last one; second occurrence at ${textPlace(text, duplicate.offset)})`,
    );
  }
  return doc;
}

/**
 * Where V8 says the error is: `… in JSON at position 11` (Node 20) or
 * `… (line 3 column 1)` (newer V8). Some messages carry no position
 * ("Unexpected token '}', … is not valid JSON"); then ./json-error-offset.ts finds it.
 */
function errorOffset(message: string, text: string): number {
  const position = /at position (\d+)/.exec(message);
  if (position) return Number(position[1]);
  const lineCol = /\(line (\d+) column (\d+)\)/.exec(message);
  if (lineCol) {
    const line = Number(lineCol[1]);
    let offset = 0;
    for (let l = 1; l < line; l++) {
      const next = text.indexOf('\n', offset);
      if (next === -1) break;
      offset = next + 1;
    }
    return offset + Number(lineCol[2]) - 1;
  }
  return jsonErrorOffset(text);
}

/** V8's message without the position it repeats (the place says it better). */
function cleanMessage(message: string): string {
  return message
    .replace(/ in JSON at position \d+(?: \(line \d+ column \d+\))?/, '')
    .replace(/ \(line \d+ column \d+\)/, '');
}
