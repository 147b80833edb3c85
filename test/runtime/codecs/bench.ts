/**
 * Codec throughput on 1,000-item arrays, against the `soap` package (its own serializer and
 * parser, on the real customer-management WSDL) and plain JSON.stringify/parse.
 * Not a test (no timing asserts): run with `node --import tsx test/runtime/codecs/bench.ts`.
 */
import { readFileSync } from 'node:fs';
import soap from 'soap';
import type {
  FieldDescriptor,
  ServiceDescriptor,
  ValueDescriptor,
} from '../../../runtime/src/descriptors.ts';
import { decodeRestResponse } from '../../../runtime/src/rest/decode.ts';
import { encodeRestBody } from '../../../runtime/src/rest/encode.ts';
import { decodeSoapResponse } from '../../../runtime/src/soap/decode.ts';
import { encodeSoapRequest } from '../../../runtime/src/soap/encode.ts';
import { credentials, op as fixtureOp, service as fixture } from './fixture.ts';

const CM = 'https://bingads.microsoft.com/Customer/v13';
const ENT = 'https://bingads.microsoft.com/Customer/v13/Entities';
const ARR = 'http://schemas.microsoft.com/2003/10/Serialization/Arrays';
const headers = [
  'ApplicationToken',
  'AuthenticationToken',
  'DeveloperToken',
  'Password',
  'UserName',
].map((name) => ({ name, namespace: CM }));
const field = (name: string, namespace: string, value: ValueDescriptor): FieldDescriptor => ({
  name,
  namespace,
  value,
  nullable: true,
  optional: true,
  protocols: 'both',
});
const longs: ValueDescriptor = {
  array: { primitive: 'int64' },
  itemName: 'long',
  itemNamespace: ARR,
};

/** What the generator should emit for these two operations of customer-management.wsdl. */
const cm: ServiceDescriptor = {
  id: 'customer-management',
  name: 'CustomerManagementService',
  soap: { path: '/Api/CustomerManagement/v13/CustomerManagementService.svc', namespace: CM },
  rest: { basePath: '/CustomerManagement/v13' },
  operations: Object.fromEntries(
    ['GetAccountsInfo', 'UpdateUserRoles'].map((name) => [
      name,
      {
        name,
        request: `${name}Request`,
        response: `${name}Response`,
        soap: {
          action: name,
          requestElement: { name: `${name}Request`, namespace: CM },
          responseElement: { name: `${name}Response`, namespace: CM },
          requestHeaders: headers,
          responseHeaders: [{ name: 'TrackingId', namespace: CM }],
          faults: ['AdApiFaultDetail', 'ApiFault'],
        },
      },
    ]),
  ),
  types: {
    GetAccountsInfoRequest: {
      kind: 'object',
      name: 'GetAccountsInfoRequest',
      namespace: CM,
      abstract: false,
      protocols: 'both',
      fields: [
        field('CustomerId', CM, { primitive: 'int64' }),
        field('OnlyParentAccounts', CM, { primitive: 'boolean' }),
      ],
    },
    GetAccountsInfoResponse: {
      kind: 'object',
      name: 'GetAccountsInfoResponse',
      namespace: CM,
      abstract: false,
      protocols: 'both',
      fields: [
        field('AccountsInfo', CM, {
          array: { type: 'AccountInfo' },
          itemName: 'AccountInfo',
          itemNamespace: ENT,
        }),
      ],
    },
    AccountInfo: {
      kind: 'object',
      name: 'AccountInfo',
      namespace: ENT,
      abstract: false,
      protocols: 'both',
      fields: [
        field('Id', ENT, { primitive: 'int64' }),
        field('Name', ENT, { primitive: 'string' }),
        field('Number', ENT, { primitive: 'string' }),
        field('AccountLifeCycleStatus', ENT, { type: 'AccountLifeCycleStatus' }),
        field('PauseReason', ENT, { primitive: 'uint8' }),
      ],
    },
    AccountLifeCycleStatus: {
      kind: 'enum',
      name: 'AccountLifeCycleStatus',
      namespace: ENT,
      flags: false,
      values: ['Draft', 'Active', 'Inactive', 'Pause', 'Pending', 'Suspended'],
    },
    UpdateUserRolesRequest: {
      kind: 'object',
      name: 'UpdateUserRolesRequest',
      namespace: CM,
      abstract: false,
      protocols: 'both',
      fields: [
        field('CustomerId', CM, { primitive: 'int64' }),
        field('UserId', CM, { primitive: 'int64' }),
        field('NewRoleId', CM, { primitive: 'int32' }),
        field('NewAccountIds', CM, longs),
        field('NewCustomerIds', CM, longs),
        field('DeleteRoleId', CM, { primitive: 'int32' }),
        field('DeleteAccountIds', CM, longs),
        field('DeleteCustomerIds', CM, longs),
      ],
    },
    UpdateUserRolesResponse: {
      kind: 'object',
      name: 'UpdateUserRolesResponse',
      namespace: CM,
      abstract: false,
      protocols: 'both',
      fields: [field('LastModifiedTime', CM, { primitive: 'dateTime' })],
    },
  },
};

