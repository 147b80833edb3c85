import { ERROR_CODE_NAMES, ERROR_CODE_NUMBERS } from './error-codes.generated.js';

/**
 * Lookups over Microsoft's operation error code table (generated from specs/error-codes.json
 * by `generator/error-codes`), plus the handful of codes the runtime acts on, spelled out here
 * so that retry and error mapping never depend on the generated table being complete.
 */

export { ERROR_CODE_NAMES, ERROR_CODE_NUMBERS };

/** Codes with special handling (see REFERENCE "Errors"). */
export const KnownErrorCodes = {
  InternalError: 0,
  InvalidCredentials: 105,
  UserIsNotAuthorized: 106,
  AuthenticationTokenExpired: 109,
  CallRateExceeded: 117,
  ConcurrentRequestOverLimit: 207,
  OAuthTokenInvalid: 3101,
} as const;

/** The symbolic ErrorCode of a numeric code (`105` → `InvalidCredentials`), if the table has it. */
export function errorCodeName(code: number): string | undefined {
  return Object.hasOwn(ERROR_CODE_NAMES, code) ? ERROR_CODE_NAMES[code] : undefined;
}

/** The numeric code of a symbolic ErrorCode (`CallRateExceeded` → `117`), if the table has it. */
export function errorCodeNumber(errorCode: string): number | undefined {
  return Object.hasOwn(ERROR_CODE_NUMBERS, errorCode) ? ERROR_CODE_NUMBERS[errorCode] : undefined;
}
