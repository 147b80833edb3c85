import type { IncomingHttpHeaders } from 'node:http';
import type { CallAdapter, Rendered } from '../dispatch.ts';
import { ApiFaultError } from '../faults/api-fault.ts';
import type { RestSide } from '../services.ts';
import { synthesizeJson } from '../synth/json-synth.ts';
import { findRoute, type OaSchema, type RestOperation } from './openapi-doc.ts';
import { neutralFromJson } from './neutral-json.ts';
import { projectJson } from './project-json.ts';

const JSON_TYPE = 'application/json; charset=utf-8';

export type RestRouting =
  | { ok: true; adapter: CallAdapter }
  | { ok: false; operation: string; error: string; rendered: Rendered };

/**
 * Routes a REST request by method and path and builds its adapter: JSON Schema validation of
 * the body (ajv), credentials from the HTTP headers, JSON answers shaped by the schema, faults
 * as ApplicationFault subtype bodies with the HTTP status the service uses.
 */
export function routeRest(
  side: RestSide,
  service: string,
  method: string,
  path: string,
  headers: IncomingHttpHeaders,
  text: string,
): RestRouting {
  const op = findRoute(side.rest, method, path);
  if (!op) {
    const error = `no REST operation ${method} ${path} in ${service}`;
    return {
      ok: false,
      operation: `${method} ${path}`,
      error,
      rendered: { status: 404, contentType: JSON_TYPE, body: JSON.stringify({ Message: error }) },
    };
  }
  return { ok: true, adapter: restAdapter(side, service, op, headers, text) };
}

function restAdapter(
  side: RestSide,
  service: string,
  op: RestOperation,
  headers: IncomingHttpHeaders,
  text: string,
): CallAdapter {
  const { doc } = side.rest;
  let body: unknown;
  let parseError: string | undefined;
  const contentType = String(headers['content-type'] ?? '');
  if (text.trim()) {
    if (!/^application\/json\b/i.test(contentType))
      parseError = `Content-Type must be application/json, got '${contentType}'`;
    else {
      try {
        body = JSON.parse(text);
      } catch (e) {
        parseError = `body is not JSON: ${(e as Error).message}`;
      }
    }
  }
  const header = (name: string): string | undefined => {
    const v = headers[name.toLowerCase()];
    return typeof v === 'string' && v.trim() ? v.trim() : undefined;
  };
  const faultRender = (fault: ApiFaultError, trackingId: string): Rendered => ({
    status: fault.httpStatus,
    contentType: JSON_TYPE,
    body: JSON.stringify(faultBody(side, fault, trackingId)),
  });
  return {
    protocol: 'rest',
    service,
    operation: op.name,
    validate: async () => {
      if (parseError) return [parseError];
      if (body === undefined)
        return op.requestSchema ? ['(body) the request body is required'] : [];
      return side.validator.validate(op.requestSchema, body);
    },
    credentials: () => ({
      developerToken: header('DeveloperToken'),
      accessToken: /^Bearer\s+(.+)$/i.exec(header('Authorization') ?? '')?.[1],
      customerId: header('CustomerId'),
      accountId: header('CustomerAccountId'),
    }),
    request: () => (neutralFromJson(doc, op.requestSchema, body) ?? {}) as Record<string, unknown>,
    synthesize: (rng) => synthesizeJson(doc, op.responseSchema, rng),
    renderSuccess: (value) => ({
      status: 200,
      contentType: JSON_TYPE,
      body: JSON.stringify(projectJson(doc, op.responseSchema, value) ?? {}),
    }),
    renderFault: faultRender,
    renderInvalid: (errors) =>
      faultRender(
        new ApiFaultError(
          'adapi',
          [
            {
              Code: 201,
              ErrorCode: 'ApiInputValidationError',
              Message: `Invalid request: ${errors.join(' | ')}`,
              Detail: null,
            },
          ],
          400,
        ),
        crypto.randomUUID(),
      ),
  };
}

/**
 * The JSON fault body. AdApi errors use AdApiFaultDetail where the service's ApplicationFault
 * mapping has it; Ad Insight's does not, so there (and for operation errors) the service's
 * ApiFault/ApiFaultDetail with OperationErrors carries the same code.
 */
export function faultBody(side: RestSide, fault: ApiFaultError, trackingId: string): unknown {
  const { doc } = side.rest;
  const mapping = doc.components.schemas['ApplicationFault']?.discriminator?.mapping ?? {};
  const typeName =
    fault.kind === 'adapi' && mapping['AdApiFaultDetail']
      ? 'AdApiFaultDetail'
      : (['ApiFaultDetail', 'ApiFault'].find((n) => mapping[n]) ??
        Object.keys(mapping)[0] ??
        'ApplicationFault');
  const schema: OaSchema = { $ref: mapping[typeName] ?? `#/components/schemas/${typeName}` };
  const value =
    typeName === 'AdApiFaultDetail'
      ? {
          TrackingId: trackingId,
          Errors: fault.errors.map((e) => ({ ...e, Detail: e.Detail ?? null })),
        }
      : {
          TrackingId: trackingId,
          OperationErrors: fault.errors.map((e) => ({
            Code: e.Code,
            ErrorCode: e.ErrorCode,
            Message: e.Message,
            Details: e.Detail ?? null,
          })),
        };
  return { ...(projectJson(doc, schema, value) as object), Type: typeName };
}
