import { describe, expect, it } from 'vitest';
import { RequestValidationError } from '../../../runtime/src/errors.ts';
import { encodeRestBody } from '../../../runtime/src/rest/encode.ts';
import { encodeSoapRequest } from '../../../runtime/src/soap/encode.ts';
import { escapeXmlText } from '../../../runtime/src/soap/xml-text.ts';
import { ARR, ENT, TNS, credentials, op, service } from './fixture.ts';

const ENV = `<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/" xmlns:i="http://www.w3.org/2001/XMLSchema-instance"`;
const HEADERS = (action: string) =>
  `<s:Header><n0:Action>${action}</n0:Action><n0:AuthenticationToken>secret-access-token</n0:AuthenticationToken>` +
  `<n0:DeveloperToken>BBD37VB98</n0:DeveloperToken><n0:CustomerId>123</n0:CustomerId><n0:CustomerAccountId>456</n0:CustomerAccountId></s:Header>`;

/** The Body's content only, for assertions that do not care about the envelope. */
function body(xml: string): string {
  const start = xml.indexOf('<s:Body>') + '<s:Body>'.length;
  return xml.slice(start, xml.indexOf('</s:Body>'));
}

describe('encodeSoapRequest: exact XML', () => {
  it('GetUser: headers in binding order, Action from the descriptor, int64 above 2^53 kept exact', () => {
    const xml = encodeSoapRequest(
      service,
      op('GetUser'),
      { UserId: '9007199254740993' },
      credentials,
    );
    expect(xml).toBe(
      `${ENV} xmlns:n0="${TNS}">${HEADERS('GetUser')}` +
        `<s:Body><n0:GetUserRequest><n0:UserId>9007199254740993</n0:UserId></n0:GetUserRequest></s:Body></s:Envelope>`,
    );
  });

  it('AddAds: declares each reachable namespace once, i:type for subtypes, nil, wrapped arrays, REST-only dropped', () => {
    const request = {
      AdGroupId: 5n,
      Ads: [
        { Type: 'Text', Id: null, Title: 'a & <b>', FinalUrls: ['x'] },
        {
          Type: 'ResponsiveSearch',
          Headlines: [{ Asset: 'h' }],
          Bid: '1.50',
          RestOnlyNote: 'dropped',
        },
      ],
    };
    const xml = encodeSoapRequest(service, op('AddAds'), request, credentials);
    expect(xml).toBe(
      `${ENV} xmlns:n0="${TNS}" xmlns:n1="${ARR}" xmlns:n2="${ENT}">${HEADERS('AddAds')}<s:Body><n0:AddAdsRequest>` +
        `<n0:AdGroupId>5</n0:AdGroupId><n0:Ads>` +
        `<n2:Ad i:type="n2:TextAd"><n2:FinalUrls><n1:string>x</n1:string></n2:FinalUrls><n2:Id i:nil="true"/>` +
        `<n2:Type>Text</n2:Type><n2:Title>a &amp; &lt;b&gt;</n2:Title></n2:Ad>` +
        `<n2:Ad i:type="n2:ResponsiveSearchAd"><n2:Type>ResponsiveSearch</n2:Type><n2:Headlines><n2:AssetLink>` +
        `<n2:Asset>h</n2:Asset></n2:AssetLink></n2:Headlines><n2:Bid>1.50</n2:Bid></n2:Ad>` +
        `</n0:Ads></n0:AddAdsRequest></s:Body></s:Envelope>`,
    );
    expect(xml).not.toContain('dropped');
  });

  it("never changes the caller's request", () => {
    const request = { AdGroupId: 5n, Ads: [{ Type: 'Text', Title: 't', FinalUrls: ['u', null] }] };
    const snapshot = structuredClone(request);
    encodeSoapRequest(service, op('AddAds'), request, credentials);
    expect(request).toEqual(snapshot);
  });

  it('is deterministic: same call, same bytes', () => {
    const a = encodeSoapRequest(service, op('AddAds'), { AdGroupId: '1', Ads: [] }, credentials);
    const b = encodeSoapRequest(service, op('AddAds'), { AdGroupId: '1', Ads: [] }, credentials);
    expect(a).toBe(b);
    expect(body(a)).toBe(
      '<n0:AddAdsRequest><n0:AdGroupId>1</n0:AdGroupId><n0:Ads/></n0:AddAdsRequest>',
    );
  });
});

