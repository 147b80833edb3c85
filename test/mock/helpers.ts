import type { MockServer } from '../../mock/src/server.ts';

export const CM_NS = 'https://bingads.microsoft.com/Customer/v13';
export const CM_ENTITIES = 'https://bingads.microsoft.com/Customer/v13/Entities';
export const CAMPAIGN_NS = 'https://bingads.microsoft.com/CampaignManagement/v13';
export const CM_SOAP_PATH = '/Api/CustomerManagement/v13/CustomerManagementService.svc';
export const CAMPAIGN_SOAP_PATH =
  '/Api/Advertiser/CampaignManagement/v13/CampaignManagementService.svc';

export interface SoapHeaders {
  AuthenticationToken?: string;
  DeveloperToken?: string;
  CustomerId?: string;
  CustomerAccountId?: string;
}

/** A hand-written SOAP 1.1 envelope, as a client would send it. */
export function envelope(ns: string, headers: SoapHeaders, body: string): string {
  const h = Object.entries(headers)
    .map(([k, v]) => `<h:${k} xmlns:h="${ns}">${v}</h:${k}>`)
    .join('');
  return `<?xml version="1.0" encoding="utf-8"?><s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Header>${h}</s:Header><s:Body>${body}</s:Body></s:Envelope>`;
}

export async function postSoap(
  origin: string,
  path: string,
  action: string,
  xml: string,
  extra: Record<string, string> = {},
) {
  const res = await fetch(origin + path, {
    method: 'POST',
    headers: { 'Content-Type': 'text/xml; charset=utf-8', SOAPAction: action, ...extra },
    body: xml,
  });
  return { status: res.status, headers: res.headers, text: await res.text() };
}

export interface RestCreds {
  accessToken?: string;
  developerToken?: string;
  customerId?: string;
  accountId?: string;
}

export async function callRest(
  origin: string,
  method: string,
  path: string,
  body: unknown,
  creds: RestCreds,
  extra: Record<string, string> = {},
) {
  const headers: Record<string, string> = { 'Content-Type': 'application/json', ...extra };
  if (creds.accessToken) headers['Authorization'] = `Bearer ${creds.accessToken}`;
  if (creds.developerToken) headers['DeveloperToken'] = creds.developerToken;
  if (creds.customerId) headers['CustomerId'] = creds.customerId;
  if (creds.accountId) headers['CustomerAccountId'] = creds.accountId;
  const res = await fetch(origin + path, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, text, json: json as Record<string, any> };
}

/** The credentials of the seeded user, valid for every call. */
export function seededCreds(server: MockServer): Required<RestCreds> {
  return {
    accessToken: server.oauth.issue().access_token,
    developerToken: server.state.developerToken,
    customerId: server.state.ids.customerId,
    accountId: server.state.ids.accountId,
  };
}

export function soapHeaders(c: Required<RestCreds>, withAccount = false): SoapHeaders {
  return {
    AuthenticationToken: c.accessToken,
    DeveloperToken: c.developerToken,
    ...(withAccount ? { CustomerId: c.customerId, CustomerAccountId: c.accountId } : {}),
  };
}

/** First text content of an element by local name (any prefix). */
export function xmlText(xml: string, local: string): string | undefined {
  return new RegExp(`<(?:[\\w.-]+:)?${local}(?:\\s[^>]*)?>([^<]*)</(?:[\\w.-]+:)?${local}>`).exec(
    xml,
  )?.[1];
}

export function xmlTexts(xml: string, local: string): string[] {
  return [
    ...xml.matchAll(
      new RegExp(`<(?:[\\w.-]+:)?${local}(?:\\s[^>]*)?>([^<]*)</(?:[\\w.-]+:)?${local}>`, 'g'),
    ),
  ].map((m) => m[1]!);
}
