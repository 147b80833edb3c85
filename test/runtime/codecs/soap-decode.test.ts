import { describe, expect, it } from 'vitest';
import { decodeSoapResponse } from '../../../runtime/src/soap/decode.ts';
import { TransportError } from '../../../runtime/src/errors.ts';
import { WireFormatError } from '../../../runtime/src/wire-error.ts';
import { op, service } from './fixture.ts';

const S = 'http://schemas.xmlsoap.org/soap/envelope/';
const I = 'http://www.w3.org/2001/XMLSchema-instance';

/** A response the way WCF writes one: default namespace on the wrapper, `a:` for entities. */
function envelope(
  body: string,
  header = '<h:TrackingId xmlns:h="https://bingads.microsoft.com/CampaignManagement/v13">trk-1</h:TrackingId>',
): string {
  return `<s:Envelope xmlns:s="${S}"><s:Header>${header}</s:Header><s:Body>${body}</s:Body></s:Envelope>`;
}
const wrapper = (name: string, content: string) =>
  `<${name} xmlns="https://bingads.microsoft.com/CampaignManagement/v13">${content}</${name}>`;

describe('decodeSoapResponse: values', () => {
  it('GetUser: nested object, int64 kept as a string, booleans, arrays, TrackingId', () => {
    const xml = envelope(
      wrapper(
        'GetUserResponse',
        `<User xmlns:a="https://bingads.microsoft.com/CampaignManagement/v13/Entities" xmlns:i="${I}">` +
          `<a:Id>9007199254740993</a:Id><a:Name>Ann &amp; Bob &#x263A; &#65;</a:Name><a:IsActive>true</a:IsActive>` +
          `<a:Timestamp i:nil="true"/></User>` +
          `<CustomerRoles xmlns:b="http://schemas.microsoft.com/2003/10/Serialization/Arrays"><b:long>18014398509481985</b:long></CustomerRoles>`,
      ),
    );
    expect(decodeSoapResponse(service, op('GetUser'), xml)).toEqual({
      kind: 'ok',
      trackingId: 'trk-1',
      value: {
        User: {
          Id: '9007199254740993',
          Name: 'Ann & Bob \u263a A',
          IsActive: true,
          Timestamp: null,
        },
        CustomerRoles: ['18014398509481985'],
      },
    });
  });

  it('a single item is still an array; an empty wrapper is []; an absent wrapper stays absent', () => {
    const one = decodeSoapResponse(
      service,
      op('AddAds'),
      envelope(wrapper('AddAdsResponse', '<AdIds><long>7</long></AdIds>')),
    );
    expect(one).toMatchObject({ kind: 'ok', value: { AdIds: ['7'] } });
    const empty = decodeSoapResponse(
      service,
      op('AddAds'),
      envelope(wrapper('AddAdsResponse', '<AdIds/>')),
    );
    expect(empty).toMatchObject({ value: { AdIds: [] } });
    const emptyPair = decodeSoapResponse(
      service,
      op('AddAds'),
      envelope(wrapper('AddAdsResponse', '<AdIds>\n  </AdIds>')),
    );
    expect(emptyPair).toMatchObject({ value: { AdIds: [] } });
    const absent = decodeSoapResponse(
      service,
      op('AddAds'),
      envelope(wrapper('AddAdsResponse', '')),
    );
    expect(absent).toEqual({ kind: 'ok', trackingId: 'trk-1', value: {} });
  });

  it('i:nil gives null for fields and for array items', () => {
    const xml = envelope(
      wrapper(
        'AddAdsResponse',
        `<AdIds xmlns:i="${I}"><long>1</long><long i:nil="true"/><long>3</long></AdIds>`,
      ),
    );
    expect(decodeSoapResponse(service, op('AddAds'), xml)).toMatchObject({
      value: { AdIds: ['1', null, '3'] },
    });
  });

  it('i:type selects the subtype, its fields, and sets Type when the wire lacks it', () => {
    const xml = envelope(
      wrapper(
        'GetAdsByIdsResponse',
        `<Ads xmlns:a="https://bingads.microsoft.com/CampaignManagement/v13/Entities" xmlns:i="${I}">` +
          `<a:Ad i:type="a:TextAd"><a:Id>1</a:Id><a:Title>T</a:Title><a:Text>x</a:Text></a:Ad>` +
          `<a:Ad i:type="a:ResponsiveSearchAd"><a:Id>2</a:Id><a:Type>ResponsiveSearch</a:Type>` +
          `<a:Headlines><a:AssetLink><a:Asset>h1</a:Asset><a:PinnedField i:nil="true"/></a:AssetLink></a:Headlines>` +
          `<a:Bid>0.05</a:Bid></a:Ad>` +
          `<a:Ad i:nil="true"/>` +
          `<a:Ad i:type="a:VideoAd"><a:Id>3</a:Id><a:VideoUrl>v</a:VideoUrl></a:Ad>` +
          `</Ads>`,
      ),
    );
    expect(decodeSoapResponse(service, op('GetAdsByIds'), xml)).toMatchObject({
      value: {
        Ads: [
          { Type: 'Text', Id: '1', Title: 'T', Text: 'x' },
          {
            Type: 'ResponsiveSearch',
            Id: '2',
            Headlines: [{ Asset: 'h1', PinnedField: null }],
            Bid: '0.05',
          },
          null,
          // a subtype newer than the descriptor: known fields, Type says what it was
          { Type: 'VideoAd', Id: '3' },
        ],
      },
    });
  });

  it('parses numbers, flags, inline arrays, nested arrays, CDATA and comments; ignores unknown elements', () => {
    const xml = envelope(
      `<Sample xmlns="https://bingads.microsoft.com/CampaignManagement/v13" xmlns:b="http://schemas.microsoft.com/2003/10/Serialization/Arrays">` +
        `<Id> 9223372036854775807 </Id><Amount>-12.50</Amount><Score>1e3</Score><Priority>-7</Priority>` +
        `<Enabled>0</Enabled><Name><![CDATA[<raw> & ]]>tail<!-- note --></Name><Distribution> Search  Content </Distribution>` +
        `<IdGroups><b:ArrayOflong><b:long>1</b:long></b:ArrayOflong><b:ArrayOflong/></IdGroups>` +
        `<Labels>a</Labels><NewField><Deep>x</Deep></NewField><Labels>b</Labels><Status>Active</Status></Sample>`,
    );
    expect(decodeSoapResponse(service, op('Echo'), xml)).toMatchObject({
      value: {
        Id: '9223372036854775807',
        Amount: '-12.50',
        Score: 1000,
        Priority: -7,
        Enabled: false,
        Name: '<raw> & tail',
        Distribution: ['Search', 'Content'],
        IdGroups: [['1'], []],
        Labels: ['a', 'b'],
        Status: 'Active',
      },
    });
  });

  it('accepts a Buffer with a BOM and an XML declaration; keeps whitespace in strings', () => {
    const xml = `\ufeff<?xml version="1.0" encoding="utf-8"?>\n${envelope(wrapper('GetUserResponse', '<User><Name>  two  spaces </Name></User>'), '')}`;
    const result = decodeSoapResponse(service, op('GetUser'), Buffer.from(xml, 'utf8'));
    expect(result).toEqual({ kind: 'ok', value: { User: { Name: '  two  spaces ' } } });
  });
});

