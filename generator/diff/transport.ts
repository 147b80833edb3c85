import { descendants } from '../model/helpers.ts';
import type { ObjectType } from '../model/types.ts';
import { change, type DiffContext } from './context.ts';
import type { Surface } from './surface.ts';
import type { Change } from './types.ts';

/** SOAP header elements that carry the OAuth access token and that REST has no place for. */
const AUTH_HEADER = 'AuthenticationToken';
const LEGACY_HEADERS = new Set(['ApplicationToken', 'UserName', 'Password']);

/**
 * What changes in how every call is made when the two sides use different protocols (the
 * REFERENCE "SOAP vs REST wire differences"): the auth header, the other headers, per operation
 * the SOAP action against the REST method and path, the fault shape, the body encoding, and per
 * REST discriminated family how a subtype is marked. Nothing here for same-protocol diffs.
 */
export function compareTransport(ctx: DiffContext): void {
  if (!ctx.crossProtocol) return;
  const toRest = ctx.fromProtocol === 'soap';
  const soap = toRest ? ctx.from : ctx.to;
  const rest = toRest ? ctx.to : ctx.from;
  const out = ctx.changes;

  const requestHeaders = new Set(
    soap.model.operations.flatMap((o) => o.soap?.requestHeaders.map((h) => h.name) ?? []),
  );
  const responseHeaders = new Set(
    soap.model.operations.flatMap((o) => o.soap?.responseHeaders.map((h) => h.name) ?? []),
  );
  if (requestHeaders.has(AUTH_HEADER)) {
    const soapForm = `${AUTH_HEADER} (SOAP header element)`;
    const restForm = 'Authorization: Bearer <token> (HTTP header)';
    out.push(
      change(
        'transport-auth-header',
        true,
        toRest
          ? `Send the OAuth access token as the HTTP header "Authorization: Bearer <token>" instead of the SOAP header element ${AUTH_HEADER}`
          : `Send the OAuth access token in the SOAP header element ${AUTH_HEADER} instead of the HTTP header "Authorization: Bearer <token>"`,
        { from: toRest ? soapForm : restForm, to: toRest ? restForm : soapForm },
      ),
    );
  }
  const moved = [...requestHeaders]
    .filter((h) => h !== AUTH_HEADER && !LEGACY_HEADERS.has(h))
    .sort();
  const legacy = [...requestHeaders].filter((h) => LEGACY_HEADERS.has(h)).sort();
  const back = [...responseHeaders].sort();
  if (moved.length + legacy.length + back.length > 0) {
    const parts: string[] = [];
    const verb = (xs: string[], one: string, many: string): string =>
      `${xs.join(', ')} ${xs.length === 1 ? one : many}`;
    if (moved.length) {
      const one = moved.length === 1;
      const [soapH, httpH] = one
        ? ['a SOAP header element', 'an HTTP request header']
        : ['SOAP header elements', 'HTTP request headers'];
      const where = toRest ? `from ${soapH} to ${httpH}` : `from ${httpH} to ${soapH}`;
      parts.push(`${verb(moved, 'moves', 'move')} ${where} of the same name`);
    }
    if (back.length) {
      const where = toRest
        ? 'an HTTP response header instead of a SOAP header element'
        : 'a SOAP header element instead of an HTTP response header';
      parts.push(`${verb(back, 'comes', 'come')} back as ${where}`);
    }
    if (legacy.length && toRest)
      parts.push(`${legacy.join(', ')} have no REST equivalent (REST takes OAuth tokens only)`);
    const soapForm = [...moved, ...back].join(', ') + ' (SOAP header elements)';
    const restForm = [...moved, ...back].join(', ') + ' (HTTP headers)';
    out.push(
      change('transport-headers', true, parts.join('; '), {
        from: toRest ? soapForm : restForm,
        to: toRest ? restForm : soapForm,
      }),
    );
  }

  const restOps = new Map(rest.model.operations.map((o) => [o.name, o]));
  for (const op of soap.model.operations) {
    const r = restOps.get(op.name)?.rest;
    if (!op.soap || !r) continue;
    const soapForm = `SOAPAction ${op.soap.action}`;
    const restForm = `${r.method} ${r.path}`;
    const message = toRest
      ? `Call ${op.name} with ${r.method} ${r.path} and a JSON body instead of a SOAP envelope with action ${op.soap.action}`
      : `Call ${op.name} with a SOAP envelope with action ${op.soap.action} instead of ${r.method} ${r.path}`;
    out.push(
      change('transport-endpoint', true, message, {
        operation: op.name,
        from: toRest ? soapForm : restForm,
        to: toRest ? restForm : soapForm,
      }),
    );
  }

  out.push(faultItem(soap, rest, toRest));
  out.push(
    change(
      'transport-encoding',
      true,
      toRest
        ? 'Bodies are JSON (application/json) instead of SOAP 1.1 XML envelopes (text/xml): property order is free, arrays are plain JSON arrays instead of ArrayOf wrappers, null replaces i:nil'
        : 'Bodies are SOAP 1.1 XML envelopes (text/xml) instead of JSON: elements must follow schema order, arrays are ArrayOf wrappers, i:nil replaces null',
      { from: toRest ? 'SOAP 1.1 XML' : 'JSON', to: toRest ? 'JSON' : 'SOAP 1.1 XML' },
    ),
  );
  out.push(...polymorphismItems(ctx, soap, rest, toRest));
}

