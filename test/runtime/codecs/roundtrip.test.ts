/**
 * Encode, then decode the codec's own output: the value must come back unchanged. The Echo
 * operation of the fixture uses one element and type for request and response, so a SOAP
 * request envelope is also a valid response to decode.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeRestResponse } from '../../../runtime/src/rest/decode.ts';
import { encodeRestBody } from '../../../runtime/src/rest/encode.ts';
import { decodeSoapResponse } from '../../../runtime/src/soap/decode.ts';
import { encodeSoapRequest } from '../../../runtime/src/soap/encode.ts';
import { credentials, op, service } from './fixture.ts';

const echo = op('Echo');
const soapRoundTrip = (value: unknown) => {
  const result = decodeSoapResponse(
    service,
    echo,
    encodeSoapRequest(service, echo, value, credentials),
  );
  if (result.kind !== 'ok') throw new Error('expected ok');
  return result.value;
};
const restRoundTrip = (value: unknown) =>
  decodeRestResponse(service, 'Sample', encodeRestBody(service, echo, value));

const full = {
  Id: '-9223372036854775808',
  BigId: '18446744073709551615',
  Amount: '79228162514264337593543950335.0000000001',
  Score: -1.5e-300,
  Priority: -2147483648,
  Enabled: true,
  Name: ' <tag attr="v"> & \'quotes\' \r\n\t \u{1F600} ',
  When: '2025-12-31T23:59:59.9999999Z',
  Key: '0f8fad5b-d9cb-469f-a165-70867728950e',
  Distribution: ['Search', 'Audience', 'Content'],
  Ids: ['9007199254740993', null, '0'],
  IdGroups: [['1', '9007199254740993'], [], ['2']],
  Labels: ['only one'],
  Names: [null, '', ' '],
  Ad: {
    Type: 'ResponsiveSearch',
    Id: '9007199254740993',
    Status: 'Active',
    FinalUrls: ['https://example.com/?a=1&b=2'],
    Headlines: [{ Asset: 'h', PinnedField: null }],
    Path1: 'p',
  },
  Status: 'Deleted',
  // A discriminator stays one string even where SOAP types `Type` as a flags enum.
  Goal: { Type: 'Url', Name: 'g', UrlExpression: 'x' },
};

describe('round trips of a value using every kind', () => {
  it('SOAP', () => {
    expect(soapRoundTrip({ ...full, SoapOnly: 's' })).toEqual({ ...full, SoapOnly: 's' });
  });

  it('REST', () => {
    // Decimals travel as JSON numbers: this one has more than 15 digits, so its text is kept exactly.
    expect(restRoundTrip({ ...full, RestOnly: 'r' })).toEqual({ ...full, RestOnly: 'r' });
  });

  it('refuses infinities and NaN on both protocols (neither JSON nor the API carries them)', () => {
    for (const score of [Infinity, -Infinity, NaN, 'NaN', 'INF']) {
      const value = { Id: '1', Status: 'Active', Score: score };
      expect(() => soapRoundTrip(value)).toThrow(/^Sample\.Score: expected a finite number/);
      expect(() => restRoundTrip(value)).toThrow(/^Sample\.Score: expected a finite number/);
    }
  });
});

/** XML 1.0 Char production, checked independently of the codec's own scan. */
const xmlLegal = (s: string) =>
  /^[\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]*$/u.test(s);

const anyUtf16 = fc.string({
  unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)),
  maxLength: 30,
});
const text = fc
  .oneof(fc.string({ unit: 'binary', maxLength: 30 }), fc.string({ maxLength: 30 }), anyUtf16)
  .filter(xmlLegal);
const int64 = fc.bigInt(-(2n ** 63n), 2n ** 63n - 1n).map(String);
const ad = fc.oneof(
  fc.record(
    {
      Type: fc.constant('Text'),
      Id: fc.option(int64, { nil: null }),
      Title: text,
      Text: fc.option(text, { nil: null }),
    },
    { requiredKeys: ['Type'] },
  ),
  fc.record(
    {
      Type: fc.constant('ResponsiveSearch'),
      FinalUrls: fc.array(fc.option(text, { nil: null }), { maxLength: 3 }),
      Headlines: fc.array(fc.record({ Asset: text }), { maxLength: 3 }),
    },
    { requiredKeys: ['Type'] },
  ),
);

const common = {
  Id: int64,
  BigId: fc.bigInt(0n, 2n ** 64n - 1n).map(String),
  Priority: fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }),
  Enabled: fc.boolean(),
  Name: fc.option(text, { nil: null }),
  When: fc
    .date({ noInvalidDate: true, min: new Date(0), max: new Date(8e15) })
    .map((d) => d.toISOString()),
  Key: fc.uuid(),
  Distribution: fc.subarray(['Search', 'Audience', 'Content']),
  Ids: fc.array(fc.option(int64, { nil: null }), { maxLength: 5 }),
  IdGroups: fc.array(fc.array(int64, { maxLength: 3 }), { maxLength: 3 }),
  Labels: fc.array(text, { minLength: 1, maxLength: 3 }),
  Names: fc.array(fc.option(text, { nil: null }), { maxLength: 3 }),
  Ad: ad,
  Status: fc.constantFrom('Active', 'Paused', 'Deleted'),
  Goal: fc.oneof(
    fc.record({ Type: fc.constant('Url'), UrlExpression: text }),
    fc.record({ Type: fc.constant('Event'), Name: text }),
  ),
};
const required = { requiredKeys: ['Id', 'Status'] as ('Id' | 'Status')[] };
const finite = fc
  .double({ noNaN: true, noDefaultInfinity: true })
  .map((d) => (Object.is(d, -0) ? 0 : d));

describe('property: encode then decode gives the value back', () => {
  it('SOAP, for random strings, 64-bit integers, doubles and decimals', () => {
    const decimal = fc
      .tuple(fc.bigInt(-(10n ** 30n), 10n ** 30n), fc.stringMatching(/^[0-9]{0,12}$/))
      .map(([whole, fraction]) => (fraction ? `${whole}.${fraction}` : String(whole)));
    const sample = fc.record(
      {
        ...common,
        Amount: decimal,
        Score: finite,
        SoapOnly: text,
      },
      required,
    );
    fc.assert(
      fc.property(sample, (value) => {
        expect(soapRoundTrip(value)).toEqual(value);
      }),
      { numRuns: 300 },
    );
  });

  it('REST, for the same kinds (decimals in their canonical JSON form)', () => {
    const decimal = fc.integer({ min: -1e9, max: 1e9 }).map((n) => String(n / 100));
    const sample = fc.record(
      { ...common, Amount: decimal, Score: finite, RestOnly: text },
      required,
    );
    fc.assert(
      fc.property(sample, (value) => {
        expect(restRoundTrip(value)).toEqual(value);
      }),
      { numRuns: 300 },
    );
  });

  it('SOAP refuses exactly the strings XML 1.0 cannot carry', () => {
    fc.assert(
      fc.property(anyUtf16, (name) => {
        const encode = () =>
          encodeSoapRequest(service, echo, { Id: '1', Status: 'Active', Name: name }, {});
        if (xmlLegal(name))
          expect(soapRoundTrip({ Id: '1', Status: 'Active', Name: name })).toMatchObject({
            Name: name,
          });
        else
          expect(encode).toThrow(
            /^Sample\.Name: character U\+[0-9A-F]{4} at index \d+ cannot be carried in XML 1\.0$/,
          );
      }),
      { numRuns: 500 },
    );
  });
});
