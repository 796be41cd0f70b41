// POST /interactions keeps the acks-first count true whatever happens to a
// request: refused signature, oversized body (declared or streamed), junk,
// a replay, a handler that throws. A count left high would hold every
// report's start back by the priority's full wait from then on.

import { type AddressInfo, connect } from 'node:net';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { createDispatcher, type Dispatch } from '../../../src/commands/dispatch.js';
import { SignatureChecker } from '../../../src/discord/signature-checker.js';
import { AckPriority } from '../../../src/interaction/ack-priority.js';
import type { Command } from '../../../src/interaction/contract.js';
import { silentLogger } from '../../../src/log/logger.js';
import { bodyLimits } from '../../../src/web/body-limit.js';
import { interactionRoutes } from '../../../src/web/routes/interactions.js';
import { commandPayload, DiscordSigner } from '../../support/discord-payloads.js';
import { eventually } from '../../support/harness.js';

function app(dispatch: Dispatch) {
  const signer = new DiscordSigner();
  const acks = new AckPriority();
  let begun = 0;
  let ended = 0;
  const counted = {
    begin: () => {
      begun++;
      acks.begin();
    },
    end: () => {
      ended++;
      acks.end();
    },
  };
  const seen = new Set<string>();
  const web = new Hono();
  web.use('*', bodyLimits([{ path: '/interactions', maxBytes: 4096 }], 1024));
  web.route(
    '/interactions',
    interactionRoutes(new SignatureChecker(signer.publicKeyHex, { thread: 'none' }), {
      dispatch,
      autocomplete: async () => [],
      press: async () => undefined,
      webhooks: { editOriginal: async () => undefined, followUp: async () => undefined },
      replays: { firstSeen: async (id) => !seen.has(id) && Boolean(seen.add(id)) },
      now: Date.now,
      log: silentLogger,
      acks: counted,
      ackDeadlineMs: 50,
    }),
  );
  const post = (body: string | ReadableStream<Uint8Array>, headers: Record<string, string>) =>
    web.request('/interactions', { method: 'POST', body, headers, duplex: 'half' } as RequestInit);
  return { signer, acks, post, web, balance: () => ({ begun, ended }) };
}

/** A body that keeps coming in chunks, with no Content-Length to check up front. */
function endless(): ReadableStream<Uint8Array> {
  const chunk = new Uint8Array(1024).fill(0x20);
  return new ReadableStream({ pull: (c) => c.enqueue(chunk) });
}

describe('POST /interactions and the acks-first count', () => {
  it('ends every interaction it began, on every refusal and every failure', async () => {
    const module = (name: string, execute: Command['execute']) => ({ data: { name, description: name }, execute }) as Command;
    const { signer, acks, post, balance } = app(
      createDispatcher(
        [
          module('link-twitter', (ctx) => ctx.reply({ content: 'ok', ephemeral: true })),
          module('explode', () => Promise.reject(new Error('handler bug'))),
        ],
        silentLogger,
      ),
    );
    const signed = (payload: unknown) => {
      const body = JSON.stringify(payload);
      return [body, signer.headers(body)] as const;
    };
    const ping = signed({ type: 1, id: '1', application_id: '1', token: 't', version: 1 });
    const command = signed(commandPayload({ name: 'link-twitter' }));
    const explode = signed(commandPayload({ name: 'explode' }));

    const statuses = [
      (await post(ping[0], { ...ping[1], 'x-signature-ed25519': '0'.repeat(128) })).status, // forged
      (await post('x'.repeat(5000), { 'content-type': 'application/json', 'content-length': '5000' })).status, // declared too big
      (await post(endless(), { 'content-type': 'application/json' })).status, // streamed too big
      (await post('{"type":', signer.headers('{"type":'))).status, // signed junk
      (await post(ping[0], ping[1])).status,
      (await post(command[0], command[1])).status,
      (await post(command[0], command[1])).status, // replayed
      (await post(explode[0], explode[1])).status, // the handler throws: the member still gets an answer
    ];
    expect(statuses).toEqual([401, 413, 413, 400, 200, 200, 409, 200]);
    // The two oversized bodies are refused by the body limit before the route begins anything.
    expect(balance()).toEqual({ begun: 6, ended: 6 });
    // Nothing left waiting: background work starts in the next turn, not after the priority's full wait.
    let started = false;
    void acks.whenIdle().then(() => {
      started = true;
    });
    await new Promise((r) => setImmediate(r));
    await new Promise((r) => setImmediate(r));
    expect(started).toBe(true);
  });
});

