import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import {
  AdsError,
  OperationUnavailableError,
  ReauthorizationRequiredError,
  TransportError,
} from '../../../runtime/src/errors.ts';

describe('error classes', () => {
  it('names come from the prototype: right in String() and stack, not an own property', () => {
    const e = new TransportError('timeout', 'GetUser: timed out', { operation: 'GetUser' });
    expect(String(e)).toBe('TransportError: GetUser: timed out');
    expect(e.stack!.split('\n')[0]).toBe('TransportError: GetUser: timed out');
    expect(Object.keys(e)).not.toContain('name');
    expect(e).toBeInstanceOf(AdsError);
    expect(e.operation).toBe('GetUser');
  });

  it('TransportError redacts its message and excerpt by pattern', () => {
    const e = new TransportError('malformed-response', 'got Authorization: Bearer abc.def', {
      excerpt: '<AuthenticationToken>EwB123456789</AuthenticationToken>',
      httpStatus: 502,
    });
    expect(e.message).toBe('got Authorization: [REDACTED]');
    expect(e.toJSON()).toEqual({
      name: 'TransportError',
      message: 'got Authorization: [REDACTED]',
      reason: 'malformed-response',
      mayHaveRun: true,
      httpStatus: 502,
      excerpt: '<AuthenticationToken>[REDACTED]</AuthenticationToken>',
    });
  });

  it('ReauthorizationRequiredError keeps the auth module constructor shape and redacts the description', () => {
    const plain = new ReauthorizationRequiredError('No refresh token is stored');
    expect(plain.message).toBe('No refresh token is stored');
    const e = new ReauthorizationRequiredError(undefined, {
      oauthError: 'invalid_grant',
      description: 'bad refresh_token=M.C507_BAY.abc',
    });
    expect(e.message).toMatch(/must sign in and consent again/);
    expect(e.toJSON()).toMatchObject({
      name: 'ReauthorizationRequiredError',
      oauthError: 'invalid_grant',
      description: 'bad refresh_token=[REDACTED]',
    });
    expect(inspect(e)).not.toContain('M.C507_BAY');
  });

  it('OperationUnavailableError says which protocol has the operation', () => {
    const e = new OperationUnavailableError('PutMetricData', 'rest', 'soap');
    expect(e.toJSON()).toEqual({
      name: 'OperationUnavailableError',
      message:
        "PutMetricData is not available over REST; it exists only over SOAP: create the client with protocol: 'soap' for this call.",
      operation: 'PutMetricData',
      protocol: 'rest',
      availableIn: 'soap',
    });
  });
});
