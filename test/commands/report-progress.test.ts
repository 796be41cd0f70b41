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
});
