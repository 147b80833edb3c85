import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Microsoft's symbolic error code → its number, from the specs' error-codes.json. */
export class ErrorCodes {
  private readonly byName = new Map<string, number>();

  constructor(specsDir: string, file = 'error-codes.json') {
    const table = JSON.parse(readFileSync(join(specsDir, file), 'utf8')) as {
      codes: { code: number; errorCode: string }[];
    };
    for (const c of table.codes)
      if (!this.byName.has(c.errorCode)) this.byName.set(c.errorCode, c.code);
  }

  /** The number of `errorCode`; throws for a name Microsoft does not define (a mock bug). */
  code(errorCode: string): number {
    const n = this.byName.get(errorCode);
    if (n === undefined) throw new Error(`error code ${errorCode} is not in error-codes.json`);
    return n;
  }
}

/** One item's failure in a batch operation (BatchError), protocol-neutral. */
export interface BatchErrorValue {
  Code: number;
  Details: string | null;
  ErrorCode: string;
  FieldPath: string | null;
  Index: number;
  Message: string;
  Type: 'BatchError';
}

export function batchError(
  codes: ErrorCodes,
  errorCode: string,
  index: number,
  message: string,
  fieldPath: string | null = null,
): BatchErrorValue {
  return {
    Code: codes.code(errorCode),
    Details: null,
    ErrorCode: errorCode,
    FieldPath: fieldPath,
    Index: index,
    Message: message,
    Type: 'BatchError',
  };
}