describe('decodeSoapResponse: faults', () => {
  const fault = (detail: string) =>
    envelope(
      `<s:Fault><faultcode>s:Server</faultcode><faultstring xml:lang="en-US">Invalid client data. Check the SOAP fault details for more information.</faultstring>` +
        `<detail>${detail}</detail></s:Fault>`,
    );

  it('decodes a known detail type (AdApiFaultDetail) with its errors', () => {
    const xml = fault(
      `<AdApiFaultDetail xmlns="https://adapi.microsoft.com" xmlns:i="${I}"><TrackingId>trk-detail</TrackingId>` +
        `<Errors><AdApiError><Code>105</Code><Detail i:nil="true"/><ErrorCode>InvalidCredentials</ErrorCode>` +
        `<Message>Authentication failed.</Message></AdApiError></Errors></AdApiFaultDetail>`,
    );
    expect(decodeSoapResponse(service, op('GetUser'), xml)).toEqual({
      kind: 'fault',
      faultCode: 's:Server',
      faultString: 'Invalid client data. Check the SOAP fault details for more information.',
      detailType: 'AdApiFaultDetail',
      detail: {
        Type: 'AdApiFaultDetail',
        TrackingId: 'trk-detail',
        Errors: [
          {
            Code: 105,
            Detail: null,
            ErrorCode: 'InvalidCredentials',
            Message: 'Authentication failed.',
          },
        ],
      },
      trackingId: 'trk-1',
    });
  });

  it('decodes ApiFaultDetail batch errors and takes the TrackingId from the detail when the header has none', () => {
    const xml = envelope(
      `<s:Fault><faultcode>s:Server</faultcode><faultstring>x</faultstring><detail>` +
        `<ApiFaultDetail xmlns="https://bingads.microsoft.com/CampaignManagement/v13"><TrackingId xmlns="https://adapi.microsoft.com">trk-2</TrackingId>` +
        `<BatchErrors><BatchError><Code>1</Code><ErrorCode>E</ErrorCode><Index>0</Index><Message>m</Message></BatchError></BatchErrors>` +
        `</ApiFaultDetail></detail></s:Fault>`,
      '',
    );
    const result = decodeSoapResponse(service, op('AddAds'), xml);
    expect(result).toMatchObject({
      kind: 'fault',
      detailType: 'ApiFaultDetail',
      detail: { BatchErrors: [{ Code: 1, ErrorCode: 'E', Index: 0, Message: 'm' }] },
      trackingId: 'trk-2',
    });
  });

  it('an unknown detail type gives its element name and no detail', () => {
    const xml = fault(
      '<EditorialApiFaultDetail xmlns="https://bingads.microsoft.com/CampaignManagement/v13"><X>1</X></EditorialApiFaultDetail>',
    );
    expect(decodeSoapResponse(service, op('AddAds'), xml)).toEqual({
      kind: 'fault',
      faultCode: 's:Server',
      faultString: 'Invalid client data. Check the SOAP fault details for more information.',
      detailType: 'EditorialApiFaultDetail',
      trackingId: 'trk-1',
    });
  });

  it('a fault without detail', () => {
    const xml = envelope(
      '<s:Fault><faultcode>s:Client</faultcode><faultstring>Bad request</faultstring></s:Fault>',
      '',
    );
    expect(decodeSoapResponse(service, op('GetUser'), xml)).toEqual({
      kind: 'fault',
      faultCode: 's:Client',
      faultString: 'Bad request',
    });
  });
});

