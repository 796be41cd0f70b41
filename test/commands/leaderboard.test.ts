// /leaderboard through the door, as three members would use it: two join,
// one does not; the board shows exactly the two, with figures counted here
// from X's own timelines; reads are incremental (a second board reads nothing
// new), cost is said, and unlinking or leaving the server takes a member off.

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { post } from '../../src/local-x/posts.js';
import { serveTimeline } from '../../src/local-x/timeline-routes.js';
import type { XPost } from '../../src/twitter/v2-types.js';
import { commandPayload, GUILD_ID } from '../support/discord-payloads.js';
import { DiscordStandIn } from '../support/discord-stand-in.js';
import { addGuild } from '../support/guild.js';
import { eventually, type Harness, linkAccount, startHarness } from '../support/harness.js';
import { layoutText } from '../support/layout-text.js';

const DAY = 86_400_000;
const MEMBERS = [
  { discord: '300000000000000001', x: { id: '1456789012345678901', screenName: 'ada' }, likes: [5, 9, 1] },
  { discord: '300000000000000002', x: { id: '1456789012345678902', screenName: 'bob' }, likes: [20, 0] },
  { discord: '300000000000000003', x: { id: '1456789012345678903', screenName: 'cyd' }, likes: [99, 99, 99] },
];
let h: Harness;
const timelines = new Map<string, XPost[]>();

beforeEach(async () => {
  h = await startHarness({ mode: 'http' });
  const guild = addGuild(h.discord);
  for (const [i, m] of MEMBERS.entries()) {
    const posts = m.likes.map((likes, k) =>
      post({
        at: new Date(h.clock.now - (k + 1) * DAY - i * 60_000).toISOString().replace(/\.\d{3}Z$/, '.000Z'),
        likes,
        impressions: 10 * likes,
      }),
    );
    timelines.set(m.x.id, posts);
    serveTimeline(h.x, {
      profile: { id: m.x.id, name: m.x.screenName, username: m.x.screenName, public_metrics: { followers_count: 100 + i } },
      posts,
      mentions: [],
    });
    await linkAccount(h, m.discord, m.x);
    guild.members.set(m.discord, []);
  }
});
afterEach(async () => {
  await h.close();
});

async function command(member: string, sub: string, options: Array<{ name: string; type: number; value: unknown }> = []) {
  const payload = commandPayload({ name: 'leaderboard', member: { id: member }, options: [{ name: sub, type: 1, options }] });
  const res = (await (await h.interact(payload)).json()) as { type: number; data?: { content?: string; flags?: number } };
  return { payload, res };
}

/** The board as the caller sees it; flags from the first answer (an edit keeps the deferred answer's privacy). */
async function board(member: string, by = 'engagement'): Promise<{ text: string; flags: number }> {
  const { payload, res } = await command(member, 'show', [{ name: 'by', type: 3, value: by }]);
  const edit = await eventually(() => h.discord.edits().find((e) => e.path.includes(payload.token)));
  const body = DiscordStandIn.payload(edit) as { components: unknown[] };
  return { text: layoutText(body.components), flags: res.data?.flags ?? 0 };
}

describe('/leaderboard', () => {
  it('shows only the members who joined, ranked by what X says, and reads only what is new', async () => {
    const [ada, bob, cyd] = MEMBERS;
    expect((await command(ada!.discord, 'join')).res.data?.content).toContain('You joined');
    expect((await command(bob!.discord, 'join')).res.data?.content).toContain('You joined');
    expect((await command(bob!.discord, 'join')).res.data?.content).toContain('already');
    const shown = await board(cyd!.discord);
    // Engagement as the report counts it, summed here from the posts X serves.
    const total = (id: string) => timelines.get(id)!.reduce((n, p) => n + (p.public_metrics?.like_count ?? 0), 0);
    expect(shown.text).toContain(`**1.** <@${bob!.discord}> · @bob: **${total(bob!.x.id)}**`);
    expect(shown.text).toContain(`**2.** <@${ada!.discord}> · @ada: **${total(ada!.x.id)}**`);
    expect(shown.text).not.toContain('cyd');
    expect(shown.text).toContain('You are not on this board');
    expect(shown.text).toMatch(/Read from X now for 2 members: 5 new posts, about \$/);
    expect(shown.flags & 64).toBe(0); // public: the server allows public reports here
    const runs = await h.sql<{ guild_id: string; discord_user_id: string | null; posts_read: number }>(
      'select guild_id, discord_user_id, posts_read from report_runs order by id',
    );
    expect(runs.map((r) => [r.guild_id, r.discord_user_id])).toEqual([
      [GUILD_ID, null],
      [GUILD_ID, null],
    ]);
    // Fresh: asked again at once, nothing is read again.
    const again = await board(ada!.discord, 'posts');
    expect(again.text).toContain('Nothing read from X');
    expect(again.text).toContain(`You: **1** of 2.`);
    // A day later one new post: only it is read.
    h.clock.now += DAY;
    timelines.get(ada!.x.id)!.unshift(post({ at: new Date(h.clock.now - 60_000).toISOString().replace(/\.\d{3}Z$/, '.000Z'), likes: 50 }));
    const later = await board(ada!.discord);
    expect(later.text).toMatch(/Read from X now for 2 members: 1 new post, about \$/);
    expect(later.text).toContain(`**1.** <@${ada!.discord}> · @ada: **65**`);
  });

  it('drops a member who unlinked, left the board or left the server', async () => {
    const [ada, bob, cyd] = MEMBERS;
    for (const m of MEMBERS) await command(m.discord, 'join');
    await command(cyd!.discord, 'leave');
    await h.interact(commandPayload({ name: 'unlink-twitter', member: { id: bob!.discord } }));
    await eventually(async () => (await h.sql('select * from leaderboard_members where discord_user_id = ?', bob!.discord)).length === 0);
    h.discord.guilds.get(GUILD_ID)!.members.delete(ada!.discord);
    const shown = await board(cyd!.discord);
    expect(shown.text).toContain('Nobody has joined');
    expect(await h.sql('select * from leaderboard_members')).toEqual([]);
  });

  it('is shown only to the caller where the server keeps reports private, saying why', async () => {
    await command(MEMBERS[0]!.discord, 'join');
    await h.bot.stores.settings.update(GUILD_ID, { publicReports: false }, h.clock.now);
    const shown = await board(MEMBERS[0]!.discord);
    expect(shown.flags & 64).toBe(64);
    expect(shown.text).toContain('Shown only to you');
  });
});
