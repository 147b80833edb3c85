/**
 * End-to-end conformance: the generated packages, as built into
 * generated/<id>/dist on @adsgen/runtime's dist, against the mock Microsoft Advertising
 * server over SOAP and REST. One file so that one report covers every mock the suites start:
 * afterAll prints operations called per protocol, requests validated and faults injected,
 * and fails on any validation error.
 */
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { allOperationsSuite } from './all-operations.suite.ts';
import { E2eEnv } from './env.ts';
import { faultsSuite } from './faults.suite.ts';
import { UnhandledRejectionGuard } from './harness.ts';
import { scenarioSuite } from './scenario.suite.ts';

const env = new E2eEnv();
const guard = new UnhandledRejectionGuard();

beforeAll(() => guard.install());
afterEach(() => {
  expect(guard.drain(), 'unhandled promise rejections during the test').toEqual([]);
});
afterAll(async () => {
  guard.uninstall();
  await env.close();
  for (const line of env.report.lines()) console.log(line);
  const figures = env.report.figures();
  expect(figures.validationErrors, 'requests the mock found invalid').toEqual([]);
  expect(figures.soapOperations).toBeGreaterThan(0);
  expect(figures.restOperations).toBeGreaterThan(0);
  expect(guard.drain()).toEqual([]);
});

scenarioSuite(env);
faultsSuite(env);
allOperationsSuite(env);
