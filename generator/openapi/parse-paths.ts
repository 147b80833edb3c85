import type { HttpMethod, Operation } from '../model/types.ts';
import type { ReaderContext } from './context.ts';
import { child } from './json-pointer.ts';
import { expectObject, type JsonObject } from './json.ts';
import { parseOperation } from './parse-operation.ts';

const METHODS: ReadonlyMap<string, HttpMethod> = new Map([
  ['get', 'GET'],
  ['post', 'POST'],
  ['put', 'PUT'],
  ['patch', 'PATCH'],
  ['delete', 'DELETE'],
]);
/** Path item members that carry no operation and change nothing on the wire. */
const IGNORED = new Set(['summary', 'description', 'servers']);

/**
 * `paths` → operations, in paths order and, within a path, in the order the methods are
 * written. A duplicate operationId would give two client methods one name: SpecError.
 * HEAD/OPTIONS/TRACE, path-level parameters and `$ref` path items are not supported.
 */
export function parsePaths(ctx: ReaderContext, paths: JsonObject, pointer: string): Operation[] {
  const operations: Operation[] = [];
  const seen = new Map<string, string>();
  for (const path in paths) {
    const itemAt = child(pointer, path);
    if (!path.startsWith('/')) ctx.fail(itemAt, `path must start with '/'`);
    const item = expectObject(ctx, paths[path], itemAt, 'path item');
    for (const key in item) {
      const at = child(itemAt, key);
      const method = METHODS.get(key);
      if (method) {
        const operation = parseOperation(ctx, path, method, item[key], at);
        const first = seen.get(operation.name);
        if (first)
          ctx.fail(
            child(at, 'operationId'),
            `duplicate operationId '${operation.name}' (first at ${first})`,
          );
        seen.set(operation.name, at);
        operations.push(operation);
      } else if (key === 'parameters') {
        if (!(Array.isArray(item[key]) && item[key].length === 0))
          ctx.fail(at, `path-level parameters are not supported`);
      } else if (!IGNORED.has(key) && !key.startsWith('x-')) {
        ctx.fail(at, `unsupported path item member '${key}'`);
      }
    }
  }
  return operations;
}
