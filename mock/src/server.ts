import {
  createServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  checkCredentials,
  SANDBOX_DEVELOPER_TOKEN,
  type CredentialPolicy,
  type Environment,
} from './auth/credentials.ts';
import { ErrorCodes } from './campaigns/error-codes.ts';
import { CampaignStore } from './campaigns/store.ts';
import { BULK_HTTP_PREFIX, BulkMock, type BulkMockOptions } from './bulk/bulk-mock.ts';
import { CmStore, seedStore, type SeedIds } from './cm/store.ts';
import { countCall, formatStats, newStats, type MockContext, type MockStats } from './context.ts';
import { runCall, send, type Rendered } from './dispatch.ts';
import { FaultInjector, type FaultRule } from './faults/inject.ts';
import {
  AUTHORIZE_PATH,
  handleAuthorize,
  handleTokenRequest,
  TOKEN_PATH,
} from './oauth/token-endpoint.ts';
import {
  TokenService,
  type AuthorizationCodeOptions,
  type TokenResponse,
} from './oauth/token-service.ts';
import { handleConsent, sendConsentPage, wantsConsentPage } from './oauth/consent-page.ts';
import { REPORT_FILES_PATH, serveReportFile } from './reports/download-route.ts';
import { ReportJobs, type MockReportsConfig } from './reports/jobs.ts';
import { routeRest } from './rest/rest-call.ts';
import { ServiceRegistry } from './services.ts';
import { routeSoap } from './soap/soap-call.ts';
import { defaultSpecsDir } from './specs-dir.ts';

export interface MockServerOptions {
  /** 0 (default) picks a free port. The server binds 127.0.0.1 only. */
  port?: number;
  /**
   * Directory with manifest.json, the spec files and error-codes.json. Default: the copy
   * packed into @adsgen/mock (or a checkout's specs/), or `$ADSGEN_MOCK_SPECS`.
   */
  specsDir?: string;
  /** Seed of the response synthesizer (default 13). */
  seed?: number;
  /** Access token lifetime in seconds (default 3600). */
  tokenLifetimeS?: number;
  /** Milliseconds since the epoch; inject one to expire tokens without waiting. */
  clock?: () => number;
  /** Which environment every request is treated as coming to (default 'sandbox'). */
  environment?: Environment;
  /** Developer tokens valid for `environment` (default: sandbox's BBD37VB98, or PRODUCTION_DEVELOPER_TOKEN). */
  developerTokens?: string[];
  /** Largest request body accepted, in bytes (default 16 MiB). */
  maxRequestBytes?: number;
  /** Size and pace of the Bulk service's files (see mock/src/bulk). */
  bulk?: BulkMockOptions;
  /** Added before every API answer (not OAuth), in milliseconds (default 0). */
  latencyMs?: number;
  /** How the Reporting service answers (rows per report, polls before Success, …). */
  reports?: Partial<MockReportsConfig>;
}

/** The developer token the mock accepts in production mode unless told otherwise (not a real token). */
export const PRODUCTION_DEVELOPER_TOKEN = 'MOCK-PRODUCTION-DEVTOKEN';

export interface MockServer {
  /** `http://127.0.0.1:<port>` */
  origin: string;
  close(): Promise<void>;
  stats: MockStats;
  /** Adds a fault injection rule; returns a handle to remove it. */
  inject(rule: FaultRule): { remove(): void };
  clearFaults(): void;
  oauth: {
    /** Issues a token pair for a user (default: the seeded user) as if they had consented. */
    issue(userId?: string, lifetimeS?: number): TokenResponse;
    /** An authorization code for the token endpoint's authorization_code grant. */
    createCode(opts?: Partial<AuthorizationCodeOptions>): string;
    revoke(token: string): void;
    expire(accessToken: string): void;
  };
  /** The Bulk service's files: `bulk.prepare(accountId)` builds a download ahead of time. */
  bulk: BulkMock;
  /** The seeded ids and the live Customer Management and Campaign Management stores. */
  state: {
    ids: SeedIds;
    store: CmStore;
    campaigns: CampaignStore;
    environment: Environment;
    developerToken: string;
  };
  formatStats(): string;
  /** The Reporting service's report jobs: `configure` changes how it answers from now on. */
  reports: {
    configure(config: Partial<MockReportsConfig>): void;
    /** Request headers of every report file download. */
    downloadHeaders: ReportJobs['downloadHeaders'];
  };
}

