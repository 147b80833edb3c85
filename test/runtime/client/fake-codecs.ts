import { XMLParser } from 'fast-xml-parser';
import type { OperationDescriptor, ServiceDescriptor } from '../../../runtime/src/descriptors.ts';

/**
 * Stand-ins for the wire codecs (owned elsewhere), installed with vi.mock by the client
 * tests: they keep the client tests about the client (URLs, headers, retries, errors), not
 * about XML or JSON mapping. The SOAP decoder really parses the XML the test servers send,
 * and hands the fault detail over in its raw parsed shape (array wrappers kept), which is
 * the least friendly shape `faultToError` must accept.
 */

export function encodeSoapRequest(
  _service: ServiceDescriptor,
  op: OperationDescriptor,
  request: unknown,
  headers: Record<string, string | undefined>,
): string {
  const head = Object.entries(headers)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `<h:${k}>${v}</h:${k}>`)
    .join('');
  if ((request as { explode?: boolean } | null)?.explode) {
    // A codec bug that quotes a header value in its message: the client must scrub it.
    throw new TypeError(
      `cannot encode header AuthenticationToken=${headers['AuthenticationToken']} for ${op.name}`,
    );
  }
  const el = op.soap!.requestElement.name;
  return `<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Header>${head}</s:Header><s:Body><${el}>${JSON.stringify(request)}</${el}></s:Body></s:Envelope>`;
}

const parser = new XMLParser({
  removeNSPrefix: true,
  ignoreAttributes: true,
  parseTagValue: false,
});

export function decodeSoapResponse(
  _service: ServiceDescriptor,
  op: OperationDescriptor,
  xml: string,
) {
  const doc = parser.parse(xml) as Record<string, any>;
  const env = doc['Envelope'];
  const trackingId: string | undefined = env?.Header?.TrackingId || undefined;
  const body = env?.Body ?? {};
  if (body.Fault) {
    const detail = body.Fault.detail ?? {};
    const detailType = Object.keys(detail)[0];
    return {
      kind: 'fault' as const,
      faultCode: body.Fault.faultcode,
      faultString: body.Fault.faultstring,
      detailType,
      detail: detailType ? detail[detailType] : undefined,
      trackingId,
    };
  }
  const value = body[op.soap!.responseElement.name];
  return { kind: 'ok' as const, value: typeof value === 'object' ? value : {}, trackingId };
}

export function encodeRestBody(
  _service: ServiceDescriptor,
  _op: OperationDescriptor,
  request: unknown,
): string {
  return JSON.stringify(request);
}

export function decodeRestResponse(
  _service: ServiceDescriptor,
  _typeName: string,
  body: string,
): unknown {
  return JSON.parse(body);
}

export function decodeRestSuccess(
  _service: ServiceDescriptor,
  _op: OperationDescriptor,
  body: string,
): { kind: 'ok'; value: unknown } {
  return { kind: 'ok', value: body.trim() === '' ? undefined : JSON.parse(body) };
}

export function decodeRestSuccessValue(
  _service: ServiceDescriptor,
  _op: OperationDescriptor,
  value: unknown,
): { kind: 'ok'; value: unknown } {
  return { kind: 'ok', value };
}

export function decodeRestFault(_service: ServiceDescriptor, body: string) {
  const parsed = JSON.parse(body) as Record<string, unknown>;
  return {
    detailType: parsed['Type'] as string | undefined,
    detail: parsed,
    trackingId: parsed['TrackingId'] as string | undefined,
  };
}
