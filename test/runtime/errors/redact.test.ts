import { describe, expect, it } from 'vitest';
import { Redactor, redactPatterns, safeExcerpt } from '../../../runtime/src/redact.ts';

describe('redactPatterns', () => {
  const cases: Array<[string, string]> = [
    ['Authorization: Bearer eyJ0eXAi.eyJzdWIi.sig-_x', 'Authorization: [REDACTED]'],
    ['token was Bearer EwBwA+l3BAAU/abc==, retry', 'token was Bearer [REDACTED], retry'],
    [
      '<h:AuthenticationToken xmlns:h="x">EwB123</h:AuthenticationToken>',
      '<h:AuthenticationToken xmlns:h="x">[REDACTED]</h:AuthenticationToken>',
    ],
    ['<DeveloperToken>BBD37VB98</DeveloperToken>', '<DeveloperToken>[REDACTED]</DeveloperToken>'],
    [
      '{"DeveloperToken":"1A2B3C","CustomerId":"5"}',
      '{"DeveloperToken":"[REDACTED]","CustomerId":"5"}',
    ],
    [
      'grant_type=refresh_token&refresh_token=M.C5_BAY.x!*&scope=a',
      'grant_type=refresh_token&refresh_token=[REDACTED]&scope=a',
    ],
    ['client_secret: abc~def', 'client_secret: [REDACTED]'],
    [
      '{"access_token": "tok", "expires_in": 3600}',
      '{"access_token": "[REDACTED]", "expires_in": 3600}',
    ],
    ['CustomerId: 12345, TrackingId: abc', 'CustomerId: 12345, TrackingId: abc'],
  ];
  for (const [input, output] of cases) {
    it(input, () => expect(redactPatterns(input)).toBe(output));
  }
});

describe('Redactor', () => {
  it('removes registered values, their URL-encoded and JSON-escaped spellings, longest first', () => {
    const r = new Redactor();
    r.add('abc/def+ghi==');
    r.add('abc/def');
    r.add('short'); // too short to register
    expect(r.redact('x abc/def+ghi== y')).toBe('x [REDACTED] y');
    expect(r.redact('x abc%2Fdef%2Bghi%3D%3D y')).toBe('x [REDACTED] y');
    expect(r.redact('{"v":"abc\\/def+ghi=="}')).toBe('{"v":"[REDACTED]"}');
    expect(r.redact('abc/def alone, short stays')).toBe('[REDACTED] alone, short stays');
    expect(r.redact('Bearer zzz')).toBe('Bearer [REDACTED]');
  });

  it('ignores empty and undefined values', () => {
    const r = new Redactor();
    r.add(undefined);
    r.add('');
    expect(r.redact('nothing to hide')).toBe('nothing to hide');
  });
});

describe('safeExcerpt', () => {
  it('flattens to one line, bounds the length and redacts before cutting', () => {
    const token = 'T'.repeat(500);
    const r = new Redactor();
    r.add(token);
    const body = `<html>\n<body>\r\n${'a'.repeat(180)} ${token} tail</body></html>`;
    const excerpt = safeExcerpt(Buffer.from(body), r.fn, 200);
    expect(excerpt).toBe(
      `<html> <body> ${'a'.repeat(180)} [REDACTED] tail</body></html>`.slice(0, 200) + '…',
    );
    expect(excerpt).not.toContain('TTTT');
  });

  it('returns an empty string for an empty body', () => {
    expect(safeExcerpt(Buffer.alloc(0))).toBe('');
  });
});
