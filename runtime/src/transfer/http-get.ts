import { get as httpGet, type IncomingMessage } from 'node:http';
import { get as httpsGet } from 'node:https';
import { BODY_TIMEOUT, CONNECT_TIMEOUT, HEADERS_TIMEOUT } from '../transport-errors.js';
import type { StreamOptions, StreamedResponse } from './response-stream.js';
import { RingBody } from './ring-body.js';

/**
 * One GET on Node's own http/https, for a download without a dispatcher of the caller's: the
 * body is read ahead into a `RingBody` (the socket is paused while the ring is nearly full, and
 * destroyed when the reader stops early), on a connection of its own that closes after.
 *
 * Not undici: a download is one long stream, and undici's parser hands each body chunk over in
 * a fresh buffer copied out of its WebAssembly memory, one more short-lived buffer per socket
 * read than Node's parser. V8 frees such buffers late, so over a fast link they piled up by
 * tens of MB (README, Reports, has the numbers). Nor the API transports' `send`: it gathers a
 * body (or pushes it to a sink) without waiting for a reader, where a download must.
 *
 * A silence of `headersTimeout` / `bodyTimeout` (connecting, waiting for the head, between
 * chunks) fails with the phase codes both API transports use (transport-errors.ts), so that
 * `toTransportError` words every download failure alike.
 */
export function nodeGet(url: URL, options: StreamOptions): Promise<StreamedResponse> {
  const get = url.protocol === 'https:' ? httpsGet : httpGet;
  return new Promise<StreamedResponse>((resolve, reject) => {
    let response: IncomingMessage | undefined;
    const request = get(
      url,
      {
        agent: false,
        timeout: options.headersTimeout,
        ...(options.signal ? { signal: options.signal } : {}),
      },
      (res) => {
        response = res;
        request.setTimeout(options.bodyTimeout);
        const body = new RingBody({
          pause: () => res.pause(),
          resume: () => res.resume(),
          abort: () => res.destroy(),
        });
        res.on('data', (chunk: Buffer) => body.push(chunk));
        res.on('end', () => body.end());
        res.on('error', (error) => body.fail(error));
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          body,
          discard: () => res.destroy(),
        });
      },
    );
    request.on('timeout', () => {
      const connected = request.socket !== null && !request.socket.connecting;
      const code = !connected
        ? CONNECT_TIMEOUT
        : response === undefined
          ? HEADERS_TIMEOUT
          : BODY_TIMEOUT;
      const error = Object.assign(new Error(`silent for ${ms(response)} ms`), { code });
      // Before the head the request fails; after it the body stream does.
      if (response === undefined) request.destroy(error);
      else response.destroy(error);
    });
    const ms = (res: IncomingMessage | undefined) =>
      res === undefined ? options.headersTimeout : options.bodyTimeout;
    request.on('error', (error) => {
      if (response === undefined) reject(error);
    });
  });
}
