import { escapeXml, parseXmlTree, XmlSyntaxError, type XmlNode } from '../xml/tree.ts';
import { splitKey, type Key, type SchemaSet } from '../wsdl/schema-set.ts';
import type { SoapOperationDesc, WsdlDescription } from '../wsdl/service-description.ts';
import { SOAP_ENV } from './envelope-schema.ts';
import { XmlWriter } from './xml-writer.ts';
import type { ApiFaultError } from '../faults/api-fault.ts';

export interface ParsedEnvelope {
  headers: XmlNode[];
  body: XmlNode | undefined;
}

/** Parses a request envelope; XmlSyntaxError for anything that is not a SOAP 1.1 envelope. */
export function parseEnvelope(xml: string): ParsedEnvelope {
  const root = parseXmlTree(xml);
  if (root.ns !== SOAP_ENV || root.local !== 'Envelope') {
    throw new XmlSyntaxError(
      `root element must be {${SOAP_ENV}}Envelope, got {${root.ns}}${root.local}`,
    );
  }
  const header = root.children.find((c) => c.ns === SOAP_ENV && c.local === 'Header');
  const body = root.children.find((c) => c.ns === SOAP_ENV && c.local === 'Body');
  return { headers: header?.children ?? [], body: body?.children[0] };
}

/** Text of a header element by its declared element key, or undefined when absent or nil. */
export function headerValue(env: ParsedEnvelope, element: Key): string | undefined {
  const { ns, local } = splitKey(element);
  const h = env.headers.find((c) => c.ns === ns && c.local === local);
  if (!h || Object.entries(h.attrs).some(([k, v]) => k.endsWith(':nil') && v === 'true'))
    return undefined;
  return h.text.trim();
}

function envelope(header: string, body: string): string {
  return `<s:Envelope xmlns:s="${SOAP_ENV}">${header ? `<s:Header>${header}</s:Header>` : ''}<s:Body>${body}</s:Body></s:Envelope>`;
}

/** A success envelope: TrackingId header element (as the binding declares it), body in schema order. */
export function soapResponse(
  desc: WsdlDescription,
  op: SoapOperationDesc,
  value: unknown,
  trackingId: string,
): string {
  const body = new XmlWriter(desc.schemas, splitKey(op.responseElement).ns).writeRoot(
    op.responseElement,
    value,
  );
  return envelope(trackingHeader(op, trackingId), body);
}

function trackingHeader(op: SoapOperationDesc | undefined, trackingId: string): string {
  const h = op?.responseHeaders.find((x) => x.part === 'TrackingId');
  if (!h) return '';
  const { ns, local } = splitKey(h.element);
  return `<h:${local} xmlns:h="${escapeXml(ns)}">${escapeXml(trackingId)}</h:${local}>`;
}

/** A plain fault (no detail): `s:Client` for requests the mock could not accept. */
export function soapClientFault(message: string): string {
  return envelope(
    '',
    `<s:Fault><faultcode>s:Client</faultcode><faultstring xml:lang="en-US">${escapeXml(message)}</faultstring></s:Fault>`,
  );
}

/**
 * A service fault as Microsoft sends it: `s:Server`, a faultstring pointing at the details,
 * and a detail holding the fault element the WSDL declares for the operation
 * (AdApiFaultDetail for credential/throttling/internal errors, ApiFault(Detail) for
 * operation errors), written from the schema like any other value.
 */
export function soapApiFault(
  desc: WsdlDescription,
  op: SoapOperationDesc | undefined,
  fault: ApiFaultError,
  trackingId: string,
): string {
  const element = faultElement(desc, op, fault.kind);
  const value =
    fault.kind === 'adapi'
      ? { TrackingId: trackingId, Errors: fault.errors }
      : {
          TrackingId: trackingId,
          OperationErrors: fault.errors.map((e) => ({
            Code: e.Code,
            Details: e.Detail ?? null,
            ErrorCode: e.ErrorCode,
            Message: e.Message,
          })),
          BatchErrors: [],
        };
  const detail = new XmlWriter(desc.schemas, splitKey(element).ns).writeRoot(element, value);
  const faultstring = `Invalid client data. Check the SOAP fault details for more information. TrackingId: ${trackingId}.`;
  return envelope(
    '',
    `<s:Fault><faultcode>s:Server</faultcode><faultstring xml:lang="en-US">${escapeXml(faultstring)}</faultstring><detail>${detail}</detail></s:Fault>`,
  );
}

/** The detail element for a fault kind: the operation's declared one, else any in the schemas. */
export function faultElement(
  desc: WsdlDescription,
  op: SoapOperationDesc | undefined,
  kind: 'adapi' | 'operation',
): Key {
  const wanted = kind === 'adapi' ? ['AdApiFaultDetail'] : ['ApiFaultDetail', 'ApiFault'];
  const declared = op?.faults.map((f) => f.element) ?? [];
  for (const name of wanted) {
    const hit = declared.find((k) => splitKey(k).local === name) ?? findElement(desc.schemas, name);
    if (hit) return hit;
  }
  throw new Error(`no ${wanted.join('/')} element in ${desc.serviceName}`);
}

function findElement(schemas: SchemaSet, local: string): Key | undefined {
  for (const k of schemas.elements.keys()) if (splitKey(k).local === local) return k;
  return undefined;
}