describe('encodeSoapRequest: headers', () => {
  it('omits headers whose value is undefined, never Action, and sends no undeclared header', () => {
    const xml = encodeSoapRequest(service, op('GetCurrentUser'), undefined, {
      AuthenticationToken: 'tok',
      CustomerId: '1',
      Password: 'not-declared',
    });
    expect(xml).toContain(
      '<s:Header><n0:Action>GetCurrentUser</n0:Action><n0:AuthenticationToken>tok</n0:AuthenticationToken></s:Header>',
    );
    expect(xml).not.toContain('CustomerId');
    expect(xml).not.toContain('Password');
    // request-less operation: an empty wrapper element
    expect(body(xml)).toBe('<n0:GetCurrentUserRequest></n0:GetCurrentUserRequest>');
  });

  it('escapes header values and keeps them out of error messages', () => {
    const xml = encodeSoapRequest(service, op('GetUser'), {}, { AuthenticationToken: 'a<b&c' });
    expect(xml).toContain('<n0:AuthenticationToken>a&lt;b&amp;c</n0:AuthenticationToken>');
    expect(() =>
      encodeSoapRequest(service, op('GetUser'), {}, { AuthenticationToken: 'secret\u0000token' }),
    ).toThrow(/SOAP header AuthenticationToken value: character U\+0000/);
    try {
      encodeSoapRequest(service, op('GetUser'), {}, { AuthenticationToken: 'secret\u0000token' });
    } catch (error) {
      expect(String(error)).not.toContain('secret');
    }
  });
});

describe('encodeSoapRequest: values', () => {
  const sample = (value: Record<string, unknown>) =>
    body(encodeSoapRequest(service, op('Echo'), { Id: '1', Status: 'Active', ...value }, {}));

  it('writes primitives in their XML lexical forms', () => {
    const xml = sample({
      BigId: 18446744073709551615n,
      Amount: '-0012.50',
      Score: -1.5e-7,
      Priority: 7,
      Enabled: false,
      When: '2024-05-01T10:00:00Z',
      Key: '0f8fad5b-d9cb-469f-a165-70867728950e',
    });
    expect(xml).toContain(
      '<n0:BigId>18446744073709551615</n0:BigId><n0:Amount>-0012.50</n0:Amount><n0:Score>-1.5e-7</n0:Score>',
    );
    expect(xml).toContain(
      '<n0:Priority>7</n0:Priority><n0:Enabled>false</n0:Enabled><n0:When>2024-05-01T10:00:00Z</n0:When>',
    );
    expect(xml).toContain('<n0:Key>0f8fad5b-d9cb-469f-a165-70867728950e</n0:Key>');
  });

  it('joins flags with spaces, repeats inline arrays, nests wrapped arrays, writes nil items', () => {
    const xml = sample({
      Distribution: ['Search', 'Content'],
      Labels: ['a', 'b'],
      IdGroups: [['1', '2'], []],
      Ids: ['3', null],
    });
    expect(xml).toContain('<n0:Distribution>Search Content</n0:Distribution>');
    expect(xml).toContain('<n0:Ids><n1:long>3</n1:long><n1:long i:nil="true"/></n0:Ids>');
    expect(xml).toContain(
      '<n0:IdGroups><n1:ArrayOflong><n1:long>1</n1:long><n1:long>2</n1:long></n1:ArrayOflong><n1:ArrayOflong/></n0:IdGroups>',
    );
    expect(xml).toContain('<n0:Labels>a</n0:Labels><n0:Labels>b</n0:Labels>');
  });

  it('writes fields in descriptor order whatever the object key order', () => {
    const xml = sample({ Name: 'n', Priority: 1 });
    expect(xml).toBe(
      '<n0:Sample><n0:Id>1</n0:Id><n0:Priority>1</n0:Priority><n0:Name>n</n0:Name><n0:Status>Active</n0:Status></n0:Sample>',
    );
  });

  it('refuses a property the type does not declare, naming it', () => {
    expect(() => sample({ Name: 'n', Unknown: 'x' })).toThrow(
      /^Sample\.Unknown: unknown property: Sample has no field "Unknown"$/,
    );
    expect(sample({ Name: 'n', Unknown: undefined })).toContain('<n0:Name>n</n0:Name>');
  });

  it('escapes text and keeps CR through an entity', () => {
    expect(sample({ Name: `"<&>'\r\n\t` })).toContain(
      `<n0:Name>&quot;&lt;&amp;&gt;'&#13;\n\t</n0:Name>`,
    );
    expect(escapeXmlText('plain')).toBe('plain');
    expect(escapeXmlText('emoji \u{1F600} ok')).toBe('emoji \u{1F600} ok');
  });

  it('refuses characters XML 1.0 cannot carry, naming the field', () => {
    expect(() => sample({ Name: 'a\u0001b' })).toThrow(
      /^Sample\.Name: character U\+0001 at index 1/,
    );
    expect(() => sample({ Name: 'lone \ud800 surrogate' })).toThrow(
      /Sample\.Name: character U\+D800/,
    );
    expect(() => sample({ Name: '\uffff' })).toThrow(RequestValidationError);
  });
});

