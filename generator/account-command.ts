/**
 * `adsgen auth login|status|logout` and `adsgen doctor`: thin. The work is the runtime's
 * (`@adsgen/runtime`: setup/commands.ts), the doctor's clients are the generated packages.
 * Both are loaded at run time. `npm ci` builds the runtime (the `prepare` script), so a fresh
 * clone can run `npx adsgen auth login` straight after it; the generator never builds the
 * runtime itself (when runtime/dist is missing, the message says which command builds it).
 * The doctor generates the two packages it needs when they are missing. The runtime is
 * imported through a variable: the generator is compiled in the same `prepare`, before the
 * runtime is built, so its types cannot be referenced here.
 */
import { existsSync } from 'node:fs';
import { createInterface } from 'node:readline/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { REPO_ROOT } from './specs/manifest.ts';

type Io = { out: (s: string) => void; err: (s: string) => void };
type Flags = Record<string, unknown>;

interface CommandIo extends Io {
  readLine(prompt: string): Promise<string>;
  env: Readonly<Record<string, string | undefined>>;
}

/** The part of @adsgen/runtime these commands call. */
interface SetupRuntime {
  authLogin(flags: Flags, io: CommandIo): Promise<number>;
  authStatus(flags: Flags, io: CommandIo): Promise<number>;
  authLogout(flags: Flags, io: CommandIo): Promise<number>;
  doctor(flags: Flags, io: CommandIo, loadClasses: () => Promise<unknown>): Promise<number>;
}

const RUNTIME: string = '@adsgen/runtime';
const DOCTOR_SERVICES = ['customer-management', 'campaign-management'];

export async function runAccountCommand(
  command: 'login' | 'status' | 'logout' | 'doctor',
  flags: Flags,
  io: Io,
): Promise<number> {
  const runtime = await loadRuntime();
  const commandIo: CommandIo = { ...io, readLine, env: process.env };
  switch (command) {
    case 'login':
      return runtime.authLogin(flags, commandIo);
    case 'status':
      return runtime.authStatus(flags, commandIo);
    case 'logout':
      return runtime.authLogout(flags, commandIo);
    case 'doctor':
      return runtime.doctor(flags, commandIo, () => loadDoctorClasses(io));
  }
}

async function loadRuntime(): Promise<SetupRuntime> {
  if (!existsSync(join(REPO_ROOT, 'runtime', 'dist', 'index.js')))
    throw new Error('runtime/dist is not built: run `npm run build` first');
  return (await import(RUNTIME)) as SetupRuntime;
}

async function loadDoctorClasses(io: Io): Promise<unknown> {
  const entry = (id: string): string => join(REPO_ROOT, 'generated', id, 'dist', 'index.js');
  const missing = DOCTOR_SERVICES.filter((id) => !existsSync(entry(id)));
  if (missing.length > 0) {
    io.err(`generating ${missing.join(', ')} first`);
    const { runGenerate } = await import('./generate-command.ts');
    await runGenerate({ services: missing, all: false }, { out: io.err, err: io.err });
  }
  const [cm, campaign] = (await Promise.all(
    DOCTOR_SERVICES.map((id) => import(pathToFileURL(entry(id)).href)),
  )) as [Record<string, unknown>, Record<string, unknown>];
  return {
    CustomerManagementClient: cm['CustomerManagementClient'],
    CampaignManagementClient: campaign['CampaignManagementClient'],
  };
}

async function readLine(prompt: string): Promise<string> {
  const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: false });
  try {
    process.stderr.write(prompt);
    const line = await new Promise<string>((resolve) => {
      rl.once('line', resolve);
      rl.once('close', () => resolve(''));
    });
    return line;
  } finally {
    rl.close();
  }
}
