import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { faultToError } from '../../../runtime/src/fault-to-error.ts';
import { OAuthError } from '../../../runtime/src/auth/oauth-error.ts';
import { postTokenRequest } from '../../../runtime/src/auth/token-endpoint.ts';
import { ReauthorizationRequiredError } from '../../../runtime/src/errors.ts';
import { Redactor } from '../../../runtime/src/redact.ts';
import { startTokenServer, type TokenServer } from '../auth/token-server.ts';
import { ACCESS_TOKEN_1, DEVELOPER_TOKEN, sendJson, startServer } from '../client/fixtures.ts';
import { realDescriptor } from '../client/real-codecs-descriptor.ts';
import { fakeTokens, TestClient } from '../client/test-client.ts';

/**
 * A service or identity provider may echo a credential back in any spelling it has on the
 * way: URL-encoded (as a form field, in upper or lower case hex), JSON-escaped (`\/`, .NET's
 * `\u002B`), or cut short. The redactor knows the values; it must recognise them in every
 * spelling, and every structured field of an error must pass through it, not just messages.
 */
const ACCESS = 'EwBwA+l3BAAUQOjR8kGq2rZ4tYk9sT0x/Q1w2e3r4t5y6u7i8o9p0z==';
const DEVELOPER = '1A2B3C4D5E6F7G8H';
const CLIENT_SECRET = 'cs~SECRET.client+7f3a9c21/xyz';

function redactor(): Redactor {
  const r = new Redactor();
  r.add(ACCESS);
  r.add(DEVELOPER);
  r.add(CLIENT_SECRET);
  return r;
}

/** Every rendering of `value` a log or a bug report could show. */
function shown(value: unknown): string {
  return [
    String(value),
    (value as Error).stack ?? '',
    JSON.stringify(value),
    inspect(value, { depth: 10, showHidden: true }),
  ].join('\n');
}

function expectClean(text: string): void {
  for (const secret of [ACCESS, DEVELOPER, CLIENT_SECRET]) {
    expect(text).not.toContain(secret.slice(0, 12));
    expect(text).not.toContain(encodeURIComponent(secret).slice(0, 12));
  }
}

describe('Redactor: echoes in other spellings', () => {
  const r = redactor();
  it.each([
    ['form-encoded', `token=${new URLSearchParams({ t: ACCESS }).toString().slice(2)}&x=1`],
    [
      'percent-encoded, lower-case hex',
      `t=${encodeURIComponent(ACCESS).replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase())}`,
    ],
    [
      'JSON with \\/ and \\u002B',
      `{"t":"${ACCESS.replaceAll('/', '\\/').replaceAll('+', '\\u002B')}"}`,
    ],
    ['JSON with lower-case \\u002b', `{"t":"${ACCESS.replaceAll('+', '\\u002b')}"}`],
    [
      'every character escaped',
      [...ACCESS].map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).join(''),
    ],
    ['double spelled client secret', `a ${CLIENT_SECRET} b ${encodeURIComponent(CLIENT_SECRET)} c`],
  ])('%s', (_name, text) => {
    const out = r.redact(text);
    expect(out).toContain('[REDACTED]');
    expectClean(out);
  });

  it('a prefix of 12 or more characters is a secret; 11 are not', () => {
    expect(r.redact(`token '${ACCESS.slice(0, 12)}…' rejected`)).toBe(
      `token '[REDACTED]…' rejected`,
    );
    expect(r.redact(`token '${ACCESS.slice(0, 30)}' rejected`)).toBe(`token '[REDACTED]' rejected`);
    expect(r.redact(`id ${DEVELOPER.slice(0, 12)}`)).toBe('id [REDACTED]');
    expect(r.redact(`EwBwA+l3BAA is short`)).toBe('EwBwA+l3BAA is short');
  });

  it('leaves ordinary text alone, and the old exact spellings still go', () => {
    expect(r.redact('CustomerId 12345, 100% done, path C:\\dir')).toBe(
      'CustomerId 12345, 100% done, path C:\\dir',
    );
    expect(r.redact(`x ${ACCESS} y ${encodeURIComponent(ACCESS)} z`)).toBe(
      'x [REDACTED] y [REDACTED] z',
    );
  });
});

