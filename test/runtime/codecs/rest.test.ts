import { describe, expect, it } from 'vitest';
import { RequestValidationError } from '../../../runtime/src/errors.ts';
import { decodeRestFault, decodeRestResponse } from '../../../runtime/src/rest/decode.ts';
import { encodeRestBody } from '../../../runtime/src/rest/encode.ts';
import { protectBigNumbers } from '../../../runtime/src/rest/big-numbers.ts';
import { WireFormatError } from '../../../runtime/src/wire-error.ts';
import { op, service } from './fixture.ts';

describe('encodeRestBody', () => {
  it("writes int64 as strings, keeps the value's Type, drops SOAP-only fields, keeps REST-only ones", () => {
    const body = encodeRestBody(service, op('AddAds'), {
      AdGroupId: 9007199254740993n,
      Ads: [
        {
          Type: 'Text',
          Id: '9007199254740993',
          Title: 'a "quoted" \\ title',
          ForwardCompatibilityMap: 'soap-only',
        },
        { Type: 'ResponsiveSearch', Bid: '0.10', RestOnlyNote: 'kept' },
      ],
    });
    expect(body).toBe(
      '{"AdGroupId":"9007199254740993","Ads":[{"Type":"Text","Id":"9007199254740993","Title":"a \\"quoted\\" \\\\ title"},' +
        '{"Type":"ResponsiveSearch","Bid":0.1,"RestOnlyNote":"kept"}]}',
    );
    expect(JSON.parse(body).Ads[1].Bid).toBe(0.1);
  });

  it('fills in Type for a concrete family member that lacks it, even with no Type field in the descriptor', () => {
    // ApplicationFault has no `Type` field; it is a concrete family member with typeValue.
    const faultService = {
      ...service,
      operations: { F: { name: 'F', request: 'ApplicationFault' } },
    };
    expect(encodeRestBody(faultService, faultService.operations.F, { TrackingId: 't' })).toBe(
      '{"TrackingId":"t","Type":"ApplicationFault"}',
    );
    expect(
      encodeRestBody(faultService, faultService.operations.F, {
        Type: 'AdApiFaultDetail',
        Errors: [],
      }),
    ).toBe('{"Type":"AdApiFaultDetail","Errors":[]}');
  });

  it('joins flags with ", ", writes numbers, booleans, nulls and nested arrays', () => {
    const body = encodeRestBody(service, op('Echo'), {
      Id: 1,
      Status: 'Paused',
      Distribution: ['Search', 'Audience'],
      Score: 2.5,
      Priority: -3,
      Enabled: true,
      Amount: '+007.250',
      Name: null,
      IdGroups: [['1'], []],
      Labels: ['x'],
      SoapOnly: 'dropped',
      RestOnly: 'kept',
    });
    expect(JSON.parse(body)).toEqual({
      Id: '1',
      Amount: 7.25,
      Score: 2.5,
      Priority: -3,
      Enabled: true,
      Name: null,
      Distribution: 'Search, Audience',
      IdGroups: [['1'], []],
      Labels: ['x'],
      Status: 'Paused',
      RestOnly: 'kept',
    });
    expect(body).toContain('"Amount":7.25,');
  });

  it('keeps every digit of a decimal a double cannot hold, as a JSON number literal', () => {
    const body = encodeRestBody(service, op('Echo'), {
      Id: '1',
      Amount: '-00079228162514264337593543950335.50',
      Names: ['a', undefined],
      Ad: { Type: 'Text', Title: 'x "y"' },
    });
    expect(body).toBe(
      '{"Id":"1","Amount":-79228162514264337593543950335.5,"Names":["a",null],"Ad":{"Type":"Text","Title":"x \\"y\\""}}',
    );
    expect(JSON.parse(body).Ad).toEqual({ Type: 'Text', Title: 'x "y"' });
  });

  it("never changes the caller's request; refuses properties the type does not declare", () => {
    const request = {
      AdGroupId: 7n,
      Ads: [
        {
          Type: 'ResponsiveSearch',
          Bid: '0.5',
          ForwardCompatibilityMap: 'x',
          Headlines: [{ Asset: 'a' }],
        },
      ],
    };
    const snapshot = structuredClone(request);
    expect(JSON.parse(encodeRestBody(service, op('AddAds'), request))).toEqual({
      AdGroupId: '7',
      Ads: [{ Type: 'ResponsiveSearch', Bid: 0.5, Headlines: [{ Asset: 'a' }] }],
    });
    expect(request).toEqual(snapshot);
    expect(() =>
      encodeRestBody(service, op('AddAds'), { ...request, Extra: { nested: [1, 2] } }),
    ).toThrow(/^AddAdsRequest\.Extra: unknown property: AddAdsRequest has no field "Extra"$/);
  });

  it("gives '{}' for request-less operations and an absent request", () => {
    expect(encodeRestBody(service, op('GetCurrentUser'), undefined)).toBe('{}');
    expect(encodeRestBody(service, op('GetUser'), undefined)).toBe('{}');
    expect(encodeRestBody(service, op('GetUser'), {})).toBe('{}');
  });

  it.each([
    [
      { AdGroupId: 2 ** 53 + 2 },
      /^AddAdsRequest\.AdGroupId: 9007199254740994 is not a safe integer/,
    ],
    [{ AdGroupId: null }, /AddAdsRequest\.AdGroupId: null is not allowed/],
    [{ AdGroupId: '1', Ads: [{ Id: '1' }] }, /AddAdsRequest\.Ads\[0\]: Ad is abstract/],
    [{ AdGroupId: '1', Ads: [{ Type: 'Nope' }] }, /AddAdsRequest\.Ads\[0\]: Type "Nope" is not Ad/],
  ])('rejects %j', (request, message) => {
    expect(() => encodeRestBody(service, op('AddAds'), request)).toThrow(RequestValidationError);
    expect(() => encodeRestBody(service, op('AddAds'), request)).toThrow(message);
  });

  it('rejects non-finite doubles (JSON cannot carry them)', () => {
    expect(() => encodeRestBody(service, op('Echo'), { Id: '1', Score: NaN })).toThrow(
      /Sample\.Score: expected a finite number, got NaN/,
    );
  });
});

