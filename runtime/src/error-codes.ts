import { ERROR_CODES_TEXT } from './error-codes.generated.js';

/**
 * Lookups over Microsoft's operation error code table (generated from specs/error-codes.json
 * by `generator/error-codes`), plus the handful of codes the runtime acts on, spelled out here
 * so that retry and error mapping never depend on the generated table being complete.
 */

/** @public */
export interface ErrorCodeTable {
  /** Numeric code → symbolic ErrorCode. */
  names: ReadonlyMap<number, string>;
  /** Symbolic ErrorCode → numeric code (the lowest where Microsoft's table repeats a name). */
  numbers: ReadonlyMap<string, number>;
}

let table: ErrorCodeTable | undefined;

/**
 * The whole table, parsed from the generated text on first use: most processes never look a
 * code up, and the parsed Maps are a noticeable share of a small process's heap.
 *
 * @public
 */
export function errorCodeTable(): ErrorCodeTable {
  return (table ??= parse(ERROR_CODES_TEXT));
}

/**
 * Both directions from one text (see generator/error-codes): lines by code, a code's own name
 * first, so the first name met for a code is its name and the lowest code met for a name is
 * its number.
 */
function parse(text: string): ErrorCodeTable {
  const names = new Map<number, string>();
  const numbers = new Map<string, number>();
  for (const line of text.split('\n')) {
    const space = line.indexOf(' ');
    if (space <= 0) continue;
    const code = Number(line.slice(0, space));
    const name = line.slice(space + 1);
    if (!names.has(code)) names.set(code, name);
    if (!numbers.has(name)) numbers.set(name, code);
  }
  return { names, numbers };
}

/**
 * Codes with special handling (see REFERENCE "Errors").
 *
 * @public
 */
export const KnownErrorCodes = {
  InternalError: 0,
  InvalidCredentials: 105,
  UserIsNotAuthorized: 106,
  AuthenticationTokenExpired: 109,
  CallRateExceeded: 117,
  ConcurrentRequestOverLimit: 207,
  OAuthTokenInvalid: 3101,
} as const;

/**
 * The symbolic ErrorCode of a numeric code (`105` → `InvalidCredentials`), if the table has it.
 *
 * @public
 */
export function errorCodeName(code: number): string | undefined {
  return errorCodeTable().names.get(code);
}

/**
 * The numeric code of a symbolic ErrorCode (`CallRateExceeded` → `117`), if the table has it.
 *
 * @public
 */
export function errorCodeNumber(errorCode: string): number | undefined {
  return errorCodeTable().numbers.get(errorCode);
}
