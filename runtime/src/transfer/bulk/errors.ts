import { AdsError, nameClass } from '../../errors.js';

/**
 * A Bulk file that cannot be read or written as the reference describes. Names the line
 * (1-based, the header is line 1 of the data) and the column; quotes at most a short excerpt of
 * a cell.
 */
export class BulkFileError extends AdsError {
  constructor(
    message: string,
    readonly line?: number,
    readonly column?: string,
    options?: { cause?: unknown },
  ) {
    super(
      `${message}${line !== undefined ? ` (line ${line}${column ? `, column '${column}'` : ''})` : ''}`,
      options,
    );
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), line: this.line, column: this.column };
  }
}
nameClass(BulkFileError, 'BulkFileError');
