import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { join } from 'node:path';
import { REPO_ROOT } from '../../scripts/pack.ts';

/** `adsgen …` as a user runs it: a child process, with no MSADS_* and no display inherited. */
export interface CliRun {
  child: ChildProcessWithoutNullStreams;
  stdout(): string;
  stderr(): string;
  /** Resolves with the first stdout line matching `pattern`. */
  waitForLine(pattern: RegExp): Promise<string>;
  exit: Promise<number>;
}

export function startCli(args: string[], env: Record<string, string> = {}): CliRun {
  const base = Object.fromEntries(
    Object.entries(process.env).filter(
      ([k]) => !k.startsWith('MSADS_') && k !== 'DISPLAY' && k !== 'WAYLAND_DISPLAY',
    ),
  );
  const child = spawn(process.execPath, [join(REPO_ROOT, 'bin', 'adsgen.js'), ...args], {
    cwd: REPO_ROOT,
    env: { ...base, ...env },
  });
  let out = '';
  let err = '';
  const waiters: Array<{ pattern: RegExp; resolve: (line: string) => void }> = [];
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    out += chunk;
    for (const w of [...waiters]) {
      const line = out.split('\n').find((l) => w.pattern.test(l));
      if (line !== undefined) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(line);
      }
    }
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
  const exit = new Promise<number>((resolve) => child.once('close', (code) => resolve(code ?? -1)));
  return {
    child,
    stdout: () => out,
    stderr: () => err,
    waitForLine: (pattern) =>
      new Promise<string>((resolve, reject) => {
        const line = out.split('\n').find((l) => pattern.test(l));
        if (line !== undefined) return resolve(line);
        waiters.push({ pattern, resolve });
        void exit.then((code) =>
          reject(new Error(`adsgen exited (${code}) before printing ${pattern}:\n${out}\n${err}`)),
        );
      }),
    exit,
  };
}

/** Runs to the end. */
export async function runCli(
  args: string[],
  env: Record<string, string> = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  const run = startCli(args, env);
  run.child.stdin.end();
  const code = await run.exit;
  return { code, stdout: run.stdout(), stderr: run.stderr() };
}
