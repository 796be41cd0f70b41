// /report end to end through both doors: the real app and database, X through
// the stand-in (signatures verified), Discord REST observed at its stand-in.

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AckPriority } from '../../src/interaction/ack-priority.js';
import type { RecordedRequest } from '../../src/local-x/http-stand-in.js';
import { mention, post, syntheticTimeline } from '../../src/local-x/posts.js';
import { serveTimeline, type TimelineData } from '../../src/local-x/timeline-routes.js';
import { commandPayload } from '../support/discord-payloads.js';
import { DiscordStandIn } from '../support/discord-stand-in.js';
import { eventually, type Harness, linkAccount, recordedWaits, startHarness } from '../support/harness.js';
import { layoutMedia, layoutText } from '../support/layout-text.js';
import { withWarnings } from '../support/process-warnings.js';

const MEMBER = '300000000000000001';
const X_USER = { id: '1456789012345678901', screenName: 'ada_codes' };
const DAY = 86_400_000;
let h: Harness;
let data: TimelineData;

function report(options: Array<{ name: string; type: number; value: unknown }> = []) {
  return commandPayload({ name: 'report', member: { id: MEMBER }, options });
}

async function start(mode: 'http' | 'gateway' = 'http', env: Record<string, string> = {}, options: { reportDeadlineMs?: number } = {}) {
  h = await startHarness({ mode, env, ...options });
  const now = h.clock.now;
  data = {
    profile: {
      id: X_USER.id,
      name: 'Ada Lovelace',
      username: 'ada_codes',
      profile_image_url: 'https://pbs.twimg.com/ada.jpg',
      public_metrics: { followers_count: 1200, following_count: 300 },
    },
    posts: syntheticTimeline(300, now - 60_000, 100),
    mentions: [mention(new Date(now - 3 * DAY).toISOString(), '555')],
  };
  serveTimeline(h.x, data);
}

afterEach(async () => {
  await h.close();
});

