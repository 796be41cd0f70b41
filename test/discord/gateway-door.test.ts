// The gateway door with real discord.js structures: raw INTERACTION_CREATE
// payloads go through discord.js's own action handler, and the REST calls
// discord.js makes are observed at the local Discord stand-in.

import type { Client } from 'discord.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { commandPayload } from '../support/discord-payloads.js';
import { DiscordStandIn } from '../support/discord-stand-in.js';
import { eventually, type Harness, startHarness } from '../support/harness.js';

let h: Harness;
beforeEach(async () => {
  h = await startHarness({ mode: 'gateway' });
});
afterEach(async () => {
  await h.close();
});

/** What discord.js does with an INTERACTION_CREATE dispatch from the gateway. */
function deliver(client: Client, payload: unknown): void {
  (client as unknown as { actions: { InteractionCreate: { handle(d: unknown): void } } }).actions.InteractionCreate.handle(payload);
}

describe('gateway door', () => {
  it('connects with the Guilds intent only', () => {
    expect(h.bot.gateway!.options.intents.toArray()).toEqual(['Guilds']);
  });

  it('answers /link-twitter ephemerally through discord.js and confirms the link later', async () => {
    const payload = commandPayload({ name: 'link-twitter' });
    deliver(h.bot.gateway!, payload);
    const callback = await eventually(() => h.discord.callbacks()[0]);
    expect(callback.path).toBe(`/api/v10/interactions/${payload.id}/${payload.token}/callback`);
    const body = DiscordStandIn.payload(callback) as { type: number; data: { flags: number; components: any[] } };
    expect(body.type).toBe(4);
    expect(body.data.flags & 64).toBe(64);
    const url = new URL(body.data.components[0].components[0].url);

    const browser = h.browser();
    const { location } = await browser.openLink(url.pathname);
    const rt = new URL(location!).searchParams.get('oauth_token')!;
    const query = new URLSearchParams(h.x.approve(rt, { id: '1456789012345678901', screenName: 'ada' }));
    expect((await browser.get(`/twitter/callback?${query}`)).status).toBe(200);
    const edit = await eventually(() => h.discord.edits()[0]);
    expect(edit.path).toContain(payload.token);
    expect(String(DiscordStandIn.payload(edit).content)).toContain('Linked');
  });

  it('defers /unlink-twitter and edits the deferred reply', async () => {
    deliver(h.bot.gateway!, commandPayload({ name: 'unlink-twitter' }));
    const callback = await eventually(() => h.discord.callbacks()[0]);
    expect(DiscordStandIn.payload(callback)).toMatchObject({ type: 5, data: { flags: 64 } });
    const edit = await eventually(() => h.discord.edits()[0]);
    expect(String(DiscordStandIn.payload(edit).content)).toContain('nothing to remove');
  });

  it('survives Discord rejecting the reply, logging without the interaction token', async () => {
    const payload = commandPayload({ name: 'link-twitter' });
    h.discord.failNext(/callback$/, { status: 400, body: { code: 40060, message: 'Interaction has already been acknowledged.' } });
    deliver(h.bot.gateway!, payload);
    await eventually(() => h.logs.some((l) => l.includes('"level":"error"')));
    expect(h.logs.join('\n')).not.toContain(payload.token);
  });
});
