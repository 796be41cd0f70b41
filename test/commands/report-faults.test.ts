// /report under attack and failure: an unlink racing a report, many members
// against a small budget, an X that hangs, a page X sends garbage in, and a
// Discord that fails the final edit. What the member sees, and what is left
// in the database, is asserted.

import { afterEach, describe, expect, it } from 'vitest';
import type { RecordedRequest } from '../../src/local-x/http-stand-in.js';
import { syntheticTimeline } from '../../src/local-x/posts.js';
import { serveTimeline } from '../../src/local-x/timeline-routes.js';
import type { ReadLanes } from '../../src/report/build/report-reads.js';
import { commandPayload } from '../support/discord-payloads.js';
import { DiscordStandIn } from '../support/discord-stand-in.js';
import { eventually, type Harness, type HarnessOptions, linkAccount, startHarness } from '../support/harness.js';
import { seen } from '../support/layout-text.js';
import { withWarnings } from '../support/process-warnings.js';

const MEMBER = '300000000000000001';
const X_USER = { id: '1456789012345678901', screenName: 'ada_codes' };
let h: Harness;

async function start(options: HarnessOptions = {}) {
  h = await startHarness({ mode: 'http', ...options, env: { REPORT_COOLDOWN_SECONDS: '0', ...options.env } });
}
afterEach(async (ctx) => {
  if (ctx.task.result?.state === 'fail') {
    console.log(
      h.discord
        .edits()
        .map((e) => JSON.stringify(DiscordStandIn.payload(e)).slice(0, 200))
        .join('\n'),
    );
    console.log(
      h.logs
        .filter((l) => !l.includes('"debug"'))
        .slice(-15)
        .join('\n'),
    );
  }
  await h.close();
});

const count = async (sql: string) => ((await h.one(sql)) as { n: number }).n;
const report = (member = MEMBER) => commandPayload({ name: 'report', member: { id: member } });
const editsFor = (token: string) =>
  h.discord
    .edits()
    .filter((e) => e.path.includes(token))
    .map((e) => seen(DiscordStandIn.payload(e)));

function serve(user: { id: string }, posts = 300) {
  serveTimeline(h.x, {
    profile: { id: user.id, name: 'Ada', username: 'ada' },
    posts: syntheticTimeline(posts, h.clock.now - 60_000, 60),
    mentions: [],
  });
}

describe('an unlink racing a report', () => {
  it('wins: the report in flight writes nothing and is not delivered', async () => {
    await start({ env: { REPORT_MAX_MENTIONS: '0' } }); // the timeline page is the last thing to arrive
    await linkAccount(h, MEMBER, X_USER);
    serve(X_USER);
    const release = h.x.hold(/\/2\/users\/\d+\/tweets/);
    const payload = report();
    await h.interact(payload);
    await eventually(() => h.x.requestsTo(/\/tweets$/).length === 1);
    // The profile is in; only the timeline page is still on its way.
    await eventually(async () => (await count('select count(*) as n from x_profiles')) === 1);

    // X is slow to revoke, so the page in flight still comes back full of posts.
    h.x.failNext(/invalidate_token/, { status: 503, body: 'busy' });
    await h.interact(commandPayload({ name: 'unlink-twitter', member: { id: MEMBER } }));
    await eventually(() => h.discord.edits().some((e) => String(DiscordStandIn.payload(e).content).includes('Unlinked')));
    release();
    const edit = await eventually(() => editsFor(payload.token).find((e) => e.content?.includes('unlinked your X account')));
    expect(edit.report).toBe(false);

    for (const table of ['x_posts', 'x_coverage', 'x_fetch_state', 'x_profiles', 'linked_accounts']) {
      expect(await count(`select count(*) as n from ${table}`)).toBe(0);
    }
    expect(await count(`select count(*) as n from report_runs where discord_user_id is not null`)).toBe(0);
    // The posts X returned were bought all the same: the usage stays, anonymous, for the budgets.
    expect(await count(`select sum(posts_read) as n from report_runs`)).toBeGreaterThan(0);
  });
});

