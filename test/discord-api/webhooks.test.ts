// Editing an interaction's reply when Discord misbehaves: outages, the race
// with our own deferred answer, and 429s that must hold up only the edit
// they answered, never other members' edits.

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { InteractionWebhookClient, WebhookError } from '../../src/discord-api/webhooks.js';
import { APPLICATION_ID } from '../support/discord-payloads.js';
import { DiscordStandIn } from '../support/discord-stand-in.js';

let discord: DiscordStandIn;
let waits: number[];
beforeEach(async () => {
  discord = await new DiscordStandIn().start();
  waits = [];
});
afterEach(async () => {
  await discord.stop();
});

const client = (sleep: (ms: number) => Promise<void> = async (ms) => void waits.push(ms)) =>
  new InteractionWebhookClient({ apiUrl: discord.apiUrl, applicationId: APPLICATION_ID, sleep });
const report = {
  content: '',
  embeds: [{ title: 'Your X report' }],
  files: [{ name: 'x-report.png', data: Buffer.from('PNG-bytes'), contentType: 'image/png' }],
};

describe('InteractionWebhookClient', () => {
  it('delivers the same finished report through eight 500s', async () => {
    for (let i = 0; i < 8; i++) discord.failNext(/^PATCH /, { status: 500, body: { message: 'Internal Server Error', code: 0 } });
    await client().editOriginal('token-a', report);
    const edits = discord.edits();
    expect(edits).toHaveLength(9);
    for (const edit of edits) {
      expect(DiscordStandIn.payload(edit)).toMatchObject({
        embeds: [{ title: 'Your X report' }],
        attachments: [{ id: 0, filename: 'x-report.png' }],
      });
      expect(edit.body).toContain('PNG-bytes');
    }
    expect(waits).toEqual([500, 1000, 2000, 4000, 8000, 15_000, 15_000, 15_000]);
  });

  it('retries Unknown Webhook (our deferred answer not yet processed) and then delivers', async () => {
    for (let i = 0; i < 3; i++) discord.failNext(/^PATCH /, { status: 404, body: { message: 'Unknown Webhook', code: 10015 } });
    await client().editOriginal('token-a', { content: 'done' });
    expect(discord.edits()).toHaveLength(4);
    expect(DiscordStandIn.payload(discord.edits()[3]!).content).toBe('done');
  });

  it('posts a private follow-up, retried where Discord made none (Unknown Webhook, 429), never after a 500', async () => {
    const posts = () => discord.requestsTo(/^POST \/api\/v10\/webhooks\//);
    discord.failNext(/^POST \/api\/v10\/webhooks\//, { status: 404, body: { message: 'Unknown Webhook', code: 10015 } });
    discord.failNext(/^POST \/api\/v10\/webhooks\//, {
      status: 429,
      body: { message: 'You are being rate limited.', retry_after: 0.2, global: false },
    });
    await client().followUp('token-a', { content: 'not yours', ephemeral: true });
    expect(posts()).toHaveLength(3);
    expect(posts()[2]!.path).toBe(`/api/v10/webhooks/${APPLICATION_ID}/token-a`);
    expect(DiscordStandIn.payload(posts()[2]!)).toMatchObject({ content: 'not yours', flags: 64 });
    expect(waits).toEqual([250, 200]);

    discord.failNext(/^POST \/api\/v10\/webhooks\//, { status: 500, body: { message: 'Internal Server Error', code: 0 } });
    const err = await client()
      .followUp('token-a', { content: 'again', ephemeral: true })
      .catch((e: unknown) => e);
    expect((err as WebhookError).status).toBe(500);
    expect(posts()).toHaveLength(4);

    // Nor after the request failed on its way (a timeout, a reset): Discord may have made the message.
    let tries = 0;
    const failing = new InteractionWebhookClient({
      apiUrl: discord.apiUrl,
      applicationId: APPLICATION_ID,
      sleep: async (ms) => void waits.push(ms),
      fetch: async () => {
        tries++;
        throw new Error('socket hang up');
      },
    });
    await expect(failing.followUp('token-a', { content: 'once', ephemeral: true })).rejects.toThrow('could not be reached');
    expect(tries).toBe(1);
  });

  it('gives up at once on a refusal that retrying cannot fix', async () => {
    discord.failNext(/^PATCH /, { status: 401, body: { message: 'Invalid Webhook Token', code: 50027 } });
    const err = await client()
      .editOriginal('token-a', { content: 'x' })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WebhookError);
    expect((err as WebhookError).code).toBe(50027);
    expect(discord.edits()).toHaveLength(1);
  });

  it('lets a 429 on one member’s edit hold up only that edit', async () => {
    discord.failNext(/token-a/, {
      status: 429,
      body: { message: 'You are being rate limited.', retry_after: 19.2, global: true },
      headers: { 'x-ratelimit-global': 'true' },
    });
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const slept: number[] = [];
    const webhooks = client(async (ms) => {
      slept.push(ms);
      await gate;
    });
    const first = webhooks.editOriginal('token-a', { content: 'for a' });
    await new Promise<void>((resolve) => {
      const check = () => (slept.length ? resolve() : setTimeout(check, 5));
      check();
    });
    expect(slept).toEqual([19_200]);
    // Member B's confirmation goes through while A waits out its 429.
    await webhooks.editOriginal('token-b', { content: 'for b' });
    expect(discord.edits().map((e) => DiscordStandIn.payload(e).content)).toEqual(['for a', 'for b']); // the first is the one answered 429
    release();
    await first;
    expect(discord.edits().map((e) => DiscordStandIn.payload(e).content)).toEqual(['for a', 'for b', 'for a']);
  });
});