describe('decodeSoapResponse: refuses what it cannot trust', () => {
  const decode = (xml: string) => () => decodeSoapResponse(service, op('GetUser'), xml);
  const ok = envelope(wrapper('GetUserResponse', '<User><Name>x</Name></User>'));

  it('never expands entities: DOCTYPE, ENTITY and undefined entity references are errors', () => {
    const billionLaughs =
      '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>' +
      envelope(wrapper('GetUserResponse', '<User><Name>&lol2;</Name></User>'));
    expect(decode(billionLaughs)).toThrow(WireFormatError);
    expect(decode(billionLaughs)).toThrow(/DOCTYPE and ENTITY declarations are not allowed/);
    const xxe = `<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>${ok}`;
    expect(decode(xxe)).toThrow(/DOCTYPE/);
    const inner = envelope(`<!ENTITY x "y">${wrapper('GetUserResponse', '')}`);
    expect(decode(inner)).toThrow(/DOCTYPE and ENTITY declarations are not allowed/);
    expect(decode(envelope(wrapper('GetUserResponse', '<User><Name>&xxe;</Name></User>')))).toThrow(
      /undefined entity &xxe;/,
    );
  });

  it.each([
    [
      'mismatched end tag',
      ok.replace('</Name>', '</Nome>'),
      /expected <\/Name> but found <\/Nome>/,
    ],
    ['truncated document', ok.slice(0, ok.indexOf('</User>')), /document ends inside <User>/],
    [
      'truncated inside an end tag',
      ok.slice(0, ok.length - 30),
      /expected <\/GetUserResponse> but found <\/GetUserR>/,
    ],
    [
      'not XML at all',
      '<html><body>502 Bad Gateway</body></html>',
      /expected a SOAP Envelope, found <html>/,
    ],
    ['plain text', 'Service Unavailable', /no root element|text before the root element/],
    ['empty string', '', /no root element/],
    [
      'no Body',
      `<s:Envelope xmlns:s="${S}"><s:Header/></s:Envelope>`,
      /SOAP Envelope without a Body/,
    ],
    ['empty Body', envelope(''), /empty SOAP Body/],
    [
      'unexpected body element',
      envelope(wrapper('GetAccountResponse', '')),
      /unexpected body element <GetAccountResponse> \(expected <GetUserResponse> or a Fault\)/,
    ],
    ['content after the root', `${ok}<extra/>`, /content after the root element/],
    [
      'bad int',
      envelope(wrapper('GetUserResponse', '<User><Id>12a</Id></User>')),
      /invalid int64 value "12a" in <Id>/,
    ],
    [
      'bad boolean',
      envelope(wrapper('GetUserResponse', '<User><IsActive>yes</IsActive></User>')),
      /invalid boolean value "yes" in <IsActive>/,
    ],
    [
      'element inside a simple value',
      envelope(wrapper('GetUserResponse', '<User><Name><b>x</b></Name></User>')),
      /unexpected element inside the text of <Name>/,
    ],
    ['unquoted attribute', ok.replace('<User>', '<User a=1>'), /unquoted attribute value/],
  ])('%s', (_name, xml, message) => {
    expect(decode(xml)).toThrow(WireFormatError);
    expect(decode(xml)).toThrow(message);
  });

  it('is a TransportError (malformed-response) with a short, masked excerpt', () => {
    const secret = 'eyJ0eXAiOiJKV1QiLCJhbGciOi.super.secret';
    const xml = `<s:Envelope xmlns:s="${S}"><s:Header><AuthenticationToken>${secret}</AuthenticationToken></s:Header><s:Body>${'x'.repeat(500)}<broken`;
    let error: unknown;
    try {
      decodeSoapResponse(service, op('GetUser'), xml);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(WireFormatError);
    expect(error).toBeInstanceOf(TransportError);
    const wire = error as WireFormatError;
    expect(wire.reason).toBe('malformed-response');
    expect(wire.protocol).toBe('soap');
    expect(wire.excerpt.length).toBeLessThanOrEqual(200);
    expect(wire.message).not.toContain(secret);
    const early = decode(
      `<s:Envelope xmlns:s="${S}"><s:Header><AuthenticationToken>${secret}</AuthenticationToken></s:Header><s:Body></s:Envelope>`,
    );
    expect(early).toThrow(WireFormatError);
    try {
      early();
    } catch (e) {
      expect((e as WireFormatError).excerpt).toContain('***</s:Header>');
      expect((e as Error).message).not.toContain(secret);
    }
  });
});

describe('decodeSoapResponse: damaged input', () => {
  const valid = envelope(
    wrapper(
      'GetAdsByIdsResponse',
      `<Ads xmlns:a="https://bingads.microsoft.com/CampaignManagement/v13/Entities" xmlns:i="${I}">` +
        `<a:Ad i:type="a:TextAd"><a:Id>1</a:Id><a:Title>T &amp; &#65;</a:Title><!-- c --><a:Text><![CDATA[x]]></a:Text></a:Ad>` +
        `<a:Ad i:nil="true"/></Ads>`,
    ),
  );

  it('either decodes or throws a WireFormatError, whatever is cut, inserted or replaced', async () => {
    const fc = (await import('fast-check')).default;
    const edit = fc.record({
      at: fc.nat({ max: valid.length }),
      remove: fc.nat({ max: 12 }),
      insert: fc.constantFrom(
        '',
        '<',
        '>',
        '&',
        '/',
        '"',
        '<!DOCTYPE x>',
        '</a:Ad>',
        '<a:Ad>',
        ' i:nil="true"',
        ']]>',
        '<?',
        '&#0;',
        '&#x110000;',
      ),
    });
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 3 }), (edits) => {
        let xml = valid;
        for (const { at, remove, insert } of edits)
          xml = xml.slice(0, at) + insert + xml.slice(at + remove);
        try {
          const result = decodeSoapResponse(service, op('GetAdsByIds'), xml);
          expect(['ok', 'fault']).toContain(result.kind);
        } catch (error) {
          expect(error).toBeInstanceOf(WireFormatError);
          expect((error as WireFormatError).excerpt.length).toBeLessThanOrEqual(200);
        }
      }),
      { numRuns: 2000 },
    );
  });
});

