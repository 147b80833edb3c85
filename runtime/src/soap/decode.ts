/**
 * SOAP 1.1 responses → values in the generated shape, or the parts of a fault. One pass over
 * the text with the XmlReader, driven by the decode plans; no intermediate tree.
 */
import type { OperationDescriptor, ServiceDescriptor } from '../descriptors.js';
import { decodeObjectPlan, knownObjectType, readObject } from './decode-plan.js';
import { XmlReader } from './xml-reader.js';

/** @internal */
export type SoapDecodeResult =
  | { kind: 'ok'; value: unknown; trackingId?: string }
  | {
      kind: 'fault';
      faultCode?: string;
      faultString?: string;
      /** Local name of the `detail` child (its `i:type` when it has one). */
      detailType?: string;
      /** The detail decoded as `detailType`; undefined when the service does not know that type. */
      detail?: unknown;
      trackingId?: string;
    };

type FaultResult = Extract<SoapDecodeResult, { kind: 'fault' }>;

/**
 * Decode the response to one call of `op`. Throws a WireFormatError (with a short, masked
 * excerpt) for malformed XML, a DOCTYPE or undefined entity, a missing Envelope or Body,
 * a body element other than the operation's response element or a Fault, and values that
 * do not parse as their declared type.
 *
 * @internal
 */
export function decodeSoapResponse(
  service: ServiceDescriptor,
  op: OperationDescriptor,
  xml: string | Buffer,
): SoapDecodeResult {
  const soap = op.soap;
  if (!soap) throw new Error(`${op.name} has no SOAP binding`);
  const r = new XmlReader(typeof xml === 'string' ? xml : xml.toString('utf8'));
  r.openRoot();
  if (r.local !== 'Envelope') r.fail(`expected a SOAP Envelope, found <${r.qname}>`, 0);
  if (r.selfClosing) r.fail('empty SOAP Envelope', 0);
  const envelope = r.qname;
  let trackingId: string | undefined;
  let result: SoapDecodeResult | undefined;
  while (r.nextChild(envelope)) {
    if (r.local === 'Header' && result === undefined) {
      trackingId = readTrackingId(r) ?? trackingId;
    } else if (r.local === 'Body' && result === undefined) {
      result = readBody(service, op, r);
    } else {
      r.skip(r.qname, r.selfClosing);
    }
  }
  r.finish();
  if (result === undefined) return r.fail('SOAP Envelope without a Body', 0);
  if (result.kind === 'fault') {
    const fromDetail = (result.detail as { TrackingId?: unknown } | undefined)?.TrackingId;
    const id = trackingId ?? (typeof fromDetail === 'string' ? fromDetail : undefined);
    if (id !== undefined) result.trackingId = id;
  } else if (trackingId !== undefined) {
    result.trackingId = trackingId;
  }
  return result;
}

/** The `TrackingId` header element, whatever its namespace; other headers are skipped. */
function readTrackingId(r: XmlReader): string | undefined {
  if (r.selfClosing) return undefined;
  const header = r.qname;
  let trackingId: string | undefined;
  while (r.nextChild(header)) {
    if (r.local === 'TrackingId' && !r.nil && !r.selfClosing)
      trackingId = r.readText(r.qname).trim();
    else r.skip(r.qname, r.selfClosing);
  }
  return trackingId;
}

function readBody(
  service: ServiceDescriptor,
  op: OperationDescriptor,
  r: XmlReader,
): SoapDecodeResult {
  const expected = op.soap!.responseElement.name;
  if (r.selfClosing) r.fail('empty SOAP Body');
  const body = r.qname;
  if (!r.nextChild(body)) r.fail('empty SOAP Body');
  let result: SoapDecodeResult;
  if (r.local === 'Fault') {
    result = readFault(service, r);
  } else if (r.local === expected) {
    let value: unknown;
    if (op.response) value = readObject(service, decodeObjectPlan(service, op.response), r);
    else r.skip(r.qname, r.selfClosing);
    result = { kind: 'ok', value };
  } else {
    return r.fail(`unexpected body element <${r.qname}> (expected <${expected}> or a Fault)`);
  }
  while (r.nextChild(body)) r.skip(r.qname, r.selfClosing);
  return result;
}

function readFault(service: ServiceDescriptor, r: XmlReader): FaultResult {
  const fault: FaultResult = { kind: 'fault' };
  if (r.selfClosing) return fault;
  const qname = r.qname;
  while (r.nextChild(qname)) {
    const name = r.local;
    if (name === 'faultcode' && !r.selfClosing) fault.faultCode = r.readText(r.qname).trim();
    else if (name === 'faultstring' && !r.selfClosing) fault.faultString = r.readText(r.qname);
    else if (name === 'detail') readDetail(service, r, fault);
    else r.skip(r.qname, r.selfClosing);
  }
  return fault;
}

/** The first child of `detail` names the fault type; decode it when the service knows it. */
function readDetail(service: ServiceDescriptor, r: XmlReader, fault: FaultResult): void {
  if (r.selfClosing) return;
  const detail = r.qname;
  if (r.nextChild(detail)) {
    const element = r.local;
    const typed = r.xsiType?.slice(r.xsiType.indexOf(':') + 1);
    const name = typed !== undefined && knownObjectType(service, typed) ? typed : element;
    if (knownObjectType(service, name) && !r.nil) {
      const value = readObject(service, decodeObjectPlan(service, name), r);
      fault.detailType = name;
      fault.detail = value;
    } else {
      fault.detailType = element;
      r.skip(r.qname, r.selfClosing);
    }
    while (r.nextChild(detail)) r.skip(r.qname, r.selfClosing);
  }
}
