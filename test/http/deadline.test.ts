// Timeouts that hold: an upstream that never answers and one that drips a
// byte at a time are both cut off, even when garbage collection runs while
// the request waits (Node 20 lost AbortSignal.any timers to GC, nodejs/node#55428).
// Both transports (node:http, which reports use, and fetch) are held to the same.

import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DeadlineError } from '../../src/http/deadline.js';
import { getThroughFetch, type HttpGet, StaleConnectionError } from '../../src/http/http-get.js';
import { nodeHttpGet } from '../../src/http/node-http-get.js';
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

const transports: Array<[string, HttpGet]> = [
  ['node:http (what reports use)', nodeHttpGet],
  ['fetch', getThroughFetch(fetch)],
];

describe.each(transports)('a GET with a deadline, over %s', (_name, get) => {
  it.each([
    ['never answers', hang],
    ['drips its body', drip],
  ])('gives up on a server that %s, with garbage collected meanwhile', async (_label, how) => {
    behaviour = how;
    const err = await withGarbageCollection(get(`${base}/x`, {}, { timeoutMs: 150 }).catch((e: unknown) => e));
    expect(err).toBeInstanceOf(DeadlineError);
    expect((err as DeadlineError).reason).toBe('timeout');
  });

  it('ends the request when an outer deadline (the report’s) passes first', async () => {
    behaviour = hang;
    const outer = new AbortController();
    const pending = get(`${base}/x`, {}, { timeoutMs: 60_000, signal: outer.signal }).catch((e: unknown) => e);
    outer.abort();
    const err = await pending;
    expect((err as DeadlineError).reason).toBe('aborted');
  });

  it('cuts off an answer larger than allowed', async () => {
    behaviour = (res) => {
      res.writeHead(200);
      res.end('x'.repeat(10_000));
    };
    const err = await get(`${base}/x`, {}, { timeoutMs: 5000, maxBytes: 1000 }).catch((e: unknown) => e);
    expect((err as DeadlineError).reason).toBe('too-large');
  });

  it('gives the status, headers and whole text of an error answer, with the headers it was asked with', async () => {
    let seen: string | undefined;
    server.on('request', (req) => {
      seen = req.headers.authorization;
    });
    behaviour = (res) => {
      res.writeHead(429, { 'x-rate-limit-reset': '1790000000', 'content-type': 'application/json' });
      res.write('{"title":"Too Many ');
      setTimeout(() => res.end('Requests","detail":"ünïcode ✓"}'), 20);
    };
    const answer = await get(`${base}/x`, { authorization: 'OAuth a="1"' }, { timeoutMs: 5000 });
    expect(seen).toBe('OAuth a="1"');
    expect([answer.status, answer.ok, answer.headers.get('X-Rate-Limit-Reset'), answer.headers.get('missing')]).toEqual([
      429,
      false,
      '1790000000',
      null,
    ]);
    expect(JSON.parse(answer.text)).toEqual({ title: 'Too Many Requests', detail: 'ünïcode ✓' });
  });

  it('asks for gzip, reads a gzipped answer, and cuts off one that inflates past the limit (a gzip bomb)', async () => {
    let asked: string | undefined;
    server.on('request', (req) => {
      asked = req.headers['accept-encoding'];
    });
    const page = JSON.stringify({ data: [{ id: '1', text: 'déjà ✓' }] });
    behaviour = (res) => {
      res.writeHead(200, { 'content-encoding': 'gzip' });
      res.end(gzipSync(page));
    };
    expect((await get(`${base}/x`, {}, { timeoutMs: 5000 })).text).toBe(page);
    expect(asked).toMatch(/gzip/);
    const bomb = gzipSync(Buffer.alloc(50_000_000, 32));
    expect(bomb.length).toBeLessThan(100_000);
    behaviour = (res) => {
      res.writeHead(200, { 'content-encoding': 'gzip' });
      res.end(bomb);
    };
    const err = await get(`${base}/x`, {}, { timeoutMs: 5000, maxBytes: 1_000_000 }).catch((e: unknown) => e);
    expect((err as DeadlineError).reason).toBe('too-large');
  });

  it('does not count a wait for room before the body against the timeout, and gives the body a timeout of its own after it', async () => {
    behaviour = (res) => {
      res.writeHead(200);
      res.end('{"data":[]}');
    };
    const held = (ms: number) => async (head: { ok: boolean }) => {
      expect(head.ok).toBe(true);
      await new Promise((resolve) => setTimeout(resolve, ms));
    };
    expect((await get(`${base}/x`, {}, { timeoutMs: 100, beforeBody: held(300) })).text).toBe('{"data":[]}');
    behaviour = (res) => {
      res.writeHead(200);
      res.write('{"data":[');
    };
    const err = await get(`${base}/x`, {}, { timeoutMs: 100, beforeBody: held(50) }).catch((e: unknown) => e);
    expect((err as DeadlineError).reason).toBe('timeout');
  });

  it('ends a wait for room before the body when the outer deadline passes, and the wait sees it', async () => {
    behaviour = (res) => {
      res.writeHead(200);
      res.end('{}');
    };
    const outer = new AbortController();
    let waitEnded = false;
    const err = await get(
      `${base}/x`,
      {},
      {
        timeoutMs: 5000,
        signal: outer.signal,
        beforeBody: (_head, signal) =>
          new Promise<void>((_resolve, reject) => {
            signal.addEventListener('abort', () => {
              waitEnded = true;
              reject(signal.reason);
            });
            outer.abort();
          }),
      },
    ).catch((e: unknown) => e);
    expect((err as DeadlineError).reason).toBe('aborted');
    expect(waitEnded).toBe(true);
  });

  it('fails at once, not at the deadline, when the connection closes while the body waits for room', async () => {
    behaviour = (res) => {
      res.writeHead(200, { 'content-length': '100' });
      res.write('{"data":[');
      setTimeout(() => res.socket?.end(), 20); // a clean close (FIN), not a reset
    };
    // A deadline far past the test's own timeout: only a failure as the connection closes ends it in time.
    const err = await get(
      `${base}/x`,
      {},
      {
        timeoutMs: 60_000,
        beforeBody: () => new Promise((resolve) => setTimeout(resolve, 200)),
      },
    ).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Error);
    expect(err).not.toBeInstanceOf(DeadlineError);
  });

  it('rejects, rather than hangs, when the wait for room throws at once', async () => {
    behaviour = (res) => {
      res.writeHead(200);
      res.end('{}');
    };
    const throwing = () => {
      throw new Error('no room, ever');
    };
    await expect(get(`${base}/x`, {}, { timeoutMs: 60_000, beforeBody: throwing })).rejects.toThrow('no room, ever');
  });

  it.each([
    [429, { 'content-length': '0' }],
    [204, {}],
  ])('reads an empty %i labelled gzip as empty, so its status and headers still count', async (status, extra) => {
    behaviour = (res) => {
      res.writeHead(status, { 'content-encoding': 'gzip', 'x-rate-limit-reset': '1790000000', ...extra });
      res.end();
    };
    const answer = await get(`${base}/x`, {}, { timeoutMs: 5000 });
    expect([answer.status, answer.text, answer.headers.get('x-rate-limit-reset')]).toEqual([status, '', '1790000000']);
  });

  it('gives each of many racing requests its own answer, over connections kept alive and reused', async () => {
    behaviour = (res) => {
      const n = /n=(\d+)/.exec(res.req.url ?? '')?.[1] ?? '';
      setTimeout(() => res.end(JSON.stringify({ n })), Number(n) % 7); // answered out of order
    };
    const asked = Array.from({ length: 60 }, (_, i) => String(i));
    for (let round = 0; round < 2; round++) {
      const answers = await Promise.all(asked.map((n) => get(`${base}/x?n=${n}`, {}, { timeoutMs: 5000 })));
      expect(answers.map((a) => (JSON.parse(a.text) as { n: string }).n)).toEqual(asked);
    }
  });

  it('fails, and does not hang, on headers far larger than any answer of X', async () => {
    behaviour = (res) => {
      res.writeHead(200, { 'x-padding': 'x'.repeat(64 * 1024) });
      res.end('{}');
    };
    const err = await get(`${base}/x`, {}, { timeoutMs: 60_000 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Error);
    expect(err).not.toBeInstanceOf(DeadlineError);
  });

  it('fails, and does not hang, when the connection closes before the body is whole', async () => {
    behaviour = (res) => {
      res.writeHead(200, { 'content-length': '100' });
      res.write('{"data":[');
      setTimeout(() => res.destroy(), 20);
    };
    const err = await get(`${base}/x`, {}, { timeoutMs: 60_000 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Error);
    expect(err).not.toBeInstanceOf(DeadlineError);
  });
});

describe('node:http GETs', () => {
  it('keep connections alive between requests, as fetch does', async () => {
    let connections = 0;
    server.on('connection', () => connections++);
    behaviour = (res) => {
      res.writeHead(200);
      res.end('{}');
    };
    for (let i = 0; i < 5; i++) expect((await nodeHttpGet(`${base}/x`, {}, { timeoutMs: 5000 })).text).toBe('{}');
    expect(connections).toBe(1);
  });

  it('refuses an answer in an encoding it did not ask for, rather than hand on bytes it cannot read', async () => {
    behaviour = (res) => {
      res.writeHead(200, { 'content-encoding': 'br' });
      res.end(brotliCompressSync('{}'));
    };
    await expect(nodeHttpGet(`${base}/x`, {}, { timeoutMs: 5000 })).rejects.toThrow(/encoding not asked for \(br\)/);
  });

  it('reads gzip named among identity codings, and refuses gzip named twice', async () => {
    let encoding = 'GZIP, identity';
    behaviour = (res) => {
      res.writeHead(200, { 'content-encoding': encoding });
      res.end(gzipSync('{"ok":1}'));
    };
    expect((await nodeHttpGet(`${base}/x`, {}, { timeoutMs: 5000 })).text).toBe('{"ok":1}');
    encoding = 'gzip, gzip';
    await expect(nodeHttpGet(`${base}/x`, {}, { timeoutMs: 5000 })).rejects.toThrow(/encoding not asked for \(gzip, gzip\)/);
  });

  describe('on a kept-alive connection the server closes as the next request arrives', () => {
    /** Answers each connection's first request; `closeLater` decides whether later ones on it are cut off unanswered. */
    function closingServer(closeLater: (seen: number) => boolean) {
      const asked = new WeakMap<object, number>();
      const seen = { requests: 0, connections: 0 };
      server.on('connection', () => seen.connections++);
      behaviour = (res) => {
        seen.requests++;
        const onSocket = (asked.get(res.socket as object) ?? 0) + 1;
        asked.set(res.socket as object, onSocket);
        if (onSocket > 1 && closeLater(seen.requests)) return void res.socket?.destroy();
        res.end(`{"n":${seen.requests}}`);
      };
      return seen;
    }

    it('fails as a stale connection, and asks nothing again itself', async () => {
      const seen = closingServer(() => true);
      expect((await nodeHttpGet(`${base}/x`, {}, { timeoutMs: 5000 })).text).toBe('{"n":1}');
      await expect(nodeHttpGet(`${base}/x`, {}, { timeoutMs: 5000 })).rejects.toBeInstanceOf(StaleConnectionError);
      expect(seen).toEqual({ requests: 2, connections: 1 });
    });

    it('does not call it stale when a new connection fails, or when a reused one brings an answer it cannot read', async () => {
      behaviour = (res) => res.socket?.destroy();
      const fresh = await nodeHttpGet(`${base}/x`, {}, { timeoutMs: 5000 }).catch((e: unknown) => e);
      expect(fresh).toBeInstanceOf(Error);
      expect(fresh).not.toBeInstanceOf(StaleConnectionError);
      // The server took this request and answered it: asking again would be a second request.
      let answers = 0;
      behaviour = (res) => {
        if (answers++ === 0) return void res.end('{}');
        res.socket?.end('HTTP/1.1 2xx BROKEN\r\n\r\n');
      };
      await nodeHttpGet(`${base}/x`, {}, { timeoutMs: 5000 });
      const unreadable = await nodeHttpGet(`${base}/x`, {}, { timeoutMs: 5000 }).catch((e: unknown) => e);
      expect(unreadable).toBeInstanceOf(Error);
      expect(unreadable).not.toBeInstanceOf(StaleConnectionError);
    });
  });

  it('refuses a URL that is not http or https', async () => {
    await expect(nodeHttpGet('file:///etc/passwd', {}, { timeoutMs: 5000 })).rejects.toThrow(/cannot GET a file: URL/);
  });
});

describe('XV2Client against an X that hangs or drips', () => {
  /** A client reading with a member's token, counting into a usage of its own; backoff waits are instant. */
  const clientWith = (timeoutMs: number) => {
    const usage = { requests: 0, postsRead: 0, postsRepeated: 0, userReads: 0 };
    const signer = new OAuthSigner({ key: 'ck', secret: 'cs' });
    const token = { key: 'at', secret: 'as' };
    return { usage, client: new XV2Client({ apiUrl: base, signer, token, usage, timeoutMs, sleep: async () => {} }) };
  };

  it.each([
    ['hangs', hang],
    ['drips', drip],
  ])('reports X unavailable after its attempts when X %s', async (_label, how) => {
    behaviour = how;
    const { usage, client } = clientWith(100);
    const err = await withGarbageCollection(client.userPosts('1456789012345678901', {}).catch((e: unknown) => e));
    expect(err).toBeInstanceOf(XApiError);
    expect((err as XApiError).kind).toBe('unavailable');
    expect(usage).toEqual({ requests: 3, postsRead: 0, postsRepeated: 0, userReads: 0 });
  });

  it('asks again at once, signed afresh, when X had closed the kept-alive connection a request was sent on', async () => {
    const nonces: string[] = [];
    const onSocket = new WeakMap<object, number>();
    behaviour = (res) => {
      nonces.push(/oauth_nonce="([^"]+)"/.exec(res.req.headers.authorization ?? '')?.[1] ?? '');
      const n = (onSocket.get(res.socket as object) ?? 0) + 1;
      onSocket.set(res.socket as object, n);
      if (n > 1) return void res.socket?.destroy(); // X's idle timeout, crossing our next request
      res.end(JSON.stringify({ data: [] }));
    };
    let waits = 0;
    const usage = { requests: 0, postsRead: 0, postsRepeated: 0, userReads: 0 };
    const signer = new OAuthSigner({ key: 'ck', secret: 'cs' });
    const client = new XV2Client({ apiUrl: base, signer, token: { key: 'at', secret: 'as' }, usage, sleep: async () => void waits++ });
    await client.userPosts('1456789012345678901', {});
    expect((await client.userPosts('1456789012345678901', {})).data).toEqual([]);
    expect(waits).toBe(0); // no backoff
    expect(nonces).toHaveLength(3);
    expect(new Set(nonces).size).toBe(3);
    expect(usage.requests).toBe(3);
  });

  it('cuts off, by its timeout, an ask made again after a stale connection when X then hangs', async () => {
    const onSocket = new WeakMap<object, number>();
    let answered = false;
    behaviour = (res) => {
      const n = (onSocket.get(res.socket as object) ?? 0) + 1;
      onSocket.set(res.socket as object, n);
      if (n > 1) return void res.socket?.destroy(); // a kept-alive connection X had closed
      if (!answered) {
        answered = true;
        return void res.end(JSON.stringify({ data: [] }));
      }
      // every new connection after the first: X hangs
    };
    const { usage, client } = clientWith(100);
    await client.userPosts('1456789012345678901', {});
    const err = await withGarbageCollection(client.userPosts('1456789012345678901', {}).catch((e: unknown) => e));
    expect(err).toBeInstanceOf(XApiError);
    expect((err as XApiError).kind).toBe('unavailable');
    // The first page; then the stale ask and the ask made again at once, and two more attempts after the backoff.
    expect(usage.requests).toBe(5);
  });

  it('asks again, at once rather than at the deadline, for a page whose connection closed while it waited for room', async () => {
    let answers = 0;
    behaviour = (res) => {
      const page = JSON.stringify({ data: [{ id: '1856789012345678901', created_at: '2026-11-20T10:00:00.000Z', text: 'hi' }] });
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(page)) });
      if (answers++ > 0) return void res.end(page);
      res.write(page.slice(0, 10));
      setTimeout(() => res.socket?.end(), 20); // the first answer's connection closes cleanly mid-body
    };
    // A deadline past the test's own timeout: only failing as the connection closes gets a second ask in.
    const { usage, client } = clientWith(60_000);
    const hold = () => new Promise<void>((resolve) => setTimeout(resolve, 100));
    const page = await client.userPosts('1456789012345678901', {}, 100, hold);
    expect(page.data?.map((p) => p.id)).toEqual(['1856789012345678901']);
    expect(usage).toEqual({ requests: 2, postsRead: 1, postsRepeated: 0, userReads: 0 });
  });
});
