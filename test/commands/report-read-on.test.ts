// A period press after a capped report reads on below what is stored (issue
// 27: a 90-day press after a 30-day report cut at REPORT_MAX_POSTS once read
// nothing older and said "Nothing new to read"): within the per-report cap,
// nothing twice, and the header and cost line say what it read.

import { afterEach, describe, expect, it } from 'vitest';
import { syntheticTimeline } from '../../src/local-x/posts.js';
import { serveTimeline } from '../../src/local-x/timeline-routes.js';
import { commandPayload, componentPayload } from '../support/discord-payloads.js';
import { DiscordStandIn } from '../support/discord-stand-in.js';
import { eventually, type Harness, linkAccount, startHarness } from '../support/harness.js';
import { layoutButtons, layoutMedia, layoutText } from '../support/layout-text.js';

const OWNER = '300000000000000001';
const X_USER = { id: '1456789012345678901', screenName: 'ada_codes' };
let h: Harness;

afterEach(async () => {
  await h?.close();
});

function finalView(token: string) {
  return eventually(() =>
    h.discord
      .edits()
      .filter((e) => e.path.includes(token))
      .map((e) => DiscordStandIn.payload(e) as { components?: unknown[] })
      .map((b) => ({ text: layoutText(b.components), buttons: layoutButtons(b.components), media: layoutMedia(b.components) }))
      .find((v) => v.media.length > 0),
  );
}

describe('a period press after a capped report', () => {
  it('reads the older posts the longer period lacks, at most REPORT_MAX_POSTS, and says so', { timeout: 60_000 }, async () => {
    h = await startHarness({ mode: 'http', env: { REPORT_MAX_POSTS: '100', REPORT_MAX_MENTIONS: '0' } });
    // Ten posts a day over 90 days, newest first.
    const posts = syntheticTimeline(900, h.clock.now - 60_000, 90);
    serveTimeline(h.x, { profile: { id: X_USER.id, name: 'Ada', username: 'ada_codes' }, posts, mentions: [] });
    await linkAccount(h, OWNER, X_USER);

    const cmd = commandPayload({ name: 'report', member: { id: OWNER }, options: [{ name: 'days', type: 4, value: 30 }] });
    await h.interact(cmd);
    const thirty = await finalView(cmd.token);
    expect(thirty.text).toMatch(/the 100 most recent posts, the bot's limit of 100 per report/);
    expect(thirty.text).toMatch(/Each next report reads on from there, up to 100 posts: about [12]\d\d older posts/);

    h.clock.now += 31_000;
    const before = h.x.v2Requests().length;
    const press = componentPayload({ customId: thirty.buttons.find((b) => b.label === '90 days')!.customId, member: { id: OWNER } });
    await h.interact(press);
    const ninety = await finalView(press.token);
    const reads = h.x
      .v2Requests()
      .slice(before)
      .map((r) => new URL(r.url))
      .filter((u) => u.pathname.endsWith('/tweets'));
    // On from the oldest post stored, by id: nothing bought twice.
    expect(reads.some((u) => u.searchParams.get('until_id') === posts[99]!.id)).toBe(true);
    expect(ninety.text).not.toContain('Nothing new to read');
    expect(ninety.text).toMatch(/Read 100 posts \(all older than those stored\) from X/);
    // Two reports' worth now: said as what reports have read, never as one report's limit.
    expect(ninety.text).toMatch(
      /the 200 most recent posts, as far back as reports of at most 100 posts each \(the bot's limit\) have read/,
    );
    expect(ninety.text).toMatch(/\*\*Covers the last (19|20|21) of 90 days\*\*/);
  });
});