describe('budgets under concurrency', () => {
  it('ten members reporting at once against a 60-post budget read at most 60 posts', async () => {
    await start({ env: { X_MONTHLY_POST_BUDGET: '60' } });
    const members = Array.from({ length: 10 }, (_, i) => ({
      member: `30000000000000010${i}`,
      x: { id: `145678901234567890${i}`, screenName: `m${i}` },
    }));
    for (const { member, x } of members) {
      await linkAccount(h, member, x);
      serve(x);
    }
    const payloads = members.map(({ member }) => report(member));
    const answers = await Promise.all(
      payloads.map(async (p) => (await h.interact(p)).json() as Promise<{ type: number; data?: { content?: string } }>),
    );
    const deferred = payloads.filter((_, i) => answers[i]!.type === 5);
    expect(deferred.length).toBeGreaterThanOrEqual(1);
    for (const refused of answers.filter((a) => a.type === 4)) {
      expect(refused.data?.content).toMatch(/budget is (taken up by reports running right now|used up)/);
    }
    await eventually(() => deferred.every((p) => editsFor(p.token).length > 0));
    expect(await count('select sum(posts_read) as n from report_runs')).toBeLessThanOrEqual(60);
    expect(await count("select count(*) as n from report_runs where outcome = 'running' or reserved_posts > 0")).toBe(0);
  });
});

describe('X failing mid-report', () => {
  it('a hanging X: the member hears X is not answering, and the reads are recorded', async () => {
    await start({ xRequestTimeoutMs: 150 });
    await linkAccount(h, MEMBER, X_USER);
    serve(X_USER);
    for (let i = 0; i < 3; i++) h.x.hold(/\/2\/users\/\d+\/tweets/); // never released: X hangs
    const payload = report();
    await h.interact(payload);
    const edit = await eventually(() => editsFor(payload.token).find((e) => e.content?.includes('not answering')), 2000);
    expect(edit.content).toContain('try again');
    expect(await count("select upstream_requests as n from report_runs where outcome = 'x-unavailable'")).toBeGreaterThanOrEqual(3);
  });

  it('a page with a garbage date: a clear message, no unhandled rejection, every page X returned counted', async () => {
    await start();
    await linkAccount(h, MEMBER, X_USER);
    const posts = syntheticTimeline(300, h.clock.now - 60_000, 60);
    serveTimeline(h.x, { profile: { id: X_USER.id, name: 'Ada', username: 'ada' }, posts, mentions: [] });
    // The second page has a post whose date cannot be read.
    h.x.routes.unshift((req) => {
      const url = new URL(req.url);
      if (!url.pathname.endsWith('/tweets') || url.searchParams.get('pagination_token') !== 'page-100') return undefined;
      const page = posts.slice(100, 200).map((p, i) => (i === 50 ? { ...p, created_at: 'garbage' } : p));
      return { status: 200, body: { data: page, meta: { result_count: page.length, next_token: 'page-200' } } };
    });
    const payload = report();
    await h.interact(payload);
    const edit = await eventually(() => editsFor(payload.token).find((e) => e.content?.includes('could not read')));
    expect(edit.report).toBe(false);
    expect(h.x.requestsTo(/\/tweets$/)).toHaveLength(2);
    expect(await count("select posts_read as n from report_runs where outcome = 'x-bad-response'")).toBe(200);
    expect(h.logs.join('\n')).not.toContain('unhandled rejection');
  });
});

