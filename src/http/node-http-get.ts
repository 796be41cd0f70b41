// X's pages fetched over node:http rather than undici's fetch. In a burst of
// heavy reports the bot asks X for thousands of pages, and fetch took about
// twice the CPU for each (730 µs against 374 for a 38 KB page, parsed; its web
// streams, Response and Headers objects), on the thread that also answers
// Discord. The deadline is the same as fetchWithDeadline's: one plain timer
// over connecting, the headers and the body, paused only while beforeBody
// waits for room; an outer signal ends the request; a body over maxBytes is
// cut off. A request written to a kept-alive connection the server had just
// closed fails as a StaleConnectionError, which the caller may ask again at once.

import http, { type IncomingHttpHeaders, type IncomingMessage } from 'node:http';
import https from 'node:https';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { callerGaveUp, DEFAULT_MAX_BYTES, timedOut, tooLarge } from './deadline.js';
import { type AnswerHead, type HttpAnswer, type HttpGet, StaleConnectionError } from './http-get.js';

/** How a connection the server had closed fails a request written to it (Node's 'socket hang up' is ECONNRESET). */
const STALE_CODES = new Set(['ECONNRESET', 'EPIPE']);

// Kept-alive connections, as fetch keeps them; idle ones close after 5 s and
// never hold the process open (the agent unrefs them).
const agentOptions = { keepAlive: true, scheduling: 'lifo', timeout: 5_000 } as const;
const httpAgent = new http.Agent(agentOptions);
const httpsAgent = new https.Agent(agentOptions);

export const nodeHttpGet: HttpGet = (url, headers, options) =>
  new Promise<HttpAnswer>((resolve, reject) => {
    const target = new URL(url);
    const secure = target.protocol === 'https:';
    if (!secure && target.protocol !== 'http:') {
      reject(new TypeError(`cannot GET a ${target.protocol} URL`));
      return;
    }
    const controller = new AbortController();
    const outer = options.signal;
    let timer: NodeJS.Timeout | undefined;
    let settled = false;
    // Compressed, as fetch asks: X's pages are JSON that gzip shrinks several times over.
    const asked = { ...headers, 'accept-encoding': 'gzip' };
    const request = (secure ? https : http).request(target, { method: 'GET', headers: asked, agent: secure ? httpsAgent : httpAgent });

    const settle = (err: Error | undefined, answer?: HttpAnswer) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      outer?.removeEventListener('abort', onOuterAbort);
      if (!err) return resolve(answer as HttpAnswer);
      controller.abort(err);
      request.destroy();
      reject(err);
    };
    const arm = () => {
      timer = setTimeout(() => settle(timedOut(options.timeoutMs)), options.timeoutMs);
    };
    const onOuterAbort = () => settle(callerGaveUp());

    let answered: IncomingMessage | undefined;
    const cleanClose = new Error('the connection closed before the answer was complete');
    // A reused connection reset or closed before any answer was closed by the server as we wrote to it. Not an
    // answer that failed to parse (HPE_*): the server took that request, and a second ask would be a second request.
    const failed = (err: Error) => {
      const reset = !answered && request.reusedSocket && (err === cleanClose || STALE_CODES.has((err as NodeJS.ErrnoException).code ?? ''));
      settle(reset ? new StaleConnectionError('the server had closed the kept-alive connection', { cause: err }) : err);
    };
    request.on('error', failed);
    // A connection closed cleanly before the answer is whole (while beforeBody waits, or after a 101) errors
    // nothing: the request only closes, and without this the page's room would be held until the timer.
    request.on('close', () => {
      if (!answered?.complete) failed(cleanClose);
    });
    request.on('response', (response: IncomingMessage) => {
      answered = response;
      const head = answerHead(response);
      const read = () => readBody(response, head, options.maxBytes ?? DEFAULT_MAX_BYTES, settle);
      if (!options.beforeBody) return read();
      // The unread body waits in the socket meanwhile; the wait is not part of timeoutMs.
      clearTimeout(timer);
      const before = options.beforeBody;
      // Called from a promise, so one that throws at once rejects like one that rejects later.
      Promise.resolve()
        .then(() => before(head, controller.signal))
        .then(
          () => {
            if (settled) return;
            arm();
            read();
          },
          (err: Error) => settle(err),
        );
    });
    arm();
    if (outer?.aborted) return onOuterAbort();
    outer?.addEventListener('abort', onOuterAbort, { once: true });
    request.end();
  });

function answerHead(response: IncomingMessage): AnswerHead {
  const status = response.statusCode ?? 0;
  const headers: IncomingHttpHeaders = response.headers;
  return {
    status,
    ok: status >= 200 && status < 300,
    headers: {
      get(name) {
        const value = headers[name.toLowerCase()];
        return Array.isArray(value) ? value.join(', ') : (value ?? null);
      },
    },
  };
}

function readBody(
  response: IncomingMessage,
  head: AnswerHead,
  maxBytes: number,
  settle: (err: Error | undefined, answer?: HttpAnswer) => void,
) {
  const body = decoded(response);
  if (body instanceof Error) return settle(body);
  const chunks: Buffer[] = [];
  let size = 0;
  // maxBytes bounds what is held once decompressed: a small gzip bomb is cut off like a large answer.
  body.on('data', (chunk: Buffer) => {
    size += chunk.length;
    if (size <= maxBytes) return void chunks.push(chunk);
    body.destroy(); // what gunzip holds still to inflate goes too
    settle(tooLarge(maxBytes));
  });
  body.on('end', () => settle(undefined, { ...head, text: Buffer.concat(chunks, size).toString('utf8') }));
  body.on('error', (err) => settle(err));
  response.on('error', (err) => settle(err));
  // A connection closed mid-body ends without 'end' (and, on some versions, without 'error').
  response.on('close', () => {
    if (!response.complete) settle(new Error('the connection closed before the answer was complete'));
  });
}

function decoded(response: IncomingMessage): Readable | Error {
  // No body (204, 304, a length of 0) is an empty answer, not a gzip stream cut short, whatever it is labelled.
  if (response.statusCode === 204 || response.statusCode === 304 || response.headers['content-length'] === '0') return response;
  const codings = (response.headers['content-encoding'] ?? '')
    .split(',')
    .map((coding) => coding.trim().toLowerCase())
    .filter((coding) => coding !== '' && coding !== 'identity');
  if (codings.length === 0) return response;
  if (codings.length === 1 && (codings[0] === 'gzip' || codings[0] === 'x-gzip')) return response.pipe(createGunzip());
  return new Error(`the answer came in an encoding not asked for (${codings.join(', ')})`);
}
