import { request } from 'node:http';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parseFaultHeader, parseFaultRule } from '../../mock/src/faults/inject.ts';
import { startMockServer, type MockServer } from '../../mock/src/server.ts';
import {
  callRest,
  CM_NS,
  CM_SOAP_PATH,
  envelope,
  postSoap,
  seededCreds,
  soapHeaders,
  xmlText,
} from './helpers.ts';

/** Raw GET-less POST with node:http, to see resets and truncation as a client transport does. */
function rawPost(
  origin: string,
  path: string,
  headers: Record<string, string>,
  body: string,
): Promise<{ status: number; headers: Record<string, unknown>; received: number } | Error> {
  return new Promise((resolve) => {
    const req = request(origin + path, { method: 'POST', headers }, (res) => {
      let received = 0;
      res.on('data', (c: Buffer) => (received += c.length));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, received }));
      res.on('error', (e) => resolve(e));
      res.on('aborted', () => resolve(new Error('aborted')));
    });
    req.on('error', (e) => resolve(e));
    req.end(body);
  });
}

describe('fault injection', () => {
  let server: MockServer;
  let creds: ReturnType<typeof seededCreds>;
  const getUserRest = (extra: Record<string, string> = {}) =>
    callRest(server.origin, 'POST', '/CustomerManagement/v13/User/Query', {}, creds, extra);
  const getUserSoapXml = () =>
    envelope(CM_NS, soapHeaders(creds), `<GetUserRequest xmlns="${CM_NS}"/>`);
  beforeAll(async () => {
    server = await startMockServer();
    creds = seededCreds(server);
  });
  afterEach(() => server.clearFaults());
  afterAll(() => server.close());

  it('throttles with HTTP 429 + Retry-After and code 117, for `times` calls only', async () => {
    const before = server.stats.faultsInjected;
    server.inject({
      match: { operation: 'GetUser', protocol: 'rest' },
      times: 1,
      fault: { kind: 'throttle', status: 429, retryAfterS: 7 },
    });
    const throttled = await getUserRest();
    expect(throttled.status).toBe(429);
    expect(throttled.headers.get('retry-after')).toBe('7');
    expect(throttled.json['Errors'][0]).toMatchObject({ Code: 117, ErrorCode: 'CallRateExceeded' });
    expect((await getUserRest()).status).toBe(200);
    expect(server.stats.faultsInjected).toBe(before + 1);
  });

  it('answers SOAP with a 117 fault (code117) and an InternalError (code 0)', async () => {
    server.inject({
      match: { protocol: 'soap' },
      times: 1,
      fault: { kind: 'throttle', status: 'code117', retryAfterS: 2 },
    });
    server.inject({ match: { protocol: 'soap' }, times: 1, fault: { kind: 'internal' } });
    const a = await postSoap(server.origin, CM_SOAP_PATH, 'GetUser', getUserSoapXml());
    expect(a.status).toBe(500);
    expect(xmlText(a.text, 'Code')).toBe('117');
    expect(a.headers.get('retry-after')).toBe('2');
    const b = await postSoap(server.origin, CM_SOAP_PATH, 'GetUser', getUserSoapXml());
    expect(xmlText(b.text, 'ErrorCode')).toBe('InternalError');
  });

  it('resets the connection and truncates bodies', async () => {
    const headers = {
      'Content-Type': 'application/json',
      Authorization: `Bearer ${creds.accessToken}`,
      DeveloperToken: creds.developerToken,
    };
    const reset = await rawPost(
      server.origin,
      '/CustomerManagement/v13/User/Query',
      { ...headers, 'X-Mock-Fault': 'reset' },
      '{}',
    );
    expect(reset).toBeInstanceOf(Error);
    expect((reset as NodeJS.ErrnoException).code).toBe('ECONNRESET');
    const truncated = await rawPost(
      server.origin,
      '/CustomerManagement/v13/User/Query',
      { ...headers, 'X-Mock-Fault': 'truncated' },
      '{}',
    );
    // Either the body stream errors, or it ends short of the announced Content-Length.
    if (!(truncated instanceof Error))
      expect(truncated.received).toBeLessThan(Number(truncated.headers['content-length']));
    else expect(truncated.message).toMatch(/aborted|ECONNRESET|socket hang up/);
  });

  it('sends an HTML error page, a 50 MB body, an entity-expansion payload and an unknown fault detail', async () => {
    const html = await getUserRest({ 'X-Mock-Fault': 'html' });
    expect(html.status).toBe(503);
    expect(html.headers.get('content-type')).toContain('text/html');

    server.inject({
      match: { service: 'customer-management' },
      times: 1,
      fault: { kind: 'huge', bytes: 50 * 1024 * 1024 },
    });
    const huge = await fetch(`${server.origin}/CustomerManagement/v13/User/Query`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{}',
    });
    expect(huge.status).toBe(200);
    expect(Number(huge.headers.get('content-length'))).toBe(50 * 1024 * 1024);
    await huge.body!.cancel();

    const bomb = await postSoap(server.origin, CM_SOAP_PATH, 'GetUser', getUserSoapXml(), {
      'X-Mock-Fault': 'entity-expansion',
    });
    expect(bomb.status).toBe(200);
    expect(bomb.text).toContain('<!DOCTYPE');
    expect(bomb.text.match(/<!ENTITY/g)).toHaveLength(10);

    const unknown = await postSoap(server.origin, CM_SOAP_PATH, 'GetUser', getUserSoapXml(), {
      'X-Mock-Fault': 'unknown-fault-detail',
    });
    expect(unknown.status).toBe(500);
    expect(unknown.text).toContain('<detail><MysteryFaultDetail');
    const unknownRest = await getUserRest({ 'X-Mock-Fault': 'unknown-fault-detail' });
    expect(unknownRest.json['Type']).toBe('MysteryFaultDetail');
  });

  it('delays and then answers normally', async () => {
    const res = await getUserRest({ 'X-Mock-Fault': 'delay; ms=20' });
    expect(res.status).toBe(200);
    expect(res.json['User'].Id).toBe(server.state.ids.userId);
  });

  it('parses the X-Mock-Fault header and rejects unknown kinds', async () => {
    expect(parseFaultHeader('throttle; status=117; retryAfterS=3')).toEqual({
      kind: 'throttle',
      status: 'code117',
      retryAfterS: 3,
    });
    expect(parseFaultHeader('huge; bytes=10')).toEqual({ kind: 'huge', bytes: 10 });
    expect(() => parseFaultHeader('explode')).toThrow(/unknown fault kind/);
    const res = await getUserRest({ 'X-Mock-Fault': 'explode' });
    expect(res.status).toBe(400);
  });

  it('parses the CLI rule syntax: protocol, service, operation, fault and times', () => {
    expect(
      parseFaultRule('rest:campaign-management.GetCampaignsByIds=117; retryAfterS=3; times=2'),
    ).toEqual({
      match: { protocol: 'rest', service: 'campaign-management', operation: 'GetCampaignsByIds' },
      fault: { kind: 'error', code: 117, retryAfterS: 3 },
      times: 2,
    });
    expect(parseFaultRule('*=503')).toEqual({ match: {}, fault: { kind: 'html' } });
    expect(parseFaultRule('GetUser=oversize; bytes=99')).toEqual({
      match: { operation: 'GetUser' },
      fault: { kind: 'huge', bytes: 99 },
    });
    expect(parseFaultRule('GetUser=429').fault).toEqual({
      kind: 'throttle',
      status: 429,
      retryAfterS: 1,
    });
    expect(() => parseFaultRule('GetUser')).toThrow(/<operation>=<fault>/);
    expect(() => parseFaultRule('GetUser=105; times=0')).toThrow(/times/);
    expect(() => parseFaultRule('GetUser=delay; ms=-1')).toThrow(/ms must be/);
  });

  it('answers 105/106/109 with the AdApi error and its HTTP status on both protocols', async () => {
    for (const [code, status] of [
      [105, 401],
      [106, 403],
      [109, 401],
      [0, 500],
    ] as const) {
      const rest = await getUserRest({ 'X-Mock-Fault': String(code) });
      expect(rest.status).toBe(status);
      expect(rest.json['Errors'][0].Code).toBe(code);
      const soap = await postSoap(server.origin, CM_SOAP_PATH, 'GetUser', getUserSoapXml(), {
        'X-Mock-Fault': String(code),
      });
      expect(soap.status).toBe(500);
      expect(xmlText(soap.text, 'Code')).toBe(String(code));
    }
  });

  it('still validates requests that get a fault, so a bad request is never hidden', async () => {
    const errorsBefore = server.stats.validationErrors.length;
    const res = await callRest(
      server.origin,
      'POST',
      '/CustomerManagement/v13/User/Query',
      { UserId: 1 },
      creds,
      { 'X-Mock-Fault': 'internal' },
    );
    expect(res.status).toBe(400);
    expect(server.stats.validationErrors.length).toBe(errorsBefore + 1);
    server.stats.validationErrors.length = errorsBefore;
  });
});
