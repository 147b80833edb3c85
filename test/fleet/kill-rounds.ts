/**
 * The kill test both shared stores go through: three workers share one user's tokens; in each
 * round the access token is expired, all three ask for a token, the request of the one that
 * took the refresh lock is held at the proxy (the identity provider never sees it) and that
 * worker is SIGKILLed. Another worker must then take the lock over (Redis: the lock's expiry;
 * a file: its staleness), refresh once and complete its call.
 */
import type { TokenStore } from '@adsgen/runtime';
import { expect } from 'vitest';
import type { FleetFixture } from './fleet-fixture.ts';
import type { WorkerConfig } from './fleet-worker.ts';
import { startWorker, stopWorkers, type Worker } from './workers.ts';

export interface KillRounds {
  /** Per round: from the kill to the first surviving worker's completed call (ms). */
  completed: number[];
  /** Per round: from the kill to the identity provider's answer to the survivor's refresh (ms). */
  refreshed: number[];
  /** Refresh tokens issued during the rounds (one per round, plus the warm-up refresh). */
  issued: string[];
  /** The refresh token the store holds at the end. */
  stored: string | undefined;
}

export async function killLockHolderRounds(
  fleet: FleetFixture,
  store: TokenStore,
  storeConfig: WorkerConfig['store'],
  options: {
    rounds: number;
    /** The pid the store says holds the lock, checked against the worker whose request was held. */
    holderPid?: () => Promise<number | undefined>;
  },
): Promise<KillRounds> {
  await fleet.seedExpired(store);
  const issuedBefore = fleet.proxy.issuedRefreshTokens.length;
  const spawnWorker = () => startWorker(fleet.config(storeConfig));
  let workers: Worker[] = await Promise.all([spawnWorker(), spawnWorker(), spawnWorker()]);
  const completed: number[] = [];
  const refreshed: number[] = [];
  try {
    // One plain refresh first, so that round 0 measures recovery, not a cold mock.
    await Promise.all(workers.map((w) => w.send('token')));
    for (let round = 0; round < options.rounds; round += 1) {
      const current = await store.load();
      await store.save({ ...current, expiresAt: Date.now() - 1000 });
      const trapped = fleet.proxy.trapNextTokenRequest();
      const answers = workers.map((w) => ({ worker: w, answer: w.send('token') }));
      // The worker that sent the held request holds the lock (it refreshes inside it).
      const pid = Number(/[?&]worker=(\d+)/.exec(await trapped)?.[1]);
      if (options.holderPid) expect(await options.holderPid(), `round ${round}`).toBe(pid);
      const victim = workers.find((w) => w.pid === pid);
      expect(victim, `round ${round}: the lock holder is one of the workers`).toBeDefined();
      victim!.kill();
      const killedAt = Date.now();
      const survivors = answers.filter((a) => a.worker !== victim);
      void answers.find((a) => a.worker === victim)!.answer.catch(() => undefined);
      const done = await Promise.all(survivors.map((a) => a.answer));
      for (const { result } of done) expect(result).toMatchObject({ ok: 1, reauth: 0, errors: [] });
      // Timed by the worker itself: the pipe back to this process is not part of it.
      completed.push(Math.min(...done.map((d) => d.result.doneAt)) - killedAt);
      const refresh = fleet.proxy.exchanges.find(
        (e) => /\/token(\?|$)/.test(e.path) && e.status === 200 && e.arrivedAt >= killedAt,
      );
      expect(refresh?.answeredAt, `round ${round}: a survivor refreshed`).toBeDefined();
      refreshed.push(refresh!.answeredAt! - killedAt);
      // Spawned only now: a process starting up during the recovery would slow it down.
      workers = [...survivors.map((a) => a.worker), await spawnWorker()];
    }
  } finally {
    await stopWorkers(workers);
  }
  return {
    completed,
    refreshed,
    issued: fleet.proxy.issuedRefreshTokens.slice(issuedBefore),
    stored: (await store.load())?.refreshToken,
  };
}

/** `min–max` of a list of milliseconds, for the test's log line. */
export function range(ms: number[]): string {
  return `${Math.min(...ms)}–${Math.max(...ms)} ms`;
}
