import type { HttpMethod, Operation } from '../model/types.ts';
import type { ReaderContext } from './context.ts';
import { child } from './json-pointer.ts';
import { expectObject, expectString } from './json.ts';
import { parseRequestBody } from './parse-request-body.ts';
import { parseResponses } from './parse-responses.ts';
import { description } from './schema-keywords.ts';

/**
 * One operation object → Operation with its REST binding. The name is the `operationId`
 * exactly (it is the wsdl:operation name). Parameters would be inputs outside the body,
 * which no operation of this API has and the model cannot carry: SpecError.
 */
export function parseOperation(
  ctx: ReaderContext,
  path: string,
  method: HttpMethod,
  raw: unknown,
  pointer: string,
): Operation {
  const op = expectObject(ctx, raw, pointer, 'operation');
  const name = expectString(ctx, op['operationId'], child(pointer, 'operationId'), 'operationId');
  const parameters = op['parameters'];
  if (parameters !== undefined && !(Array.isArray(parameters) && parameters.length === 0)) {
    ctx.fail(
      child(pointer, 'parameters'),
      `operation parameters are not supported (the body is the only input)`,
    );
  }
  const body = parseRequestBody(ctx, op, pointer);
  const responses = parseResponses(ctx, op, pointer);
  const operation: Operation = { name, faults: responses.faultTypes };
  if (body.type !== undefined) operation.request = body.type;
  if (responses.response !== undefined) operation.response = responses.response;
  const doc =
    description(op) ??
    (typeof op['summary'] === 'string' && op['summary'] !== '' ? op['summary'] : undefined);
  if (doc) operation.doc = doc;
  operation.rest = {
    method,
    path,
    requestBodyRequired: body.required,
    responses: responses.responses,
    faults: responses.faults,
  };
  return operation;
}
