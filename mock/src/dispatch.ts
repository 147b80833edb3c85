import type { ServerResponse } from 'node:http';
import { checkCredentials, type PresentedCredentials } from './auth/credentials.ts';
import { CAMPAIGN_HANDLERS } from './campaigns/index.ts';
import { CM_HANDLERS } from './cm/handlers.ts';
import type { MockContext } from './context.ts';
import { adApiFault, ApiFaultError } from './faults/api-fault.ts';
import type { ApiErrorCode, FaultSpec } from './faults/inject.ts';
import {
  entityExpansionPayload,
  resetConnection,
  sendHtmlError,
  sendHuge,
  sendTruncated,
  unknownDetailRestFault,
  unknownDetailSoapFault,
} from './faults/payloads.ts';
import { reportingHandler } from './reports/handlers.ts';
import { Prng } from './synth/prng.ts';

/** A rendered HTTP answer. */
export interface Rendered {
  status: number;
  contentType: string;
  body: string;
  headers?: Record<string, string>;
}

/** What the common pipeline needs from one protocol for one routed call. */
export interface CallAdapter {
  protocol: 'soap' | 'rest';
  service: string;
  operation: string;
  /** Violations of the request against the service's schema (empty when valid). */
  validate(): Promise<string[]>;
  credentials(): PresentedCredentials;
  /** The request body as a protocol-neutral value (for stateful handlers). */
  request(): Record<string, unknown>;
  synthesize(rng: Prng): unknown;
  renderSuccess(value: unknown, trackingId: string): Rendered;
  renderFault(fault: ApiFaultError, trackingId: string): Rendered;
  renderInvalid(errors: string[]): Rendered;
}

export function send(res: ServerResponse, r: Rendered, trackingId?: string): void {
  res.writeHead(r.status, {
    'Content-Type': r.contentType,
    ...(trackingId ? { TrackingId: trackingId } : {}),
    ...(r.headers ?? {}),
  });
  res.end(r.body);
}

/**
 * The pipeline every routed call goes through: validate the request (a violation is answered
 * with a client fault and recorded), apply an injected fault if one matches, check the three
 * credentials, then answer from the Customer Management state or from the schema synthesizer.
 */
export async function runCall(
  ctx: MockContext,
  a: CallAdapter,
  faultHeader: string | undefined,
  res: ServerResponse,
): Promise<void> {
  const trackingId = crypto.randomUUID();
  const started = performance.now();
  const errors = await a.validate();
  ctx.stats.validated++;
  ctx.stats.validationMs += performance.now() - started;
  if (errors.length) {
    for (const e of errors)
      ctx.stats.validationErrors.push(`${a.protocol} ${a.service}.${a.operation}: ${e}`);
    send(res, a.renderInvalid(errors), trackingId);
    return;
  }

  let fault: FaultSpec | undefined;
  try {
    fault = ctx.injector.take(
      { service: a.service, operation: a.operation, protocol: a.protocol },
      faultHeader,
    );
  } catch (e) {
    send(res, a.renderInvalid([(e as Error).message]), trackingId);
    return;
  }
  if (fault) {
    ctx.stats.faultsInjected++;
    if (fault.kind === 'delay') await new Promise((r) => setTimeout(r, fault.ms));
    else if (fault.kind !== 'truncated' && fault.kind !== 'alter')
      return sendFault(a, fault, trackingId, res);
  }

  let value: unknown;
  try {
    const credentials = a.credentials();
    const { userId } = checkCredentials(ctx.policy, credentials);
    value = answer(ctx, a, userId, credentials.accountId);
  } catch (e) {
    if (!(e instanceof ApiFaultError)) throw e;
    send(res, a.renderFault(e, trackingId), trackingId);
    return;
  }
  if (fault?.kind === 'alter') value = alterAt(value, fault.path, fault.value);
  const rendered = a.renderSuccess(value, trackingId);
  if (fault?.kind === 'truncated') sendTruncated(res, rendered.contentType, rendered.body);
  else send(res, rendered, trackingId);
}