describe('X failing one slice of a long read', () => {
  const POSTS = 3000;
  /** A member X says has never posted more than a report may read: the period is read in slices side by side. */
  async function startSliced(options: HarnessOptions = {}) {
    await start({ ...options, env: { REPORT_MAX_POSTS: '3200', ...options.env } });
    await linkAccount(h, MEMBER, X_USER);
    serveTimeline(h.x, {
      profile: {
        id: X_USER.id,
        name: 'Ada',
        username: 'ada',
        public_metrics: { followers_count: 10, following_count: 5, tweet_count: POSTS },
      },
      posts: syntheticTimeline(POSTS, h.clock.now - 60_000, 85),
      mentions: [],
    });
  }
  /** The third slice asked (a read bounded by end_time), and every retry of it. */
  function thirdSlice() {
    let slices = 0;
    let url: string | undefined;
    const matches = (req: RecordedRequest) => {
      if (url === undefined && req.url.includes('end_time') && ++slices === 3) url = req.url;
      return req.url === url;
    };
    return Object.assign(matches, { asked: () => h.x.v2Requests().filter((r) => r.url === url).length });
  }
  const longReport = () => commandPayload({ name: 'report', member: { id: MEMBER }, options: [{ name: 'days', type: 4, value: 90 }] });
  /** Pages and requests the running reports hold room for, in the gates they share. */
  const lanes = () => (h.bot.reports as unknown as { maker: { deps: { lanes: ReadLanes } } }).maker.deps.lanes;

  it('one slice X never answers while the others arrive: the member hears X is not answering, every room is given back, and the next report reads the rest', async () => {
    await startSliced({ xRequestTimeoutMs: 150 });
    const slice = thirdSlice();
    for (let i = 0; i < 3; i++) h.x.hold(slice); // every attempt at it hangs; never released
    await withWarnings(async (warnings) => {
      const payload = longReport();
      await h.interact(payload);
      const edit = await eventually(() => editsFor(payload.token).find((e) => e.content?.includes('not answering')), 10_000);
      expect(edit.content).toContain('try again');
      expect(h.x.v2Requests().filter((r) => r.url.includes('end_time')).length).toBeGreaterThan(10); // side by side
      await eventually(() => lanes().askGate.held === 0 && lanes().pageGate.held === 0);
      expect(await count("select count(*) as n from report_runs where outcome = 'x-unavailable' and reserved_posts = 0")).toBe(1);
      expect(warnings).not.toContain('MaxListenersExceededWarning');
      expect(h.logs.join('\n')).not.toContain('unhandled rejection');
    });
    // X answers again: the next report shows the whole period, reading only what the first could not store.
    const again = longReport();
    await h.interact(again);
    const delivered = await eventually(() => editsFor(again.token).find((e) => e.report), 10_000);
    expect(delivered.text).toContain(`**${POSTS.toLocaleString('en-US')}** posts`);
    expect(await count("select posts_read as n from report_runs where outcome = 'ok'")).toBeLessThan(POSTS / 10);
  });
  it('one slice X answers with a body over 8 MiB: it is cut off unread, the member is told, and every room is given back', async () => {
    await startSliced();
    const slice = thirdSlice();
    const huge = 'x'.repeat(9 * 1024 * 1024);
    h.x.routes.unshift((req) => (slice(req) ? { status: 200, body: huge } : undefined));
    const payload = longReport();
    await h.interact(payload);
    const edit = await eventually(() => editsFor(payload.token).find((e) => e.content?.includes('could not read')), 10_000);
    expect(edit.report).toBe(false);
    expect(slice.asked()).toBe(1); // not asked again: a second 8 MiB would be cut off as well
    await eventually(() => lanes().askGate.held === 0 && lanes().pageGate.held === 0);
    expect(await count("select count(*) as n from report_runs where outcome = 'x-bad-response' and reserved_posts = 0")).toBe(1);
    expect(h.logs.join('\n')).not.toContain('unhandled rejection');
  });
});

describe('Discord failing the final edit', () => {
  it('gets the finished report through eight 500s instead of replacing it with an apology', async () => {
    await start();
    await linkAccount(h, MEMBER, X_USER);
    serve(X_USER);
    for (let i = 0; i < 8; i++) h.discord.failNext(/^PATCH /, { status: 500, body: { message: 'Internal Server Error', code: 0 } });
    const payload = report();
    await h.interact(payload);
    await eventually(() => editsFor(payload.token).length >= 9);
    expect(editsFor(payload.token)).toHaveLength(9); // eight answered 500, the ninth delivered
    const last = editsFor(payload.token).at(-1)!;
    expect(last.report).toBe(true);
    expect(editsFor(payload.token).some((e) => e.content?.includes('went wrong'))).toBe(false);
  });
});