describe('POST /interactions under Node, body read straight off the socket', () => {
  it('survives a client that hangs up mid-body, ends what it began, and answers the next request', async () => {
    const module = {
      data: { name: 'link-twitter', description: 'l' },
      execute: (ctx) => ctx.reply({ content: 'ok', ephemeral: true }),
    } as Command;
    const { signer, web, balance } = app(createDispatcher([module], silentLogger));
    // A client that hangs up is not a failure of ours: nothing reaches the app's error handler (and its log).
    const failures: Error[] = [];
    web.onError((err, c) => {
      failures.push(err);
      return c.text('failed', 500);
    });
    const server = serve({ fetch: web.fetch, hostname: '127.0.0.1', port: 0 });
    await new Promise((resolve) => server.once('listening', resolve));
    const { port } = server.address() as AddressInfo;
    try {
      const body = JSON.stringify(commandPayload({ name: 'link-twitter' }));
      const head = Object.entries({ ...signer.headers(body), 'content-length': String(body.length) })
        .map(([k, v]) => `${k}: ${v}\r\n`)
        .join('');
      // Half the body, then the connection is gone.
      const socket = connect({ host: '127.0.0.1', port });
      await new Promise((resolve) => socket.once('connect', resolve));
      socket.write(`POST /interactions HTTP/1.1\r\nhost: x\r\n${head}\r\n${body.slice(0, body.length / 2)}`);
      await eventually(() => balance().begun === 1);
      socket.destroy();
      await eventually(() => balance().ended === 1);
      // The server carries on: the whole request is answered.
      const res = await fetch(`http://127.0.0.1:${port}/interactions`, { method: 'POST', body, headers: signer.headers(body) });
      expect(res.status).toBe(200);
      expect(res.headers.get('x-frame-options')).toBe('DENY');
      expect(((await res.json()) as { data: { content: string } }).data.content).toBe('ok');
      // Answers of other lengths after it are whole: each carries a length of its own.
      const refused = await fetch(`http://127.0.0.1:${port}/interactions`, { method: 'POST', body, headers: {} });
      expect(refused.status).toBe(401);
      expect(await refused.json()).toEqual({ error: 'stale request timestamp' });
      expect(refused.headers.get('content-length')).toBe(String('{"error":"stale request timestamp"}'.length));
      expect(balance()).toEqual({ begun: 3, ended: 3 });
      expect(failures).toEqual([]);
    } finally {
      server.close();
    }
  });
});

describe('POST /interactions under Node: every answer whole, with its own headers', () => {
  it('answers two copies of one interaction racing (one 200, one 409) and a handler that never answers (deferred for it)', async () => {
    const module = (name: string, execute: Command['execute']) => ({ data: { name, description: name }, execute }) as Command;
    const { signer, web } = app(
      createDispatcher(
        [
          module('link-twitter', (ctx) => ctx.reply({ content: 'ok', ephemeral: true })),
          module('hang', () => new Promise(() => undefined)),
        ],
        silentLogger,
      ),
    );
    const server = serve({ fetch: web.fetch, hostname: '127.0.0.1', port: 0 });
    await new Promise((resolve) => server.once('listening', resolve));
    const { port } = server.address() as AddressInfo;
    const send = (payload: unknown) => {
      const body = JSON.stringify(payload);
      return fetch(`http://127.0.0.1:${port}/interactions`, { method: 'POST', body, headers: signer.headers(body) });
    };
    try {
      const link = commandPayload({ name: 'link-twitter' });
      const answers = await Promise.all([send(link), send(link), send(commandPayload({ name: 'hang' }))]);
      const bodies = await Promise.all(answers.map((a) => a.text()));
      expect(
        answers
          .slice(0, 2)
          .map((a) => a.status)
          .sort(),
      ).toEqual([200, 409]);
      expect(answers[2]?.status).toBe(200);
      expect(JSON.parse(bodies[2] ?? '')).toEqual({ type: 5, data: { flags: 64 } });
      for (const [i, answer] of answers.entries()) {
        expect(answer.headers.get('content-length')).toBe(String(Buffer.byteLength(bodies[i] ?? '')));
        expect(answer.headers.get('x-frame-options')).toBe('DENY');
        expect(answer.headers.get('cache-control')).toBe('no-store');
      }
    } finally {
      server.close();
    }
  });
});
