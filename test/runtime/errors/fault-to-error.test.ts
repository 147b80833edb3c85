import { describe, expect, it } from 'vitest';
import {
  AdsApiError,
  AuthenticationError,
  AdsBatchError,
  AdsEditorialError,
  ThrottledError,
} from '../../../runtime/src/errors.ts';
import { faultToError, type FaultInput } from '../../../runtime/src/fault-to-error.ts';

const base = {
  protocol: 'rest' as const,
  operation: 'GetUser',
  httpStatus: 400,
  trackingId: 'trk-1',
};
const map = (extra: Partial<FaultInput>) => faultToError({ ...base, ...extra });

describe('every fault type of the six services', () => {
  it('AdApiFaultDetail {Errors: AdApiError[]} (Detail → details)', () => {
    const e = map({
      detailType: 'AdApiFaultDetail',
      detail: {
        TrackingId: 'trk-1',
        Errors: [
          {
            Code: 201,
            ErrorCode: 'ApiInputValidationError',
            Message: 'Bad input.',
            Detail: 'UserId',
          },
        ],
      },
    });
    expect(e.constructor).toBe(AdsApiError);
    expect(e.faultType).toBe('AdApiFaultDetail');
    expect(e.errors).toEqual([
      {
        code: 201,
        errorCode: 'ApiInputValidationError',
        message: 'Bad input.',
        details: 'UserId',
        kind: 'api',
      },
    ]);
    expect(e.message).toBe(
      'GetUser failed (REST, HTTP 400): 201 ApiInputValidationError: Bad input. [TrackingId trk-1]',
    );
  });

  it('ApiFault {OperationErrors} without ErrorCode (Customer Management): filled from the code table', () => {
    const e = map({
      detailType: 'ApiFault',
      detail: { OperationErrors: [{ Code: 1102, Details: null, Message: 'Invalid account.' }] },
    });
    expect(e.constructor).toBe(AdsApiError);
    expect(e.errors).toEqual([
      {
        code: 1102,
        errorCode: 'CampaignServiceInvalidAccountId',
        message: 'Invalid account.',
        kind: 'operation',
      },
    ]);
  });

  it('ApiBatchFault {OperationErrors, BatchErrors} → AdsBatchError with indexes', () => {
    const e = map({
      detailType: 'ApiBatchFault',
      detail: {
        OperationErrors: [],
        BatchErrors: [
          { Code: 1102, Index: 2, Message: 'Invalid account.' },
          { Code: 1102, Index: 0, Message: 'Invalid account.' },
        ],
      },
    }) as AdsBatchError;
    expect(e).toBeInstanceOf(AdsBatchError);
    expect(e.errors.map((x) => x.index)).toEqual([2, 0]);
    expect([...e.byIndex().keys()]).toEqual([2, 0]);
    expect(e.message).toContain(
      'item 2: 1102 CampaignServiceInvalidAccountId: Invalid account.; item 0: 1102',
    );
  });

  it('ApiFaultDetail {BatchErrors, OperationErrors}: operation errors only → AdsApiError; batch → BatchError', () => {
    const op = map({
      detailType: 'ApiFaultDetail',
      detail: {
        BatchErrors: null,
        OperationErrors: [
          { Code: 2003, ErrorCode: 'ReportingServiceAccountNotAuthorized', Message: 'm' },
        ],
      },
    });
    expect(op.constructor).toBe(AdsApiError);
    const batch = map({
      detailType: 'ApiFaultDetail',
      detail: {
        BatchErrors: [
          { Code: 1234, ErrorCode: 'X', Index: 5, FieldPath: 'Campaigns[5].Name', Message: 'm' },
        ],
      },
    });
    expect(batch).toBeInstanceOf(AdsBatchError);
    expect(batch.errors[0]).toMatchObject({
      index: 5,
      fieldPath: 'Campaigns[5].Name',
      kind: 'batch',
    });
  });

  it('EditorialApiFaultDetail {BatchErrors, EditorialErrors, OperationErrors} → AdsEditorialError with editorial details', () => {
    const e = map({
      detailType: 'EditorialApiFaultDetail',
      detail: {
        BatchErrors: [{ Code: 1042, Index: 1, Message: 'Editorial.', Type: 'EditorialError' }],
        EditorialErrors: [
          {
            Code: 1042,
            ErrorCode: 'CampaignServiceEditorialValidationError',
            Index: 0,
            Message: 'Disapproved.',
            ReasonCode: 17,
            Location: 'AdTitle',
            PublisherCountry: 'US',
            DisapprovedText: 'free',
            Appealable: true,
          },
        ],
        OperationErrors: [],
      },
    });
    expect(e).toBeInstanceOf(AdsEditorialError);
    expect(e.errors).toHaveLength(2);
    expect(e.errors[0]).toMatchObject({ kind: 'editorial', type: 'EditorialError', index: 1 });
    expect(e.errors[1]!.editorial).toEqual({
      reasonCode: 17,
      location: 'AdTitle',
      publisherCountry: 'US',
      disapprovedText: 'free',
      appealable: true,
    });
  });

  it('AdCenterAuthenticationFault / AdCenterAuthorizationFault (REST only) → AuthenticationError with the right hint', () => {
    const noCred = map({
      httpStatus: 401,
      detailType: 'AdCenterAuthenticationFault',
      detail: { ErrorCode: 'NoCredential', ErrorMessage: 'No credential.' },
    });
    expect(noCred).toBeInstanceOf(AuthenticationError);
    expect((noCred as AuthenticationError).hint).toBe('access-token-invalid-or-expired');
    expect(noCred.message).toContain('No credential.');
    const badCustomer = map({
      detailType: 'AdCenterAuthenticationFault',
      detail: { ErrorCode: 'InvalidCustomerId', ErrorMessage: 'x' },
    });
    expect((badCustomer as AuthenticationError).hint).toBe('no-access-to-customer-or-account');
    const authz = map({
      detailType: 'AdCenterAuthorizationFault',
      detail: { ErrorMessage: 'Not allowed.' },
    });
    expect((authz as AuthenticationError).hint).toBe('no-access-to-customer-or-account');
  });

  it('AdCenterFault / AdCenterInternalErrorFault / AdCenterSystemFault → AdsApiError with the fault text', () => {
    for (const t of ['AdCenterFault', 'AdCenterInternalErrorFault', 'AdCenterSystemFault']) {
      const e = map({
        httpStatus: 500,
        detailType: t,
        detail: { ErrorMessage: `${t} happened`, FaultingLayer: 'MiddleTier' },
      });
      expect(e.constructor).toBe(AdsApiError);
      expect(e.faultType).toBe(t);
      expect(e.faultMessage).toBe(`${t} happened`);
      expect(e.message).toBe(`GetUser failed (REST, HTTP 500): ${t} happened [TrackingId trk-1]`);
    }
  });

  it('ApplicationFault / ApplicationFaultBase with only a TrackingId, and unknown types', () => {
    const bare = map({
      trackingId: undefined,
      detailType: 'ApplicationFault',
      detail: { TrackingId: 'from-detail' },
    });
    expect(bare.trackingId).toBe('from-detail');
    expect(bare.message).toBe(
      'GetUser failed (REST, HTTP 400): ApplicationFault without error details [TrackingId from-detail]',
    );
    const unknown = faultToError({
      protocol: 'soap',
      operation: 'GetUser',
      httpStatus: 500,
      faultCode: 's:Client',
      faultString: 'The message could not be processed.',
    });
    expect(unknown.constructor).toBe(AdsApiError);
    expect(unknown.message).toBe(
      'GetUser failed (SOAP, HTTP 500): The message could not be processed.',
    );
  });
});