function faultItem(soap: Surface, rest: Surface, toRest: boolean): Change {
  const soapFaults = [
    ...new Set(soap.model.operations.flatMap((o) => o.soap?.faults.map((f) => f.type) ?? o.faults)),
  ].sort();
  const statuses = [
    ...new Set(rest.model.operations.flatMap((o) => o.rest?.faults.map((f) => f.status) ?? [])),
  ].sort();
  const bodies = [
    ...new Set(
      rest.model.operations.flatMap(
        (o) => o.rest?.faults.flatMap((f) => (f.type?.kind === 'named' ? [f.type.name] : [])) ?? [],
      ),
    ),
  ].sort();
  const kinds = [
    ...new Set(
      bodies.flatMap((b) =>
        descendants(rest.subtypes, b).map((t) => t.discriminatorValue ?? t.name),
      ),
    ),
  ].sort();
  const soapForm = `HTTP 500 soap:Fault, detail ${soapFaults.join(' | ') || '(none declared)'}`;
  const restForm = `HTTP ${statuses.join('/') || '(none declared)'}, JSON ${bodies.join(' | ') || 'body'}`;
  const typeNote = kinds.length ? ` whose Type property names the fault (${kinds.join(', ')})` : '';
  const message = toRest
    ? `Errors arrive as HTTP ${statuses.join(', ')} responses with a JSON ${bodies.join(' or ') || 'fault'} body${typeNote}, instead of HTTP 500 with a soap:Fault whose detail is ${soapFaults.join(' or ')}`
    : `Errors arrive as HTTP 500 with a soap:Fault whose detail is ${soapFaults.join(' or ')}, instead of HTTP ${statuses.join(', ')} responses with a JSON ${bodies.join(' or ') || 'fault'} body`;
  return change('transport-faults', true, message, {
    from: toRest ? soapForm : restForm,
    to: toRest ? restForm : soapForm,
  });
}

/** One item per REST family present on both sides: SOAP `i:type` names against REST `Type` values. */
function polymorphismItems(
  ctx: DiffContext,
  soap: Surface,
  rest: Surface,
  toRest: boolean,
): Change[] {
  const out: Change[] = [];
  const soapNameOf = (restName: string): string =>
    (toRest ? ctx.renamedFrom.get(restName) : ctx.renames.get(restName)) ?? restName;
  for (const t of rest.model.types) {
    if (
      t.kind !== 'object' ||
      !t.discriminator ||
      !rest.reachable.has(t.name) ||
      !soap.reachable.has(soapNameOf(t.name))
    )
      continue;
    const root = t as ObjectType & { discriminator: NonNullable<ObjectType['discriminator']> };
    const entries = Object.entries(root.discriminator.mapping);
    const differing = entries
      .filter(([value, type]) => value !== type)
      .map(([value, type]) => `"${value}" for ${type}`);
    const note = differing.length
      ? `; values that differ from the type name: ${differing.join(', ')}`
      : '; each value is the type name';
    const prop = root.discriminator.property;
    const message = toRest
      ? `Values of ${t.name} and its subtypes say which type they are with the JSON property "${prop}" instead of i:type${note}`
      : `Values of ${t.name} and its subtypes say which type they are with i:type instead of the JSON property "${prop}"${note}`;
    out.push(
      change('polymorphism-representation', false, message, {
        type: t.name,
        from: toRest ? 'i:type' : prop,
        to: toRest ? prop : 'i:type',
      }),
    );
  }
  return out;
}
