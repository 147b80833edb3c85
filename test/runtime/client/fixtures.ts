import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import { listenOnLoopback } from '../../support/loopback-listen.ts';
import type { ServiceDescriptor } from '../../../runtime/src/descriptors.ts';

/** Real-looking secrets: every test asserts none of them ever shows up in errors or logs. */
export const ACCESS_TOKEN_1 =
  'EwBwA+l3BAAUQOjR8kGq2rZ4tYk9sT0xQ1w2e3r4t5y6u7i8o9p0zXcVbNm/1qaz2wsx3edc==';
export const ACCESS_TOKEN_2 =
  'EwCAA+l3BAAUz9Yx8WvU7tS6rQ5pO4nM3lK2jI1hG0fE9dC8bA7zYxWvUt/4rfv5tgb6yhn==';
export const DEVELOPER_TOKEN = '1A2B3C4D5E6F7G8H';
export const SECRETS = [ACCESS_TOKEN_1, ACCESS_TOKEN_2, DEVELOPER_TOKEN];

const NS = 'https://bingads.microsoft.com/Customer/v13';

/** A small Customer Management descriptor: GetUser in both protocols, one op per protocol only. */
export const descriptor: ServiceDescriptor = {
  id: 'customer-management',
  name: 'CustomerManagementService',
  soap: { path: '/Api/CustomerManagement/v13/CustomerManagementService.svc', namespace: NS },
  rest: { basePath: '/CustomerManagement/v13' },
  operations: {
    GetUser: {
      name: 'GetUser',
      kind: 'read',
      request: 'GetUserRequest',
      response: 'GetUserResponse',
      soap: {
        action: 'GetUser',
        requestElement: { name: 'GetUserRequest', namespace: NS },
        responseElement: { name: 'GetUserResponse', namespace: NS },
        requestHeaders: [
          { name: 'AuthenticationToken', namespace: NS },
          { name: 'DeveloperToken', namespace: NS },
        ],
        responseHeaders: [{ name: 'TrackingId', namespace: NS }],
        faults: ['AdApiFaultDetail', 'ApiFault'],
      },
      rest: {
        method: 'POST',
        path: '/CustomerManagement/v13/User/Query',
        faults: ['ApplicationFault'],
      },
    },
    SoapOnly: {
      name: 'SoapOnly',
      soap: {
        action: 'SoapOnly',
        requestElement: { name: 'SoapOnlyRequest', namespace: NS },
        responseElement: { name: 'SoapOnlyResponse', namespace: NS },
        requestHeaders: [],
        responseHeaders: [],
        faults: [],
      },
    },
    RestOnly: {
      name: 'RestOnly',
      rest: { method: 'DELETE', path: '/CustomerManagement/v13/Thing', faults: [] },
    },
  },
  types: {},
};

export interface RecordedRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

export type Handler = (req: RecordedRequest, res: ServerResponse, n: number) => void;

export interface TestServer {
  url: string;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

/** A loopback HTTP server; `handler` answers the n-th (1-based) request. */
export async function startServer(handler: Handler): Promise<TestServer> {
  const requests: RecordedRequest[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const rec = {
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      requests.push(rec);
      handler(rec, res, requests.length);
    });
  });
  const { port, close } = await listenOnLoopback(server);
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close,
  };
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

export function sendXml(
  res: ServerResponse,
  status: number,
  xml: string,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, {
    'content-type': 'text/xml; charset=utf-8',
    'content-length': Buffer.byteLength(xml),
    ...headers,
  });
  res.end(xml);
}

/** A SOAP fault as the Bing Ads services send it (HTTP 500, detail in its own namespace). */
export function soapFault(trackingId: string, detailXml: string): string {
  return (
    '<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/">' +
    `<s:Header><h:TrackingId xmlns:h="${NS}">${trackingId}</h:TrackingId></s:Header>` +
    '<s:Body><s:Fault><faultcode>s:Server</faultcode>' +
    `<faultstring>Invalid client data. Check the SOAP fault details for more information. TrackingId: ${trackingId}.</faultstring>` +
    `<detail>${detailXml}</detail></s:Fault></s:Body></s:Envelope>`
  );
}

export function adApiFaultXml(
  trackingId: string,
  code: number,
  errorCode: string,
  message: string,
): string {
  return (
    '<AdApiFaultDetail xmlns="https://adapi.microsoft.com" xmlns:i="http://www.w3.org/2001/XMLSchema-instance">' +
    `<TrackingId>${trackingId}</TrackingId><Errors><AdApiError><Code>${code}</Code><Detail i:nil="true"/>` +
    `<ErrorCode>${errorCode}</ErrorCode><Message>${message}</Message></AdApiError></Errors></AdApiFaultDetail>`
  );
}

export function soapOk(trackingId: string, inner = '<User><Id>42</Id></User>'): string {
  return (
    '<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/">' +
    `<s:Header><h:TrackingId xmlns:h="${NS}">${trackingId}</h:TrackingId></s:Header>` +
    `<s:Body><GetUserResponse xmlns="${NS}">${inner}</GetUserResponse></s:Body></s:Envelope>`
  );
}

export function adApiFaultJson(
  trackingId: string,
  code: number,
  errorCode: string,
  message: string,
) {
  return {
    TrackingId: trackingId,
    Type: 'AdApiFaultDetail',
    Errors: [{ Code: code, ErrorCode: errorCode, Message: message, Detail: null }],
  };
}
