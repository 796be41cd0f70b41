// Outbound HTTP with timeouts that hold. On Node 20, AbortSignal.any over
// AbortSignal.timeout can lose its timer to garbage collection
// (nodejs/node#55428, nodejs/undici#4068): a hanging upstream then holds a
// request forever. Here every request owns a plain setTimeout, which keeps its
// AbortController alive until it fires or is cleared, and the one timer covers
// connecting, waiting for headers and reading the body, so a server that
// drips bytes is cut off as surely as one that never answers.

export type DeadlineFailure = 'timeout' | 'aborted' | 'too-large';

export class DeadlineError extends Error {
  constructor(
    readonly reason: DeadlineFailure,
    message: string,
  ) {
    super(message);
    this.name = 'DeadlineError';
  }
}

export interface DeadlineOptions {
  /** The whole request: connect, headers and body. */
  timeoutMs: number;
  /** An outer deadline (a report's, a shutdown's) that also ends the request. */
  signal?: AbortSignal;
  /** Largest response body read; a bigger one is cut off. */
  maxBytes?: number;
  /**
   * Awaited once the headers are in, before the body is read, with the
   * request's signal (aborted by the outer signal): a caller that bounds what
   * it holds in memory waits here for room, while the unread body waits in
   * the socket. The wait is not part of timeoutMs; the body gets a timeoutMs
   * of its own after it.
   */
  beforeBody?: (head: { ok: boolean; status: number }, signal: AbortSignal) => Promise<void>;
}

export interface FetchedText {
  response: Response;
  text: string;
}

/** X pages are well under 1 MiB; anything far larger is not an answer we want. */
export const DEFAULT_MAX_BYTES = 8 * 1024 * 1024;

/** The failures every transport reports (see node-http-get.ts), worded the same. */
export const timedOut = (ms: number) => new DeadlineError('timeout', `no complete answer within ${ms} ms`);
export const callerGaveUp = () => new DeadlineError('aborted', 'the caller gave up');
export const tooLarge = (maxBytes: number) => new DeadlineError('too-large', `answer larger than ${maxBytes} bytes`);

export async function fetchWithDeadline(
  fetchImpl: typeof fetch,
  url: string,
  init: RequestInit,
  options: DeadlineOptions,
): Promise<FetchedText> {
  const controller = new AbortController();
  const arm = () => setTimeout(() => controller.abort(timedOut(options.timeoutMs)), options.timeoutMs);
  let timer = arm();
  const outer = options.signal;
  const onOuterAbort = () => controller.abort(callerGaveUp());
  if (outer?.aborted) onOuterAbort();
  else outer?.addEventListener('abort', onOuterAbort, { once: true });
  try {
    const response = await fetchImpl(url, { ...init, signal: controller.signal });
    if (options.beforeBody) {
      clearTimeout(timer);
      await options.beforeBody(response, controller.signal);
      timer = arm();
    }
    const text = await readText(response, options.maxBytes ?? DEFAULT_MAX_BYTES, controller);
    return { response, text };
  } catch (err) {
    // fetch rejects with the abort reason or a TypeError wrapping it.
    const reason: unknown = controller.signal.aborted ? controller.signal.reason : undefined;
    throw reason instanceof DeadlineError ? reason : err;
  } finally {
    clearTimeout(timer);
    outer?.removeEventListener('abort', onOuterAbort);
  }
}

async function readText(response: Response, maxBytes: number, controller: AbortController): Promise<string> {
  if (!response.body) return '';
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let size = 0;
  let text = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return text + decoder.decode();
    size += value.byteLength;
    if (size > maxBytes) {
      const failure = tooLarge(maxBytes);
      controller.abort(failure);
      await reader.cancel().catch(() => undefined);
      throw failure;
    }
    text += decoder.decode(value, { stream: true });
  }
}
