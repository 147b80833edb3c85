import { describe, expect, it, vi } from 'vitest';

vi.mock('../../../runtime/src/soap/encode.js', () => import('./fake-codecs.ts'));
vi.mock('../../../runtime/src/soap/decode.js', () => import('./fake-codecs.ts'));
vi.mock('../../../runtime/src/rest/encode.js', () => import('./fake-codecs.ts'));
vi.mock('../../../runtime/src/rest/decode.js', () => import('./fake-codecs.ts'));

import { getResponseMetadata } from '../../../runtime/src/client.ts';
import { OperationUnavailableError } from '../../../runtime/src/errors.ts';
import {
  ACCESS_TOKEN_1,
  DEVELOPER_TOKEN,
  descriptor,
  sendJson,
  sendXml,
  soapOk,
} from './fixtures.ts';
import { TestClient, fakeTokens, loopbackPerTest, makeClient } from './test-client.ts';

const { serve, track } = loopbackPerTest();

describe('REST requests', () => {
  it('sends method, operation path, bearer token, developer token and account headers', async () => {
    const server = await serve((_req, res) =>
      sendJson(res, 200, { User: { Id: '42' } }, { TrackingId: 'trk-rest-1' }),
    );
    const { client } = track(makeClient(server.url));
    const result = await client.getUser({ UserId: '42' });

    expect(result).toEqual({ User: { Id: '42' } });
    const [req] = server.requests;
    expect(req!.method).toBe('POST');
    expect(req!.url).toBe('/CustomerManagement/v13/User/Query');
    expect(req!.headers['authorization']).toBe(`Bearer ${ACCESS_TOKEN_1}`);
    expect(req!.headers['developertoken']).toBe(DEVELOPER_TOKEN);
    expect(req!.headers['customerid']).toBe('1234567');
    expect(req!.headers['customeraccountid']).toBe('987654321');
    expect(req!.headers['content-type']).toBe('application/json');
    expect(JSON.parse(req!.body)).toEqual({ UserId: '42' });
  });

  it('omits CustomerId/CustomerAccountId when not given, and call options override client defaults', async () => {
    const server = await serve((_req, res) => sendJson(res, 200, {}));
    const { client } = track(
      makeClient(server.url, { customerId: undefined, accountId: undefined }),
    );
    await client.getUser({});
    await client.getUser({}, { customerId: '55', accountId: '66' });
    expect(server.requests[0]!.headers).not.toHaveProperty('customerid');
    expect(server.requests[0]!.headers).not.toHaveProperty('customeraccountid');
    expect(server.requests[1]!.headers['customerid']).toBe('55');
    expect(server.requests[1]!.headers['customeraccountid']).toBe('66');
  });

  it('keeps the TrackingId and attempts in a non-enumerable $metadata', async () => {
    const server = await serve((_req, res) =>
      sendJson(res, 200, { User: null }, { TrackingId: 'trk-meta' }),
    );
    const { client } = track(makeClient(server.url));
    const result = await client.getUser({});
    expect(getResponseMetadata(result)).toEqual({
      trackingId: 'trk-meta',
      attempts: 1,
      protocol: 'rest',
      httpStatus: 200,
    });
    expect(Object.keys(result)).toEqual(['User']);
    expect(JSON.stringify(result)).toBe('{"User":null}');
  });

  it('keeps a path prefix of the endpoint and sends DELETE with a JSON body', async () => {
    const server = await serve((_req, res) => sendJson(res, 200, {}));
    const { client } = track(makeClient(`${server.url}/prefix/`));
    await client.restOnly();
    expect(server.requests[0]!.method).toBe('DELETE');
    expect(server.requests[0]!.url).toBe('/prefix/CustomerManagement/v13/Thing');
    expect(server.requests[0]!.body).toBe('{}');
  });
});

describe('SOAP requests', () => {
  it('posts text/xml to the service path with a quoted SOAPAction and the headers for the encoder', async () => {
    const server = await serve((_req, res) => sendXml(res, 200, soapOk('trk-soap-1')));
    const { client } = track(makeClient(server.url, { protocol: 'soap' }));
    const result = await client.getUser({ UserId: '42' });

    const [req] = server.requests;
    expect(req!.method).toBe('POST');
    expect(req!.url).toBe('/Api/CustomerManagement/v13/CustomerManagementService.svc');
    expect(req!.headers['content-type']).toBe('text/xml; charset=utf-8');
    expect(req!.headers['soapaction']).toBe('"GetUser"');
    expect(req!.headers).not.toHaveProperty('authorization');
    expect(req!.body).toContain('<h:Action>GetUser</h:Action>');
    expect(req!.body).toContain(`<h:AuthenticationToken>${ACCESS_TOKEN_1}</h:AuthenticationToken>`);
    expect(req!.body).toContain(`<h:DeveloperToken>${DEVELOPER_TOKEN}</h:DeveloperToken>`);
    expect(req!.body).toContain('<h:CustomerId>1234567</h:CustomerId>');
    expect(req!.body).toContain('<h:CustomerAccountId>987654321</h:CustomerAccountId>');
    expect(result).toEqual({ User: { Id: '42' } });
    expect(getResponseMetadata(result)).toMatchObject({
      trackingId: 'trk-soap-1',
      protocol: 'soap',
      attempts: 1,
    });
  });
});

describe('operations outside the chosen protocol', () => {
  it('rejects a SOAP-only operation on a REST client before any request', async () => {
    const server = await serve((_req, res) => sendJson(res, 200, {}));
    const { client } = track(makeClient(server.url));
    const error = await client.soapOnly().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OperationUnavailableError);
    expect((error as Error).message).toBe(
      "SoapOnly is not available over REST; it exists only over SOAP: create the client with protocol: 'soap' for this call.",
    );
    expect(server.requests).toHaveLength(0);
  });

  it('rejects a REST-only operation on a SOAP client, and unknown names, before any request', async () => {
    const server = await serve((_req, res) => sendJson(res, 200, {}));
    const { client, auth } = track(makeClient(server.url, { protocol: 'soap' }));
    await expect(client.restOnly()).rejects.toMatchObject({
      operation: 'RestOnly',
      protocol: 'soap',
      availableIn: 'rest',
    });
    await expect(client.nope()).rejects.toThrow(
      'NoSuchOperation is not an operation of this service.',
    );
    expect(server.requests).toHaveLength(0);
    expect(auth.getAccessToken).not.toHaveBeenCalled();
  });
});

describe('construction', () => {
  it('requires a developer token and a token provider, without echoing values', () => {
    expect(() => new TestClient(descriptor, { developerToken: '', auth: fakeTokens() })).toThrow(
      'ServiceClient: developerToken is required',
    );
    expect(
      () => new TestClient(descriptor, { developerToken: DEVELOPER_TOKEN, auth: {} as never }),
    ).toThrow(/auth must be a TokenProvider/);
  });

  it('defaults to REST in production on the service host', async () => {
    const { client } = track({
      client: new TestClient(descriptor, { developerToken: DEVELOPER_TOKEN, auth: fakeTokens() }),
    });
    expect(client.protocol).toBe('rest');
    expect(client.environment).toBe('production');
  });
});
