import { TransportError } from './errors.js';

/**
 * `promise`, unless the caller's signal fires first: then a TransportError 'aborted' at once.
 * For waits the call does not own (a token refresh shared by concurrent calls): the caller
 * stops waiting, the shared work goes on for the others. A later rejection of `promise` is
 * handled here, so losing the race never leaves an unhandled rejection behind.
 */
export function untilAborted<T>(
  promise: Promise<T>,
  signal: AbortSignal | undefined,
  operation: string,
): Promise<T> {
  if (!signal) return promise;
  const aborted = () =>
    new TransportError('aborted', `${operation}: the call was aborted`, {
      operation,
      mayHaveRun: false,
    });
  if (signal.aborted) {
    promise.catch(() => undefined);
    return Promise.reject(aborted());
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => {
      promise.catch(() => undefined);
      reject(aborted());
    };
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}
