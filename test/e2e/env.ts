/**
 * What every e2e suite shares: one report over all mock servers started, the shared mock
 * (started on first use), and a way to start extra, private mocks that still count.
 */
import { startMockServer, type MockServer, type MockServerOptions } from '../../mock/src/server.ts';
import { E2eReport } from './report.ts';

export class E2eEnv {
  readonly report = new E2eReport();
  private readonly started: MockServer[] = [];
  private shared: Promise<MockServer> | undefined;

  /** The mock most suites use (one Customer Management state, all six services). */
  server(): Promise<MockServer> {
    this.shared ??= this.start();
    return this.shared;
  }

  /** A private mock (e.g. with a fixed clock), tracked in the report and closed at the end. */
  async start(options: MockServerOptions = {}): Promise<MockServer> {
    const server = await startMockServer(options);
    this.started.push(server);
    return this.report.track(server);
  }

  async close(): Promise<void> {
    await Promise.all(this.started.splice(0).map((s) => s.close()));
  }
}