const N = 1000;
const ids = Array.from({ length: N }, (_, i) => String(9007199254740993n + BigInt(i)));
const accountsXml =
  `<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Header><h:TrackingId xmlns:h="${CM}">t</h:TrackingId></s:Header>` +
  `<s:Body><GetAccountsInfoResponse xmlns="${CM}"><AccountsInfo xmlns:a="${ENT}" xmlns:i="http://www.w3.org/2001/XMLSchema-instance">` +
  ids
    .map(
      (id, i) =>
        `<a:AccountInfo><a:Id>${id}</a:Id><a:Name>Account &amp; ${i}</a:Name><a:Number>F1${i}</a:Number>` +
        `<a:AccountLifeCycleStatus>Active</a:AccountLifeCycleStatus><a:PauseReason i:nil="true"/></a:AccountInfo>`,
    )
    .join('') +
  `</AccountsInfo></GetAccountsInfoResponse></s:Body></s:Envelope>`;
const rolesXml =
  `<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Header><h:TrackingId xmlns:h="${CM}">t</h:TrackingId></s:Header>` +
  `<s:Body><UpdateUserRolesResponse xmlns="${CM}"><LastModifiedTime>2025-01-01T00:00:00Z</LastModifiedTime></UpdateUserRolesResponse></s:Body></s:Envelope>`;
const rolesRequest = {
  CustomerId: '1',
  UserId: '2',
  NewRoleId: 41,
  NewAccountIds: ids,
  DeleteRoleId: 16,
  DeleteAccountIds: [] as string[],
};

const adsRequest = { AdGroupId: '1', AdIds: ids };
const ads = ids.map((id, i) =>
  i % 2
    ? {
        Type: 'Text',
        Id: id,
        Status: 'Active',
        Title: `Title ${i}`,
        Text: 'Buy <now> & save',
        FinalUrls: ['https://x.test/?a=1&b=2'],
      }
    : {
        Type: 'ResponsiveSearch',
        Id: id,
        Status: 'Paused',
        Headlines: [{ Asset: 'h1' }, { Asset: 'h2', PinnedField: 'Headline1' }],
        Path1: 'p',
        Bid: '0.05',
      },
);
// A SOAP response for GetAdsByIds, written by the codec itself through the Echo-style trick.
const adsXml = encodeSoapRequest(
  fixture,
  {
    ...fixtureOp('GetAdsByIds'),
    request: 'GetAdsByIdsResponse',
    soap: {
      ...fixtureOp('GetAdsByIds').soap!,
      requestElement: fixtureOp('GetAdsByIds').soap!.responseElement,
    },
  },
  { Ads: ads },
  {},
);
const adsJson = JSON.stringify({ Ads: ads });

