import type { Protocol } from './errors.js';

/**
 * Attached to every resolved value as the non-enumerable property `$metadata` (so it does
 * not show in JSON or spreads): `(await client.getUser(req)).$metadata` via
 * `getResponseMetadata(result)`. For the raw status and headers, typed, call through
 * `client.withResponse`.
 *
 * @public
 */
export interface ResponseMetadata {
  /** Microsoft's TrackingId: quote it to support. */
  trackingId: string | undefined;
  /** HTTP attempts made, the successful one included. */
  attempts: number;
  protocol: Protocol;
  httpStatus: number;
}

/**
 * The HTTP response a call's value came from: `client.withResponse.getUser(req)`.
 *
 * @public
 */
export interface RawResponse {
  /** HTTP status of the successful attempt. */
  status: number;
  /** Its headers, lower-case names (values went through the client's redactor). */
  headers: Readonly<Record<string, string | readonly string[]>>;
  /** Microsoft's TrackingId (SOAP header element or REST header): quote it to support. */
  trackingId: string | undefined;
  protocol: Protocol;
  /** HTTP attempts made, the successful one included. */
  attempts: number;
}

/**
 * What a method of `client.withResponse` resolves to: the decoded value and its response.
 *
 * @public
 */
export interface WithResponse<T> {
  data: T;
  response: RawResponse;
}

/**
 * The operations of a client, each resolving to `{ data, response }` instead of the value
 * alone (`client.withResponse.getUser(req)`), as openai-node's `.withResponse()` does.
 *
 * @public
 */
export type WithResponseMethods<Operations> = {
  readonly [K in keyof Operations]: Operations[K] extends (...args: infer A) => Promise<infer R>
    ? (...args: A) => Promise<WithResponse<R>>
    : never;
};

/** @public */
export function getResponseMetadata(value: unknown): ResponseMetadata | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  return (value as { $metadata?: ResponseMetadata }).$metadata;
}

/** `value` (an empty object for none) with `$metadata` defined on it, non-enumerable. */
export function withMetadata(value: unknown, response: RawResponse): object {
  const target = typeof value === 'object' && value !== null ? value : {};
  if (Object.isExtensible(target)) {
    const metadata: ResponseMetadata = {
      trackingId: response.trackingId,
      attempts: response.attempts,
      protocol: response.protocol,
      httpStatus: response.status,
    };
    Object.defineProperty(target, '$metadata', {
      value: Object.freeze(metadata),
      enumerable: false,
      configurable: true,
    });
  }
  return target;
}
