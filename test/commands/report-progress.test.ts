// While a report reads from X, its message says how many posts it has read so
// far (REPORT_PROGRESS_SECONDS), and the report is always the last edit.

import { afterEach, describe, expect, it } from 'vitest';
import { syntheticTimeline } from '../../src/local-x/posts.js';
import { serveTimeline } from '../../src/local-x/timeline-routes.js';
import { commandPayload } from '../support/discord-payloads.js';
import { DiscordStandIn } from '../support/discord-stand-in.js';
import { eventually, type Harness, linkAccount, startHarness } from '../support/harness.js';
import { layoutMedia, layoutText } from '../support/layout-text.js';

const OWNER = '300000000000000001';
const X_USER = { id: '1456789012345678901', screenName: 'ada_codes' };
let h: Harness;

afterEach(async () => {
  await h?.close();
});

describe('report progress', () => {
  it('edits the message with the posts read so far, at most once per interval, then the report', { timeout: 60_000 }, async () => {
    h = await startHarness({ mode: 'http', env: { REPORT_PROGRESS_SECONDS: '2', REPORT_MAX_MENTIONS: '0' } });
    const posts = syntheticTimeline(600, h.clock.now - 60_000, 30);
    serveTimeline(h.x, { profile: { id: X_USER.id, name: 'Ada', username: 'ada_codes' }, posts, mentions: [] });
    await linkAccount(h, OWNER, X_USER);
    // Each page of posts takes 1.5 s of the bot's clock: a read of six pages lasts 9 s.
    h.x.routes.unshift((req) => {
      if (req.url.includes('/tweets')) h.clock.now += 1500;
      return undefined;
    });
    const cmd = commandPayload({ name: 'report', member: { id: OWNER }, options: [{ name: 'days', type: 4, value: 30 }] });
    await h.interact(cmd);
    const views = await eventually(() => {
      const all = h.discord
        .edits()
        .filter((e) => e.path.includes(cmd.token))
        .map((e) => DiscordStandIn.payload(e) as { components?: unknown[] })
        .map((b) => ({ text: layoutText(b.components), media: layoutMedia(b.components) }));
      return all.some((v) => v.media.length > 0) && all;
    });
    const progress = views.filter((v) => /posts? read from X so far/.test(v.text));
    // Six pages over 9 s, at most one edit per 2 s (the first after 2 s): two to four edits, counts growing.
    expect(progress.length).toBeGreaterThanOrEqual(2);
    expect(progress.length).toBeLessThanOrEqual(4);
    const counts = progress.map((v) => Number(/(\d[\d,]*) posts? read/.exec(v.text)![1]!.replace(',', '')));
    expect(counts).toEqual([...counts].sort((a, b) => a - b));
    expect(new Set(counts).size).toBe(counts.length);
    expect(Math.max(...counts)).toBeLessThanOrEqual(600);
    expect(progress[0]!.text).toContain('Making the 30-day report');
    // The report is the last edit.
    expect(views.at(-1)!.media.length).toBeGreaterThan(0);
  });

  it('tells a member whose report waits behind another how many are ahead of it, then delivers it', { timeout: 60_000 }, async () => {
    // Room for two requests asking X: the first report's two reads (posts and mentions) take it all.
    h = await startHarness({ mode: 'http', env: { REPORT_PROGRESS_SECONDS: '1', REPORT_REQUESTS_IN_FLIGHT: '2' } });
    const OTHER = '300000000000000002';
    const OTHER_X = { id: '1456789012345678902', screenName: 'grace_h' };
    for (const [user, name] of [
      [X_USER, 'Ada'],
      [OTHER_X, 'Grace'],
    ] as const) {
      const posts = syntheticTimeline(40, h.clock.now - 60_000, 10);
      serveTimeline(h.x, { profile: { id: user.id, name, username: user.screenName }, posts, mentions: [] });
    }
    await linkAccount(h, OWNER, X_USER);
    await linkAccount(h, OTHER, OTHER_X);
    const releases = [h.x.hold(new RegExp(`/2/users/${X_USER.id}/tweets`)), h.x.hold(new RegExp(`/2/users/${X_USER.id}/mentions`))];
    const first = commandPayload({ name: 'report', member: { id: OWNER }, options: [{ name: 'days', type: 4, value: 30 }] });
    const second = commandPayload({ name: 'report', member: { id: OTHER }, options: [{ name: 'days', type: 4, value: 30 }] });
    await h.interact(first);
    await eventually(() => h.x.requestsTo(new RegExp(`/2/users/${X_USER.id}/mentions`)).length > 0);
    await h.interact(second);
    const viewsOf = (token: string) =>
      h.discord
        .edits()
        .filter((e) => e.path.includes(token))
        .map((e) => DiscordStandIn.payload(e) as { components?: unknown[] })
        .map((b) => ({ text: layoutText(b.components), media: layoutMedia(b.components) }));
    // Its reads wait for the first's: its message says so, on the progress timer, with no count to tell.
    const inLine = await eventually(() => {
      h.clock.now += 100; // the bot's clock moves on while the timer looks
      return viewsOf(second.token).find((v) => v.text.includes('in line'));
    });
    expect(inLine.text).toContain('Your 30-day report is in line behind up to 1 report asked before it: X’s pages go to it first.');
    expect(inLine.text).not.toContain('read from X so far');
    expect(h.x.requestsTo(new RegExp(`/2/users/${OTHER_X.id}/tweets`))).toEqual([]);
    for (const release of releases) release();
    const delivered = await eventually(() => {
      const views = viewsOf(second.token);
      return views.at(-1)?.media.length ? views : false;
    });
    expect(delivered.filter((v) => v.media.length > 0)).toHaveLength(1);
    expect(viewsOf(first.token).at(-1)?.media.length).toBeGreaterThan(0);
    // Two of the progress timer's intervals: the report stays the last edit.
    for (let i = 0; i < 2; i++) {
      h.clock.now += 1000;
      await new Promise((r) => setTimeout(r, 1100));
    }
    expect(viewsOf(second.token)).toHaveLength(delivered.length);
  });

  it('edits nothing more once a report fails before it reads (a token that cannot be opened): its failure stays the last word', {
    timeout: 60_000,
  }, async () => {
    h = await startHarness({ mode: 'http', env: { REPORT_PROGRESS_SECONDS: '1' } });
    serveTimeline(h.x, { profile: { id: X_USER.id, name: 'Ada', username: 'ada_codes' }, posts: [], mentions: [] });
    await linkAccount(h, OWNER, X_USER);
    await h.sql("update linked_accounts set access_token_sealed = 'not a sealed token'");
    const cmd = commandPayload({ name: 'report', member: { id: OWNER }, options: [{ name: 'days', type: 4, value: 30 }] });
    await h.interact(cmd);
    const edits = () => h.discord.edits().filter((e) => e.path.includes(cmd.token));
    const failed = await eventually(() =>
      edits().find((e) => layoutText((DiscordStandIn.payload(e) as { components?: unknown[] }).components).includes('problem on our side')),
    );
    expect(failed).toBeDefined();
    const count = edits().length;
    // Two of the progress timer's intervals, on the bot's clock and the real one: a timer left running would edit again.
    for (let i = 0; i < 2; i++) {
      h.clock.now += 1000;
      await new Promise((r) => setTimeout(r, 1100));
    }
    expect(edits()).toHaveLength(count);
  });
});
