import type { Dispatcher } from 'undici';

/**
 * One GET through undici's low-level `dispatch`, its body as an async iterable with
 * backpressure: the connection is paused while more than `HIGH_WATER` bytes wait for the reader
 * and resumed once it has taken them. For a download through the caller's own undici dispatcher
 * (a proxy agent): undici's package entry, with its `request` API, is not needed for it.
 */

/** Bytes read ahead of the consumer before the socket is paused. */
const HIGH_WATER = 256 * 1024;

export interface StreamedResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  /** The body; ends with the response. Leaving it early (break, throw) aborts the request. */
  body: AsyncIterable<Buffer>;
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
    const queue: Buffer[] = [];
    let queued = 0;
    let ended = false;
    let failure: unknown;
    let wake: (() => void) | undefined;
    const notify = () => {
      const w = wake;
      wake = undefined;
      w?.();
    };
    const fail = (error: unknown) => {
      if (!headSettled) {
        headSettled = true;
        rejectHead(error);
      }
      failure ??= error;
      notify();
    };
    const onAbort = () => {
      const reason = signal!.reason as unknown;
      if (controller) controller.abort(reason instanceof Error ? reason : new Error('aborted'));
      fail(reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    const release = () => signal?.removeEventListener('abort', onAbort);

    async function* body(): AsyncGenerator<Buffer> {
      try {
        for (;;) {
          while (queue.length) {
            const chunk = queue.shift()!;
            queued -= chunk.length;
            if (controller?.paused && queued <= HIGH_WATER / 2) controller.resume();
            yield chunk;
          }
          if (failure !== undefined) throw failure;
          if (ended) return;
          await new Promise<void>((resolve) => (wake = resolve));
        }
      } finally {
        if (!ended && failure === undefined) controller?.abort(new Error('the reader stopped'));
        release();
      }
    }

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
          body: body(),
          discard: () => {
            if (!ended) controller?.abort(new Error('discarded'));
            release();
          },
        });
      },
      onResponseData(c, chunk) {
        queue.push(chunk);
        queued += chunk.length;
        if (queued > HIGH_WATER && !c.paused) c.pause();
        notify();
      },
      onResponseEnd() {
        ended = true;
        notify();
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