describe('structured fields of errors pass through the redactor', () => {
  it('trackingId, errors[].errorCode / fieldPath / details / message', () => {
    const echo = `${ACCESS.slice(0, 20)}`;
    const error = faultToError(
      {
        protocol: 'rest',
        operation: 'AddCampaigns',
        httpStatus: 400,
        trackingId: `trk-${ACCESS}`,
        detailType: 'ApiFaultDetail',
        detail: {
          BatchErrors: [
            {
              Code: 1102,
              Index: 0,
              ErrorCode: `Bad${encodeURIComponent(ACCESS)}`,
              FieldPath: `Campaigns[0].Name=${DEVELOPER}`,
              Details: `echo ${echo}…`,
              Message: `m ${ACCESS.replaceAll('+', '\\u002B')}`,
            },
          ],
          OperationErrors: [],
        },
      },
      redactor().fn,
    );
    expect(error.errors).toHaveLength(1);
    expect(error.trackingId).toBe('trk-[REDACTED]');
    expect(error.errors[0]).toMatchObject({
      errorCode: 'Bad[REDACTED]',
      fieldPath: 'Campaigns[0].Name=[REDACTED]',
      details: 'echo [REDACTED]…',
    });
    expectClean(shown(error));
    expectClean(JSON.stringify(error.errors));
  });
});

describe('OAuth errors', () => {
  let server: TokenServer | undefined;
  const post = async (body: unknown) => {
    server = await startTokenServer(() => ({ status: 400, body }));
    try {
      return await postTokenRequest(
        server.url,
        {
          client_id: 'c',
          client_secret: CLIENT_SECRET,
          grant_type: 'refresh_token',
          refresh_token: ACCESS,
        },
        { timeoutMs: 5000, grantLabel: 'refresh token', secrets: [ACCESS, CLIENT_SECRET] },
      ).then(
        () => undefined,
        (e: unknown) => e,
      );
    } finally {
      await server.close();
    }
  };

  it('OAuthError: error, details and message are redacted, also when echoed encoded', async () => {
    const error = (await post({
      error: `invalid_client ${CLIENT_SECRET}`,
      error_description: `bad secret ${encodeURIComponent(CLIENT_SECRET)} for ${ACCESS.slice(0, 14)}`,
      error_codes: [7000215],
    })) as OAuthError;
    expect(error).toBeInstanceOf(OAuthError);
    expect(error.error).toBe('invalid_client [REDACTED]');
    expect(error.details.description).toBe('bad secret [REDACTED] for [REDACTED]');
    expect(error.toJSON()).toMatchObject({
      error: 'invalid_client [REDACTED]',
      errorCodes: [7000215],
    });
    expectClean(shown(error));
  });

  it('invalid_grant: ReauthorizationRequiredError details carry the redacted description', async () => {
    const error = (await post({
      error: 'invalid_grant',
      error_description: `refresh token ${ACCESS.replaceAll('/', '\\/')} was revoked`,
    })) as ReauthorizationRequiredError;
    expect(error).toBeInstanceOf(ReauthorizationRequiredError);
    expect(error.details).toMatchObject({ oauthError: 'invalid_grant' });
    expect(error.details.description).toContain('[REDACTED]');
    expectClean(shown(error));
  });
});

describe('over a real connection, with the real codecs', () => {
  it('a fault echoing the token in TrackingId, ErrorCode and Detail shows it nowhere', async () => {
    const server = await startServer((req, res) => {
      const token = String(req.headers['authorization']).slice('Bearer '.length);
      const encoded = encodeURIComponent(token);
      sendJson(res, 400, {
        TrackingId: `trk-${token.slice(0, 16)}`,
        Type: 'AdApiFaultDetail',
        Errors: [
          {
            Code: 1001,
            ErrorCode: `Echo${encoded}`,
            Detail: `dev ${String(req.headers['developertoken'])} ${token.replaceAll('/', '\\/')}`,
            Message: 'rejected',
          },
        ],
      });
    });
    const client = new TestClient(realDescriptor, {
      developerToken: DEVELOPER_TOKEN,
      auth: fakeTokens(),
      endpoint: server.url,
      retry: false,
    });
    try {
      const error = await client.getUser({}).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toMatchObject({ trackingId: 'trk-[REDACTED]' });
      const text = shown(error) + JSON.stringify((error as { errors: unknown }).errors);
      for (const secret of [ACCESS_TOKEN_1, DEVELOPER_TOKEN]) {
        expect(text).not.toContain(secret.slice(0, 12));
        expect(text).not.toContain(encodeURIComponent(secret).slice(0, 12));
      }
    } finally {
      await client.close();
      await server.close();
    }
  });
});
