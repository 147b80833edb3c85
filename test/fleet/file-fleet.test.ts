/**
 * Eight worker processes on one machine sharing a FileTokenStore: the file lock makes the
 * fleet refresh once, as Redis does across machines.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileTokenStore } from '@adsgen/runtime';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  eightWorkersWithExpiredToken,
  startFleetFixture,
  type FleetFixture,
} from './fleet-fixture.ts';

let fleet: FleetFixture;
let dir: string;

beforeAll(async () => {
  fleet = await startFleetFixture();
  dir = await mkdtemp(join(tmpdir(), 'adsgen-fleet-'));
});

afterAll(async () => {
  await fleet?.close();
  if (dir !== undefined) await rm(dir, { recursive: true, force: true });
});

it(
  'FileTokenStore: 8 workers × 100 calls with an expired token make one token request',
  { timeout: 240_000 },
  async () => {
    const path = join(dir, 'tokens.json');
    const outcome = await eightWorkersWithExpiredToken(fleet, new FileTokenStore(path), {
      kind: 'file',
      path,
    });
    expect(outcome.errors).toEqual([]);
    expect(outcome).toMatchObject({ ok: 800, reauth: 0, tokenRequests: 1 });
    expect(outcome.storedRefreshToken).toBe(outcome.issuedRefreshTokens.at(-1));
  },
);
