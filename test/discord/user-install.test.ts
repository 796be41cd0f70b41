// The member commands installed to a member's own account, used where the bot
// itself is not installed (a server without it, a group DM), through both
// doors: answers are private and say why, and no server's settings or budget apply.

import type { Client } from 'discord.js';
import { afterEach, describe, expect, it } from 'vitest';
import { syntheticTimeline } from '../../src/local-x/posts.js';
import { serveTimeline } from '../../src/local-x/timeline-routes.js';
import { en } from '../../src/text/en.js';
import { ja } from '../../src/text/ja.js';
import { commandPayload, componentPayload } from '../support/discord-payloads.js';
import { DiscordStandIn } from '../support/discord-stand-in.js';
import { eventually, type Harness, linkAccount, startHarness } from '../support/harness.js';
import { layoutButtons, layoutMedia, layoutText } from '../support/layout-text.js';

/** The finished report (its chart is in it) that edited the reply of the interaction with `token`, as the member reads it. */
async function reportFor(h: Harness, token: string): Promise<{ text: string; buttons: Array<{ label: string; customId: string }> }> {
  return eventually(() =>
    h.discord
      .edits()
      .filter((e) => e.path.includes(token))
      .map((e) => DiscordStandIn.payload(e) as { components?: unknown[] })
      .filter((body) => layoutMedia(body.components).length > 0)
      .map((body) => ({ text: layoutText(body.components), buttons: layoutButtons(body.components) }))
      .at(-1),
  );
}

/** A bot with Ada linked, and 20 posts of hers at X. */
async function startLinked(mode: 'http' | 'gateway'): Promise<Harness> {
  const h = await startHarness({ mode });
  serveTimeline(h.x, {
    profile: { id: '1456789012345678901', name: 'Ada', username: 'ada', public_metrics: { followers_count: 10, following_count: 1 } },
    posts: syntheticTimeline(20, h.clock.now - 60_000, 100),
    mentions: [],
  });
  await linkAccount(h, '300000000000000001', { id: '1456789012345678901', screenName: 'ada' });
  return h;
}

function deliver(client: Client, payload: unknown): void {
  (client as unknown as { actions: { InteractionCreate: { handle(d: unknown): void } } }).actions.InteractionCreate.handle(payload);
}

/** Sends the payload through the door under test; resolves with the first answer Discord received. */
async function send(h: Harness, mode: 'http' | 'gateway', payload: { token: string }): Promise<{ type: number; data?: any }> {
  if (mode === 'http') return (await h.interact(payload)).json() as Promise<{ type: number; data?: any }>;
  deliver(h.bot.gateway!, payload);
  const callback = await eventually(() => h.discord.callbacks().find((c) => c.path.includes(payload.token)));
  return DiscordStandIn.payload(callback) as { type: number; data?: any };
}

describe.each(['http', 'gateway'] as const)('user-installed commands (%s door)', (mode) => {
  let h: Harness;
  afterEach(async () => {
    await h.close();
  });

  it('answers privately in a server without the bot, and says why', async () => {
    h = await startHarness({ mode });
    const answer = await send(h, mode, commandPayload({ name: 'link-twitter', userInstalled: 'server' }));
    expect(answer.type).toBe(4);
    expect(answer.data.flags & 64).toBe(64);
    expect(answer.data.content).toContain('private link');
    expect(answer.data.content).toContain('not installed in this server');
    // The link is the member's own: no server recorded, no member "seen" in a server that never added the bot.
    expect(await h.one('select guild_id from pending_links')).toEqual({ guild_id: null });
    expect(await h.sql('select * from guild_members')).toEqual([]);
  });

  it('refuses a public report there, and makes a private one under the app budget only', async () => {
    h = await startLinked(mode);
    const publicAsk = await send(
      h,
      mode,
      commandPayload({ name: 'report', userInstalled: 'server', options: [{ name: 'public', type: 5, value: true }] }),
    );
    expect(publicAsk.data.flags & 64).toBe(64);
    expect(publicAsk.data.content).toContain('cannot post a public report here');
    const privateAsk = commandPayload({ name: 'report', userInstalled: 'server' });
    const deferred = await send(h, mode, privateAsk);
    expect(deferred).toMatchObject({ type: 5, data: { flags: 64 } });
    await eventually(async () => (await h.one<{ outcome: string }>('select outcome from report_runs'))?.outcome === 'ok');
    // Counted against the app alone: the server it came from has no settings or budget of ours.
    expect(await h.one('select guild_id from report_runs')).toEqual({ guild_id: null });
  });

  it('says why a private report is private there, in the member’s language, also when a button re-renders it', async () => {
    h = await startLinked(mode);
    const asked = commandPayload({ name: 'report', userInstalled: 'server', options: [{ name: 'days', type: 4, value: 7 }] });
    expect(await send(h, mode, asked)).toMatchObject({ type: 5, data: { flags: 64 } });
    const report = await reportFor(h, asked.token);
    expect(report.text).toContain('Last 7 days');
    expect(report.text).toContain(en.place.privateHere('server'));

    // 30 days, pressed on that report: the report made in its place says it too.
    h.clock.now += 31_000; // past the cooldown
    const thirty = report.buttons.find((b) => b.label === '30 days')!.customId;
    const press = componentPayload({ customId: thirty, userInstalled: 'server' });
    await send(h, mode, press);
    const pressed = await reportFor(h, press.token);
    expect(pressed.text).toContain('Last 30 days');
    expect(pressed.text).toContain(en.place.privateHere('server'));

    h.clock.now += 31_000;
    const inJapanese = commandPayload({ name: 'report', userInstalled: 'server', locale: 'ja' });
    await send(h, mode, inJapanese);
    expect((await reportFor(h, inJapanese.token)).text).toContain(ja.place.privateHere('server'));
  });

  it('answers privately in a group DM, with the note', async () => {
    h = await startHarness({ mode });
    const answer = await send(h, mode, commandPayload({ name: 'unlink-twitter', userInstalled: 'private-channel' }));
    expect(answer).toMatchObject({ type: 5, data: { flags: 64 } });
    const edit = await eventually(() => h.discord.edits()[0]);
    const content = String(DiscordStandIn.payload(edit).content);
    expect(content).toContain('nothing to remove');
    expect(content).toContain('answers privately');
  });

  it('keeps answering in the bot’s own DM and in an installed server as before (no note)', async () => {
    h = await startHarness({ mode });
    for (const payload of [commandPayload({ name: 'link-twitter', dm: true }), commandPayload({ name: 'link-twitter' })]) {
      const answer = await send(h, mode, payload);
      expect(answer.data.content).not.toContain('not installed');
    }
  });
});
