// /twitter-admin digest through the door: the admin is told at once when the
// bot cannot post in the chosen channel; status shows the next digest, the
// last one's cost and what the next may cost; the digest is posted in the
// channel at the set minute; a budget with no room left uses stored figures
// and says how fresh they are.

import { PermissionFlagsBits as P } from 'discord-api-types/v10';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { post } from '../../src/local-x/posts.js';
import { serveTimeline } from '../../src/local-x/timeline-routes.js';
import { commandPayload, GUILD_ID } from '../support/discord-payloads.js';
import { DiscordStandIn } from '../support/discord-stand-in.js';
import { addGuild, REPORTS_CHANNEL, ROLES } from '../support/guild.js';
import { eventually, type Harness, linkAccount, startHarness } from '../support/harness.js';
import { layoutText } from '../support/layout-text.js';

const ADMIN = { id: '300000000000000010', username: 'admin', permissions: String(P.ManageGuild | P.ViewChannel) };
const MEMBER = { discord: '300000000000000001', x: { id: '1456789012345678901', screenName: 'ada' } };
const OTHER_CHANNEL = '1300000000000000011';
let h: Harness;

beforeEach(async () => {
  // 2026-11-23 12:00 UTC is a Monday.
  h = await startHarness({ mode: 'http', digestTicks: false });
  const guild = addGuild(h.discord);
  guild.channels.set(OTHER_CHANNEL, { id: OTHER_CHANNEL, type: 0, guild_id: GUILD_ID, permission_overwrites: [] } as never);
  // The reports channel denies the bot Send Messages.
  guild.channels.set(REPORTS_CHANNEL, {
    id: REPORTS_CHANNEL,
    type: 0,
    guild_id: GUILD_ID,
    permission_overwrites: [{ id: ROLES.bot, type: 0, allow: '0', deny: String(P.SendMessages) }],
  } as never);
  const posts = [post({ at: new Date(h.clock.now - 86_400_000).toISOString().replace(/\.\d{3}Z$/, '.000Z'), likes: 7 })];
  serveTimeline(h.x, {
    profile: { id: MEMBER.x.id, name: 'Ada', username: 'ada', public_metrics: { followers_count: 5 } },
    posts,
    mentions: [],
  });
  await linkAccount(h, MEMBER.discord, MEMBER.x);
  guild.members.set(MEMBER.discord, []);
  await h.bot.stores.leaderboard.join(GUILD_ID, MEMBER.discord, h.clock.now - 1000);
});
afterEach(async () => {
  await h.close();
});

async function admin(options: unknown[]): Promise<string> {
  const payload = commandPayload({ name: 'twitter-admin', member: ADMIN, options: options as never });
  const first = (await (await h.interact(payload)).json()) as { type: number; data?: { content?: string; embeds?: unknown[] } };
  if (first.type === 4) return first.data?.content ?? JSON.stringify(first.data?.embeds);
  const edit = await eventually(() => h.discord.edits().find((e) => e.path.includes(payload.token)));
  const body = DiscordStandIn.payload(edit) as { content?: string; embeds?: unknown[] };
  return body.content ?? JSON.stringify(body.embeds);
}

const set = (channel: string, time = '13:05', zone = 'Europe/Berlin') => [
  {
    name: 'digest',
    type: 2,
    options: [
      {
        name: 'set',
        type: 1,
        options: [
          { name: 'channel', type: 7, value: channel },
          { name: 'day', type: 4, value: 1 },
          { name: 'time', type: 3, value: time },
          { name: 'timezone', type: 3, value: zone },
        ],
      },
    ],
  },
];

const digestPosts = () => h.discord.requestsTo(/^POST \/api\/v10\/channels\/\d+\/messages$/);

describe('/twitter-admin digest', () => {
  it('tells the admin plainly when it cannot post in the channel, and does not post there', async () => {
    const answer = await admin(set(REPORTS_CHANNEL));
    expect(answer).toContain('every Monday at 13:05 (Europe/Berlin)');
    expect(answer).toContain('I cannot post in');
    expect(answer).toContain('Send Messages');
    h.clock.now = Date.parse('2026-11-23T12:05:10Z');
    await h.bot.digests.tick();
    expect(digestPosts()).toEqual([]);
    const status = await admin([{ name: 'status', type: 1 }]);
    expect(status).toContain('not posted');
    expect(status).toContain('I lacked Send Messages in its channel');
  });

  it('posts the week’s board at the set minute, once; status shows next, last cost and next cost', async () => {
    expect(await admin(set(OTHER_CHANNEL))).not.toContain('cannot post');
    expect(await admin(set(OTHER_CHANNEL, '25:00'))).toContain('is not a time');
    expect(await admin(set(OTHER_CHANNEL, '13:05', 'Mars/Olympus'))).toContain('not a time zone');
    const before = await admin([{ name: 'status', type: 1 }]);
    expect(before).toContain('Weekly digest');
    expect(before).toContain(`<t:${Date.parse('2026-11-23T12:05:00Z') / 1000}:F>`);
    expect(before).toMatch(/next may read up to 1,000 posts/);
    h.clock.now = Date.parse('2026-11-23T12:05:20Z');
    expect(await h.bot.digests.tick()).toBe(1);
    expect(await h.bot.digests.tick()).toBe(0);
    const [posted] = digestPosts();
    expect(posted!.path).toBe(`/api/v10/channels/${OTHER_CHANNEL}/messages`);
    const body = DiscordStandIn.payload(posted!) as { components: unknown[]; nonce?: string; enforce_nonce?: boolean };
    expect(body.enforce_nonce).toBe(true);
    expect(body.nonce!.length).toBeLessThanOrEqual(25);
    const text = layoutText(body.components as never);
    expect(text).toContain(`**1.** <@${MEMBER.discord}> · @ada: **7**`);
    expect(text).toContain('Top post of the week');
    expect(text).toContain('First week on the board');
    const after = await admin([{ name: 'status', type: 1 }]);
    expect(after).toMatch(/posted on time; read 1 post from X, about \$/);
    expect(after).toContain(`<t:${Date.parse('2026-11-30T12:05:00Z') / 1000}:F>`);
  });

  it('uses stored figures when the budget has no room, saying how fresh they are', async () => {
    await admin(set(OTHER_CHANNEL));
    await admin([{ name: 'budget', type: 1, options: [{ name: 'posts-per-month', type: 4, value: 1 }] }]);
    h.clock.now = Date.parse('2026-11-23T12:05:20Z');
    expect(await h.bot.digests.tick()).toBe(1);
    const text = layoutText((DiscordStandIn.payload(digestPosts()[0]!) as { components: unknown[] }).components as never);
    expect(text).toContain('X was not read for this digest');
    expect(await h.x.v2Requests().filter((r) => r.path.includes('/tweets')).length).toBe(0);
  });
});