describe('decodeSoapResponse: nesting', () => {
  const tree = (depth: number) =>
    envelope(
      `<Sample xmlns="https://bingads.microsoft.com/CampaignManagement/v13"><Id>1</Id><Tree>` +
        '<Child>'.repeat(depth) +
        '<Label>leaf</Label>' +
        '</Child>'.repeat(depth) +
        `</Tree><Status>Active</Status></Sample>`,
    );

  it('decodes recursive types', () => {
    const result = decodeSoapResponse(service, op('Echo'), tree(3));
    expect(result).toMatchObject({
      value: { Tree: { Child: { Child: { Child: { Label: 'leaf' } } } } },
    });
  });

  it('refuses hostile nesting with a WireFormatError instead of exhausting the stack', () => {
    expect(() => decodeSoapResponse(service, op('Echo'), tree(5000))).toThrow(
      /nested deeper than 256 levels/,
    );
  });

  it('skips deeply nested unknown elements without recursion', () => {
    const deep = '<X>'.repeat(100_000) + '</X>'.repeat(100_000);
    const xml = envelope(
      `<Sample xmlns="https://bingads.microsoft.com/CampaignManagement/v13"><Unknown>${deep}</Unknown><Id>1</Id></Sample>`,
    );
    expect(decodeSoapResponse(service, op('Echo'), xml)).toMatchObject({ value: { Id: '1' } });
  });
});

describe('decodeSoapResponse: discriminators', () => {
  it('reads a flags-typed Type of a family member as one string; Type elsewhere still follows its type', () => {
    const xml = envelope(
      `<Sample xmlns="https://bingads.microsoft.com/CampaignManagement/v13" xmlns:a="https://bingads.microsoft.com/CampaignManagement/v13/Entities" xmlns:i="${I}">` +
        `<Id>1</Id><Distribution>Search</Distribution><Goal i:type="a:EventGoal"><a:Type>Event</a:Type><a:Value>2.50</a:Value></Goal></Sample>`,
    );
    expect(decodeSoapResponse(service, op('Echo'), xml)).toMatchObject({
      value: { Distribution: ['Search'], Goal: { Type: 'Event', Value: '2.50' } },
    });
  });
});
