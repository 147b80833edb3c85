/**
 * The identity provider refused a request for a reason other than `invalid_grant`
 * (`invalid_client`, `invalid_scope`, `unauthorized_client`, a denied consent, a state
 * mismatch on the redirect): a configuration or user problem, not a transient one, so retry
 * logic must not retry it. `invalid_grant` is `ReauthorizationRequiredError`; timeouts,
 * 5xx and malformed answers are `TransportError`.
 */
import { AdsError } from '../errors.js';
import { redactPatterns } from '../redact.js';

/** @public */
export interface OAuthErrorInit {
  /** The OAuth `error` code (`invalid_client`), or `state_mismatch` / `missing_code` for redirects. */
  error: string;
  httpStatus?: number;
  /** Microsoft's numeric AADSTS codes from `error_codes`, when given. */
  errorCodes?: number[];
  /** The provider's `error_description`, already redacted with the request's secrets. */
  description?: string;
}

/** @public */
export interface OAuthErrorDetails {
  /** The provider's `error_description`, redacted. */
  description?: string;
}

/** @public */
export class OAuthError extends AdsError {
  override name = 'OAuthError';
  readonly error: string;
  readonly httpStatus: number | undefined;
  readonly errorCodes: number[];
  readonly details: OAuthErrorDetails;
  /**
   * `error` and `details` come from the identity provider, which may echo the request: the
   * caller redacts them with the request's secrets, and credential patterns go here too.
   */
  constructor(message: string, init: OAuthErrorInit) {
    super(message);
    this.error = redactPatterns(init.error);
    this.httpStatus = init.httpStatus;
    this.errorCodes = init.errorCodes ?? [];
    this.details =
      init.description !== undefined ? { description: redactPatterns(init.description) } : {};
  }

  override toJSON(): Record<string, unknown> {
    return {
      ...super.toJSON(),
      error: this.error,
      httpStatus: this.httpStatus,
      errorCodes: this.errorCodes,
      ...this.details,
    };
  }
}