/** The HTTP status REST answers each injected API error code with. */
const ERROR_STATUS: Record<ApiErrorCode, number> = {
  0: 500,
  105: 401,
  106: 403,
  109: 401,
  117: 400,
};

/**
 * The stateful answer when the operation has a handler (Customer Management, Campaign
 * Management's entities), else a schema-valid one synthesized from the seed and the request,
 * so the same request gets the same answer.
 */
function answer(
  ctx: MockContext,
  a: CallAdapter,
  userId: string,
  accountId: string | undefined,
): unknown {
  if (a.service === 'customer-management') {
    const handler = CM_HANDLERS[a.operation];
    if (handler) return handler({ store: ctx.store, userId }, a.request());
  }
  if (a.service === 'campaign-management') {
    const handler = CAMPAIGN_HANDLERS[a.operation];
    if (handler) {
      return handler(
        {
          store: ctx.campaigns,
          customers: ctx.store,
          userId,
          accountId,
          codes: ctx.codes(),
          typeValue: (name) => ctx.registry.typeValue(a.service, name),
        },
        a.request(),
      );
    }
  }
  if (a.service === 'bulk') {
    const bulk = ctx.bulk?.handle(a.operation, a.request(), accountId);
    if (bulk !== undefined) return bulk;
  }
  if (a.service === 'reporting') {
    const reporting = reportingHandler(ctx.reports, ctx.origin, a.operation);
    if (reporting) return reporting(a.request());
  }
  // Per seed and operation: the same request (over either protocol) gets the same answer.
  return a.synthesize(Prng.forOperation(ctx.seed, `${a.service}.${a.operation}`));
}

function sendFault(
  a: CallAdapter,
  fault: Exclude<FaultSpec, { kind: 'delay' | 'truncated' | 'alter' }>,
  trackingId: string,
  res: ServerResponse,
): void {
  switch (fault.kind) {
    case 'throttle': {
      const f = adApiFault(117, fault.status === 429 ? 429 : 400, undefined, fault.retryAfterS);
      const r = a.renderFault(f, trackingId);
      send(
        res,
        {
          ...r,
          status: fault.status === 429 ? 429 : r.status,
          headers: { ...r.headers, 'Retry-After': String(fault.retryAfterS) },
        },
        trackingId,
      );
      return;
    }
    case 'internal':
      send(res, a.renderFault(adApiFault(0, 500), trackingId), trackingId);
      return;
    case 'error': {
      const f = adApiFault(fault.code, ERROR_STATUS[fault.code], undefined, fault.retryAfterS);
      const r = a.renderFault(f, trackingId);
      const retryAfter: Record<string, string> =
        fault.retryAfterS === undefined ? {} : { 'Retry-After': String(fault.retryAfterS) };
      send(res, { ...r, headers: { ...r.headers, ...retryAfter } }, trackingId);
      return;
    }
    case 'reset':
      resetConnection(res);
      return;
    case 'html':
      sendHtmlError(res);
      return;
    case 'huge':
      sendHuge(res, a.protocol, fault.bytes);
      return;
    case 'entity-expansion':
      send(
        res,
        { status: 200, contentType: 'text/xml; charset=utf-8', body: entityExpansionPayload() },
        trackingId,
      );
      return;
    case 'unknown-fault-detail':
      send(
        res,
        a.protocol === 'soap'
          ? {
              status: 500,
              contentType: 'text/xml; charset=utf-8',
              body: unknownDetailSoapFault(trackingId),
            }
          : {
              status: 400,
              contentType: 'application/json; charset=utf-8',
              body: unknownDetailRestFault(trackingId),
            },
        trackingId,
      );
      return;
  }
}

/** A copy of `value` (answers may be the store's own objects) with `path` set to `to`. */
function alterAt(value: unknown, path: string, to: unknown): unknown {
  const copy = structuredClone(value) as Record<string, unknown>;
  const keys = path.split('.');
  let at: Record<string, unknown> = copy;
  for (const k of keys.slice(0, -1)) {
    const next = at[k];
    if (typeof next !== 'object' || next === null) return copy; // nothing there to alter
    at = next as Record<string, unknown>;
  }
  at[keys[keys.length - 1]!] = to;
  return copy;
}
