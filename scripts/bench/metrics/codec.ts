import { isDeepStrictEqual } from 'node:util';
import { join } from 'node:path';
import soap from 'soap';
import type { ServiceDescriptor } from '../../../runtime/src/descriptors.ts';
import { decodeRestResponse } from '../../../runtime/src/rest/decode.ts';
import { encodeRestBody } from '../../../runtime/src/rest/encode.ts';
import { decodeSoapResponse } from '../../../runtime/src/soap/decode.ts';
import { encodeSoapRequest } from '../../../runtime/src/soap/encode.ts';
import { SPECS } from '../paths.ts';
import * as payloads from '../payloads.ts';
import { alternate, median, result, type BenchResult } from '../stats.ts';
import { loadDescriptor, operation, soapResponseXml, toSoapPackageShape } from '../wire.ts';

/**
 * Codec throughput, in-process, no network: one "call" = serialize the request + parse the
 * response, per second. SOAP: encodeSoapRequest + decodeSoapResponse on the generated
 * descriptor against the soap package's own serializer (objectToDocumentXML into its envelope)
 * and parser (xmlToObject) on a client built once from the same WSDL; both parse the same
 * response text. Target >= 3.0. REST: encodeRestBody + decodeRestResponse against
 * JSON.stringify + JSON.parse of the same object and text. Target >= 0.5.
 */

interface Case {
  service: 'customer-management' | 'campaign-management';
  operation: string;
  label: string;
  request: Record<string, unknown>;
  response: Record<string, unknown>;
}

const CASES: Case[] = [
  {
    service: 'customer-management',
    operation: 'GetUser',
    label: 'GetUser',
    request: payloads.getUserRequest,
    response: payloads.getUserResponse(),
  },
  {
    service: 'customer-management',
    operation: 'SearchAccounts',
    label: 'SearchAccounts, 100 accounts',
    request: payloads.searchAccountsRequest,
    response: payloads.searchAccountsResponse(100),
  },
  {
    service: 'campaign-management',
    operation: 'GetAdsByAdGroupId',
    label: 'GetAdsByAdGroupId, 1,000 mixed ads',
    request: payloads.getAdsByAdGroupIdRequest,
    response: payloads.getAdsByAdGroupIdResponse(1000),
  },
];

/** Credentials the SOAP header carries on every call (ours writes them per call). */
const HEADERS = {
  AuthenticationToken: 'bench-access-token',
  DeveloperToken: 'BENCH0DEV0TOKEN',
  CustomerId: '251000001',
  CustomerAccountId: '180000000',
};

/** Length of one throughput sample: long enough for tens of calls of the slowest case. */
const SAMPLE_MS = 400;

export async function benchCodecs(runs: number, log: (s: string) => void): Promise<BenchResult[]> {
  const results: BenchResult[] = [];
  const descriptors = new Map<string, ServiceDescriptor>();
  const soapClients = new Map<string, SoapClient>();
  for (const c of CASES) {
    if (!descriptors.has(c.service)) descriptors.set(c.service, await loadDescriptor(c.service));
    if (!soapClients.has(c.service))
      soapClients.set(
        c.service,
        (await soap.createClientAsync(join(SPECS, `${c.service}.wsdl`))) as unknown as SoapClient,
      );
  }
  for (const c of CASES) {
    const service = descriptors.get(c.service)!;
    const op = operation(service, c.operation);
    const xml = soapResponseXml(service, c.operation, c.response);
    const theirsSoap = soapCodec(soapClients.get(c.service)!, c.operation);
    const soapRequest = toSoapPackageShape(service, c.request, { type: op.request! });
    const oursSoap = () => {
      encodeSoapRequest(service, op, c.request, HEADERS);
      return decodeSoapResponse(service, op, xml);
    };
    checkSoap(c, oursSoap(), theirsSoap.call(soapRequest, xml), log);
    const s = await alternate(runs, {
      ours: () => throughput(oursSoap),
      theirs: () => throughput(() => theirsSoap.call(soapRequest, xml)),
    });
    results.push(
      row(
        `codec SOAP: ${c.service} ${c.label} (request + response)`,
        s.ours,
        s.theirs,
        'soap',
        3.0,
        runs,
      ),
    );
    log(
      `  codec SOAP ${c.label}: ours ${median(s.ours).toFixed(0)}/s, soap ${median(s.theirs).toFixed(0)}/s (${kb(xml)} response)`,
    );

    const json = JSON.stringify(c.response);
    const oursRest = () => {
      encodeRestBody(service, op, c.request);
      return decodeRestResponse(service, op.response, json);
    };
    const plain = () => {
      JSON.stringify(c.request);
      return JSON.parse(json) as unknown;
    };
    if (!isDeepStrictEqual(canonical(oursRest()), canonical(plain()))) {
      log(
        `  note: REST ${c.label}: our decoded value differs from JSON.parse's (int64/decimal/flags fix-ups)`,
      );
    }
    const r = await alternate(runs, {
      ours: () => throughput(oursRest),
      theirs: () => throughput(plain),
    });
    results.push(
      row(
        `codec REST: ${c.service} ${c.label} (request + response)`,
        r.ours,
        r.theirs,
        'JSON.stringify+JSON.parse',
        0.5,
        runs,
      ),
    );
    log(
      `  codec REST ${c.label}: ours ${median(r.ours).toFixed(0)}/s, plain JSON ${median(r.theirs).toFixed(0)}/s (${kb(json)} response)`,
    );
  }
  return results;
}