/** An edit as the member sees it: a report (Components V2 with its chart) or a line of text. */
function reportEdit(req: RecordedRequest): { report: boolean; text: string; png: Buffer | null; content: string; flags: number } {
  const payload = DiscordStandIn.payload(req) as { components?: unknown[]; content?: string; flags?: number };
  const pngStart = req.raw.indexOf(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  const text = layoutText(payload.components);
  return {
    report: layoutMedia(payload.components).length > 0,
    text,
    png: pngStart >= 0 ? req.raw.subarray(pngStart) : null,
    content: payload.content ?? text,
    flags: payload.flags ?? 0,
  };
}

/**
 * What the member reads in answer to a command: its first response, or what a
 * deferred one was edited into (private /report defers before its checks).
 */
async function answerOf(payload: { token: string }, res: Response): Promise<{ type: number; flags: number; content: string }> {
  const first = (await res.json()) as { type: number; data?: { flags?: number; content?: string } };
  if (first.type !== 5) return { type: first.type, flags: first.data?.flags ?? 0, content: first.data?.content ?? '' };
  const edit = await eventually(() => h.discord.edits().find((e) => e.path.includes(payload.token)));
  return { type: 5, flags: first.data?.flags ?? 0, content: reportEdit(edit).content };
}

async function lastEdit(matching: (r: ReturnType<typeof reportEdit>) => boolean): Promise<ReturnType<typeof reportEdit>> {
  return eventually(() => h.discord.edits().map(reportEdit).reverse().find(matching));
}

describe('/report over HTTP interactions', () => {
  beforeEach(() => start('http'));

  it('tells a member who has not linked to link first, privately', async () => {
    const payload = report();
    const answer = await answerOf(payload, await h.interact(payload));
    expect(answer).toEqual({ type: 5, flags: 64, content: expect.stringContaining('/link-twitter') });
    expect(h.x.v2Requests()).toHaveLength(0);
    expect(await h.one('select count(*) as n from report_runs')).toEqual({ n: 0 });
  });

  it('defers, then edits in a report with the right numbers, a chart and its cost', async () => {
    await linkAccount(h, MEMBER, X_USER);
    const res = await h.interact(report([{ name: 'days', type: 4, value: 30 }]));
    expect(await res.json()).toEqual({ type: 5, data: { flags: 64 } });
    const { text, flags } = await lastEdit((e) => Boolean(e.report));
    expect(flags & (1 << 15)).toBe(1 << 15);
    const editReq = h.discord.edits().at(-1)!;
    expect(editReq.headers['content-type']).toMatch(/^multipart\/form-data/);

    // The last 30 whole days (UTC), today included.
    const since = Math.floor(h.clock.now / DAY) * DAY - 29 * DAY;
    const inPeriod = data.posts.filter((p) => Date.parse(p.created_at) >= since);
    expect(text).toContain('Last 30 days, today included');
    expect(text).toContain('## Ada Lovelace · [@ada\\_codes](https://x.com/ada_codes)');
    expect(text).toContain(`**Activity**\n**${inPeriod.length}** posts`);
    const own = inPeriod.filter((p) => !p.referenced_tweets?.some((r) => r.type === 'retweeted'));
    const likes = own.reduce((n, p) => n + (p.public_metrics?.like_count ?? 0), 0);
    expect(text).toContain(`❤️ ${likes.toLocaleString('en-US')} likes`);
    expect(text).toMatch(/\*\*Topics\*\*\nHashtags \(own posts, not reposts\): #buildinpublic \(\d+\)/);
    expect(layoutMedia(DiscordStandIn.payload(editReq).components as unknown[])).toEqual(['attachment://x-report.png']);
    const { png } = reportEdit(editReq);
    expect(png!.subarray(1, 4).toString()).toBe('PNG');

    // timeline: 1 page (91 posts), mentions: 1 page, profile: 1 call
    expect(text).toContain(`Read ${inPeriod.length + 1} posts and your profile from X in 3 requests`);
    const run = (await h.one('select * from report_runs')) as Record<string, unknown>;
    expect(run).toMatchObject({ discord_user_id: MEMBER, days: 30, upstream_requests: 3, posts_read: inPeriod.length + 1, outcome: 'ok' });
    // X's prices: $0.005 a post, $0.010 the profile; recorded exactly, shown rounded.
    const cost = (inPeriod.length + 1) * 5_000 + 10_000;
    expect(run).toMatchObject({ user_reads: 1, cost_micro_usd: cost });
    expect(text).toContain(`about $${(cost / 1_000_000).toFixed(2)}`);
    expect(h.x.verifications.every((v) => v.ok)).toBe(true);
  });

  it('reads a long period in time slices side by side, each post once, with no warning of a leaking listener', async () => {
    await h.close();
    await start('http', { REPORT_MAX_POSTS: '3200' });
    data.posts = syntheticTimeline(3000, h.clock.now - 60_000, 85);
    data.profile.public_metrics = { ...data.profile.public_metrics, tweet_count: 3000 };
    await withWarnings(async (warnings) => {
      await linkAccount(h, MEMBER, X_USER);
      await h.interact(report([{ name: 'days', type: 4, value: 90 }]));
      const { text } = await lastEdit((e) => e.report);
      const posts = data.posts.length.toLocaleString('en-US');
      expect(text).toContain(`**Activity**\n**${posts}** posts`);
      const pages = h.x.v2Requests().filter((r) => r.path.endsWith('/tweets'));
      // The first page, then the rest of the period in slices of about a page each, asked at once.
      const slices = pages.filter((r) => r.url.includes('end_time') || r.url.includes('until_id'));
      expect(slices.length).toBeGreaterThan(20);
      expect(slices.every((r) => !r.url.includes('pagination_token'))).toBe(true);
      // Every post bought once: the posts and the one mention, in the first page, the slices, the mentions and the profile.
      expect(text).toContain(
        `Read ${(data.posts.length + 1).toLocaleString('en-US')} posts and your profile from X in ${slices.length + 3} requests`,
      );
      await new Promise((resolve) => setImmediate(resolve)); // warnings are emitted on a later tick
      expect(warnings).not.toContain('MaxListenersExceededWarning');
    });
  });

  it('acks a private /report before its checks, which wait behind the acks still in flight', async () => {
    await linkAccount(h, MEMBER, X_USER);
    const inFlight = new AckPriority(60_000); // no timer lets the checks through meanwhile
    (h.bot.reports as unknown as { deps: { acks: AckPriority } }).deps.acks = inFlight;
    inFlight.begin(); // another interaction still waiting for its first answer
    expect(await (await h.interact(report())).json()).toEqual({ type: 5, data: { flags: 64 } });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await h.one('select count(*) as n from report_runs')).toEqual({ n: 0 });
    inFlight.end();
    expect((await lastEdit((e) => e.report)).text).toContain('Ada Lovelace');
    expect(await h.sql('select outcome from report_runs')).toEqual([{ outcome: 'ok' }]);
  });

  it('posts publicly when asked, and applies the cooldown, then reads only what is new on a repeat: one since_id page each for posts and mentions, no profile', async () => {
    await linkAccount(h, MEMBER, X_USER);
    expect(await (await h.interact(report([{ name: 'public', type: 5, value: true }]))).json()).toEqual({ type: 5, data: {} });
    await lastEdit((e) => Boolean(e.report));

    const again = report();
    const refusal = await answerOf(again, await h.interact(again));
    expect(refusal.flags).toBe(64);
    expect(refusal.content).toMatch(/run another <t:\d+:R>/);

    h.clock.now += 31_000;
    data.posts.unshift(post({ at: new Date(h.clock.now - 1000).toISOString(), likes: 5, hashtags: ['fresh'] }));
    const before = h.x.v2Requests().length;
    await h.interact(report());
    const { text } = await eventually(() => {
      const edits = h.discord
        .edits()
        .map(reportEdit)
        .filter((e) => e.report);
      return edits.length === 2 && edits[1];
    });
    const calls = h.x.v2Requests().slice(before);
    expect(calls.map((c) => new URL(c.url).pathname.split('/').at(-1))).toEqual(expect.arrayContaining(['tweets', 'mentions']));
    expect(calls).toHaveLength(2);
    expect(calls.every((c) => new URL(c.url).searchParams.get('since_id'))).toBe(true);
    expect(text).toContain('-# Read 1 post from X in 2 requests · about $0.005 · ');
  });

  it('tells a member whose report must wait its place in the queue, then delivers the report', async () => {
    await h.close();
    await start('http', { REPORT_CONCURRENCY: '1' });
    const OTHER = '300000000000000002';
    await linkAccount(h, MEMBER, X_USER);
    await linkAccount(h, OTHER, { id: '1456789012345678999', screenName: 'other' });
    serveTimeline(h.x, { profile: { id: '1456789012345678999', name: 'Other', username: 'other' }, posts: [], mentions: [] });
    const release = h.x.hold(/\/2\/users\/me$/); // the first report waits on X
    await h.interact(report());
    await eventually(() => h.x.v2Requests().length > 0);
    const second = commandPayload({ name: 'report', member: { id: OTHER } });
    expect(((await (await h.interact(second)).json()) as { type: number }).type).toBe(5);
    const queued = await eventually(() => h.discord.edits().find((e) => e.path.includes(second.token)));
    expect(reportEdit(queued).text).toContain('queued: 1 report is ahead of it');
    release();
    await eventually(() => h.discord.edits().filter((e) => e.path.includes(second.token) && reportEdit(e).report).length === 1);
  });

  it('reads the profile once per UTC day, unless the member asks with refresh:true', async () => {
    await linkAccount(h, MEMBER, X_USER);
    const profileReads = () => h.x.v2Requests().filter((r) => new URL(r.url).pathname === '/2/users/me').length;
    const reportAndWait = async (options: Parameters<typeof report>[0] = []) => {
      const before = h.discord.edits().length;
      await h.interact(report(options));
      await eventually(() => h.discord.edits().length > before && reportEdit(h.discord.edits().at(-1)!).report);
      return reportEdit(h.discord.edits().at(-1)!);
    };
    await reportAndWait();
    expect(profileReads()).toBe(1);
    h.clock.now += 6 * 3_600_000; // 18:00 the same UTC day
    await reportAndWait();
    expect(profileReads()).toBe(1);
    h.clock.now += 60_000;
    const refreshed = await reportAndWait([{ name: 'refresh', type: 5, value: true }]);
    expect(profileReads()).toBe(2);
    expect(refreshed.text).toMatch(/-# Read .*your profile from X/);
    // Asking again and again within the cache window does not buy it again.
    h.clock.now += 60_000;
    await reportAndWait([{ name: 'refresh', type: 5, value: true }]);
    expect(profileReads()).toBe(2);
    h.clock.now += 6 * 3_600_000; // past midnight UTC
    await reportAndWait();
    expect(profileReads()).toBe(3);
  });

  it('uses the time zone option and refuses an unknown one', async () => {
    await linkAccount(h, MEMBER, X_USER);
    const bad = report([{ name: 'timezone', type: 3, value: 'Mars/Olympus' }]);
    expect((await answerOf(bad, await h.interact(bad))).content).toContain('not a time zone');
    await h.interact(report([{ name: 'timezone', type: 3, value: 'Asia/Tokyo' }]));
    const { text } = await lastEdit((e) => Boolean(e.report));
    expect(text).toMatch(/Most posts at \d\d:00 Asia\/Tokyo/);
  });

  it('suggests time zones as the member types, with their offsets, and remembers the zone they named for the next report', async () => {
    const typing = async (value: string) => {
      const res = await h.interact({ ...report([{ name: 'timezone', type: 3, value, focused: true } as never]), type: 4 });
      expect(res.status).toBe(200);
      return (await res.json()) as { type: number; data: { choices: Array<{ name: string; value: string }> } };
    };
    const berlin = await typing('berl');
    expect(berlin.type).toBe(8); // APPLICATION_COMMAND_AUTOCOMPLETE_RESULT
    expect(berlin.data.choices[0]).toEqual({ name: 'Europe/Berlin (UTC+01:00)', value: 'Europe/Berlin' });
    expect((await typing('new york')).data.choices[0]!.value).toBe('America/New_York');
    expect((await typing('')).data.choices[0]!.value).toBe('UTC');

    await linkAccount(h, MEMBER, X_USER);
    await h.interact(report([{ name: 'timezone', type: 3, value: 'asia/TOKYO' }]));
    const first = await lastEdit((e) => Boolean(e.report));
    expect(first.text).toContain('(Asia/Tokyo)'); // spelt as IANA spells it
    // Named once, it is their default: offered first, and used when they name none.
    expect((await typing('')).data.choices[0]).toEqual({ name: 'Asia/Tokyo (UTC+09:00)', value: 'Asia/Tokyo' });
    h.clock.now += 3_600_000;
    await h.interact(report());
    const second = await eventually(() => {
      const reports = h.discord
        .edits()
        .map(reportEdit)
        .filter((e) => e.report);
      return reports.length === 2 && reports[1];
    });
    expect(second.text).toContain('(Asia/Tokyo)');

    // Unlinking forgets it with everything else.
    await h.interact(commandPayload({ name: 'unlink-twitter', member: { id: MEMBER } }));
    await eventually(() => h.discord.edits().some((e) => String(DiscordStandIn.payload(e).content).includes('Unlinked')));
    expect(await h.one('select count(*) as n from member_time_zones')).toEqual({ n: 0 });
    expect((await typing('')).data.choices[0]!.value).toBe('UTC');
  });

  it('does not remember a zone for a member who is not linked, and answers a malformed autocomplete with 400', async () => {
    await h.interact(report([{ name: 'timezone', type: 3, value: 'Asia/Tokyo' }]));
    expect(await h.one('select count(*) as n from member_time_zones')).toEqual({ n: 0 });
    const noFocus = await h.interact({ ...report([{ name: 'timezone', type: 3, value: 'x' }]), type: 4 });
    expect(noFocus.status).toBe(400);
  });

  it('answers a replayed autocomplete again without recording it: suggestions change nothing', async () => {
    const body = JSON.stringify({ ...report([{ name: 'timezone', type: 3, value: 'tokyo', focused: true } as never]), type: 4 });
    const headers = h.signer.headers(body, String(Math.floor(h.clock.now / 1000)));
    const answers = [];
    for (let i = 0; i < 2; i++) answers.push(await (await h.interact(body, headers)).json());
    expect(answers[1]).toEqual(answers[0]);
    expect((answers[0] as { type: number; data: { choices: Array<{ value: string }> } }).data.choices[0]?.value).toBe('Asia/Tokyo');
    expect(await h.one('select count(*) as n from handled_interactions')).toEqual({ n: 0 });
  });

  it('remembers the zone of the one report admitted when two race with different zones', async () => {
    await linkAccount(h, MEMBER, X_USER);
    const payloads = [
      report([{ name: 'timezone', type: 3, value: 'Asia/Tokyo' }]),
      report([{ name: 'timezone', type: 3, value: 'Europe/Berlin' }]),
    ];
    const answers = await Promise.all(payloads.map(async (p) => answerOf(p, await h.interact(p))));
    const refused = answers.map((a) => a.content.includes('still being made'));
    expect(refused.filter(Boolean)).toHaveLength(1); // one report per member at a time
    await lastEdit((e) => Boolean(e.report));
    const zone = refused[1] ? 'Asia/Tokyo' : 'Europe/Berlin';
    expect(await h.sql('select time_zone from member_time_zones')).toEqual([{ time_zone: zone }]);
  });

  it('deletes at the next start a zone that a crash between an unlink and its clean-up left behind', async () => {
    await linkAccount(h, MEMBER, X_USER);
    await h.interact(report([{ name: 'timezone', type: 3, value: 'Asia/Tokyo' }]));
    await lastEdit((e) => Boolean(e.report));
    // The unlink's first write, without the clean-up that follows it.
    await h.sql('delete from linked_accounts');
    await h.restart();
    expect(await h.one('select count(*) as n from member_time_zones')).toEqual({ n: 0 });
  });

  it('keeps the member’s private X analytics out of a public report and shows them in a private one', async () => {
    await linkAccount(h, MEMBER, X_USER);
    await h.interact(report([{ name: 'public', type: 5, value: true }]));
    const shared = await lastEdit((e) => Boolean(e.report));
    expect(shared.text).toContain('**Your X analytics**\n_Your private X analytics are shown only in private reports._');
    // The read asked X for them all the same: a private report later needs no extra read.
    expect(h.x.v2Requests().some((r) => new URL(r.url).searchParams.get('tweet.fields')?.includes('non_public_metrics'))).toBe(true);
    h.clock.now += 60_000;
    await h.interact(report());
    const mine = await eventually(() => {
      const reports = h.discord
        .edits()
        .map(reportEdit)
        .filter((e) => e.report);
      return reports.length === 2 && reports[1];
    });
    expect(mine.text).toMatch(/👤 [\d,]+ profile visits · 🔗 [\d,]+ link clicks/);
    // X's engagement rate is the report's one rate in a private report, stated in the engagement section.
    expect(mine.text).toMatch(/Engagement rate: \d+\.\d% \(X's: engagements ÷ impressions, on [\d,]+ posts? of the last 30 days\)/);
    expect(shared.text).toMatch(/Engagement rate: \d+\.\d% \(likes, reposts/);
  });

  it('tells a member their link broke when X answers 401, and marks it broken', async () => {
    await linkAccount(h, MEMBER, X_USER);
    h.x.failNext(/\/2\/users\/\d+\/tweets/, {
      status: 401,
      body: { title: 'Unauthorized', type: 'about:blank', status: 401, detail: 'Unauthorized' },
    });
    await h.interact(report());
    const { content } = await lastEdit((e) => e.content.includes('no longer accepts'));
    expect(content).toContain('/link-twitter');
    expect(await h.one('select status from linked_accounts')).toEqual({ status: 'broken' });
    h.clock.now += 60_000;
    const next = report();
    expect((await answerOf(next, await h.interact(next))).content).toContain('no longer accepts');
  });

  it('says when to try again after a 429, from x-rate-limit-reset', async () => {
    await linkAccount(h, MEMBER, X_USER);
    const reset = Math.floor(h.clock.now / 1000) + 600;
    h.x.failNext(/\/2\/users\/\d+\/tweets/, {
      status: 429,
      body: { title: 'Too Many Requests', detail: 'Too Many Requests', type: 'about:blank', status: 429 },
      headers: { 'x-rate-limit-reset': String(reset) },
    });
    await h.interact(report());
    const { content } = await lastEdit((e) => e.content.includes('rate limit'));
    expect(content).toContain(`<t:${reset}:R>`);
    expect(await h.one('select outcome from report_runs')).toEqual({ outcome: 'x-rate-limited' });
  });

  it('names the app’s X access level when X caps usage or refuses the tier', async () => {
    await linkAccount(h, MEMBER, X_USER);
    h.x.failNext(/\/2\/users\/\d+\/tweets/, {
      status: 429,
      body: {
        title: 'UsageCapExceeded',
        type: 'https://api.twitter.com/2/problems/usage-capped',
        detail: 'Usage cap exceeded: Monthly product cap',
      },
    });
    await h.interact(report());
    expect((await lastEdit((e) => e.content.includes('usage cap'))).content).toContain('access level');
    h.clock.now += 60_000;
    h.x.failNext(/\/2\/users\/\d+\/tweets/, {
      status: 403,
      body: { errors: [{ message: 'You currently have access to a subset of X API V2 endpoints', code: 453 }] },
    });
    await h.interact(report());
    expect((await lastEdit((e) => e.content.includes('453'))).content).toContain('access level');
  });

  it('retries X 5xx with backoff, then gives a clear message', async () => {
    await linkAccount(h, MEMBER, X_USER);
    recordedWaits.length = 0;
    for (let i = 0; i < 3; i++)
      h.x.failNext(/\/2\/users\/\d+\/tweets/, { status: 503, body: { title: 'Service Unavailable', type: 'about:blank', status: 503 } });
    await h.interact(report());
    expect((await lastEdit((e) => e.content.includes('not answering'))).content).toContain('try again');
    expect(recordedWaits).toEqual([500, 1000]);
    expect(h.x.requestsTo(/\/tweets$/)).toHaveLength(3);
  });

  it('runs one report per member at a time', async () => {
    await linkAccount(h, MEMBER, X_USER);
    const release = h.x.hold(/\/2\/users\/\d+\/tweets/);
    await h.interact(report());
    await eventually(() => h.x.requestsTo(/\/tweets$/).length === 1);
    const second = report();
    expect(await answerOf(second, await h.interact(second))).toEqual({
      type: 5,
      flags: 64,
      content: expect.stringContaining('still being made'),
    });
    release();
    await lastEdit((e) => Boolean(e.report));
  });

  it('admits one of two /report sent at once by the same member, refuses the replay among them, and delivers one report', async () => {
    await linkAccount(h, MEMBER, X_USER);
    const first = report();
    // Sent together: the acks go out first and the admissions follow (a private /report defers before its checks);
    // the run admitted first joins the queue only after the acks (ReportQueue.enqueue), still the member's running report.
    const third = report();
    const payloads = [first, first, third];
    const answers = await Promise.all(payloads.map((payload) => h.interact(payload)));
    expect(answers.map((r) => r.status).sort()).toEqual([200, 200, 409]);
    const seen = await Promise.all(answers.map((r, i) => (r.status === 409 ? null : answerOf(payloads[i]!, r))));
    const refused = seen.filter((a) => a?.content.includes('still being made'));
    expect(refused).toEqual([{ type: 5, flags: 64, content: expect.stringContaining('still being made') }]);
    const edit = await lastEdit((e) => e.report);
    expect(edit.text).toContain('Ada Lovelace');
    await eventually(async () => (await h.one("select count(*) as n from report_runs where outcome = 'running'"))?.n === 0);
    expect(await h.sql('select outcome from report_runs')).toEqual([{ outcome: 'ok' }]);
    expect(await h.one("select count(*) as n from report_runs where outcome = 'ok' and ready")).toEqual({ n: 1 });
    expect(
      h.discord
        .edits()
        .map(reportEdit)
        .filter((e) => e.report),
    ).toHaveLength(1);
  });

  it('ends a report whose rendering hangs at its deadline, with a clear message, and lets the member ask again', async () => {
    await h.close();
    // Long enough for the reads from the local X on a loaded machine: the deadline must find the report rendering.
    await start('http', {}, { reportDeadlineMs: 2000 });
    await linkAccount(h, MEMBER, X_USER);
    // A render that never finishes on its own, only when its report gives up (as the render pool does).
    const hanging = {
      render: (_job: unknown, signal?: AbortSignal) =>
        new Promise((_resolve, reject) => signal?.addEventListener('abort', () => reject(signal.reason), { once: true })),
    };
    const renders: unknown[] = [];
    const maker = (h.bot.reports as unknown as { maker: { deps: { render: typeof hanging } } }).maker;
    maker.deps.render = {
      render: (job, signal) => {
        renders.push(job);
        return hanging.render(job, signal);
      },
    };
    await h.interact(report());
    expect((await lastEdit((e) => e.content.includes('problem on our side'))).content).toContain('could not be made');
    expect(renders).toHaveLength(1); // the deadline found it rendering, not reading
    expect(await h.one('select outcome, reserved_posts from report_runs')).toEqual({
      outcome: 'error',
      reserved_posts: 0,
    });
    h.clock.now += 31_000; // past the cooldown
    const again = report();
    expect(await (await h.interact(again)).json()).toEqual({ type: 5, data: { flags: 64 } });
    // Admitted, not "still being made": a second run is recorded.
    await eventually(async () => (await h.one('select count(*) as n from report_runs'))?.n === 2);
  });

  it('forgets cached posts and profile on /unlink-twitter, keeping only anonymous usage', async () => {
    await linkAccount(h, MEMBER, X_USER);
    await h.interact(report());
    await lastEdit((e) => Boolean(e.report));
    await h.interact(commandPayload({ name: 'unlink-twitter', member: { id: MEMBER } }));
    await eventually(() => h.discord.edits().some((e) => String(DiscordStandIn.payload(e).content).includes('Unlinked')));
    for (const table of ['x_posts', 'x_coverage', 'x_fetch_state', 'x_profiles']) {
      expect(await h.one(`select count(*) as n from ${table}`)).toEqual({ n: 0 });
    }
    expect(await h.sql('select discord_user_id from report_runs')).toEqual([{ discord_user_id: null }]);
  });
});

describe('/report over the gateway', () => {
  beforeEach(() => start('gateway'));

  it('answers time-zone autocomplete through discord.js', async () => {
    const payload = { ...report([{ name: 'timezone', type: 3, value: 'kolk', focused: true } as never]), type: 4 };
    (h.bot.gateway as unknown as { actions: { InteractionCreate: { handle(d: unknown): void } } }).actions.InteractionCreate.handle(
      payload,
    );
    const callback = await eventually(() => h.discord.callbacks()[0]);
    expect(callback.path).toBe(`/api/v10/interactions/${payload.id}/${payload.token}/callback`);
    expect(DiscordStandIn.payload(callback)).toEqual({
      type: 8,
      data: { choices: [{ name: 'Asia/Kolkata (UTC+05:30)', value: 'Asia/Kolkata' }] },
    });
  });

  it('defers through discord.js and edits the reply with the Components V2 report and the PNG attached', async () => {
    await linkAccount(h, MEMBER, X_USER);
    const payload = report([{ name: 'days', type: 4, value: 7 }]);
    (h.bot.gateway as unknown as { actions: { InteractionCreate: { handle(d: unknown): void } } }).actions.InteractionCreate.handle(
      payload,
    );
    const callback = await eventually(() => h.discord.callbacks()[0]);
    expect(DiscordStandIn.payload(callback)).toEqual({ type: 5, data: { flags: 64 } });
    const edit = await eventually(() => h.discord.edits().find((e) => e.path.includes(payload.token)));
    const { text, png } = reportEdit(edit);
    expect(text).toContain('Last 7 days, today included');
    expect(png!.subarray(1, 4).toString()).toBe('PNG');
    expect(edit.body).toContain('filename="x-report.png"');
  });
});
