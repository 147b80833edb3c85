import { afterEach, describe, expect, it } from 'vitest';
import { getResponseMetadata } from '../../../runtime/src/client.ts';
import { AdsApiError, AuthenticationError } from '../../../runtime/src/errors.ts';
import {
  ACCESS_TOKEN_1,
  DEVELOPER_TOKEN,
  adApiFaultJson,
  adApiFaultXml,
  sendJson,
  sendXml,
  soapFault,
  soapOk,
  startServer,
  type TestServer,
} from './fixtures.ts';
import { realDescriptor } from './real-codecs-descriptor.ts';
import { fakeSleep, fakeTokens, TestClient } from './test-client.ts';

/** The glue with the real SOAP and REST codecs (no mocks): values, TrackingIds and faults. */
let server: TestServer | undefined;
let client: TestClient | undefined;
afterEach(async () => {
  await client?.close();
  await server?.close();
});

function make(protocol: 'rest' | 'soap') {
  client = new TestClient(realDescriptor, {
    protocol,
    developerToken: DEVELOPER_TOKEN,
    auth: fakeTokens(),
    endpoint: server!.url,
    retry: { sleep: fakeSleep() },
  });
  return client;
}

describe('with the real codecs', () => {
  it('REST: int64 ids stay strings both ways; TrackingId from the header', async () => {
    server = await startServer((_req, res) =>
      sendJson(
        res,
        200,
        { User: { Id: '9007199254740993', UserName: 'ann' } },
        { TrackingId: 'trk-r' },
      ),
    );
    const result = await make('rest').getUser({ UserId: '9007199254740993' });
    expect(JSON.parse(server.requests[0]!.body)).toEqual({ UserId: '9007199254740993' });
    expect(result).toEqual({ User: { Id: '9007199254740993', UserName: 'ann' } });
    expect(getResponseMetadata(result)?.trackingId).toBe('trk-r');
  });

  it('SOAP: the encoder writes the declared headers; the decoder gives the value and TrackingId', async () => {
    server = await startServer((_req, res) =>
      sendXml(res, 200, soapOk('trk-s', '<User><Id>42</Id><UserName>ann</UserName></User>')),
    );
    const result = await make('soap').getUser({ UserId: '42' });
    const body = server.requests[0]!.body;
    expect(body).toContain(ACCESS_TOKEN_1);
    expect(body).toContain(DEVELOPER_TOKEN);
    expect(body).toMatch(/<(\w+:)?UserId>42<\/(\w+:)?UserId>/);
    expect(result).toEqual({ User: { Id: '42', UserName: 'ann' } });
    expect(getResponseMetadata(result)?.trackingId).toBe('trk-s');
  });

  it('REST and SOAP 105 faults → AuthenticationError with the TrackingId', async () => {
    const msg =
      'Authentication failed. Either supplied credentials are invalid or the account is inactive';
    server = await startServer((req, res) =>
      req.url!.startsWith('/Api/')
        ? sendXml(
            res,
            500,
            soapFault('trk-105s', adApiFaultXml('trk-105s', 105, 'InvalidCredentials', msg)),
          )
        : sendJson(res, 401, adApiFaultJson('trk-105r', 105, 'InvalidCredentials', msg)),
    );
    for (const [protocol, trackingId] of [
      ['rest', 'trk-105r'],
      ['soap', 'trk-105s'],
    ] as const) {
      const error = (await make(protocol)
        .getUser({})
        .catch((e: unknown) => e)) as AuthenticationError;
      await client!.close();
      expect(error).toBeInstanceOf(AuthenticationError);
      expect(error.trackingId).toBe(trackingId);
      expect(error.errors).toEqual([
        expect.objectContaining({ code: 105, errorCode: 'InvalidCredentials', message: msg }),
      ]);
      expect(error.hint).toBe('access-token-invalid-or-expired');
    }
  });

  it('SOAP ApiFault without ErrorCode → the symbolic code comes from the table', async () => {
    const detail =
      '<ApiFault xmlns="https://bingads.microsoft.com/Customer/v13/Exception" xmlns:i="http://www.w3.org/2001/XMLSchema-instance">' +
      '<TrackingId xmlns="https://adapi.microsoft.com">trk-op</TrackingId><OperationErrors><OperationError>' +
      '<Code>1102</Code><Details i:nil="true"/><Message>The account ID is not valid.</Message>' +
      '</OperationError></OperationErrors></ApiFault>';
    server = await startServer((_req, res) => sendXml(res, 500, soapFault('trk-op', detail)));
    const error = (await make('soap')
      .getUser({})
      .catch((e: unknown) => e)) as AdsApiError;
    expect(error.constructor).toBe(AdsApiError);
    expect(error.faultType).toBe('ApiFault');
    expect(error.errors).toEqual([
      {
        code: 1102,
        errorCode: 'CampaignServiceInvalidAccountId',
        message: 'The account ID is not valid.',
        kind: 'operation',
      },
    ]);
    expect(error.message).toBe(
      'GetUser failed (SOAP, HTTP 500): 1102 CampaignServiceInvalidAccountId: The account ID is not valid. [TrackingId trk-op]',
    );
  });
});
