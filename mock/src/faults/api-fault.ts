/**
 * The mock's API errors, protocol-neutral. Transports turn them into a SOAP fault (detail
 * element declared by the WSDL) or a REST JSON ApplicationFault body.
 */
export interface AdApiErrorValue {
  Code: number;
  ErrorCode: string;
  Message: string;
  Detail?: string | null;
}

export class ApiFaultError extends Error {
  constructor(
    /** `adapi`: AdApiFaultDetail.Errors (credentials, throttling, internal); `operation`: ApiFault(Detail).OperationErrors. */
    readonly kind: 'adapi' | 'operation',
    readonly errors: AdApiErrorValue[],
    /** HTTP status of the REST answer (SOAP faults are always 500). */
    readonly httpStatus: number,
    readonly retryAfterS?: number,
  ) {
    super(errors.map((e) => `${e.Code} ${e.ErrorCode}: ${e.Message}`).join('; '));
  }
}

const MESSAGES: Record<number, [string, string]> = {
  0: ['InternalError', 'An internal error has occurred.'],
  105: [
    'InvalidCredentials',
    'Authentication failed. Either supplied credentials are invalid or the account is inactive.',
  ],
  106: [
    'UserIsNotAuthorized',
    'You do not have permission to access the requested customer or account.',
  ],
  109: [
    'AuthenticationTokenExpired',
    'The authentication token has expired. Refresh the token and try again.',
  ],
  117: [
    'CallRateExceeded',
    'You have exceeded the number of calls you may make in the given time period.',
  ],
};

/** An AdApiFaultDetail error with the service's code, symbolic code and message. */
export function adApiFault(
  code: 0 | 105 | 106 | 109 | 117,
  httpStatus: number,
  detail?: string,
  retryAfterS?: number,
): ApiFaultError {
  const [errorCode, message] = MESSAGES[code]!;
  return new ApiFaultError(
    'adapi',
    [{ Code: code, ErrorCode: errorCode, Message: message, Detail: detail ?? null }],
    httpStatus,
    retryAfterS,
  );
}

/** An operation error (ApiFault / ApiFaultDetail OperationErrors), HTTP 400 in REST. */
export function operationFault(code: number, errorCode: string, message: string): ApiFaultError {
  return new ApiFaultError(
    'operation',
    [{ Code: code, ErrorCode: errorCode, Message: message, Detail: null }],
    400,
  );
}
