/**
 * `@adsgen/runtime/internal`: what generated packages and adsgen's own tools import, not
 * application code. No compatibility promise: it changes with the generator that emits
 * the calls to it, and a generated package is always regenerated against its runtime.
 *
 * @packageDocumentation
 */

export type * from './descriptors.js';
export { descriptorFromJson } from './descriptor-json.js';
export { installOperations } from './operations.js';
export { baseChain, wireFields, wireOrder, type Inheriting } from './wire-order.js';
export { encodeSoapRequest } from './soap/encode.js';
export { decodeSoapResponse, type SoapDecodeResult } from './soap/decode.js';
export { encodeRestBody } from './rest/encode.js';
export { decodeRestFault, decodeRestResponse } from './rest/decode.js';
export { faultToError, type FaultInput } from './fault-to-error.js';
export { backoffDelay, classifyError, parseRetryAfter, type RetryClass } from './retry.js';
export { Redactor, redactPatterns } from './redact.js';
