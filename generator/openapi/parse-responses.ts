import type { RestResponse } from '../model/types.ts';
import type { ReaderContext } from './context.ts';
import { child } from './json-pointer.ts';
import { expectObject, type JsonObject } from './json.ts';
import { parseContent } from './parse-content.ts';

export interface ParsedResponses {
  /** 2xx, in spec order. */
  responses: RestResponse[];
  /** 4xx, 5xx and `default`, in spec order. */
  faults: RestResponse[];
  /** The named 2xx body type; undefined when the success body is free-form or absent. */
  response?: string;
  /** Distinct named fault body types, in order of first appearance. */
  faultTypes: string[];
}

/**
 * `responses` → success and fault entries. A free-form 200 body (the nine operations
 * without a response model) keeps its entry, typed `any`, but gives no response type.
 * 1xx/3xx statuses, `$ref` responses, two different 2xx body types, and success or fault
 * bodies that are neither named nor free-form are SpecErrors. Order is the object's key
 * order, in which JavaScript puts integer-like keys (`200`, `400`) first, ascending.
 */
export function parseResponses(
  ctx: ReaderContext,
  operation: JsonObject,
  pointer: string,
): ParsedResponses {
  const at = child(pointer, 'responses');
  const raw = expectObject(ctx, operation['responses'], at, 'responses');
  const out: ParsedResponses = { responses: [], faults: [], faultTypes: [] };
  for (const status in raw) {
    const statusAt = child(at, status);
    const response = expectObject(ctx, raw[status], statusAt, `response ${status}`);
    if ('$ref' in response)
      ctx.fail(child(statusAt, '$ref'), `response $ref (components/responses) is not supported`);
    const body = parseContent(ctx, response, statusAt);
    const entry: RestResponse = { status };
    if (body) entry.type = body.type;
    const bodyAt = child(statusAt, 'content');
    const named = body?.type.kind === 'named' ? body.type.name : undefined;
    const freeForm = body?.type.kind === 'primitive' && body.type.primitive === 'any';
    if (body && !named && !freeForm)
      ctx.fail(bodyAt, `response body must be a $ref to a named schema or free-form`);

    if (/^2(\d\d|XX)$/.test(status)) {
      out.responses.push(entry);
      if (named) {
        if (out.response !== undefined && out.response !== named) {
          ctx.fail(bodyAt, `second success body type '${named}' (already '${out.response}')`);
        }
        out.response = named;
      }
    } else if (/^[45](\d\d|XX)$/.test(status) || status === 'default') {
      out.faults.push(entry);
      if (named && !out.faultTypes.includes(named)) out.faultTypes.push(named);
    } else {
      ctx.fail(
        statusAt,
        `unsupported response status '${status}' (2xx, 4xx, 5xx or default expected)`,
      );
    }
  }
  return out;
}
