/**
 * A REST success body is parsed as it arrives (the transport hands its chunks to a
 * JsonBodyReader and keeps no bytes): the values, the WireFormatErrors with their JSON paths,
 * faults answered with 200 and the excerpts are the same as when the whole body is read as
 * text, however the bytes are cut (multi-byte characters included).
 */
import { describe, expect, it } from 'vitest';
import { readHttpResponse, type ExchangeTarget } from '../../../runtime/src/exchange.ts';
import { JsonBodyReader } from '../../../runtime/src/rest/json-body.ts';
import type { TransportResponse } from '../../../runtime/src/transport.ts';
import { WireFormatError } from '../../../runtime/src/wire-error.ts';
import { op, service } from '../codecs/fixture.ts';

const ctx = { redact: (s: string) => s, now: () => 0 };
const target = (name: 'GetUser' | 'GetAdsByIds'): ExchangeTarget => ({
  service,
  op: op(name),
  protocol: 'rest',
  url: 'http://127.0.0.1/x',
});

function outcome(read: () => unknown): { value: unknown } | { error: unknown } {
  try {
    return { value: read() };
  } catch (error) {
    return { error };
  }
}

function whole(name: 'GetUser' | 'GetAdsByIds', text: string, status = 200) {
  const res: TransportResponse = { status, headers: {}, body: Buffer.from(text) };
  return outcome(() => readHttpResponse(target(name), res, ctx).value);
}

function streamed(name: 'GetUser' | 'GetAdsByIds', text: string, chunkBytes: number) {
  const reader = new JsonBodyReader();
  const bytes = Buffer.from(text);
  for (let i = 0; i < bytes.length; i += chunkBytes)
    reader.write(bytes.subarray(i, i + chunkBytes));
  const res: TransportResponse = {
    status: 200,
    headers: {},
    body: Buffer.alloc(0),
    received: reader.end(),
  };
  return outcome(() => readHttpResponse(target(name), res, ctx).value);
}

/** Same value, or errors of the same class with the same message and path. */
function expectSameOutcome(a: ReturnType<typeof outcome>, b: ReturnType<typeof outcome>) {
  if ('value' in b) {
    expect(a).toEqual(b);
    return;
  }
  expect('error' in a).toBe(true);
  const [ea, eb] = [(a as { error: Error }).error, b.error as Error];
  expect(ea.constructor).toBe(eb.constructor);
  expect(ea.message).toBe(eb.message);
  expect((ea as WireFormatError).path).toBe((eb as WireFormatError).path);
}

const bigRoles = Array.from({ length: 30_000 }, (_, i) => String(9_007_199_254_740_000 + i));

describe('REST success bodies parsed as they arrive', () => {
  it.each([
    ['a large body with exact int64s', `{"CustomerRoles":[${bigRoles.join(',')}],"Later":"Zoë ✓"}`],
    [
      'int64 as strings and unknown members',
      '{"User":{"Id":"9007199254740993","Name":"Ünï"},"X":[1]}',
    ],
    ['an exponent-form int64', '{"CustomerRoles":["1",9.007199254740993e15]}'],
    ['a value of the wrong kind', '{"CustomerRoles":"oops"}'],
    ['an int64 that is not an integer', '{"User":{"Id":1.5}}'],
    ['nesting beyond 256', `{"Extra":${'['.repeat(300)}${']'.repeat(300)}}`],
    ['not JSON', '<html><body>Service Unavailable</body></html>'],
    ['truncated JSON', '{"User":{"Id":"1"'],
    ['whitespace only', ' \n '],
    [
      'a fault answered with 200',
      '{"Type":"AdApiFaultDetail","TrackingId":"trk","Errors":[{"Code":105,"ErrorCode":"InvalidCredentials","Message":"Authentication failed."}]}',
    ],
  ])('%s: the same outcome as from the whole text', (_name, text) => {
    const expected = whole('GetUser', text);
    for (const chunkBytes of [1, 3, 4096, 64 * 1024]) {
      expectSameOutcome(streamed('GetUser', text, chunkBytes), expected);
    }
  });

  it('keeps int64 exact and refuses a rounded one, with the JSON path', () => {
    const ok = streamed('GetUser', `{"CustomerRoles":[${bigRoles.join(',')}]}`, 65536);
    expect((ok as { value: { CustomerRoles: string[] } }).value.CustomerRoles).toEqual(bigRoles);
    const bad = streamed('GetUser', '{"CustomerRoles":["1",9.007199254740993e15]}', 2);
    const error = (bad as { error: WireFormatError }).error;
    expect(error).toBeInstanceOf(WireFormatError);
    expect(error.path).toBe('$.CustomerRoles[1]');
    expect(error.problem).toContain('9007199254740992 is not an exact 64-bit integer');
  });

  it('families and unknown enum values inside arrays, as from the whole text', () => {
    const ads = Array.from({ length: 3000 }, (_, i) =>
      i % 2
        ? `{"Type":"Text","Status":"BrandNew","Id":${i}}`
        : `{"Type":"ResponsiveSearch","Headlines":[{"Asset":"h${i}"}]}`,
    );
    const text = `{"Ads":[null,${ads.join(',')}]}`;
    const expected = whole('GetAdsByIds', text);
    expect('value' in expected).toBe(true);
    expectSameOutcome(streamed('GetAdsByIds', text, 5000), expected);
  });
});