describe('decoder shapes', () => {
  it('accepts SOAP array wrappers, single items, string numbers, a namespace prefix and a keyed detail', () => {
    const e = map({
      detailType: 'q1:AdApiFaultDetail',
      detail: {
        AdApiFaultDetail: {
          Errors: {
            AdApiError: {
              Code: '109',
              ErrorCode: 'AuthenticationTokenExpired',
              Message: 'Expired.',
            },
          },
        },
      },
    });
    expect(e).toBeInstanceOf(AuthenticationError);
    expect(e.errors).toEqual([
      { code: 109, errorCode: 'AuthenticationTokenExpired', message: 'Expired.', kind: 'api' },
    ]);
  });

  it('takes the type from a REST body `Type` and the code from a known symbolic code', () => {
    const e = map({
      detail: {
        Type: 'ApiFault',
        OperationErrors: [{ ErrorCode: 'CallRateExceeded', Message: 'Slow down.' }],
      },
      retryAfterMs: 60_000,
    });
    expect(e).toBeInstanceOf(ThrottledError);
    expect(e.faultType).toBe('ApiFault');
    expect(e.errors[0]!.code).toBe(117);
    expect((e as ThrottledError).retryAfterMs).toBe(60_000);
  });

  it('marks a missing code as -1, never 0 (which would read as a retryable InternalError)', () => {
    const e = map({
      detailType: 'ApiFault',
      detail: { OperationErrors: [{ Message: 'No code.' }] },
    });
    expect(e.errors[0]).toEqual({
      code: -1,
      errorCode: '',
      message: 'No code.',
      kind: 'operation',
    });
  });
});

