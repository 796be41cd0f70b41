// What a hostile client sends the web server: bodies too big to hold,
// signed interactions replayed or re-timed, and signed payloads of the wrong
// shape. Each must be refused with a 4xx and leave the bot working.

import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type ServerType, serve } from '@hono/node-server';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { commandPayload } from '../support/discord-payloads.js';
import { type Harness, startHarness } from '../support/harness.js';

let h: Harness;
beforeEach(async () => {
  h = await startHarness({ mode: 'http' });
});
afterEach(async () => {
  await h.close();
});

const count = async (table: string) => ((await h.one(`select count(*) as n from ${table}`)) as { n: number }).n;

async function listen(): Promise<{ server: ServerType; port: number }> {
  return new Promise((resolve) => {
    const server = serve({ fetch: h.bot.web.fetch, hostname: '127.0.0.1', port: 0 }, (info: AddressInfo) =>
      resolve({ server, port: info.port }),
    );
  });
}

/**
 * Streams `bytes` in chunks without Content-Length and without ending the
 * request, then waits for the answer: a server that reads the whole body
 * before checking would never answer.
 */
function streamWithoutEnding(port: number, path: string, bytes: number): Promise<{ status: number; sent: number }> {
  return new Promise((resolve, reject) => {
    let sent = 0;
    const req = httpRequest({ host: '127.0.0.1', port, path, method: 'POST', headers: { 'content-type': 'application/json' } }, (res) => {
      res.resume();
      resolve({ status: res.statusCode ?? 0, sent });
      req.destroy();
    });
    req.on('error', (err) => (sent >= bytes ? undefined : reject(err)));
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    const pump = () => {
      while (sent < bytes) {
        sent += chunk.length;
        if (!req.write(chunk)) return void req.once('drain', pump);
      }
    };
    pump();
  });
}

describe('request bodies', () => {
  it('answers 413 to an oversized chunked body while it is still streaming, on every route', async () => {
    const { server, port } = await listen();
    try {
      const interactions = await streamWithoutEnding(port, '/interactions', 3 * 1024 * 1024);
      expect(interactions.status).toBe(413);
      const link = await streamWithoutEnding(port, `/link/${'A'.repeat(43)}`, 256 * 1024);
      expect(link.status).toBe(413);
      const health = await fetch(`http://127.0.0.1:${port}/healthz`);
      expect(health.status).toBe(200);
    } finally {
      server.close();
    }
  });

  it('answers 413 over Node too to a declared Content-Length over the limit, before the body is sent', async () => {
    const { server, port } = await listen();
    try {
      // The length is read off Node's parsed headers there (web/request-header.ts); the body never comes.
      const status = await new Promise<number>((resolve, reject) => {
        const req = httpRequest(
          { host: '127.0.0.1', port, path: '/interactions', method: 'POST', headers: { 'content-length': '1000001' } },
          (res) => {
            res.resume();
            resolve(res.statusCode ?? 0);
            req.destroy();
          },
        );
        req.on('error', reject);
        req.flushHeaders();
      });
      expect(status).toBe(413);
      expect(await count('handled_interactions')).toBe(0);
    } finally {
      server.close();
    }
  });

  it('answers 413 to a declared Content-Length over the limit without reading it', async () => {
    const res = await h.bot.web.request('/interactions', {
      method: 'POST',
      body: 'x'.repeat(1_000_001),
      headers: { 'content-type': 'application/json' },
    });
    expect(res.status).toBe(413);
  });
});

