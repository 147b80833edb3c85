import { inspect } from 'node:util';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

vi.mock('../../../runtime/src/soap/encode.js', () => import('./fake-codecs.ts'));
vi.mock('../../../runtime/src/soap/decode.js', () => import('./fake-codecs.ts'));
vi.mock('../../../runtime/src/rest/encode.js', () => import('./fake-codecs.ts'));
vi.mock('../../../runtime/src/rest/decode.js', () => import('./fake-codecs.ts'));

import type { ClientOptions } from '../../../runtime/src/client.ts';
import {
  AdsApiError,
  AuthenticationError,
  AdsBatchError,
  AdsEditorialError,
  OperationUnavailableError,
  ReauthorizationRequiredError,
  ThrottledError,
  TransportError,
} from '../../../runtime/src/errors.ts';
import {
  ACCESS_TOKEN_1,
  DEVELOPER_TOKEN,
  SECRETS,
  sendJson,
  sendXml,
  soapFault,
  startServer,
  type TestServer,
} from './fixtures.ts';
import { makeClient, type TestClient } from './test-client.ts';

/**
 * The server is hostile here: it echoes the credentials it received in every fault text,
 * HTML page and header-like string. Whatever error comes out, no rendering of it may
 * contain a secret (nor a long piece of one).
 */
const REFRESH_TOKEN = 'M.C507_BAY.0.U.-CmrNXkq3tLqE8v1YwDfH1Zh5uP4oK9!Cz*Ww3sEq9Fq1yG2Uz$';
const ALL_SECRETS = [...SECRETS, REFRESH_TOKEN];

function renderings(error: unknown): string[] {
  return [
    (error as Error).message,
    String(error),
    JSON.stringify(error),
    (error as Error).stack ?? '',
    inspect(error, { depth: 10, showHidden: true }),
  ];
}

function expectNoSecrets(text: string): void {
  for (const secret of ALL_SECRETS) {
    expect(text).not.toContain(secret);
    expect(text).not.toContain(secret.slice(0, 16));
    expect(text).not.toContain(secret.slice(-16));
  }
}

let server: TestServer;
const logs: string[] = [];
const logger = {
  debug: (m: string, f?: Record<string, unknown>) => logs.push(m + JSON.stringify(f)),
  info: (m: string, f?: Record<string, unknown>) => logs.push(m + JSON.stringify(f)),
  warn: (m: string, f?: Record<string, unknown>) => logs.push(m + JSON.stringify(f)),
  error: (m: string, f?: Record<string, unknown>) => logs.push(m + JSON.stringify(f)),
};
const clients: TestClient[] = [];

/** The scenario is picked by the CustomerId header the call sends. */
beforeAll(async () => {
  server = await startServer((req, res) => {
    const token =
      String(req.headers['authorization'] ?? '').replace('Bearer ', '') || ACCESS_TOKEN_1;
    const dev = String(req.headers['developertoken'] ?? DEVELOPER_TOKEN);
    const echo = `token ${token} / developer token ${dev} / Authorization: Bearer ${token}`;
    const scenario = String(req.headers['customerid'] ?? 'soap');
    switch (scenario) {
      case 'auth':
        return sendJson(res, 401, {
          TrackingId: 'trk-auth',
          Type: 'AdApiFaultDetail',
          Errors: [
            {
              Code: 105,
              ErrorCode: 'InvalidCredentials',
              Message: `Invalid: ${echo}`,
              Detail: echo,
            },
          ],
        });
      case 'throttle':
        return sendJson(
          res,
          429,
          {
            TrackingId: 'trk-429',
            Type: 'AdApiFaultDetail',
            Errors: [{ Code: 117, Message: echo }],
          },
          { 'retry-after': '3' },
        );
      case 'batch':
        return sendJson(res, 400, {
          TrackingId: 'trk-batch',
          Type: 'ApiFaultDetail',
          BatchErrors: [
            { Code: 1102, Index: 0, Message: echo, Details: echo, FieldPath: 'Accounts[0]' },
          ],
          OperationErrors: [],
        });
      case 'editorial':
        return sendJson(res, 400, {
          TrackingId: 'trk-ed',
          Type: 'EditorialApiFaultDetail',
          EditorialErrors: [
            {
              Code: 1042,
              Index: 0,
              Message: echo,
              DisapprovedText: echo,
              ReasonCode: 17,
              Location: 'AdTitle',
              Type: 'EditorialError',
            },
          ],
        });
      case 'unknown':
        return sendJson(res, 400, { TrackingId: 'trk-unk', Type: 'SomethingNew', Text: echo });
      case 'html':
        res.writeHead(502, { 'content-type': 'text/html' });
        return res.end(
          `<html><body><pre>Upstream said: ${echo}\nDeveloperToken: ${dev}</pre></body></html>`,
        );
      case 'reset':
        return res.socket?.destroy();
      case 'big':
        return sendJson(res, 200, { Blob: `${echo} `.repeat(200) });
      case 'hang':
        return undefined;
      default:
        return sendXml(
          res,
          500,
          soapFault('trk-soap', '<Weird xmlns="urn:x"><Text>whatever</Text></Weird>').replace(
            'Invalid client data.',
            `Invalid client data: AuthenticationToken=${ACCESS_TOKEN_1} DeveloperToken=${DEVELOPER_TOKEN}.`,
          ),
        );
    }
  });
});

