import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CM_NS, CM_SOAP_PATH, envelope, postSoap } from './helpers.ts';

interface Ready {
  origin: string;
  accessToken: string;
  developerToken: string;
  customerId: string;
  accountId: string;
}

/** Starts `npm run mock -- --port 0` in its own process group and waits for MOCK_READY. */
function startCli(): Promise<{ child: ChildProcess; ready: Ready }> {
  const args = ['--port', '0', '--seed', '5', '--fault', 'soap:GetAccount=106; times=1'];
  const child = spawn('npm', ['run', '--silent', 'mock', '--', ...args], {
    cwd: join(import.meta.dirname, '..', '..'),
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const line = /^MOCK_READY (.*)$/m.exec(out);
      if (line) resolve({ child, ready: JSON.parse(line[1]!) as Ready });
    });
    child.once('exit', (code) => reject(new Error(`mock CLI exited with ${code}: ${err}`)));
  });
}

describe('npm run mock (from outside, over HTTP)', () => {
  let child: ChildProcess;
  let ready: Ready;
  beforeAll(async () => {
    ({ child, ready } = await startCli());
  }, 30_000);
  afterAll(() => {
    // The whole group: npm and the node process it started.
    if (child.pid) process.kill(-child.pid, 'SIGTERM');
  });

  it('prints a loopback origin and a usable pre-issued token', () => {
    expect(ready.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(ready.accessToken.length).toBeGreaterThan(20);
    expect(ready.developerToken).toBe('BBD37VB98');
    expect(BigInt(ready.customerId) > 2n ** 53n).toBe(true);
  });

  it('answers a hand-written GetUser envelope', async () => {
    const xml = envelope(
      CM_NS,
      { AuthenticationToken: ready.accessToken, DeveloperToken: ready.developerToken },
      `<GetUserRequest xmlns="${CM_NS}"><UserId i:nil="true" xmlns:i="http://www.w3.org/2001/XMLSchema-instance"/></GetUserRequest>`,
    );
    const res = await postSoap(ready.origin, CM_SOAP_PATH, 'GetUser', xml);
    expect(res.status).toBe(200);
    expect(res.text).toContain('<GetUserResponse');
    expect(res.text).toContain('ada@example.com');
  });

  it('rejects a hand-written envelope whose body elements are out of schema order', async () => {
    const body = `<SearchAccountsRequest xmlns="${CM_NS}" xmlns:e="https://bingads.microsoft.com/Customer/v13/Entities"><PageInfo><e:Index>0</e:Index><e:Size>10</e:Size></PageInfo><Predicates><e:Predicate><e:Field>AccountName</e:Field><e:Operator>Contains</e:Operator><e:Value>A</e:Value></e:Predicate></Predicates></SearchAccountsRequest>`;
    const res = await postSoap(
      ready.origin,
      CM_SOAP_PATH,
      'SearchAccounts',
      envelope(
        CM_NS,
        { AuthenticationToken: ready.accessToken, DeveloperToken: ready.developerToken },
        body,
      ),
    );
    expect(res.status).toBe(500);
    expect(res.text).toContain('<faultcode>s:Client</faultcode>');
    expect(res.text).toMatch(/Predicates&apos;: This element is not expected/);
  });

  it('injects the --fault rules it was started with (one GetAccount over SOAP gets 106)', async () => {
    const xml = envelope(
      CM_NS,
      {
        AuthenticationToken: ready.accessToken,
        DeveloperToken: ready.developerToken,
        CustomerId: ready.customerId,
        CustomerAccountId: ready.accountId,
      },
      `<GetAccountRequest xmlns="${CM_NS}"><AccountId>${ready.accountId}</AccountId></GetAccountRequest>`,
    );
    const first = await postSoap(ready.origin, CM_SOAP_PATH, 'GetAccount', xml);
    expect(first.status).toBe(500);
    expect(first.text).toContain('<ErrorCode>UserIsNotAuthorized</ErrorCode>');
    const second = await postSoap(ready.origin, CM_SOAP_PATH, 'GetAccount', xml);
    expect(second.status).toBe(200);
  });
});

describe('npm run mock with a bad --fault', () => {
  it('prints the usage and exits with 2', async () => {
    const child = spawn('npm', ['run', '--silent', 'mock', '--', '--fault', 'GetUser=explode'], {
      cwd: join(import.meta.dirname, '..', '..'),
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const code = await new Promise((resolve) => child.once('exit', resolve));
    expect(code).toBe(2);
    expect(err).toMatch(/unknown fault kind 'explode'/);
    expect(err).toMatch(/usage: adsgen-mock/);
  });
});