function row(
  metric: string,
  ours: number[],
  theirs: number[],
  name: string,
  target: number,
  runs: number,
): BenchResult {
  return result(metric, median(ours), median(theirs), name, 'calls/s', 'higher', target, { runs });
}

/** Calls per second of `fn`, over at least SAMPLE_MS and 5 calls. */
async function throughput(fn: () => unknown): Promise<number> {
  // Yield first, so timers and I/O queued by the previous sample do not land inside this one.
  await new Promise((resolve) => setImmediate(resolve));
  let calls = 0;
  const start = performance.now();
  let elapsed = 0;
  while (elapsed < SAMPLE_MS || calls < 5) {
    fn();
    calls++;
    elapsed = performance.now() - start;
  }
  return (calls * 1000) / elapsed;
}

// ------------------------------------------------------------------ the soap package's side

interface SoapMethodInput {
  $name: string;
  targetNSAlias: string;
  targetNamespace: string;
  $type?: string;
  $lookupType?: string;
}

interface SoapWsdl {
  definitions: {
    $targetNamespace: string;
    services: Record<
      string,
      {
        ports: Record<string, { binding: { methods: Record<string, { input: SoapMethodInput }> } }>;
      }
    >;
  };
  xmlnsInEnvelope: string;
  objectToDocumentXML(
    name: string,
    params: unknown,
    nsPrefix: string,
    nsURI: string,
    type?: string,
  ): string;
  objectToXML(
    obj: unknown,
    name: string,
    nsPrefix: string,
    nsURI: string,
    isFirst?: boolean,
  ): string;
  xmlToObject(xml: string): { Body?: Record<string, unknown> } & Record<string, unknown>;
}

interface SoapClient {
  wsdl: SoapWsdl;
}

/**
 * What `client.<Op>Async` does with a request and a response, without the HTTP: the body by
 * objectToDocumentXML exactly as soap's _invoke calls it, the headers serialized once (as
 * addSoapHeader does), the envelope joined around them; the response through xmlToObject.
 */
function soapCodec(client: SoapClient, name: string) {
  const wsdl = client.wsdl;
  const service = Object.values(wsdl.definitions.services)[0]!;
  const port = Object.values(service.ports)[0]!;
  const method = port.binding.methods[name];
  if (!method) throw new Error(`soap: no method ${name}`);
  const input = method.input;
  const ns = wsdl.definitions.$targetNamespace;
  const headers = wsdl.objectToXML(HEADERS, '', 'tns', ns, true);
  return {
    call(request: unknown, responseXml: string) {
      const message = wsdl.objectToDocumentXML(
        input.$name,
        request,
        input.targetNSAlias,
        input.targetNamespace,
        input.$type ?? input.$lookupType,
      );
      const envelope =
        '<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" ' +
        `xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" ${wsdl.xmlnsInEnvelope}><soap:Header>${headers}</soap:Header>` +
        `<soap:Body>${message}</soap:Body></soap:Envelope>`;
      return { envelope, response: wsdl.xmlToObject(responseXml) };
    },
  };
}

/**
 * Both sides must do the whole job or the race means nothing: our decode must give back the
 * response value, and the soap package's parse must hold as many items.
 */
function checkSoap(
  c: Case,
  ours: unknown,
  theirs: { envelope: string; response: { Body?: Record<string, unknown> } },
  log: (s: string) => void,
): void {
  const decoded = ours as { kind: string; value?: unknown };
  if (
    decoded.kind !== 'ok' ||
    !isDeepStrictEqual(canonical(decoded.value), canonical(c.response))
  ) {
    log(`  WARNING: SOAP ${c.label}: our decode does not give back the response value`);
  }
  const body = theirs.response.Body?.[`${c.operation}Response`];
  const expected = JSON.stringify(c.response).split('"Id"').length;
  const got = JSON.stringify(body ?? null).split('"Id"').length;
  if (got !== expected)
    log(
      `  WARNING: SOAP ${c.label}: the soap package parsed ${got - 1} Ids, expected ${expected - 1}`,
    );
  if (!theirs.envelope.includes(`${c.operation}Request`))
    log(`  WARNING: SOAP ${c.label}: soap's request has no ${c.operation}Request`);
}

/** Key order and absent-vs-null aside, the same value (nulls dropped, keys sorted). */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[key];
      if (v !== null && v !== undefined) out[key] = canonical(v);
    }
    return out;
  }
  return value;
}

function kb(text: string): string {
  return `${(Buffer.byteLength(text) / 1024).toFixed(0)} KB`;
}
