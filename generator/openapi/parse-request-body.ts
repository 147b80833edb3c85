import type { ReaderContext } from './context.ts';
import { child } from './json-pointer.ts';
import { expectObject, type JsonObject } from './json.ts';
import { parseContent } from './parse-content.ts';

export interface ParsedRequestBody {
  /** Request type name; undefined for a free-form (`{}` / `{type: object}`) or absent body. */
  type?: string;
  required: boolean;
}

/**
 * `requestBody` → the request type name. The seven request-less operations
 * (GetCurrentUser, …) send a free-form `{type: object}` body: no request type, though the
 * body stays required on the wire. A body that is neither a named schema nor free-form
 * cannot become `Operation.request`, so it is a SpecError.
 */
export function parseRequestBody(
  ctx: ReaderContext,
  operation: JsonObject,
  pointer: string,
): ParsedRequestBody {
  const raw = operation['requestBody'];
  if (raw === undefined) return { required: false };
  const at = child(pointer, 'requestBody');
  const body = expectObject(ctx, raw, at, 'requestBody');
  if ('$ref' in body)
    ctx.fail(child(at, '$ref'), `requestBody $ref (components/requestBodies) is not supported`);
  const required = body['required'] === true;
  const parsed = parseContent(ctx, body, at);
  if (!parsed) return { required };
  if (parsed.type.kind === 'named') return { type: parsed.type.name, required };
  if (parsed.type.kind === 'primitive' && parsed.type.primitive === 'any') return { required };
  ctx.fail(child(at, 'content'), `request body must be a $ref to a named schema or free-form`);
}