afterAll(async () => {
  await Promise.all(clients.map((c) => c.close()));
  await server.close();
});

function client(overrides: Partial<ClientOptions> = {}) {
  const made = makeClient(server.url, {
    logger,
    timeoutMs: 100,
    maxResponseBytes: 20_000,
    ...overrides,
  });
  clients.push(made.client);
  return made.client;
}

const cases: Array<
  [
    scenario: string,
    expected: abstract new (...args: never[]) => Error,
    overrides?: Partial<ClientOptions>,
  ]
> = [
  ['auth', AuthenticationError],
  ['throttle', ThrottledError, { retry: false }],
  ['batch', AdsBatchError],
  ['editorial', AdsEditorialError],
  ['unknown', AdsApiError],
  ['soap', AdsApiError, { protocol: 'soap' }],
  ['html', TransportError],
  ['reset', TransportError],
  ['big', TransportError],
  ['hang', TransportError],
];

describe('no secret in any rendering of any error', () => {
  for (const [scenario, expected, overrides] of cases) {
    it(`${scenario} → ${expected.name}`, async () => {
      const error = await client(overrides)
        .getUser({}, { customerId: scenario })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(expected);
      for (const text of renderings(error)) expectNoSecrets(text);
      // The redaction left a visible mark where the service echoed a credential.
      if (!['reset', 'big', 'hang'].includes(scenario))
        expect((error as Error).message).toContain('[REDACTED]');
    });
  }

  it('a codec error quoting a header value is scrubbed too', async () => {
    const error = await client({ protocol: 'soap' })
      .getUser({ explode: true } as never)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TypeError);
    expect((error as Error).message).toBe(
      'cannot encode header AuthenticationToken=[REDACTED] for GetUser',
    );
    for (const text of renderings(error)) expectNoSecrets(text);
  });

  it('a token provider failure (invalid_grant) passes through without the refresh token', async () => {
    const auth = {
      getAccessToken: vi.fn(async () => {
        throw new ReauthorizationRequiredError(
          `refresh failed for refresh_token=${REFRESH_TOKEN}`,
          {
            provider: 'microsoft',
            oauthError: 'invalid_grant',
            description: `AADSTS70000: grant ${REFRESH_TOKEN.slice(0, 4)}… refresh_token: ${REFRESH_TOKEN}`,
          },
        );
      }),
    };
    const error = await client({ auth })
      .getUser({})
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ReauthorizationRequiredError);
    expect(auth.getAccessToken).toHaveBeenCalledTimes(1);
    for (const text of renderings(error)) expectNoSecrets(text);
  });

  it('OperationUnavailableError', async () => {
    const error = await client()
      .soapOnly()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OperationUnavailableError);
    for (const text of renderings(error)) expectNoSecrets(text);
  });

  it('log lines carry operations, statuses and TrackingIds, never secrets', () => {
    expect(logs.length).toBeGreaterThan(10);
    expect(logs.some((l) => l.includes('GetUser: POST'))).toBe(true);
    expect(logs.some((l) => l.includes('retrying'))).toBe(true);
    for (const line of logs) expectNoSecrets(line);
  });
});
