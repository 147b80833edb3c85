import type { IncomingHttpHeaders } from 'node:http';
import type { CallAdapter, Rendered } from '../dispatch.ts';
import type { SoapSide } from '../services.ts';
import { synthesizeXsd } from '../synth/xsd-synth.ts';
import { key, type Key } from '../wsdl/schema-set.ts';
import type { SoapOperationDesc } from '../wsdl/service-description.ts';
import { XmlSyntaxError } from '../xml/tree.ts';
import {
  headerValue,
  parseEnvelope,
  soapApiFault,
  soapClientFault,
  soapResponse,
  type ParsedEnvelope,
} from './envelope.ts';
import { readGlobal } from './xml-reader.ts';

const XML_TYPE = 'text/xml; charset=utf-8';

/** Either an adapter for a routed SOAP call, or the reason the request could not be routed. */
export type SoapRouting =
  | { ok: true; adapter: CallAdapter }
  | { ok: false; operation: string; error: string; rendered: Rendered };

/**
 * Routes a SOAP request to its operation (HTTP SOAPAction, else the Body child's element) and
 * builds the adapter the common pipeline drives: whole-envelope XSD validation, header
 * credentials as the binding declares them, responses written from the schema.
 */
export function routeSoap(
  side: SoapSide,
  service: string,
  headers: IncomingHttpHeaders,
  text: string,
): SoapRouting {
  const fail = (operation: string, error: string): SoapRouting => ({
    ok: false,
    operation,
    error,
    rendered: { status: 500, contentType: XML_TYPE, body: soapClientFault(error) },
  });
  const contentType = String(headers['content-type'] ?? '');
  if (!/^text\/xml\b/i.test(contentType))
    return fail('?', `SOAP 1.1 requests must be sent as text/xml, got '${contentType}'`);
  let env: ParsedEnvelope;
  try {
    env = parseEnvelope(text);
  } catch (e) {
    if (e instanceof XmlSyntaxError) return fail('?', e.message);
    throw e;
  }
  if (!env.body) return fail('?', 'the SOAP Body is empty');
  const bodyKey = key(env.body.ns, env.body.local);
  const action = (headers['soapaction'] as string | undefined)?.trim().replace(/^"(.*)"$/, '$1');
  const { desc } = side;
  let op: SoapOperationDesc | undefined;
  if (action) {
    op = desc.byAction.get(action);
    if (!op)
      return fail(
        action,
        `The message with Action '${action}' cannot be processed: no such operation in ${desc.serviceName}`,
      );
    if (op.requestElement !== bodyKey)
      return fail(
        op.name,
        `SOAPAction '${action}' expects body element ${op.requestElement}, got ${bodyKey}`,
      );
  } else {
    op = desc.operations.find((o) => o.requestElement === bodyKey);
    if (!op)
      return fail('?', `no SOAPAction header and no operation takes body element ${bodyKey}`);
  }
  return { ok: true, adapter: soapAdapter(side, service, op, env, text) };
}

function soapAdapter(
  side: SoapSide,
  service: string,
  op: SoapOperationDesc,
  env: ParsedEnvelope,
  text: string,
): CallAdapter {
  const { desc } = side;
  const header = (part: string): string | undefined => {
    const h = op.requestHeaders.find((x) => x.part === part);
    return h ? headerValue(env, h.element) : undefined;
  };
  const responseType = (): Key => desc.schemas.elements.get(op.responseElement)!.type;
  return {
    protocol: 'soap',
    service,
    operation: op.name,
    validate: () => side.validator.validate(text),
    credentials: () => ({
      developerToken: header('DeveloperToken'),
      accessToken: header('AuthenticationToken'),
      customerId: header('CustomerId'),
      accountId: header('CustomerAccountId'),
    }),
    request: () => readGlobal(desc.schemas, env.body!) as Record<string, unknown>,
    synthesize: (rng) => synthesizeXsd(desc.schemas, responseType(), rng),
    renderSuccess: (value, trackingId) => ({
      status: 200,
      contentType: XML_TYPE,
      body: soapResponse(desc, op, value, trackingId),
    }),
    renderFault: (fault, trackingId) => ({
      status: fault.httpStatus === 429 ? 429 : 500,
      contentType: XML_TYPE,
      body: soapApiFault(desc, op, fault, trackingId),
    }),
    renderInvalid: (errors) => ({
      status: 500,
      contentType: XML_TYPE,
      body: soapClientFault(
        `Request is not valid against the ${desc.serviceName} schema: ${errors.join(' | ')}`,
      ),
    }),
  };
}
