/**
 * The adsgen command line: `specs`, `model`, `generate`, `diff`, `auth`, `doctor`. Each command imports its
 * module lazily so a command loads only what it uses (`adsgen model` never loads the emitter).
 *
 * Exit codes: 0 success, 1 a command failed (the message says why and where), 2 bad usage.
 */
import yargs, { type Argv } from 'yargs';
import { SpecError } from './model/errors.ts';

type Io = { out: (s: string) => void; err: (s: string) => void };

const defaultIo: Io = {
  out: (s) => process.stdout.write(s.endsWith('\n') ? s : s + '\n'),
  err: (s) => process.stderr.write(s.endsWith('\n') ? s : s + '\n'),
};

/**
 * A reader that stops early (`adsgen model … | head`) closes the pipe; the next write fails
 * with EPIPE, which Node raises as an unhandled 'error' event with a stack trace. Output
 * nobody reads is not a failure: stop at once, with the status the command would have had.
 */
function exitQuietlyWhenStdoutCloses(): void {
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EPIPE') throw e;
    process.exit(typeof process.exitCode === 'number' ? process.exitCode : 0);
  });
}

export async function main(argv: string[], io: Io = defaultIo): Promise<number> {
  if (io === defaultIo) exitQuietlyWhenStdoutCloses();
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
      'auth <action>',
      'sign in to Microsoft Advertising (login), show the stored sign-in (status), forget it (logout)',
      (y) =>
        credentialOptions(
          y
            .positional('action', {
              choices: ['login', 'status', 'logout'] as const,
              demandOption: true,
            })
            .option('paste', {
              type: 'boolean',
              default: false,
              describe:
                "no loopback listener: print the URL, paste the address the browser ends on (Microsoft's native-client redirect)",
            })
            .option('browser', {
              type: 'boolean',
              default: true,
              describe: '--no-browser: the same as --paste, for machines without a browser',
            })
            .option('port', { type: 'number', describe: 'loopback port (default: any free one)' })
            .option('open', {
              type: 'boolean',
              default: true,
              describe: 'open the browser when one is available (--no-open: only print the URL)',
            })
            .option('timeout', {
              type: 'number',
              default: 300,
              describe: 'seconds to wait for the sign-in',
            }),
        ),
      (a) =>
        run(async () => {
          const { runAccountCommand } = await import('./account-command.ts');
          return runAccountCommand(
            a.action,
            {
              ...credentialFlags(a),
              paste: a.paste || !a.browser,
              port: a.port,
              open: a.open,
              timeoutS: a.timeout,
            },
            io,
          );
        })(),
    )
    .command(
      'doctor',
      'check the developer token, sign-in, customer and account one by one and say what to fix',
      (y) =>
        credentialOptions(y)
          .option('developer-token', { type: 'string', describe: 'default $MSADS_DEVELOPER_TOKEN' })
          .option('customer-id', { type: 'string', describe: 'default $MSADS_CUSTOMER_ID' })
          .option('account-id', { type: 'string', describe: 'default $MSADS_ACCOUNT_ID' })
          .option('endpoint', {
            type: 'string',
            describe:
              'service origin instead of Microsoft (a mock server); default $MSADS_ENDPOINT',
          })
          .option('protocol', { choices: ['rest', 'soap'] as const }),
      (a) =>
        run(async () => {
          const { runAccountCommand } = await import('./account-command.ts');
          return runAccountCommand(
            'doctor',
            {
              ...credentialFlags(a),
              developerToken: a['developer-token'],
              customerId: a['customer-id'],
              accountId: a['account-id'],
              endpoint: a.endpoint,
              protocol: a.protocol,
            },
            io,
          );
        })(),
    )
    .demandCommand(1, 'name a command: specs, model, generate, diff, auth or doctor');

  await parser.parseAsync();
  return exitCode;
}

export class UsageError extends Error {}

/** The options `auth` and `doctor` share; each falls back to its MSADS_* variable. */
function credentialOptions<T>(y: Argv<T>) {
  return y
    .option('client-id', {
      type: 'string',
      describe: 'app registration id; default $MSADS_CLIENT_ID',
    })
    .option('client-secret', {
      type: 'string',
      describe: 'only for web apps; default $MSADS_CLIENT_SECRET',
    })
    .option('environment', {
      choices: ['production', 'sandbox'] as const,
      describe: 'default $MSADS_ENVIRONMENT, else production',
    })
    .option('tenant', {
      type: 'string',
      describe: 'default $MSADS_TENANT, else common / consumers',
    })
    .option('scope', { type: 'string', describe: "default $MSADS_SCOPE, else the environment's" })
    .option('store', {
      type: 'string',
      describe: 'token file; default $MSADS_TOKEN_STORE, else .adsgen/tokens.json',
    })
    .option('oauth-endpoint', {
      type: 'string',
      describe:
        'identity platform origin instead of Microsoft (a mock server); default $MSADS_OAUTH_ENDPOINT',
    });
}

function credentialFlags(a: {
  'client-id'?: string;
  'client-secret'?: string;
  environment?: string;
  tenant?: string;
  scope?: string;
  store?: string;
  'oauth-endpoint'?: string;
}): Record<string, string | undefined> {
  return {
    clientId: a['client-id'],
    clientSecret: a['client-secret'],
    environment: a.environment,
    tenant: a.tenant,
    scope: a.scope,
    store: a.store,
    oauthEndpoint: a['oauth-endpoint'],
  };
}

function describe(e: unknown): string {
  if (e instanceof SpecError) return e.message;
  if (e instanceof Error) return e.message;
  return String(e);
}