describe('encodeSoapRequest: request values that do not fit throw a RequestValidationError naming the path', () => {
  const addAds = (request: unknown) => () =>
    encodeSoapRequest(service, op('AddAds'), request, credentials);

  it.each([
    [{ AdGroupId: null }, /^AddAdsRequest\.AdGroupId: null is not allowed/],
    [{ AdGroupId: 2 ** 60 }, /AddAdsRequest\.AdGroupId: 1152921504606847000 is not a safe integer/],
    [{ AdGroupId: '12x' }, /AddAdsRequest\.AdGroupId: expected an integer string/],
    [
      { AdGroupId: 1, Ads: [{ Type: 'Text' }, {}] },
      /AddAdsRequest\.Ads\[1\]: Ad is abstract: the value must carry Type: one of Text, ResponsiveSearch/,
    ],
    [
      { AdGroupId: 1, Ads: [{ Type: 'Image' }] },
      /AddAdsRequest\.Ads\[0\]: Type "Image" is not Ad or one of its subtypes/,
    ],
    [{ AdGroupId: 1, Ads: [null] }, /AddAdsRequest\.Ads\[0\]: null items are not allowed/],
    [
      { AdGroupId: 1, Ads: { Type: 'Text' } },
      /AddAdsRequest\.Ads: expected an array, got an object/,
    ],
    [
      { AdGroupId: 1, Ads: [{ Type: 'ResponsiveSearch', Bid: '1.2.3' }] },
      /Ads\[0\]\.Bid: expected a decimal string/,
    ],
    [
      { AdGroupId: 1, Ads: [{ Type: 'ResponsiveSearch', Headlines: [{ Asset: 5 }] }] },
      /Ads\[0\]\.Headlines\[0\]\.Asset: expected a string, got a number/,
    ],
    ['not an object', /^AddAdsRequest: expected an object, got a string/],
  ])('%j', (request, message) => {
    expect(addAds(request)).toThrow(RequestValidationError);
    expect(addAds(request)).toThrow(message);
  });

  it('accepts a safe integer number and a bigint for int64', () => {
    expect(body(encodeSoapRequest(service, op('GetUser'), { UserId: 42 }, {}))).toContain(
      '<n0:UserId>42</n0:UserId>',
    );
    expect(
      body(encodeSoapRequest(service, op('GetUser'), { UserId: -9007199254740993n }, {})),
    ).toContain('<n0:UserId>-9007199254740993</n0:UserId>');
  });

  it('rejects an out-of-range int32 and a non-boolean', () => {
    const echo = (v: Record<string, unknown>) => () =>
      encodeSoapRequest(service, op('Echo'), { Id: '1', ...v }, {});
    expect(echo({ Priority: 2 ** 31 })).toThrow(
      /Sample\.Priority: 2147483648 is not a valid int32/,
    );
    expect(echo({ Enabled: 'yes' })).toThrow(/Sample\.Enabled: expected a boolean, got a string/);
    expect(echo({ Distribution: [1] })).toThrow(/Sample\.Distribution: expected flag literals/);
  });
});

describe('checks the SOAP and REST encoders share', () => {
  const soapEcho = (v: Record<string, unknown>) => () =>
    encodeSoapRequest(service, op('Echo'), { Id: '1', ...v }, {});
  const restEcho = (v: Record<string, unknown>) => () =>
    encodeRestBody(service, op('Echo'), { Id: '1', ...v });

  it('rejects null items and non-arrays in an inline array as in a wrapped one', () => {
    expect(soapEcho({ Labels: ['a', null] })).toThrow(
      /^Sample\.Labels\[1\]: null items are not allowed in this array$/,
    );
    expect(soapEcho({ Labels: 'a' })).toThrow(/^Sample\.Labels: expected an array, got a string$/);
  });

  it('keeps uint64 non-negative and int64 signed', () => {
    for (const encode of [soapEcho, restEcho]) {
      expect(encode({ BigId: -1n })).toThrow(/^Sample\.BigId: expected a non-negative integer$/);
      expect(encode({ BigId: '-1' })).toThrow(
        /^Sample\.BigId: expected a non-negative integer string, got "-1"$/,
      );
      expect(encode({ Id: '1x' })).toThrow(/^Sample\.Id: expected an integer string, got "1x"$/);
    }
    expect(body(soapEcho({ Id: '-5', BigId: 7n })())).toContain(
      '<n0:Id>-5</n0:Id><n0:BigId>7</n0:BigId>',
    );
    expect(JSON.parse(restEcho({ Id: '-5', BigId: 7n })())).toMatchObject({ Id: '-5', BigId: '7' });
  });

  it('rejects a null in a non-nullable field, naming it, in both', () => {
    for (const encode of [soapEcho, restEcho])
      expect(encode({ Id: null })).toThrow(
        /^Sample\.Id: null is not allowed here \(the field is not nullable\); omit it instead$/,
      );
  });
});
