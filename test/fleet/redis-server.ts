/**
 * A real `redis-server` for the fleet tests: started on a free loopback port with no
 * persistence, stopped by `stop()`. When the binary is missing it is installed by the same
 * script CI uses (scripts/ci/ensure-redis-server.sh: Debian's package, as root); when that
 * fails the test fails with the script's reason. Nothing is skipped.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

const ENSURE_SCRIPT = fileURLToPath(
  new URL('../../scripts/ci/ensure-redis-server.sh', import.meta.url),
);

export interface RedisServer {
  /** `redis://127.0.0.1:<port>` */
  url: string;
  port: number;
  stop(): Promise<void>;
}

let ensured = false;

function ensureRedisServerBinary(): void {
  if (ensured) return;
  try {
    execFileSync('bash', [ENSURE_SCRIPT], { stdio: ['ignore', 'inherit', 'pipe'] });
  } catch (error) {
    const stderr = (error as { stderr?: Buffer }).stderr?.toString('utf8').trim();
    throw new Error(
      `The fleet tests need a real redis-server and none could be provided: ${stderr || String(error)}`,
    );
  }
  ensured = true;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

/** Resolves once the server says it accepts connections; rejects if it exits first. */
function waitReady(child: ChildProcess): Promise<void> {
  return new Promise((resolve, reject) => {
    let output = '';
    const onData = (chunk: Buffer): void => {
      output += chunk.toString('utf8');
      if (output.includes('Ready to accept connections')) {
        child.stdout?.off('data', onData);
        child.stdout?.resume();
        resolve();
      }
    };
    child.stdout?.on('data', onData);
    child.once('error', reject);
    child.once('exit', (code) =>
      reject(new Error(`redis-server exited with ${String(code)} before it was ready:\n${output}`)),
    );
  });
}

export async function startRedisServer(): Promise<RedisServer> {
  ensureRedisServerBinary();
  let lastError: unknown;
  // The free port can be taken between probing and binding: try a few.
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const port = await freePort();
    const child = spawn(
      'redis-server',
      [
        '--port',
        String(port),
        '--bind',
        '127.0.0.1',
        '--save',
        '',
        '--appendonly',
        'no',
        '--daemonize',
        'no',
        '--loglevel',
        'notice',
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    try {
      await waitReady(child);
    } catch (error) {
      lastError = error;
      child.kill('SIGKILL');
      continue;
    }
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    return {
      url: `redis://127.0.0.1:${port}`,
      port,
      stop: async () => {
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
        await exited;
      },
    };
  }
  throw new Error(`could not start redis-server: ${String(lastError)}`);
}
