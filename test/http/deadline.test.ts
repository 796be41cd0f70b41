// Timeouts that hold: an upstream that never answers and one that drips a
// byte at a time are both cut off, even when garbage collection runs while
// the request waits (Node 20 lost AbortSignal.any timers to GC, nodejs/node#55428).

import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DeadlineError, fetchWithDeadline } from '../../src/http/deadline.js';
import { XApiError } from '../../src/twitter/errors.js';
import { OAuthSigner } from '../../src/twitter/oauth-signer.js';
import { XV2Client } from '../../src/twitter/v2-client.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

let server: Server;
let base = '';
const open: ServerResponse[] = [];
let behaviour: (res: ServerResponse) => void = () => {};

beforeEach(async () => {
  server = createServer((_req, res) => {
    open.push(res);
    behaviour(res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterEach(async () => {
  for (const res of open.splice(0)) res.destroy();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const hang = () => {};
const drip = (res: ServerResponse) => {
  res.writeHead(200, { 'content-type': 'application/json' });
  res.write('{"data":[');
  const timer = setInterval(() => (res.destroyed ? clearInterval(timer) : res.write(' ')), 20);
};

/** Collects garbage repeatedly while `promise` is pending, as a busy bot would. */
async function withGarbageCollection<T>(promise: Promise<T>): Promise<T> {
  let done = false;
  const collector = (async () => {
    while (!done) {
      gc();
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  })();
  try {
    return await promise;
  } finally {
    done = true;
    await collector;
  }
}

describe('fetchWithDeadline', () => {
  it.each([
    ['never answers', hang],
    ['drips its body', drip],
  ])('gives up on a server that %s, with garbage collected meanwhile', async (_label, how) => {
    behaviour = how;
    const err = await withGarbageCollection(fetchWithDeadline(fetch, `${base}/x`, {}, { timeoutMs: 150 }).catch((e: unknown) => e));
    expect(err).toBeInstanceOf(DeadlineError);
    expect((err as DeadlineError).reason).toBe('timeout');
  });

  it('ends the request when an outer deadline (the report’s) passes first', async () => {
    behaviour = hang;
    const outer = new AbortController();
    const pending = fetchWithDeadline(fetch, `${base}/x`, {}, { timeoutMs: 60_000, signal: outer.signal }).catch((e: unknown) => e);
    outer.abort();
    const err = await pending;
    expect((err as DeadlineError).reason).toBe('aborted');
  });

  it('cuts off an answer larger than allowed', async () => {
    behaviour = (res) => {
      res.writeHead(200);
      res.end('x'.repeat(10_000));
    };
    const err = await fetchWithDeadline(fetch, `${base}/x`, {}, { timeoutMs: 5000, maxBytes: 1000 }).catch((e: unknown) => e);
    expect((err as DeadlineError).reason).toBe('too-large');
  });
});

describe('XV2Client against an X that hangs or drips', () => {
  it.each([
    ['hangs', hang],
    ['drips', drip],
  ])('reports X unavailable after its attempts when X %s', async (_label, how) => {
    behaviour = how;
    const usage = { requests: 0, postsRead: 0, postsRepeated: 0, userReads: 0 };
    const client = new XV2Client({
      apiUrl: base,
      signer: new OAuthSigner({ key: 'ck', secret: 'cs' }),
      token: { key: 'at', secret: 'as' },
      usage,
      timeoutMs: 100,
      sleep: async () => {},
    });
    const err = await withGarbageCollection(client.userPosts('1456789012345678901', {}).catch((e: unknown) => e));
    expect(err).toBeInstanceOf(XApiError);
    expect((err as XApiError).kind).toBe('unavailable');
    expect(usage).toEqual({ requests: 3, postsRead: 0, postsRepeated: 0, userReads: 0 });
  });
});
