/**
 * A token store could not be read or written. Names the file and what went wrong, never
 * the file's content (a corrupt file may still hold most of a refresh token).
 */
import { AdsError } from '../errors.js';

/** @public */
export class TokenStoreError extends AdsError {
  override name = 'TokenStoreError';
  constructor(
    message: string,
    readonly path: string,
    /** The fs error code (`EACCES`), or `corrupt` when the content is not a token file. */
    readonly code: string,
  ) {
    super(message);
  }
}
