import type { ServerResponse } from 'node:http';
import { SOAP_ENV } from '../soap/envelope-schema.ts';

/**
 * The raw, misbehaving answers fault injection sends: they test the client's transport
 * defenses (timeouts, size limits, content-type checks, entity handling), so they are
 * deliberately NOT valid API responses.
 */

/** Closes the TCP connection with a RST before any response byte. */
export function resetConnection(res: ServerResponse): void {
  const socket = res.socket as
    (NonNullable<ServerResponse['socket']> & { resetAndDestroy?: () => void }) | null;
  if (socket?.resetAndDestroy) socket.resetAndDestroy();
  else socket?.destroy();
}

/** Announces the full length, sends half of the body, then drops the connection. */
export function sendTruncated(res: ServerResponse, contentType: string, body: string): void {
  const bytes = Buffer.from(body);
  res.writeHead(200, { 'Content-Type': contentType, 'Content-Length': String(bytes.length) });
  res.write(bytes.subarray(0, Math.floor(bytes.length / 2)), () => res.socket?.destroy());
}

/** What a load balancer in front of the service returns when it breaks: an HTML page. */
export function sendHtmlError(res: ServerResponse): void {
  res
    .writeHead(503, { 'Content-Type': 'text/html; charset=utf-8' })
    .end(
      '<!DOCTYPE html><html><head><title>Service Unavailable</title></head><body><h1>Service Unavailable</h1><p>HTTP Error 503. The service is unavailable.</p></body></html>',
    );
}

/**
 * A well-formed but enormous success answer (default 50 MB), streamed with backpressure so the
 * mock itself stays small; stops when the client gives up.
 */
export function sendHuge(res: ServerResponse, protocol: 'soap' | 'rest', bytes: number): void {
  const [head, tail, contentType] =
    protocol === 'soap'
      ? [
          `<s:Envelope xmlns:s="${SOAP_ENV}"><s:Body><!--`,
          '--></s:Body></s:Envelope>',
          'text/xml; charset=utf-8',
        ]
      : ['{"Padding":"', '"}', 'application/json; charset=utf-8'];
  const padding = Math.max(0, bytes - head.length - tail.length);
  res.writeHead(200, {
    'Content-Type': contentType,
    'Content-Length': String(head.length + padding + tail.length),
  });
  res.write(head);
  const chunk = Buffer.alloc(64 * 1024, 'x');
  let left = padding;
  const pump = (): void => {
    while (left > 0) {
      if (res.destroyed) return;
      const n = Math.min(left, chunk.length);
      left -= n;
      if (!res.write(n === chunk.length ? chunk : chunk.subarray(0, n))) {
        res.once('drain', pump);
        return;
      }
    }
    res.end(tail);
  };
  pump();
}

/**
 * A "billion laughs" document: nested entities that expand to gigabytes if a parser resolves
 * them. A safe client refuses the DOCTYPE; an unsafe one blows up. Sent as XML to both
 * protocols (a REST client must reject it as not JSON).
 */
export function entityExpansionPayload(): string {
  const levels = ['<!ENTITY lol0 "lol">'];
  for (let i = 1; i <= 9; i++) levels.push(`<!ENTITY lol${i} "${`&lol${i - 1};`.repeat(10)}">`);
  return `<?xml version="1.0"?><!DOCTYPE s:Envelope [${levels.join('')}]><s:Envelope xmlns:s="${SOAP_ENV}"><s:Body><Expanded>&lol9;</Expanded></s:Body></s:Envelope>`;
}

/** A SOAP fault whose detail is an element no WSDL declares. */
export function unknownDetailSoapFault(trackingId: string): string {
  return `<s:Envelope xmlns:s="${SOAP_ENV}"><s:Body><s:Fault><faultcode>s:Server</faultcode><faultstring xml:lang="en-US">Unexpected fault. TrackingId: ${trackingId}.</faultstring><detail><MysteryFaultDetail xmlns="https://adapi.microsoft.com/mock/unknown"><TrackingId>${trackingId}</TrackingId><Reason>The service raised a fault type this client does not know.</Reason></MysteryFaultDetail></detail></s:Fault></s:Body></s:Envelope>`;
}

/** The REST counterpart: an ApplicationFault body with a `Type` outside the mapping. */
export function unknownDetailRestFault(trackingId: string): string {
  return JSON.stringify({
    TrackingId: trackingId,
    Type: 'MysteryFaultDetail',
    Reason: 'The service raised a fault type this client does not know.',
  });
}