export async function startMockServer(opts: MockServerOptions = {}): Promise<MockServer> {
  const clock = opts.clock ?? Date.now;
  const environment = opts.environment ?? 'sandbox';
  const developerTokens = opts.developerTokens ?? [
    environment === 'sandbox' ? SANDBOX_DEVELOPER_TOKEN : PRODUCTION_DEVELOPER_TOKEN,
  ];
  const tokens = new TokenService(clock, opts.tokenLifetimeS ?? 3600);
  const store = new CmStore(clock);
  const ids = seedStore(store);
  const campaigns = new CampaignStore(() => store.newId());
  const specsDir = opts.specsDir ?? defaultSpecsDir();
  let codes: ErrorCodes | undefined;
  const policy: CredentialPolicy = {
    environment,
    developerTokens: new Set(developerTokens),
    tokens,
    canAccessCustomer: (u, c) => store.canAccessCustomer(u, c),
    canAccessAccount: (u, a) => store.canAccessAccount(u, a),
  };
  const ctx: MockContext = {
    registry: new ServiceRegistry(specsDir),
    stats: newStats(),
    injector: new FaultInjector(),
    tokens,
    store,
    campaigns,
    codes: () => (codes ??= new ErrorCodes(specsDir)),
    policy,
    seed: opts.seed ?? 13,
    bulk: new BulkMock(opts.bulk),
    reports: new ReportJobs(),
    origin: '',
  };
  ctx.reports.config = { ...ctx.reports.config, ...opts.reports };
  const maxBytes = opts.maxRequestBytes ?? 16 * 1024 * 1024;
  const latencyMs = opts.latencyMs ?? 0;

  const server = createServer((req, res) => {
    handle(ctx, req, res, maxBytes, ids.userId, latencyMs).catch((err: unknown) => {
      // A bug in the mock: say so loudly, as a 500 the test will see.
      if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain' });
      res.end(`mock server error: ${(err as Error).stack ?? String(err)}`);
    });
  });
  server.keepAliveTimeout = 5000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  ctx.bulk!.origin = `http://127.0.0.1:${port}`;
  ctx.origin = `http://127.0.0.1:${port}`;

  return {
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
    stats: ctx.stats,
    inject: (rule) => ctx.injector.add(rule),
    clearFaults: () => ctx.injector.clear(),
    oauth: {
      issue: (userId = ids.userId, lifetimeS) =>
        tokens.issue(userId, undefined, undefined, lifetimeS),
      createCode: (o = {}) => tokens.createCode({ userId: ids.userId, ...o }),
      revoke: (t) => tokens.revoke(t),
      expire: (t) => tokens.expire(t),
    },
    state: { ids, store, campaigns, environment, developerToken: developerTokens[0]! },
    formatStats: () => formatStats(ctx.stats),
    bulk: ctx.bulk!,
    reports: {
      configure: (c) => void (ctx.reports.config = { ...ctx.reports.config, ...c }),
      downloadHeaders: ctx.reports.downloadHeaders,
    },
  };
}

async function handle(
  ctx: MockContext,
  req: IncomingMessage,
  res: ServerResponse,
  maxBytes: number,
  defaultUser: string,
  latencyMs: number,
): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  const method = (req.method ?? 'GET').toUpperCase();
  // Bulk files are binary (zip) and may be large: served before the body is read as text.
  if (ctx.bulk && url.pathname.startsWith(BULK_HTTP_PREFIX))
    return ctx.bulk.serveHttp(req, res, (h) => bulkCredentialProblem(ctx, h));
  const text = await readBody(req, maxBytes);
  if (text === undefined) {
    send(res, {
      status: 413,
      contentType: 'text/plain',
      body: `request body over ${maxBytes} bytes`,
    });
    return;
  }

  if (TOKEN_PATH.test(url.pathname) && method === 'POST')
    return handleTokenRequest(ctx.tokens, text, res);
  if (AUTHORIZE_PATH.test(url.pathname) && method === 'GET') {
    if (wantsConsentPage(req.headers)) return sendConsentPage(url, res);
    return handleAuthorize(ctx.tokens, url, defaultUser, res);
  }
  if (AUTHORIZE_PATH.test(url.pathname) && method === 'POST')
    return handleConsent(ctx.tokens, url.pathname, text, defaultUser, res);

  if (REPORT_FILES_PATH.test(url.pathname) && method === 'GET')
    return serveReportFile(ctx.reports, url, req, res);

  const faultHeader = req.headers['x-mock-fault'] as string | undefined;
  if (latencyMs > 0) await new Promise((r) => setTimeout(r, latencyMs));
  const soapService = method === 'POST' ? ctx.registry.bySoapPath(url.pathname) : undefined;
  if (soapService) {
    const routed = routeSoap(
      await ctx.registry.soap(soapService.id),
      soapService.id,
      req.headers,
      text,
    );
    if (!routed.ok) return reject(ctx, 'soap', soapService.id, routed, res);
    countCall(ctx.stats, 'soap', soapService.id, routed.adapter.operation);
    return runCall(ctx, routed.adapter, faultHeader, res);
  }
  const restService = ctx.registry.byRestPath(url.pathname);
  if (restService) {
    const routed = routeRest(
      await ctx.registry.rest(restService.id),
      restService.id,
      method,
      url.pathname,
      req.headers,
      text,
    );
    if (!routed.ok) return reject(ctx, 'rest', restService.id, routed, res);
    countCall(ctx.stats, 'rest', restService.id, routed.adapter.operation);
    return runCall(ctx, routed.adapter, faultHeader, res);
  }
  send(res, {
    status: 404,
    contentType: 'text/plain',
    body: `no mock endpoint at ${method} ${url.pathname}`,
  });
}

/** A request that could not be routed is a client bug too: recorded with the validation errors. */
function reject(
  ctx: MockContext,
  protocol: string,
  service: string,
  r: { operation: string; error: string; rendered: Rendered },
  res: ServerResponse,
): void {
  ctx.stats.validationErrors.push(`${protocol} ${service}.${r.operation}: ${r.error}`);
  send(res, r.rendered);
}

/** Checks the credential headers Microsoft documents for the Bulk upload POST. */
function bulkCredentialProblem(ctx: MockContext, h: IncomingHttpHeaders): string | undefined {
  const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
  try {
    checkCredentials(ctx.policy, {
      developerToken: one(h['developertoken']),
      accessToken: one(h['authenticationtoken']),
      customerId: one(h['customerid']),
      accountId: one(h['customeraccountid']) ?? one(h['accountid']),
    });
    return undefined;
  } catch (e) {
    return (e as Error).message;
  }
}

/** The whole body as UTF-8, or undefined when it is larger than `max`. */
async function readBody(req: IncomingMessage, max: number): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > max) return undefined;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}
