// Black-box: the numbers of a report, through the built bot (node dist/main.js)
// against the local X, for the two cases that used to mislead: a capped read
// (REPORT_MAX_POSTS and REPORT_MAX_MENTIONS bind) and a steady poster
// compared with the previous span. Expected figures are computed here from
// the generated timelines.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mention, post } from '../../src/local-x/posts.js';
import { serveTimeline, type TimelineData } from '../../src/local-x/timeline-routes.js';
import { XStandIn } from '../../src/local-x/x-stand-in.js';
import { type BotProcess, standInEnv, startBotProcess } from '../support/bot-process.js';
import { Browser } from '../support/browser.js';
import { commandPayload, DiscordSigner } from '../support/discord-payloads.js';
import { DiscordStandIn } from '../support/discord-stand-in.js';
import { eventually } from '../support/harness.js';
import { seen } from '../support/layout-text.js';

const MIN = 60_000;
const DAY = 86_400_000;
const MAX_POSTS = 400;
const MAX_MENTIONS = 20;
const signer = new DiscordSigner();
let x: XStandIn;
let discord: DiscordStandIn;
let bot: BotProcess | undefined;
let dir = '';

/** Every day at these minutes after UTC midnight, the same post with the same metrics, up to now. */
function steadyPosts(minutes: number[], days: number): TimelineData['posts'] {
  const midnight = Math.floor(Date.now() / DAY) * DAY;
  const out = [];
  for (let d = days; d >= 0; d--) {
    for (const m of minutes) {
      const at = midnight - d * DAY + m * MIN;
      if (at <= Date.now())
        out.push(post({ at: new Date(at).toISOString(), likes: 12, reposts: 1, impressions: 300, text: `steady ${d}/${m}` }));
    }
  }
  return out.reverse();
}

const STEADY = { id: '1456789012345678901', screenName: 'steady' };
// Three times a day, the next at least two hours away: no steady post falls between generating the timeline and the reports.
const minuteOfDay = Math.floor((Date.now() % DAY) / MIN);
const STEADY_MINUTES = [120, 600, 1080].map((m) => (minuteOfDay + m) % 1440);
const BUSY = { id: '1456789012345678902', screenName: 'busy' };
const BUSY_MINUTES = Array.from({ length: 50 }, (_, i) => 7 + i * 28);
const steady: TimelineData = {
  profile: { id: STEADY.id, name: 'Steady', username: 'steady', public_metrics: { followers_count: 10, following_count: 5 } },
  posts: steadyPosts(STEADY_MINUTES, 80),
  mentions: [],
};
const busy: TimelineData = {
  profile: { id: BUSY.id, name: 'Busy', username: 'busy', public_metrics: { followers_count: 10, following_count: 5 } },
  posts: steadyPosts(BUSY_MINUTES, 40),
  // 30 mentions a day: more in the period than REPORT_MAX_MENTIONS.
  mentions: Array.from({ length: 30 * 20 }, (_, i) => mention(new Date(Date.now() - 5 * MIN - i * 48 * MIN).toISOString(), '555')),
};

beforeAll(async () => {
  x = await new XStandIn().start();
  serveTimeline(x, steady);
  serveTimeline(x, busy);
  discord = await new DiscordStandIn().start();
  dir = mkdtempSync(join(tmpdir(), 'xbot-numbers-'));
  const env = { ...standInEnv(x, discord, signer, dir), REPORT_MAX_POSTS: String(MAX_POSTS), REPORT_MAX_MENTIONS: String(MAX_MENTIONS) };
  bot = await startBotProcess(env, dir);
}, 120_000);

afterAll(async () => {
  await bot?.stop();
  await x?.stop();
  await discord?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function interact(payload: unknown): Promise<void> {
  const body = JSON.stringify(payload);
  const res = await fetch(`${bot!.base}/interactions`, { method: 'POST', body, headers: signer.headers(body) });
  expect(res.status).toBe(200);
}

async function link(member: string, as: { id: string; screenName: string }): Promise<void> {
  x.autoApproveAs = as;
  const payload = commandPayload({ name: 'link-twitter', member: { id: member } });
  const body = JSON.stringify(payload);
  const res = await fetch(`${bot!.base}/interactions`, { method: 'POST', body, headers: signer.headers(body) });
  const reply = (await res.json()) as { data: { components: Array<{ components: Array<{ url: string }> }> } };
  const linkPath = new URL(reply.data.components[0]!.components[0]!.url).pathname;
  const browser = new Browser((path, init) => fetch(`${bot!.base}${path}`, init), 'https://bot.example.test');
  const consent = (await browser.openLink(linkPath)).location!;
  const callback = new URL((await fetch(consent, { redirect: 'manual' })).headers.get('location')!);
  expect((await browser.get(`${callback.pathname}${callback.search}`)).status).toBe(200);
}

/** The report's text as the member reads it (its Components V2 text displays, in order). */
async function report(member: string, days: number): Promise<string> {
  const payload = commandPayload({ name: 'report', member: { id: member }, options: [{ name: 'days', type: 4, value: days }] });
  await interact(payload);
  const edit = await eventually(() => discord.edits().find((e) => e.path.includes(payload.token)));
  return seen(DiscordStandIn.payload(edit)).text;
}

describe('report numbers through the built bot', () => {
  it('a steady poster sees ±0% against the same span one period earlier, once it is stored', { timeout: 120_000 }, async () => {
    await link('300000000000000001', STEADY);
    const first = await report('300000000000000001', 7);
    // Not stored yet, and reading it costs money: said, with the report that would read it.
    expect(first).toMatch(
      /No comparison with the previous 7 days \([^)]+\): they are not stored, and the bot does not buy posts only to compare\. A 30-day report would read them: about 2\d posts/,
    );
    await report('300000000000000001', 30);
    const again = await report('300000000000000001', 7);
    const now = Date.now();
    const midnight = Math.floor(now / DAY) * DAY;
    const today = STEADY_MINUTES.filter((m) => midnight + m * MIN <= now).length;
    const expected = 6 * 3 + today;
    expect(again).toContain(`**${expected}** posts · ±0% vs previous 7 days`);
    expect(again).toContain('**12** likes per post · ±0% vs previous 7 days');
    expect(again).toContain(`**Activity**\n**${expected}** posts · 3.0/day over 6 whole days`);
  });

  it('a capped read states what it covers, averages over it, and shows capped mentions as a lower bound', {
    timeout: 120_000,
  }, async () => {
    await link('300000000000000002', BUSY);
    const e = await report('300000000000000002', 30);
    const since = Date.now() - 30 * DAY;
    const inPeriod = busy.posts.filter((p) => Date.parse(p.created_at) >= since && Date.parse(p.created_at) <= Date.now());
    expect(inPeriod.length).toBeGreaterThan(MAX_POSTS);
    expect(e).toMatch(
      /\*\*Covers the last (8|9) of 30 days\*\* \(since [^)]+\): the 400 most recent posts, the bot's limit of 400 per report\./,
    );
    expect(e).toContain('No comparison with the previous 30 days: this period itself could be read only in part.');
    expect(e).toMatch(/\*\*Activity\*\*\n\*\*400\*\* posts in the days read · 50\.0\/day over \d whole days/);
    expect(e).toContain(`**${MAX_MENTIONS}+** mentions of them`);
    expect(e).not.toMatch(/(^|\n)20 mentions/);
  });
});
