/**
 * Responses are checked against the descriptor on both protocols. A value of the wrong kind,
 * an int64 that is not an exact integer, nesting beyond 256 levels, or a SOAP `i:type`
 * outside the declared family is a WireFormatError naming where it sits; a fault answered
 * with HTTP 200 is the same typed fault as with 400. Fields and enum values newer than the
 * descriptor are kept: the API may grow.
 */
import { describe, expect, it } from 'vitest';
import { AdsApiError, AuthenticationError } from '../../../runtime/src/errors.ts';
import { readHttpResponse, type ExchangeTarget } from '../../../runtime/src/exchange.ts';
import { decodeRestResponse } from '../../../runtime/src/rest/decode.ts';
import { decodeSoapResponse } from '../../../runtime/src/soap/decode.ts';
import { WireFormatError } from '../../../runtime/src/wire-error.ts';
import { op, service } from './fixture.ts';

function restError(typeName: string, body: string): WireFormatError {
  try {
    decodeRestResponse(service, typeName, body);
  } catch (error) {
    expect(error).toBeInstanceOf(WireFormatError);
    return error as WireFormatError;
  }
  throw new Error(`decoded without an error: ${body}`);
}

describe('REST responses against the descriptor', () => {
  it.each([
    ['{"CustomerRoles":"oops"}', '$.CustomerRoles', 'expected an array, got a string'],
    ['{"User":[]}', '$.User', 'expected an object (User), got an array'],
    ['{"User":{"Id":"12x"}}', '$.User.Id', '"12x" is not a decimal 64-bit integer'],
    ['{"User":{"Id":1.5}}', '$.User.Id', '1.5 is not an exact 64-bit integer'],
    [
      '{"User":{"Id":true}}',
      '$.User.Id',
      'expected a 64-bit integer (string or number), got a boolean',
    ],
    [
      '{"User":{"Id":"9223372036854775808"}}',
      '$.User.Id',
      '"9223372036854775808" is not a decimal 64-bit integer',
    ],
    [
      '{"CustomerRoles":["1",9.007199254740993e15]}',
      '$.CustomerRoles[1]',
      '9007199254740992 is not an exact 64-bit integer',
    ],
    ['{"User":{"Name":5}}', '$.User.Name', 'expected a string, got a number'],
    ['{"User":{"IsActive":"yes"}}', '$.User.IsActive', 'expected a boolean, got a string'],
  ])('%s → WireFormatError at %s', (body, path, reason) => {
    const error = restError('GetUserResponse', body);
    expect(error.path).toBe(path);
    expect(error.problem).toContain(`${path}: ${reason}`);
    expect(error.message).toContain(`Malformed REST response: ${path}: ${reason}`);
  });

  it('checks inside families and arrays, with the JSON path', () => {
    const error = restError(
      'GetAdsByIdsResponse',
      '{"Ads":[null,{"Type":"ResponsiveSearch","Headlines":[{"Asset":"a"},{"Asset":{}}]}]}',
    );
    expect(error.path).toBe('$.Ads[1].Headlines[1].Asset');
  });

  it('keeps unknown fields and unknown enum values (forward compatible)', () => {
    expect(
      decodeRestResponse(
        service,
        'GetAdsByIdsResponse',
        '{"Ads":[{"Type":"Text","Status":"BrandNew","Later":{"x":[1,{"y":2}]}}],"Next":true}',
      ),
    ).toEqual({
      Ads: [{ Type: 'Text', Status: 'BrandNew', Later: { x: [1, { y: 2 }] } }],
      Next: true,
    });
  });

  it('refuses nesting deeper than 256 levels, in unknown fields too', () => {
    const nested = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;
    expect(decodeRestResponse(service, 'GetUserResponse', `{"Extra":${nested(250)}}`)).toBeTruthy();
    const error = restError('GetUserResponse', `{"Extra":${nested(300)}}`);
    expect(error.path).toBe('$.Extra');
    expect(error.problem).toMatch(/nested deeper than 256 levels/);
  });
});

describe('SOAP i:type against the declared family', () => {
  const I = 'http://www.w3.org/2001/XMLSchema-instance';
  const envelope = (user: string) =>
    `<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body>` +
    `<GetUserResponse xmlns="https://bingads.microsoft.com/CampaignManagement/v13" xmlns:i="${I}" ` +
    `xmlns:a="https://bingads.microsoft.com/CampaignManagement/v13/Entities">${user}</GetUserResponse></s:Body></s:Envelope>`;

  it('a known type outside the family is a WireFormatError, not decoded as the declared type', () => {
    const xml = envelope('<User i:type="a:TextAd"><a:Id>1</a:Id><a:Title>t</a:Title></User>');
    expect(() => decodeSoapResponse(service, op('GetUser'), xml)).toThrow(WireFormatError);
    expect(() => decodeSoapResponse(service, op('GetUser'), xml)).toThrow(
      /i:type "a:TextAd" is not User or one of its subtypes/,
    );
  });

  it('the declared type itself, a member, and a name newer than the descriptor are read', () => {
    const own = envelope('<User i:type="a:User"><a:Id>1</a:Id></User>');
    expect(decodeSoapResponse(service, op('GetUser'), own)).toMatchObject({
      value: { User: { Id: '1' } },
    });
    const newer = envelope('<User i:type="a:FutureUser"><a:Id>2</a:Id><a:New>x</a:New></User>');
    expect(decodeSoapResponse(service, op('GetUser'), newer)).toMatchObject({
      value: { User: { Id: '2' } },
    });
  });
});

describe('a fault answered with HTTP 200', () => {
  const fault =
    '{"Type":"AdApiFaultDetail","TrackingId":"trk","Errors":[{"Code":105,"ErrorCode":"InvalidCredentials","Message":"Authentication failed."}]}';
  const target: ExchangeTarget = {
    service,
    op: op('GetUser'),
    protocol: 'rest',
    url: 'http://127.0.0.1/x',
  };
  const read = (status: number): unknown => {
    try {
      readHttpResponse(
        target,
        { status, headers: { 'content-type': 'application/json' }, body: Buffer.from(fault) },
        { redact: (s) => s, now: () => 0 },
      );
    } catch (error) {
      return error;
    }
    throw new Error('no error');
  };

  it('is the same typed fault as with 400 over REST', () => {
    const ok = read(200) as AdsApiError;
    const bad = read(400) as AdsApiError;
    expect(ok).toBeInstanceOf(AuthenticationError);
    expect(bad).toBeInstanceOf(AuthenticationError);
    expect(ok.errors).toEqual(bad.errors);
    expect(ok.trackingId).toBe('trk');
    expect(ok.httpStatus).toBe(200);
  });

  it('a response that does not fit reaches the caller as a WireFormatError with the operation', () => {
    let caught: unknown;
    try {
      readHttpResponse(
        target,
        { status: 200, headers: {}, body: Buffer.from('{"CustomerRoles":"oops"}') },
        { redact: (s) => s, now: () => 0 },
      );
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(WireFormatError);
    const error = caught as WireFormatError;
    expect(error.path).toBe('$.CustomerRoles');
    expect(error.operation).toBe('GetUser');
    expect(error.httpStatus).toBe(200);
    expect(error.message).toMatch(
      /^GetUser: Malformed REST response: \$\.CustomerRoles: expected an array/,
    );
  });
});
