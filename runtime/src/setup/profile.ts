/**
 * What `adsgen auth login` knows besides the tokens, kept beside the token file so that
 * `adsgen auth status` and `adsgen doctor` need no flags afterwards: the app, environment,
 * tenant, endpoints and the scope granted. Nothing secret: the client secret is not kept.
 * `.adsgen/tokens.json` → `.adsgen/tokens.profile.json`, written 0600 like the tokens.
 */
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Environment } from '../environment.js';

/** @public */
export interface LoginProfile {
  clientId: string;
  environment: Environment;
  tenant?: string;
  /** Scope requested at sign-in. */
  scope: string;
  tokenEndpoint: string;
  authorizeEndpoint: string;
  /** ISO time of the sign-in. */
  signedInAt: string;
  /** `loopback` or `paste`. */
  flow: string;
}

/** @public */
export function profilePath(storePath: string): string {
  return storePath.endsWith('.json')
    ? `${storePath.slice(0, -'.json'.length)}.profile.json`
    : `${storePath}.profile.json`;
}

/** @public */
export async function saveProfile(storePath: string, profile: LoginProfile): Promise<void> {
  const path = profilePath(storePath);
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  await writeFile(path, `${JSON.stringify(profile, null, 2)}\n`, { mode: 0o600 });
}

/**
 * undefined when there is none or it cannot be read as a profile.
 *
 * @public
 */
export async function loadProfile(storePath: string): Promise<LoginProfile | undefined> {
  try {
    const value = JSON.parse(await readFile(profilePath(storePath), 'utf8')) as unknown;
    if (typeof value !== 'object' || value === null) return undefined;
    const p = value as Partial<LoginProfile>;
    if (
      typeof p.clientId !== 'string' ||
      (p.environment !== 'production' && p.environment !== 'sandbox')
    )
      return undefined;
    return p as LoginProfile;
  } catch {
    return undefined;
  }
}

/** @public */
export async function removeProfile(storePath: string): Promise<void> {
  await rm(profilePath(storePath), { force: true });
}
