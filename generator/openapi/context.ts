import { SpecError } from '../model/errors.ts';
import type { JsonObject } from './json.ts';

/**
 * What every construct parser needs: the file name (for errors), the raw
 * `components.schemas`, and the concrete-base plan (which `<Base>Base` schemas are folded
 * into their base or dropped, see ./fold-concrete-bases.ts).
 */
export interface ReaderContext {
  readonly file: string;
  readonly schemas: JsonObject;
  /** Folded `<Base>Base` name → its base name. Every `$ref` and mapping value to it is rewritten. */
  readonly folded: ReadonlyMap<string, string>;
  /** Unmapped, unreferenced `<Base>Base` names: not emitted as types. */
  readonly dropped: ReadonlySet<string>;
  /** Throws a SpecError for this file. */
  fail(pointer: string, problem: string): never;
}

export function createContext(
  file: string,
  schemas: JsonObject,
  folded: ReadonlyMap<string, string> = new Map(),
  dropped: ReadonlySet<string> = new Set(),
): ReaderContext {
  return {
    file,
    schemas,
    folded,
    dropped,
    fail(pointer: string, problem: string): never {
      throw new SpecError(file, pointer, problem);
    },
  };
}
