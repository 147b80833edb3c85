/**
 * The adsgen command line: `specs`, `model`, `generate`, `diff`, `shadow-report`. Each command imports its
 * module lazily so a command loads only what it uses (`adsgen model` never loads the emitter).
 *
 * Exit codes: 0 success, 1 a command failed (the message says why and where), 2 bad usage.
 */
import yargs from 'yargs';
import { SpecError } from './model/errors.ts';

type Io = { out: (s: string) => void; err: (s: string) => void };

const defaultIo: Io = {
  out: (s) => process.stdout.write(s.endsWith('\n') ? s : s + '\n'),
  err: (s) => process.stderr.write(s.endsWith('\n') ? s : s + '\n'),
};

export async function main(argv: string[], io: Io = defaultIo): Promise<number> {
  let exitCode = 0;
  const run = (fn: () => Promise<number | void>) => async () => {
    try {
      exitCode = (await fn()) ?? 0;
    } catch (e) {
      exitCode = e instanceof UsageError ? 2 : 1;
      io.err(`adsgen: ${describe(e)}`);
      if (process.env['ADSGEN_DEBUG'] && e instanceof Error && e.stack) io.err(e.stack);
    }
  };

  const parser = yargs(argv)
    .scriptName('adsgen')
    .strict()
    .help()
    .version(false)
    .fail((msg, err) => {
      if (err) throw err;
      io.err(`adsgen: ${msg}`);
      exitCode = 2;
    })
    .command(
      'specs',
      'copy (or --download) the spec files into specs/ and update specs/lock.json',
      (y) =>
        y
          .option('from', {
            type: 'string',
            describe: 'directory to copy from (default: $ADSGEN_SPECS_FROM or ../shared/specs)',
          })
          .option('download', {
            type: 'boolean',
            default: false,
            describe: "fetch the WSDLs from Microsoft's official URLs",
          })
          .option('environment', {
            choices: ['production', 'sandbox'] as const,
            default: 'production' as const,
          })
          .option('origin', {
            type: 'string',
            describe: 'replace the official scheme://host (for mirrors and tests)',
          })
          .option('timeout', {
            type: 'number',
            default: 30_000,
            describe: 'download timeout in ms',
          })
          .option('if-missing', {
            type: 'boolean',
            default: false,
            describe: 'do nothing when specs/ already has specs',
          }),
      (a) =>
        run(async () => {
          const { runSpecs } = await import('./specs/command.ts');
          await runSpecs(
            {
              ...(a.from ? { from: a.from } : {}),
              download: a.download,
              environment: a.environment,
              ...(a.origin ? { origin: a.origin } : {}),
              timeoutMs: a.timeout,
              ifMissing: a['if-missing'],
            },
            io.out,
          );
        })(),
    )
    .command(
      'model <service>',
      'print the service model read from a spec',
      (y) =>
        y
          .positional('service', { type: 'string', demandOption: true })
          .option('protocol', { choices: ['soap', 'rest'] as const, default: 'soap' as const })
          .option('spec', {
            type: 'string',
            describe: 'read this spec file instead of specs/<service>.*',
          })
          .option('json', {
            type: 'boolean',
            default: true,
            describe: 'print JSON (the only format)',
          }),
      (a) =>
        run(async () => {
          const { ensureSpecs } = await import('./ensure-specs.ts');
          const { loadServiceModel, loadSpecFile } = await import('./load.ts');
          const { modelToJson } = await import('./model/json.ts');
          const { SPECS_DIR, findService } = await import('./specs/manifest.ts');
          findService(a.service);
          const model = a.spec
            ? await loadSpecFile(a.spec, a.service)
            : (await ensureSpecs(io.err), await loadServiceModel(SPECS_DIR, a.service, a.protocol));
          io.out(JSON.stringify(modelToJson(model), null, 2));
        })(),
    )
    .command(
      'generate [services..]',
      'generate the client packages into generated/',
      (y) =>
        y
          .positional('services', { type: 'string', array: true })
          .option('all', { type: 'boolean', default: false, describe: 'all six services' })
          .option('out', { type: 'string', describe: 'output directory (default generated/)' }),
      (a) =>
        run(async () => {
          const { runGenerate } = await import('./generate-command.ts');
          return runGenerate(
            { services: a.services ?? [], all: a.all, ...(a.out ? { out: a.out } : {}) },
            io,
          );
        })(),
    )
    .command(
      'diff [service]',
      'compare two API surfaces (SOAP vs REST, or two spec versions)',
      (y) =>
        y
          .positional('service', { type: 'string' })
          .option('from', {
            type: 'string',
            default: 'soap',
            describe: "'soap', 'rest', a spec file or a directory",
          })
          .option('to', {
            type: 'string',
            default: 'rest',
            describe: "'soap', 'rest', a spec file or a directory",
          })
          .option('format', { choices: ['md', 'json', 'html'] as const, default: 'md' as const })
          .option('out', { type: 'string', describe: 'write to this file instead of stdout' })
          .option('all', {
            type: 'boolean',
            default: false,
            describe: 'all reports of all services (npm run diff)',
          })
          .option('out-dir', { type: 'string', default: 'reports' }),
      (a) =>
        run(async () => {
          if (!a.all && !a.service) throw new UsageError('diff needs a <service> or --all');
          const { ensureSpecs } = await import('./ensure-specs.ts');
          await ensureSpecs(io.err);
          const { diffCommand } = await import('./diff/command.ts');
          return diffCommand(
            {
              ...(a.service ? { service: a.service } : {}),
              from: a.from,
              to: a.to,
              format: a.format,
              ...(a.out ? { out: a.out } : {}),
              all: a.all,
              outDir: a['out-dir'],
            },
            { stdout: io.out },
          );
        })(),
    )
    .command(
      'shadow-report <log>',
      'render the differences shadow mode logged (JSON lines) as Markdown or HTML',
      (y) =>
        y
          .positional('log', { type: 'string', demandOption: true })
          .option('format', { choices: ['md', 'html'] as const, default: 'md' as const })
          .option('out', { type: 'string', describe: 'write to this file instead of stdout' }),
      (a) =>
        run(async () => {
          const { runShadowReport } = await import('./shadow-report.ts');
          return runShadowReport(
            { log: a.log, format: a.format, ...(a.out ? { out: a.out } : {}) },
            io,
          );
        })(),
    )
    .demandCommand(1, 'name a command: specs, model, generate, diff or shadow-report');

  await parser.parseAsync();
  return exitCode;
}

export class UsageError extends Error {}

function describe(e: unknown): string {
  if (e instanceof SpecError) return e.message;
  if (e instanceof Error) return e.message;
  return String(e);
}
