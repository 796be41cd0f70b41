// POST /interactions: signature checks, PING, bad input, and the guarantee
// that every command gets an answer within Discord's window.

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Dispatch } from '../../src/commands/dispatch.js';
import { handleInteractionPayload } from '../../src/discord/http-door.js';
import type { BotMessage } from '../../src/interaction/contract.js';
import { silentLogger } from '../../src/log/logger.js';
import { commandPayload } from '../support/discord-payloads.js';
import { DiscordStandIn } from '../support/discord-stand-in.js';
import { eventually, type Harness, startHarness } from '../support/harness.js';

describe('POST /interactions', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness({ mode: 'http' });
  });
  afterEach(async () => {
    await h.close();
  });

  it('answers a signed PING with PONG', async () => {
    const res = await h.interact({ type: 1, id: '1', application_id: '1', token: 't', version: 1 });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ type: 1 });
  });

  it('answers 401 to bad, missing or replayed-with-changes signatures', async () => {
    const body = JSON.stringify({ type: 1 });
    const good = h.signer.headers(body, String(Math.floor(h.clock.now / 1000)));
    const cases: Array<[string, Record<string, string>]> = [
      [body, { 'content-type': 'application/json' }],
      [body, { ...good, 'x-signature-ed25519': '0'.repeat(128) }],
      [body, { ...good, 'x-signature-timestamp': '1700000001' }],
      [JSON.stringify({ type: 1, x: 1 }), good],
      ['not json at all', { 'content-type': 'application/json' }],
    ];
    for (const [payload, headers] of cases) {
      const res = await h.interact(payload, headers);
      expect(res.status).toBe(401);
    }
    expect(h.discord.requests).toHaveLength(0);
  });

  it('answers with the headers every page carries, refusals and failures included, though it writes them itself', async () => {
    const body = JSON.stringify({ type: 1 });
    const link = commandPayload({ name: 'link-twitter' });
    const answers = [
      await h.interact({ type: 1, id: '1', application_id: '1', token: 't', version: 1 }),
      await h.interact(link),
      await h.interact(link), // replayed
      await h.interact(body, { 'content-type': 'application/json' }),
      await h.interact('{"type":'),
      await h.bot.web.request('/interactions'),
      // Answers made outside the route: the body limit's, and the app's when the door fails (no replay record).
      await h.interact('x'.repeat(1_100_000)),
      await h.sql('drop table handled_interactions').then(() => h.interact(commandPayload({ name: 'link-twitter' }))),
    ];
    expect(answers.map((a) => a.status)).toEqual([200, 200, 409, 401, 400, 404, 413, 500]);
    for (const answer of answers) {
      expect(answer.headers.get('cache-control')).toBe('no-store');
      expect(answer.headers.get('referrer-policy')).toBe('no-referrer');
      expect(answer.headers.get('x-content-type-options')).toBe('nosniff');
      expect(answer.headers.get('x-frame-options')).toBe('DENY');
      expect(answer.headers.get('content-security-policy')).toContain("default-src 'none'");
    }
    expect(answers[1]?.headers.get('content-type')).toBe('application/json');
  });

  it('answers 400 to signed junk and to interactions it does not handle', async () => {
    expect((await h.interact('{"type":')).status).toBe(400);
    expect((await h.interact({ type: 3, token: 't', data: { custom_id: 'x', component_type: 2 } })).status).toBe(400);
    expect((await h.interact({ type: 2, data: { name: 'link-twitter', type: 1 } })).status).toBe(400);
  });

  it('works in DMs, where Discord sends user instead of member', async () => {
    const res = await h.interact(commandPayload({ name: 'link-twitter', dm: true }));
    const body = (await res.json()) as { type: number; data: { content: string } };
    expect(body.type).toBe(4);
    expect(body.data.content).toContain('private link');
    expect(await h.one('select guild_id from pending_links')).toEqual({ guild_id: null });
  });

  it('tells the member when a command is unknown (stale registration)', async () => {
    const res = await h.interact(commandPayload({ name: 'no-such-command' }));
    const body = (await res.json()) as { type: number; data: { content: string; flags: number } };
    expect(body.type).toBe(4);
    expect(body.data.flags).toBe(64);
    expect(body.data.content).toContain('not available');
  });

  it('retries an edit that reaches Discord before the deferred answer did (Unknown Webhook)', async () => {
    h.discord.failNext(/^PATCH /, { status: 404, body: { message: 'Unknown Webhook', code: 10015 } });
    await h.interact(commandPayload({ name: 'unlink-twitter' }));
    await eventually(() => h.discord.edits().length === 2);
    expect(String(DiscordStandIn.payload(h.discord.edits()[1]!).content)).toContain('nothing to remove');
  });

  it('is not served in gateway mode', async () => {
    const gw = await startHarness({ mode: 'gateway' });
    try {
      expect((await gw.interact({ type: 1 })).status).toBe(404);
    } finally {
      await gw.close();
    }
  });
});

describe('the HTTP door always answers', () => {
  const edits: BotMessage[] = [];
  const deps = (dispatch: Dispatch, ackDeadlineMs = 2000) => ({
    dispatch,
    autocomplete: async () => [],
    press: async () => undefined,
    log: silentLogger,
    ackDeadlineMs,
    replays: { firstSeen: async () => true },
    now: Date.now,
    webhooks: { editOriginal: async (_t: string, m: BotMessage) => void edits.push(m), followUp: async () => undefined },
  });
  beforeEach(() => {
    edits.length = 0;
  });

  it('defers privately on the handler’s behalf when it is slow, then delivers its reply as an edit', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let finished!: () => void;
    const done = new Promise<void>((r) => (finished = r));
    const result = await handleInteractionPayload(
      commandPayload({ name: 'slow' }),
      deps(async (ctx) => {
        await gate;
        await ctx.reply({ content: 'finally' });
        finished();
      }, 1),
    );
    expect(result.body).toEqual({ type: 5, data: { flags: 64 } });
    release();
    await done;
    expect(edits).toEqual([{ content: 'finally' }]);
  });

  it('apologises when a handler ends without answering', async () => {
    const result = await handleInteractionPayload(
      commandPayload({ name: 'mute' }),
      deps(async () => {}),
    );
    expect(result.body).toMatchObject({ type: 4, data: { flags: 64, content: expect.stringContaining('went wrong') } });
  });

  it('sends attachments by deferring and editing, since the first answer is JSON', async () => {
    const file = { name: 'chart.png', data: Buffer.from('png') };
    let finished!: () => void;
    const done = new Promise<void>((r) => (finished = r));
    const result = await handleInteractionPayload(
      commandPayload({ name: 'chart' }),
      deps(async (ctx) => {
        await ctx.reply({ content: 'here', files: [file] });
        finished();
      }),
    );
    expect(result.body).toEqual({ type: 5, data: {} });
    await done;
    expect(edits[0]?.files?.[0]?.name).toBe('chart.png');
  });
});