describe('decodeRestResponse', () => {
  it('keeps int64 digits that arrive as JSON numbers above 2^53, and leaves digits inside strings alone', () => {
    const body =
      '{"User":{"Id":9007199254740993,"Name":"id 12345678901234567890 in text"},"CustomerRoles":[18014398509481985, "7", 8]}';
    expect(decodeRestResponse(service, 'GetUserResponse', body)).toEqual({
      User: { Id: '9007199254740993', Name: 'id 12345678901234567890 in text' },
      CustomerRoles: ['18014398509481985', '7', '8'],
    });
  });

  it('turns long numbers in non-int64 positions back into numbers', () => {
    const body =
      '{"Id":"1","Score":12345678901234567890,"Priority":1,"Amount":0.12345678901234567}';
    expect(decodeRestResponse(service, 'Sample', body)).toEqual({
      Id: '1',
      Score: 12345678901234567890,
      Priority: 1,
      Amount: '0.12345678901234567',
    });
  });

  it('splits flags, dispatches on Type, fills Type for concrete members, keeps unknown Types', () => {
    const body = JSON.stringify({
      Ads: [
        { Type: 'ResponsiveSearch', Id: 5, Headlines: [{ Asset: 'a' }], Bid: 0.5 },
        { Type: 'Future', Id: 6, Extra: true },
        null,
      ],
    });
    expect(decodeRestResponse(service, 'GetAdsByIdsResponse', body)).toEqual({
      Ads: [
        { Type: 'ResponsiveSearch', Id: '5', Headlines: [{ Asset: 'a' }], Bid: '0.5' },
        { Type: 'Future', Id: '6', Extra: true },
        null,
      ],
    });
    expect(
      decodeRestResponse(
        service,
        'Sample',
        '{"Id":"1","Distribution":"Search, Content","Ad":{"Title":"x"}}',
      ),
    ).toEqual({
      Id: '1',
      Distribution: ['Search', 'Content'],
      Ad: { Title: 'x' }, // Ad is abstract: no Type to fill in
    });
    expect(decodeRestResponse(service, 'ApplicationFault', '{"TrackingId":"t"}')).toEqual({
      TrackingId: 't',
      Type: 'ApplicationFault',
    });
  });

  it('returns undefined for an empty body and the parsed JSON when there is no type', () => {
    expect(decodeRestResponse(service, 'GetUserResponse', '  ')).toBeUndefined();
    expect(decodeRestResponse(service, undefined, '{"a":12345678901234567890}')).toEqual({
      a: '12345678901234567890',
    });
  });

  it('malformed JSON is a WireFormatError with a masked excerpt, never the parser message', () => {
    const body = '<html>{"access_token":"abc.def.ghi"} Bad Gateway';
    expect(() => decodeRestResponse(service, 'GetUserResponse', body)).toThrow(WireFormatError);
    try {
      decodeRestResponse(service, 'GetUserResponse', body);
    } catch (error) {
      expect((error as WireFormatError).protocol).toBe('rest');
      expect((error as Error).message).toMatch(
        /^Malformed REST response: the body is not valid JSON \(near: /,
      );
      expect((error as Error).message).not.toContain('abc.def.ghi');
    }
  });
});

describe('decodeRestFault', () => {
  it('decodes a known fault type and its TrackingId', () => {
    const body =
      '{"TrackingId":"trk","Type":"AdApiFaultDetail","Errors":[{"Code":105,"ErrorCode":"InvalidCredentials","Message":"m","Detail":null}]}';
    expect(decodeRestFault(service, body)).toEqual({
      detailType: 'AdApiFaultDetail',
      trackingId: 'trk',
      detail: {
        TrackingId: 'trk',
        Type: 'AdApiFaultDetail',
        Errors: [{ Code: 105, ErrorCode: 'InvalidCredentials', Message: 'm', Detail: null }],
      },
    });
  });

  it('keeps the parsed body as detail for unknown or missing Type', () => {
    expect(
      decodeRestFault(service, '{"Type":"EditorialApiFaultDetail","TrackingId":"t","X":1}'),
    ).toEqual({
      detailType: 'EditorialApiFaultDetail',
      trackingId: 't',
      detail: { Type: 'EditorialApiFaultDetail', TrackingId: 't', X: 1 },
    });
    expect(decodeRestFault(service, '{"error":"invalid_token"}')).toEqual({
      detail: { error: 'invalid_token' },
    });
    expect(decodeRestFault(service, '')).toEqual({});
    expect(() => decodeRestFault(service, 'Service Unavailable')).toThrow(WireFormatError);
  });
});

describe('protectBigNumbers', () => {
  it('quotes only long number literals outside strings', () => {
    expect(protectBigNumbers('{"a":1,"b":"x"}')).toBe('{"a":1,"b":"x"}');
    expect(
      protectBigNumbers('{"a":[1234567890123456,-12345678901234567.5],"s":"\\":1234567890123456"}'),
    ).toBe('{"a":["1234567890123456","-12345678901234567.5"],"s":"\\":1234567890123456"}');
    expect(protectBigNumbers('{"e":12345678901234567e3}')).toBe('{"e":12345678901234567e3}');
  });
});

describe('hostile or broken nesting', () => {
  it('a cyclic request is a RequestValidationError in both encoders', async () => {
    const { encodeSoapRequest } = await import('../../../runtime/src/soap/encode.ts');
    const tree: Record<string, unknown> = { Label: 'x' };
    tree.Child = tree;
    const request = { Id: '1', Tree: tree };
    expect(() => encodeRestBody(service, op('Echo'), request)).toThrow(
      /^Sample: the request is nested too deeply or is cyclic$/,
    );
    expect(() => encodeSoapRequest(service, op('Echo'), request, {})).toThrow(
      /^Sample: the request is nested too deeply or is cyclic$/,
    );
  });

  it('absurdly deep JSON in a recursive type is a WireFormatError', () => {
    const depth = 50_000;
    const body = `{"Id":"1","Tree":${'{"Child":'.repeat(depth)}{}${'}'.repeat(depth)}}`;
    expect(() => decodeRestResponse(service, 'Sample', body)).toThrow(
      /Malformed REST response: \$(\.Tree)(\.Child)+: nested deeper than 256 levels/,
    );
  });
});
