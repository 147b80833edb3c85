/**
 * @adsgen/mock: a local Microsoft Advertising API v13 service for tests (SOAP, REST and the
 * OAuth token endpoint on loopback, requests validated against the real schemas, a stateful
 * Customer and Campaign Management core, fault injection).
 */
export {
  startMock,
  type FaultTarget,
  type Mock,
  type MockFaults,
  type StartMockOptions,
} from './start-mock.ts';
export {
  PRODUCTION_DEVELOPER_TOKEN,
  startMockServer,
  type MockServer,
  type MockServerOptions,
} from './server.ts';
export {
  parseFaultHeader,
  parseFaultRule,
  type ApiErrorCode,
  type CallInfo,
  type FaultKind,
  type FaultRule,
  type FaultSpec,
} from './faults/inject.ts';
export type { MockStats } from './context.ts';
export type { SeedIds } from './cm/store.ts';
export type { Environment } from './auth/credentials.ts';