describe('class and hint from codes and status', () => {
  const entry = (Code: number, Message = 'm') => ({
    detailType: 'AdApiFaultDetail',
    detail: { Errors: [{ Code, Message }] },
  });
  const cases: Array<[string, Partial<FaultInput>, Function, string?]> = [
    [
      '105',
      entry(105, 'Authentication failed.'),
      AuthenticationError,
      'access-token-invalid-or-expired',
    ],
    [
      '105 naming the developer token',
      entry(105, 'Invalid developer token.'),
      AuthenticationError,
      'developer-token-invalid-or-wrong-environment',
    ],
    ['106', entry(106), AuthenticationError, 'no-access-to-customer-or-account'],
    ['109', entry(109), AuthenticationError, 'access-token-invalid-or-expired'],
    ['3101', entry(3101), AuthenticationError, 'access-token-invalid-or-expired'],
    [
      'HTTP 401 without a code',
      { httpStatus: 401 },
      AuthenticationError,
      'access-token-invalid-or-expired',
    ],
    [
      'HTTP 403 without a code',
      { httpStatus: 403 },
      AuthenticationError,
      'developer-token-invalid-or-wrong-environment',
    ],
    [
      'HTTP 403 about an account',
      { httpStatus: 403, ...entry(1102, 'Invalid account.') },
      AuthenticationError,
      'no-access-to-customer-or-account',
    ],
    ['117', entry(117), ThrottledError],
    ['207', entry(207), ThrottledError],
    ['HTTP 429', { httpStatus: 429 }, ThrottledError],
    ['0', entry(0), AdsApiError],
  ];
  for (const [name, input, cls, hint] of cases) {
    it(`${name} → ${cls.name}${hint ? ` (${hint})` : ''}`, () => {
      const e = map(input);
      expect(e.constructor).toBe(cls);
      if (hint) {
        expect((e as AuthenticationError).hint).toBe(hint);
        expect(e.message).toContain('Probable cause:');
      }
    });
  }
});

describe('messages and JSON', () => {
  it('spells out three entries and counts the rest', () => {
    const Errors = [1, 2, 3, 4, 5].map((i) => ({
      Code: 1000 + i,
      ErrorCode: `E${i}`,
      Message: `m${i}`,
    }));
    const e = map({ detailType: 'AdApiFaultDetail', detail: { Errors } });
    expect(e.message).toBe(
      'GetUser failed (REST, HTTP 400): 1001 E1: m1; 1002 E2: m2; 1003 E3: m3; and 2 more [TrackingId trk-1]',
    );
    expect(e.errors).toHaveLength(5);
  });

  it('toJSON carries the fault data and the class extras', () => {
    const e = map({
      httpStatus: 429,
      retryAfterMs: 1500,
      detailType: 'AdApiFaultDetail',
      detail: { Errors: [{ Code: 117, Message: 'm' }] },
    });
    expect(JSON.parse(JSON.stringify(e))).toEqual({
      name: 'ThrottledError',
      message:
        'GetUser failed (REST, HTTP 429): 117 CallRateExceeded: m Retry after 2 s. [TrackingId trk-1]',
      protocol: 'rest',
      operation: 'GetUser',
      httpStatus: 429,
      trackingId: 'trk-1',
      faultType: 'AdApiFaultDetail',
      errors: [{ code: 117, errorCode: 'CallRateExceeded', message: 'm', kind: 'api' }],
      retryAfterMs: 1500,
    });
  });

  it('scrubs service text with the given redactor and with credential patterns', () => {
    const e = faultToError(
      {
        ...base,
        detailType: 'AdApiFaultDetail',
        detail: {
          Errors: [
            {
              Code: 201,
              Message: 'got s3cr3t-value and Bearer abc.def.ghi',
              Detail: '<DeveloperToken>XYZ123456</DeveloperToken>',
            },
          ],
        },
      },
      (t) => t.replaceAll('s3cr3t-value', '[REDACTED]'),
    );
    expect(e.errors[0]!.message).toBe('got [REDACTED] and Bearer [REDACTED]');
    expect(e.errors[0]!.details).toBe('<DeveloperToken>[REDACTED]</DeveloperToken>');
  });
});