function bench(name: string, fn: () => unknown): number {
  for (let i = 0; i < 30; i++) fn();
  let runs = 0;
  const start = performance.now();
  while (performance.now() - start < 1000) {
    fn();
    runs++;
  }
  const opsPerSec = (runs * 1000) / (performance.now() - start);
  console.log(`${name.padEnd(62)} ${opsPerSec.toFixed(0).padStart(7)} ops/s`);
  return opsPerSec;
}

const wsdl: any = await new Promise((resolve, reject) => {
  const w = new (soap as any).WSDL(
    readFileSync(new URL('../../../specs/customer-management.wsdl', import.meta.url), 'utf8'),
    'http://x/',
    {},
  );
  w.onReady((error: unknown) => (error ? reject(error) : resolve(w)));
});
const soapEncode = (name: string, args: unknown) => {
  const body = wsdl.objectToDocumentXML(`${name}Request`, args, 'tns', CM);
  const header = wsdl.objectToXML(
    {
      AuthenticationToken: credentials.AuthenticationToken,
      DeveloperToken: credentials.DeveloperToken,
    },
    null,
    'tns',
    CM,
    true,
  );
  return `<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" xmlns:tns="${CM}"><soap:Header>${header}</soap:Header><soap:Body>${body}</soap:Body></soap:Envelope>`;
};

console.log(`node ${process.version}, ${N}-item arrays\n`);
const cases: [string, () => unknown, () => unknown][] = [
  [
    'GetAccountsInfo (1,000 AccountInfo in the response)',
    () =>
      decodeSoapResponse(
        cm,
        cm.operations.GetAccountsInfo!,
        encodeSoapRequest(cm, cm.operations.GetAccountsInfo!, { CustomerId: '1' }, credentials) &&
          accountsXml,
      ),
    () => wsdl.xmlToObject(soapEncode('GetAccountsInfo', { CustomerId: '1' }) && accountsXml),
  ],
  [
    'UpdateUserRoles (1,000 ids in the request)',
    () =>
      decodeSoapResponse(
        cm,
        cm.operations.UpdateUserRoles!,
        encodeSoapRequest(cm, cm.operations.UpdateUserRoles!, rolesRequest, credentials) &&
          rolesXml,
      ),
    () => wsdl.xmlToObject(soapEncode('UpdateUserRoles', rolesRequest) && rolesXml),
  ],
];
for (const [name, ours, theirs] of cases) {
  const a = bench(`SOAP ${name}: adsgen`, ours);
  const b = bench(`SOAP ${name}: soap package`, theirs);
  console.log(`  → ${(a / b).toFixed(1)}x\n`);
}
bench('SOAP GetAdsByIds (1,000 ids out, 1,000 polymorphic ads in): adsgen', () =>
  decodeSoapResponse(
    fixture,
    fixtureOp('GetAdsByIds'),
    encodeSoapRequest(fixture, fixtureOp('GetAdsByIds'), adsRequest, credentials) && adsXml,
  ),
);
const rest = bench('REST GetAdsByIds (1,000 ids out, 1,000 ads in): adsgen', () =>
  decodeRestResponse(
    fixture,
    'GetAdsByIdsResponse',
    encodeRestBody(fixture, fixtureOp('GetAdsByIds'), adsRequest) && adsJson,
  ),
);
const plain = bench('REST GetAdsByIds: JSON.stringify + JSON.parse', () =>
  JSON.parse(JSON.stringify(adsRequest) && adsJson),
);
console.log(`  → ${(rest / plain).toFixed(2)}x of plain JSON\n`);
const restEnc = bench('REST encode 1,000 ads: adsgen', () =>
  encodeRestBody(
    fixture,
    { ...fixtureOp('GetAdsByIds'), request: 'GetAdsByIdsResponse' },
    { Ads: ads },
  ),
);
const plainEnc = bench('REST encode 1,000 ads: JSON.stringify', () => JSON.stringify({ Ads: ads }));
console.log(`  → ${(restEnc / plainEnc).toFixed(2)}x of plain JSON`);