describe('Discord refusing the final edit: the member always gets their report', { timeout: 30_000 }, () => {
  const refused = (status: number, body: object) => h.discord.failNext(/^PATCH /, { status, body });
  /** The report, as the member would read it in a direct message from the bot. */
  const directReport = () =>
    h.discord
      .requestsTo(/^POST \/api\/v10\/channels\/\d+\/messages$/)
      .map((r) => seen(DiscordStandIn.payload(r)))
      .find((m) => m.report);

  async function reportRefused(...refusals: Array<[number, object]>) {
    await start();
    await linkAccount(h, MEMBER, X_USER);
    serve(X_USER);
    for (const [status, body] of refusals) refused(status, body);
    const payload = report();
    await h.interact(payload);
    return payload;
  }

  it('a 400 (a payload Discord refused): the same report as plain text, and the error logged as Discord named it', async () => {
    const payload = await reportRefused([
      400,
      {
        code: 50035,
        message: 'Invalid Form Body',
        errors: {
          components: {
            0: {
              components: { 3: { content: { _errors: [{ code: 'BASE_TYPE_MAX_LENGTH', message: 'Must be 4000 or fewer in length.' }] } } },
            },
          },
        },
      },
    ]);
    const text = await eventually(() => editsFor(payload.token).find((e) => e.content?.includes('plain text')));
    expect(text.report).toBe(false); // text alone: no chart
    expect(text.content).toContain('@ada');
    expect(text.content).toMatch(/Read \d+ posts/);
    expect(h.discord.directMessages()).toEqual([]);
    const logged = h.logs.find((l) => l.includes('Discord refused a report'))!;
    expect(logged).toContain('components.0.components.3.content: BASE_TYPE_MAX_LENGTH');
    expect(logged).toContain('Invalid Form Body');
    expect(logged).not.toContain(payload.token);
  });

  for (const [name, refusals] of [
    ['a 401', [[401, { message: '401: Unauthorized', code: 0 }]]],
    ['a 404 without code 10015', [[404, { message: '404: Not Found', code: 0 }]]],
    ['more than six "Unknown Webhook"', Array.from({ length: 7 }, () => [404, { message: 'Unknown Webhook', code: 10015 }])],
  ] as Array<[string, Array<[number, object]>]>) {
    it(`${name} (the interaction token is gone): the report by direct message`, async () => {
      await reportRefused(...refusals);
      const dm = await eventually(directReport);
      expect(dm.content).toContain('Discord no longer accepted it as a reply');
      expect(dm.text).toMatch(/Read \d+ posts/);
      expect(h.discord.requestsTo(/^POST \/api\/v10\/users\/@me\/channels$/)[0]?.json).toEqual({ recipient_id: MEMBER });
      expect(await count('select count(*) as n from report_runs where undelivered_at is not null')).toBe(0);
    });
  }

  /** A report made while Discord takes neither its reply (401) nor a direct message: noted as undelivered. */
  async function reportNeitherRepliedNorSent(): Promise<void> {
    await linkAccount(h, MEMBER, X_USER);
    serve(X_USER);
    refused(401, { message: '401: Unauthorized', code: 0 });
    h.discord.failNext(/^POST \/api\/v10\/channels\/\d+\/messages$/, {
      status: 403,
      body: { message: 'Cannot send messages to this user', code: 50007 },
    });
    await h.interact(report());
    await eventually(async () => (await count('select count(*) as n from report_runs where undelivered_at is not null')) === 1);
  }

  it('a 401 and no direct messages accepted: the member’s next private answer says the report is ready to make again, once', async () => {
    await start();
    await reportNeitherRepliedNorSent();
    const next = (await (await h.interact(commandPayload({ name: 'link-twitter', member: { id: MEMBER } }))).json()) as {
      data: { content?: string };
    };
    expect(next.data.content).toContain('was made but Discord accepted neither its reply nor a direct message');
    expect(next.data.content).toContain('Run `/report` again');
    const after = (await (await h.interact(commandPayload({ name: 'link-twitter', member: { id: MEMBER } }))).json()) as {
      data: { content?: string };
    };
    expect(after.data.content ?? '').not.toContain('was made but');
  });

  it('the member’s next /report, refused after its private ack, opens its refusal with that note', async () => {
    await start({ env: { REPORT_COOLDOWN_SECONDS: '60' } });
    await reportNeitherRepliedNorSent();
    const again = report(); // within the cooldown of the report just made
    expect(await (await h.interact(again)).json()).toEqual({ type: 5, data: { flags: 64 } });
    const refusal = await eventually(() => editsFor(again.token)[0]);
    expect(refusal.content).toContain('was made but Discord accepted neither its reply nor a direct message');
    expect(refusal.content).toMatch(/run another <t:\d+:R>/);
  });
});

describe('a report that never reached the queue', () => {
  it('is let go a minute after admission: the member is told, and what it held is released', async () => {
    await start({ env: { X_MONTHLY_POST_BUDGET: '5000' } });
    await linkAccount(h, MEMBER, X_USER);
    // Admitted, but the process died before the member's ack went out: never queued.
    const admission = await h.bot.reports.admit({
      discordUserId: MEMBER,
      guildId: null,
      locale: null,
      days: 30,
      timeZone: 'UTC',
      interactionToken: 'cut-off-token',
    });
    expect(admission.ok).toBe(true);
    expect(await count("select reserved_posts as n from report_runs where outcome = 'running'")).toBe(1200);
    await h.restart();
    expect(editsFor('cut-off-token')).toHaveLength(0); // it may yet be queued
    h.clock.now += 61_000;
    await h.restart();
    const edit = await eventually(() => editsFor('cut-off-token')[0]);
    expect(edit.content).toContain('The bot restarted while making your report');
    expect(
      await count(
        "select count(*) as n from report_runs where outcome = 'interrupted' and reserved_posts = 0 and interaction_token_sealed is null",
      ),
    ).toBe(1);
  });
});
