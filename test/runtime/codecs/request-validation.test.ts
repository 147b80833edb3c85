/**
 * The client's own request validation is one thing on both protocols: whatever the request,
 * the SOAP and REST encoders either both accept it or both refuse it with the same
 * RequestValidationError (an AdsError, exported), the same path and the same reason. Random
 * requests mix valid values with the cases each encoder used to let through on its own:
 * NaN/Infinity, int64 beyond 64 bits, unknown enum literals, unknown properties, null items
 * where the spec forbids them, characters XML cannot carry.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as runtime from '../../../runtime/src/index.ts';
import { AdsError, RequestValidationError } from '../../../runtime/src/errors.ts';
import { encodeRestBody } from '../../../runtime/src/rest/encode.ts';
import { encodeSoapRequest } from '../../../runtime/src/soap/encode.ts';
import { op, service } from './fixture.ts';

const echo = op('Echo');

/** 'ok', or the error's path and reason; anything but a RequestValidationError fails the test. */
function outcome(encode: () => unknown): string {
  try {
    encode();
    return 'ok';
  } catch (error) {
    expect(error).toBeInstanceOf(RequestValidationError);
    const e = error as RequestValidationError;
    expect(e.message).toBe(`${e.path}: ${e.reason}`);
    return `${e.path}: ${e.reason}`;
  }
}

const both = (request: unknown) => ({
  soap: outcome(() => encodeSoapRequest(service, echo, request, {})),
  rest: outcome(() => encodeRestBody(service, echo, request)),
});

const BAD_TEXT = fc.constantFrom('a\u0000b', '\u0001', 'lone \ud800', '\uffff', 'ok\u001f');
const text = fc.oneof(fc.string({ maxLength: 8 }), BAD_TEXT);
const int64 = fc.oneof(
  fc.bigInt(-(2n ** 63n), 2n ** 63n - 1n).map(String),
  fc.constantFrom('9223372036854775808', '-9223372036854775809', '1e3', 2 ** 60, 42, -7n),
  fc.constantFrom(2n ** 63n, -(2n ** 63n) - 1n, NaN),
);
const number = fc.oneof(
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom(NaN, Infinity, -Infinity, 'NaN', 'INF', '1.5', ''),
);
const nullable = <T>(arb: fc.Arbitrary<T>) => fc.oneof(arb, fc.constant(null));
const unknownKey = fc.constantFrom('Bogus', 'id', 'Extra');

/** An object of `fields`, sometimes with a property its type does not declare. */
function withUnknown<T extends Record<string, unknown>>(arb: fc.Arbitrary<T>) {
  return fc
    .tuple(arb, fc.option(fc.tuple(unknownKey, fc.anything()), { nil: undefined }))
    .map(([value, extra]) => (extra ? { ...value, [extra[0]]: extra[1] } : value));
}

const ad = withUnknown(
  fc.oneof(
    fc.record(
      {
        Type: fc.constantFrom('Text', 'Nope'),
        Id: nullable(int64),
        Title: text,
        Status: fc.constantFrom('Active', 'Paused', 'Unknown'),
      },
      { requiredKeys: ['Type'] },
    ),
    fc.record(
      {
        Type: fc.constant('ResponsiveSearch'),
        FinalUrls: fc.array(nullable(text), { maxLength: 3 }),
        Headlines: fc.array(nullable(withUnknown(fc.record({ Asset: text }))), { maxLength: 2 }),
        Bid: fc.oneof(fc.constantFrom('1.50', '1.2.3', 'x'), number),
        RestOnlyNote: text,
      },
      { requiredKeys: ['Type'] },
    ),
  ),
);

