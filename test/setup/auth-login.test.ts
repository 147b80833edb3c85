/**
 * `adsgen auth login` end to end against the mock's identity platform: the paste flow
 * (`--no-browser`) with the address the browser would end on, and the loopback flow with the
 * npm-installed headless Chromium clicking through the mock's consent page. Then `auth
 * status` and `auth logout`. The CLI runs as a child process, as a user runs it.
 */
import { mkdtempSync, readFileSync, rmSync, statSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockServer, type MockServer } from '../../mock/src/server.ts';
import { launchChromium } from '../support/chromium.ts';
import { runCli, startCli } from './cli-process.ts';

const CLIENT_ID = '00001111-aaaa-2222-bbbb-3333cccc4444';
let server: MockServer;
let browser: Browser;
const dir = mkdtempSync(join(tmpdir(), 'adsgen-login-'));

beforeAll(async () => {
  [server, browser] = await Promise.all([startMockServer(), launchChromium()]);
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

function loginArgs(store: string, ...extra: string[]): string[] {
  return [
    'auth',
    'login',
    '--client-id',
    CLIENT_ID,
    '--environment',
    'sandbox',
    '--oauth-endpoint',
    server.origin,
    '--store',
    store,
    ...extra,
  ];
}

/** The saved tokens, and proof that the mock issued them (they open its API). */
function savedTokens(store: string): { accessToken: string; refreshToken: string } {
  const tokens = JSON.parse(readFileSync(store, 'utf8')) as {
    accessToken: string;
    refreshToken: string;
  };
  expect(statSync(store).mode & 0o777).toBe(0o600);
  expect(tokens.refreshToken).toMatch(/^M\.R3\.mock\./);
  return tokens;
}

function expectNoSecrets(text: string, ...secrets: string[]): void {
  for (const s of secrets) expect(text).not.toContain(s);
}

describe('adsgen auth login --no-browser (paste flow)', () => {
  it('prints a PKCE consent URL, takes the pasted redirect and saves the tokens 0600', async () => {
    const store = join(dir, 'paste', 'tokens.json');
    const run = startCli(loginArgs(store, '--no-browser'));
    const url = new URL(await run.waitForLine(/^http/));
    expect(url.origin).toBe(server.origin);
    expect(url.pathname).toBe('/consumers/oauth2/v2.0/authorize');
    const q = url.searchParams;
    expect(q.get('client_id')).toBe(CLIENT_ID);
    expect(q.get('redirect_uri')).toBe(
      'https://login.microsoftonline.com/common/oauth2/nativeclient',
    );
    expect(q.get('code_challenge_method')).toBe('S256');
    expect(q.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(q.get('state')).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    expect(q.get('scope')).toBe('https://api.ads.microsoft.com/msads.manage offline_access');

    // What the browser does: sign in, consent, land on the native-client page.
    const answer = await fetch(url, { redirect: 'manual' });
    expect(answer.status).toBe(302);
    const landed = answer.headers.get('location')!;
    run.child.stdin.end(`${landed}\n`);
    expect(await run.exit).toBe(0);

    const tokens = savedTokens(store);
    const code = new URL(landed).searchParams.get('code')!;
    expectNoSecrets(run.stdout() + run.stderr(), tokens.accessToken, tokens.refreshToken, code);
    expect(run.stderr()).toContain(`Tokens saved to ${store}`);
  });

  it('refuses a redirect whose state it did not issue, and saves nothing', async () => {
    const store = join(dir, 'csrf', 'tokens.json');
    const run = startCli(loginArgs(store, '--paste'));
    const url = new URL(await run.waitForLine(/^http/));
    url.searchParams.set('state', 'forged-state-of-an-attacker');
    const landed = (await fetch(url, { redirect: 'manual' })).headers.get('location')!;
    run.child.stdin.end(`${landed}\n`);
    expect(await run.exit).toBe(1);
    expect(run.stderr()).toMatch(/does not carry the state of this authorization request/);
    expect(existsSync(store)).toBe(false);
  });
});

describe('adsgen auth login (loopback flow, headless Chromium on the consent page)', () => {
  it('catches the redirect on 127.0.0.1, checks state and PKCE, and saves the tokens', async () => {
    const store = join(dir, 'loopback', 'tokens.json');
    const run = startCli(loginArgs(store, '--no-open'));
    const url = new URL(await run.waitForLine(/^http/));
    const redirect = new URL(url.searchParams.get('redirect_uri')!);
    expect(redirect.hostname).toBe('localhost');
    expect(Number(redirect.port)).toBeGreaterThan(0);

    const page = await browser.newPage();
    await page.goto(url.href);
    expect(await page.locator('#client-id').innerText()).toBe(CLIENT_ID);
    await page.locator('#accept').click();
    await page.waitForURL((u) => u.port === redirect.port);
    expect(await page.locator('body').innerText()).toContain('Signed in');
    await page.close();

    expect(await run.exit).toBe(0);
    const tokens = savedTokens(store);
    expectNoSecrets(run.stdout() + run.stderr(), tokens.accessToken, tokens.refreshToken);

    // status names the store, scopes and expiry, and no secret.
    const status = await runCli(['auth', 'status', '--store', store]);
    expect(status.code).toBe(0);
    expect(status.stdout).toContain(`store: ${store} (mode 0600)`);
    expect(status.stdout).toContain('environment: sandbox');
    expect(status.stdout).toContain(
      'scopes: https://api.ads.microsoft.com/msads.manage offline_access',
    );
    expect(status.stdout).toMatch(/access token: expires in (59|60) min/);
    expect(status.stdout).toContain('refresh token: present');
    expectNoSecrets(status.stdout + status.stderr, tokens.accessToken, tokens.refreshToken);

    // logout forgets both files; status then says so with exit 1.
    const logout = await runCli(['auth', 'logout', '--store', store]);
    expect(logout.code).toBe(0);
    expect(existsSync(store)).toBe(false);
    const after = await runCli(['auth', 'status', '--store', store]);
    expect(after.code).toBe(1);
    expect(after.stdout).toContain('refresh token: none');
    expect(after.stderr).toContain('Not signed in: run adsgen auth login');
  });

  it('Cancel on the consent page ends the login with access_denied and exit code 1', async () => {
    const store = join(dir, 'cancel', 'tokens.json');
    const run = startCli(loginArgs(store, '--no-open'));
    const url = await run.waitForLine(/^http/);
    const page = await browser.newPage();
    await page.goto(url);
    await page.locator('#cancel').click();
    expect(await run.exit).toBe(1);
    await page.close();
    expect(run.stderr()).toMatch(/access_denied/);
    expect(existsSync(store)).toBe(false);
  });

  it('without a client id it says which setting is missing (exit 2)', async () => {
    const result = await runCli(['auth', 'login', '--store', join(dir, 'x.json')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--client-id (or MSADS_CLIENT_ID) is required');
  });
});
