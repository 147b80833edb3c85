/**
 * Spawning fleet-worker.ts processes and talking to them line by line. The worker is bundled
 * once with esbuild (packages stay external) so each process starts on plain node, without a
 * TypeScript loader: a fleet test spawns dozens of them.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import type { WorkerConfig, WorkerResult } from './fleet-worker.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const WORKER_SOURCE = fileURLToPath(new URL('./fleet-worker.ts', import.meta.url));
const WORKER = join(ROOT, '.vitest-tmp', `fleet-worker-${process.pid}.mjs`);

let bundled: Promise<void> | undefined;

function bundleWorker(): Promise<void> {
  bundled ??= build({
    entryPoints: [WORKER_SOURCE],
    outfile: WORKER,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    logLevel: 'silent',
  }).then(() => undefined);
  return bundled;
}

export interface Worker {
  pid: number;
  /** Sends one command; resolves with its RESULT and the time it arrived here. */
  send(command: string): Promise<{ result: WorkerResult; at: number }>;
  kill(): void;
  exited: Promise<void>;
}

export async function startWorker(config: WorkerConfig): Promise<Worker> {
  await bundleWorker();
  const child: ChildProcessWithoutNullStreams = spawn(
    process.execPath,
    [WORKER, JSON.stringify(config)],
    { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] },
  );
  let stderr = '';
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const waiting: ((line: string) => void)[] = [];
  let buffered = '';
  let ready: () => void = () => undefined;
  const readyLine = new Promise<void>((resolve) => (ready = resolve));
  child.stdout.on('data', (chunk: Buffer) => {
    buffered += chunk.toString('utf8');
    const lines = buffered.split('\n');
    buffered = lines.pop() ?? '';
    for (const line of lines) {
      if (line === 'READY') ready();
      else if (line.startsWith('RESULT ')) waiting.shift()?.(line.slice('RESULT '.length));
    }
  });
  await Promise.race([
    readyLine,
    exited.then(() => {
      throw new Error(`worker exited before it was ready:\n${stderr}`);
    }),
  ]);
  return {
    pid: child.pid!,
    send: (command) =>
      new Promise((resolve, reject) => {
        const onExit = () => reject(new Error(`worker ${child.pid} exited:\n${stderr}`));
        void exited.then(onExit);
        waiting.push((json) =>
          resolve({ result: JSON.parse(json) as WorkerResult, at: Date.now() }),
        );
        child.stdin.write(`${command}\n`);
      }),
    kill: () => child.kill('SIGKILL'),
    exited,
  };
}

export async function stopWorkers(workers: Iterable<Worker>): Promise<void> {
  for (const worker of workers) worker.kill();
  await Promise.all([...workers].map((w) => w.exited));
}