const sample = withUnknown(
  fc.record(
    {
      Id: nullable(int64),
      BigId: fc.oneof(
        fc.bigInt(0n, 2n ** 64n - 1n).map(String),
        fc.constantFrom('18446744073709551616', '-1', -1n),
      ),
      Score: number,
      Priority: fc.oneof(fc.integer(), number),
      Enabled: fc.oneof(fc.boolean(), fc.constantFrom('yes', 0)),
      Name: nullable(text),
      Key: text,
      Distribution: fc.oneof(
        fc.subarray(['Search', 'Audience', 'Content', 'Elsewhere']),
        fc.constantFrom('Search, Content', 'Search Nowhere'),
      ),
      Ids: fc.array(nullable(int64), { maxLength: 3 }),
      IdGroups: fc.array(fc.array(nullable(int64), { maxLength: 2 }), { maxLength: 2 }),
      Labels: fc.array(nullable(text), { maxLength: 2 }),
      Names: fc.array(nullable(text), { maxLength: 2 }),
      Ad: ad,
      Status: fc.oneof(fc.constantFrom('Active', 'Deleted', 'Archived'), fc.constant(null)),
      Goal: fc.oneof(
        fc.record({ Type: fc.constantFrom('Url', 'Event', 'Other'), UrlExpression: text }),
        fc.record({ Type: fc.constant('Event'), Value: number }),
      ),
      RestOnly: text,
      SoapOnly: text,
    },
    { requiredKeys: [] },
  ),
);

describe('RequestValidationError', () => {
  it('is an exported AdsError with the path and the reason', () => {
    expect(runtime.RequestValidationError).toBe(RequestValidationError);
    const error = new RequestValidationError('GetUserRequest.UserId', 'expected an integer');
    expect(error).toBeInstanceOf(AdsError);
    expect(error.name).toBe('RequestValidationError');
    expect(error.toJSON()).toMatchObject({
      path: 'GetUserRequest.UserId',
      reason: 'expected an integer',
    });
  });

  it.each([
    [{ Score: NaN }, 'Sample.Score: expected a finite number, got NaN'],
    [{ Score: -Infinity }, 'Sample.Score: expected a finite number, got -Infinity'],
    [
      { Id: '9223372036854775808' },
      'Sample.Id: 9223372036854775808 is outside the signed 64-bit range',
    ],
    [
      { Id: -(2n ** 63n) - 1n },
      'Sample.Id: -9223372036854775809 is outside the signed 64-bit range',
    ],
    [
      { BigId: '18446744073709551616' },
      'Sample.BigId: 18446744073709551616 is outside the unsigned 64-bit range',
    ],
    [
      { Status: 'Archived' },
      'Sample.Status: "Archived" is not a AdStatus value (Active, Paused, Deleted)',
    ],
    [
      { Distribution: ['Search', 'Elsewhere'] },
      'Sample.Distribution: "Elsewhere" is not a AdDistribution value (Search, Audience, Content)',
    ],
    [{ Extra: 1 }, 'Sample.Extra: unknown property: Sample has no field "Extra"'],
    [
      { Ad: { Type: 'Text', Titel: 'typo' } },
      'Sample.Ad.Titel: unknown property: TextAd has no field "Titel"',
    ],
    [{ Labels: ['a', null] }, 'Sample.Labels[1]: null items are not allowed in this array'],
    [
      { IdGroups: [['1', null]] },
      'Sample.IdGroups[0][1]: null items are not allowed in this array',
    ],
    [{ Name: 'a\u0000b' }, 'Sample.Name: character U+0000 at index 1 cannot be carried in XML 1.0'],
    [
      { RestOnly: '\u0001' },
      'Sample.RestOnly: character U+0001 at index 0 cannot be carried in XML 1.0',
    ],
  ])('refuses %o identically over SOAP and REST', (value, expected) => {
    expect(both({ Id: '1', Status: 'Active', ...value })).toEqual({
      soap: expected,
      rest: expected,
    });
  });

  it('property: SOAP and REST accept and refuse the same requests, with the same path and reason', () => {
    fc.assert(
      fc.property(sample, (request) => {
        const result = both(request);
        expect(result.soap).toBe(result.rest);
      }),
      { numRuns: 1000 },
    );
  });
});
