import { TransportError } from './errors.js';
import type { TransportRequest } from './transport.js';

/**
 * The built-in transports' failures as `TransportError`s, one table for both stacks (undici
 * and node:http): the same failure reads the same, with the same `reason` and `mayHaveRun`,
 * whichever transport met it. Only codes and the stacks' own short messages are kept, never
 * headers or bodies.
 */

/** A send after `close()`: nothing left this process. */
export function closedError(operation: string): TransportError {
  return new TransportError('aborted', `${operation}: the client was closed`, {
    operation,
    mayHaveRun: false,
  });
}

/** The signal's reason when it is an Error, else an AbortError like fetch's. */
export function abortReason(signal: AbortSignal): Error {
  return signal.reason instanceof Error
    ? signal.reason
    : new DOMException('The call was aborted', 'AbortError');
}

/** The whole attempt outlived `attemptTimeoutMs`, however steadily bytes were arriving. */
export function deadlineExceeded(
  operation: string,
  origin: string,
  deadlineMs: number,
  httpStatus: number | undefined,
  sent: boolean,
): TransportError {
  const phase = httpStatus === undefined ? 'no response' : 'the response was not complete';
  return new TransportError(
    'timeout',
    `${operation}: ${phase} from ${origin} within the attempt deadline of ${deadlineMs} ms (attemptTimeoutMs)`,
    { operation, mayHaveRun: sent, ...(httpStatus !== undefined ? { httpStatus } : {}) },
  );
}

export function tooLarge(operation: string, httpStatus: number, limit: number): TransportError {
  return new TransportError(
    'too-large',
    `${operation}: the response is larger than ${limit} bytes (maxResponseBytes); it was not read`,
    { operation, httpStatus },
  );
}

/**
 * The timeouts of each phase. The node:http transport names its own with undici's codes, so
 * that `details.code` means one thing whichever transport a client uses.
 */
export const CONNECT_TIMEOUT = 'UND_ERR_CONNECT_TIMEOUT';
export const HEADERS_TIMEOUT = 'UND_ERR_HEADERS_TIMEOUT';
export const BODY_TIMEOUT = 'UND_ERR_BODY_TIMEOUT';

const TIMEOUT_CODES = new Set([CONNECT_TIMEOUT, HEADERS_TIMEOUT, BODY_TIMEOUT, 'ETIMEDOUT']);

/**
 * Failures that happen while connecting, before a request can be written: whatever the stack
 * says about the phase, these prove the service never saw it.
 */
const NOT_SENT_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EAI_NONAME',
  'EHOSTUNREACH',
  'ENETUNREACH',
  CONNECT_TIMEOUT,
]);

/** What undici and node:http throw for a request they refuse to send (a bad header, URL or method). */
const INVALID_ARGUMENT_CODES = new Set([
  'UND_ERR_INVALID_ARG',
  'ERR_INVALID_CHAR',
  'ERR_INVALID_HTTP_TOKEN',
  'ERR_HTTP_INVALID_HEADER_VALUE',
  'ERR_INVALID_PROTOCOL',
  'ERR_UNESCAPED_CHARACTERS',
]);

/**
 * undici / node:http / socket errors → TransportError. node:http reports its failures with
 * socket codes (ECONNRESET for a reset and for its 'socket hang up' alike) and its parser's
 * HPE_ codes. Only codes and the stacks' own short messages are kept. `sent`: the request was
 * handed to a connected socket (it may have reached the service).
 */
export function toTransportError(
  error: unknown,
  request: Pick<TransportRequest, 'operation' | 'signal'>,
  origin: string,
  httpStatus?: number,
  sent = false,
): Error {
  const operation = request.operation;
  // undici's parser errors carry an HPE_ code only for some failures; their name says it always.
  const parserError = nameOf(error) === 'HTTPParserError';
  const code = errorCode(error) ?? (parserError ? 'HTTPParserError' : undefined);
  // A bad header value or URL is a programming error, not a network failure: never retried.
  if (code !== undefined && INVALID_ARGUMENT_CODES.has(code) && error instanceof Error)
    return error;
  const base = {
    operation,
    mayHaveRun: (sent || httpStatus !== undefined) && !NOT_SENT_CODES.has(code ?? ''),
    ...(httpStatus !== undefined ? { httpStatus } : {}),
    ...(code ? { code } : {}),
  };
  // undici reports a proxy that will not open the tunnel as an abort; nothing was sent.
  const refused = /^Proxy response \((\d{3})\)/.exec(error instanceof Error ? error.message : '');
  if (refused && !request.signal?.aborted) {
    return new TransportError(
      'connection',
      `${operation}: the proxy refused to open a tunnel to ${origin} (HTTP ${refused[1]})`,
      { operation, mayHaveRun: false, code: 'PROXY_TUNNEL_REFUSED' },
    );
  }
  if (
    request.signal?.aborted ||
    code === 'UND_ERR_ABORTED' ||
    code === 'ABORT_ERR' ||
    nameOf(error) === 'AbortError'
  ) {
    return new TransportError('aborted', `${operation}: the call was aborted`, base);
  }
  if (code && TIMEOUT_CODES.has(code)) {
    const phase =
      code === CONNECT_TIMEOUT
        ? 'connecting to'
        : code === BODY_TIMEOUT
          ? 'reading the response from'
          : 'waiting for a response from';
    return new TransportError('timeout', `${operation}: timed out ${phase} ${origin}`, base);
  }
  if (parserError || code?.startsWith('HPE_')) {
    return new TransportError(
      'malformed-response',
      `${operation}: ${origin} sent an invalid HTTP response (${code})`,
      base,
    );
  }
  const what =
    httpStatus !== undefined
      ? 'the connection closed while reading the response from'
      : 'could not complete the request to';
  const detail = error instanceof Error && error.message ? `: ${error.message}` : '';
  return new TransportError(
    'connection',
    `${operation}: ${what} ${origin} (${code ?? 'error'})${detail}`,
    base,
  );
}

function errorCode(error: unknown): string | undefined {
  let e: unknown = error;
  // undici wraps socket errors; the OS code (ECONNRESET) is more telling when present.
  for (let depth = 0; depth < 3 && e && typeof e === 'object'; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && /^E[A-Z]+$/.test(code)) return code;
    e = (e as { cause?: unknown }).cause;
  }
  const top = (error as { code?: unknown } | null)?.code;
  return typeof top === 'string' ? top : undefined;
}

function nameOf(error: unknown): string | undefined {
  return error instanceof Error ? error.name : undefined;
}
