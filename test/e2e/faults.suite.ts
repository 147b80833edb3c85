/**
 * Every fault the mock injects yields the right typed error
 * over both protocols, after the right number of attempts, with no unhandled rejection
 * (the env's guard) and no hang (per-test timeouts; retries never really sleep).
 *
 * The cases run concurrently, each on an operation of its own (and its protocol), so the
 * mock's fault rules of one case can never be taken by another's calls.
 */
import {
  StaticTokenProvider,
  getResponseMetadata,
  type AdsApiError,
  type TransportError,
} from '@adsgen/runtime';
import { afterAll, describe, expect, it } from 'vitest';
import { CustomerManagementClient } from '../../generated/customer-management/dist/index.js';
import { cmPatches, mergeRequest } from './cm-fixtures.ts';
import type { E2eEnv } from './env.ts';
import { FAULT_CASES, type FaultCase } from './fault-cases.ts';
import { recordingRetry, sandboxOptions } from './harness.ts';
import { callOperation, PACKAGES } from './packages.ts';
import { RequestBuilder } from './request-builder.ts';

/** Read-only Customer Management operations the mock answers from state: one per case. */
const OPERATIONS = [
  'GetUser',
  'GetCurrentUser',
  'GetCustomer',
  'GetAccount',
  'GetAccountsInfo',
  'SearchAccounts',
  'SearchCustomers',
  'GetAccessibleCustomer',
  'SearchClientLinks',
  'SearchUserInvitations',
] as const;

const MAX_ATTEMPTS = 3;

export function faultsSuite(env: E2eEnv): void {
  const cm = PACKAGES.find((p) => p.id === 'customer-management')!;
  let expectedFaults = 0;
  let faultsBefore: number | undefined;

  describe.concurrent('injected faults become typed errors', () => {
    afterAll(async () => {
      // The suite's share of the mock's counter: every injected fault was reached by a call.
      const server = await env.server();
      if (faultsBefore !== undefined)
        expect(server.stats.faultsInjected - faultsBefore).toBe(expectedFaults);
    });

    FAULT_CASES.forEach((fc, i) => {
      const operation = OPERATIONS[i];
      if (!operation) throw new Error(`fault case ${fc.name} needs an operation of its own`);
      for (const protocol of ['soap', 'rest'] as const) {
        it(`${fc.name} over ${protocol.toUpperCase()} (${operation})`, async () => {
          const server = await env.server();
          faultsBefore ??= server.stats.faultsInjected;
          const patch = cmPatches(server)[operation]?.() ?? {};
          const request = mergeRequest(
            new RequestBuilder(cm.descriptor, protocol).build(operation),
            patch,
          );
          const match = { service: cm.id, operation, protocol };

          // 1. The fault on every attempt: the typed error, after the expected attempts.
          const token = server.oauth.issue().access_token;
          const retry = recordingRetry(MAX_ATTEMPTS);
          const client = new CustomerManagementClient(
            sandboxOptions(server, protocol, {
              auth: new StaticTokenProvider(token),
              retry: retry.policy,
              ...fc.options,
            }),
          );
          const rule = server.inject({ match, fault: fc.fault });
          let error: unknown;
          try {
            error = await callOperation(client, operation, request).then(
              (v) => ({ unexpectedSuccess: v }),
              (e: unknown) => e,
            );
          } finally {
            rule.remove();
            await client.close();
          }
          const attempts = fc.retried ? MAX_ATTEMPTS : 1;
          expectedFaults += attempts;
          expectTypedError(error, fc, protocol, operation);
          expect(retry.delays).toHaveLength(attempts - 1);
          // The policy waited what the service asked for, not its own backoff.
          if (fc.retryAfterMs !== undefined)
            expect(retry.delays).toEqual(Array(attempts - 1).fill(fc.retryAfterMs));
          // No secret leaks through the error.
          const shown = JSON.stringify(error) + String((error as Error).stack);
          expect(shown).not.toContain(token);

          // 2. Retried kinds: one fault, then success on attempt 2.
          if (!fc.retried) return;
          const healthy = new CustomerManagementClient(
            sandboxOptions(server, protocol, {
              retry: recordingRetry(MAX_ATTEMPTS).policy,
              ...fc.options,
            }),
          );
          server.inject({ match, times: 1, fault: fc.fault });
          expectedFaults += 1;
          try {
            const result = await callOperation(healthy, operation, request);
            expect(getResponseMetadata(result)).toMatchObject({
              attempts: 2,
              protocol,
              httpStatus: 200,
            });
          } finally {
            await healthy.close();
          }
        }, 20_000);
      }
    });
  });
}

/** The error is exactly the case's class, with the case's reason, code, status and type. */
function expectTypedError(
  error: unknown,
  fc: FaultCase,
  protocol: 'soap' | 'rest',
  operation: string,
): void {
  const errorClass = fc.errorClassByProtocol?.[protocol] ?? fc.errorClass;
  expect(error).toBeInstanceOf(errorClass);
  expect((error as object).constructor).toBe(errorClass);
  expect((error as Error).message).toContain(operation);
  if (fc.reason) expect((error as TransportError).reason).toBe(fc.reason);
  if (fc.code !== undefined) expect((error as AdsApiError).code).toBe(fc.code);
  if (fc.faultType) expect((error as AdsApiError).faultType).toBe(fc.faultType);
  if (fc.httpStatus)
    expect((error as { httpStatus?: number }).httpStatus).toBe(fc.httpStatus[protocol]);
  if (fc.retryAfterMs !== undefined)
    expect((error as { retryAfterMs?: number }).retryAfterMs).toBe(fc.retryAfterMs);
}