describe('replayed and re-timed interactions', () => {
  it('handles the same signed bytes once', async () => {
    const body = JSON.stringify(commandPayload({ name: 'link-twitter' }));
    const headers = h.signer.headers(body, String(Math.floor(h.clock.now / 1000)));
    expect((await h.interact(body, headers)).status).toBe(200);
    const replay = await h.interact(body, headers);
    expect(replay.status).toBe(409);
    expect(await count('pending_links')).toBe(1);
    // A bot restart does not forget what it handled.
    await h.restart();
    expect((await h.interact(body, headers)).status).toBe(409);
    expect(await count('pending_links')).toBe(1);
  });

  it('handles the same signed bytes once when both copies arrive together', async () => {
    const body = JSON.stringify(commandPayload({ name: 'link-twitter' }));
    const headers = h.signer.headers(body, String(Math.floor(h.clock.now / 1000)));
    const both = await Promise.all([h.interact(body, headers), h.interact(body, headers)]);
    expect(both.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(await count('pending_links')).toBe(1);
  });

  it('answers each of a burst by its own signature, genuine and forged checked together', async () => {
    const now = String(Math.floor(h.clock.now / 1000));
    const sent = Array.from({ length: 40 }, (_, i) => {
      const body = JSON.stringify(commandPayload({ name: 'link-twitter', member: { id: String(300000000000000100n + BigInt(i)) } }));
      // Every odd one carries a genuine signature, but over the body it was signed for with one byte changed.
      const headers = h.signer.headers(i % 2 === 0 ? body : `${body} `, now);
      return h.interact(body, headers);
    });
    const statuses = (await Promise.all(sent)).map((r) => r.status);
    expect(statuses).toEqual(Array.from({ length: 40 }, (_, i) => (i % 2 === 0 ? 200 : 401)));
    expect(await count('pending_links')).toBe(20);
  });

  it('checks a body near the size limit whole: genuine is handled, one byte changed is refused', async () => {
    const body = JSON.stringify({ ...commandPayload({ name: 'link-twitter' }), padding: 'x'.repeat(900_000) });
    const now = String(Math.floor(h.clock.now / 1000));
    const forged = await h.interact(body.replace('x"', 'y"'), h.signer.headers(body, now));
    expect(forged.status).toBe(401);
    expect((await h.interact(body, h.signer.headers(body, now))).status).toBe(200);
    expect(await count('pending_links')).toBe(1);
  });

  it.each([
    ['an hour old', -3600],
    ['a year old', -365 * 86_400],
    ['a year ahead', 365 * 86_400],
    ['ten minutes ahead', 600],
  ])('refuses a genuinely signed request whose timestamp is %s', async (_label, offset) => {
    const body = JSON.stringify(commandPayload({ name: 'link-twitter' }));
    const res = await h.interact(body, h.signer.headers(body, String(Math.floor(h.clock.now / 1000) + offset)));
    expect(res.status).toBe(401);
    expect(await count('pending_links')).toBe(0);
  });

  it.each(['1', 'abc', '', '1e9', '-5'])('refuses the signed timestamp %j', async (timestamp) => {
    const body = JSON.stringify(commandPayload({ name: 'link-twitter' }));
    const res = await h.interact(body, h.signer.headers(body, timestamp));
    expect(res.status).toBe(401);
  });

  it('accepts a timestamp a little off our clock, as real clocks are', async () => {
    const body = JSON.stringify(commandPayload({ name: 'link-twitter' }));
    const res = await h.interact(body, h.signer.headers(body, String(Math.floor(h.clock.now / 1000) - 90)));
    expect(res.status).toBe(200);
  });
});

describe('signed payloads of the wrong shape', () => {
  const report = commandPayload({ name: 'report' });
  // Written as text: JSON.stringify itself would overflow the stack on it.
  const nested = (depth: number) =>
    JSON.stringify({ ...report, data: { name: 'report', type: 1, options: '@' } }).replace(
      '"@"',
      `[${'{"name":"x","type":1,"options":['.repeat(depth)}{"name":"days","type":4,"value":7}${']}'.repeat(depth)}]`,
    );
  const cases: Array<[string, Record<string, unknown> | string]> = [
    ['options: [null]', { ...report, data: { name: 'report', type: 1, options: [null] } }],
    ['options: 5', { ...report, data: { name: 'report', type: 1, options: 5 } }],
    ['options: {}', { ...report, data: { name: 'report', type: 1, options: {} } }],
    ['member.permissions: "abc"', { ...report, member: { ...(report.member as object), permissions: 'abc' } }],
    ['app_permissions: "1.5"', { ...report, app_permissions: '1.5' }],
    ['options nested 20,000 deep', nested(20_000)],
    ['no user at all', { ...report, member: undefined, user: undefined }],
    ['a numeric interaction id', { ...report, id: 12 }],
    ['data: null', { ...report, data: null }],
  ];

  it.each(cases)('answers 400 to %s and keeps working', async (_label, payload) => {
    const res = await h.interact(payload);
    expect(res.status).toBe(400);
    expect(h.logs.join('\n')).not.toMatch(/"level":"error"/);
    const ok = await h.interact(commandPayload({ name: 'link-twitter' }));
    expect(ok.status).toBe(200);
  });
});
