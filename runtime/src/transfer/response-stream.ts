import type { Dispatcher } from 'undici';
import { RingBody } from './ring-body.js';

/**
 * One GET through undici's low-level `dispatch`, its body read ahead into a `RingBody` (the
 * connection is paused while the ring is nearly full). For a download through the caller's own
 * undici dispatcher (a proxy agent): undici's package entry, with its `request` API, is not
 * needed for it.
 */

export interface StreamedResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  /** The body; ends with the response. Leaving it early (break, throw) aborts the request. */
  body: AsyncIterable<Uint8Array>;
  /** Drops the body unread (an error status). */
  discard(): void;
}

export interface StreamOptions {
  signal?: AbortSignal;
  headersTimeout: number;
  bodyTimeout: number;
}

export function dispatchGet(
  dispatcher: Dispatcher,
  url: URL,
  options: StreamOptions,
): Promise<StreamedResponse> {
  const { signal } = options;
  return new Promise<StreamedResponse>((resolveHead, rejectHead) => {
    let controller: Dispatcher.DispatchController | undefined;
    let headSettled = false;
    const fail = (error: unknown) => {
      if (!headSettled) {
        headSettled = true;
        rejectHead(error);
      }
      body.fail(error);
    };
    const onAbort = () => {
      const reason = signal!.reason as unknown;
      if (controller) controller.abort(reason instanceof Error ? reason : new Error('aborted'));
      fail(reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    const release = () => signal?.removeEventListener('abort', onAbort);
    const body = new RingBody(
      {
        pause: () => controller?.pause(),
        resume: () => controller?.resume(),
        abort: (reason) => controller?.abort(reason),
      },
      release,
    );

    const handler: Dispatcher.DispatchHandler = {
      onRequestStart(c) {
        controller = c;
        if (signal?.aborted) c.abort(signal.reason as Error);
      },
      onResponseStart(_c, status, headers) {
        headSettled = true;
        resolveHead({
          status,
          headers,
          body,
          discard: () => {
            controller?.abort(new Error('discarded'));
            release();
          },
        });
      },
      onResponseData(_c, chunk) {
        body.push(chunk);
      },
      onResponseEnd() {
        body.end();
      },
      onResponseError(_c, error) {
        fail(error);
      },
    };
    try {
      dispatcher.dispatch(
        {
          origin: url.origin,
          path: `${url.pathname}${url.search}`,
          method: 'GET',
          headersTimeout: options.headersTimeout,
          bodyTimeout: options.bodyTimeout,
        },
        handler,
      );
    } catch (error) {
      fail(error);
    }
  });
}
