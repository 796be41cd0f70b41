// Black-box: the built bot killed with -9 at the worst moments (during the
// access-token exchange, during unlink's revocation, in the middle of a
// report), then started again on the same database. What a crash leaves
// behind must be put right: the member told, the token revoked, the reads
// counted.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CLIENT_SECRET } from '../../src/local-discord/oauth.js';
import { BillingLedger } from '../../src/local-x/billing.js';
import type { RecordedRequest } from '../../src/local-x/http-stand-in.js';
import { mention, syntheticTimeline } from '../../src/local-x/posts.js';
import { serveTimeline } from '../../src/local-x/timeline-routes.js';
import { XStandIn } from '../../src/local-x/x-stand-in.js';
import type { XPost, XUserProfile } from '../../src/twitter/v2-types.js';
import { type BotProcess, standInEnv, startBotProcess } from '../support/bot-process.js';
import { Browser } from '../support/browser.js';
import { commandPayload, DiscordSigner } from '../support/discord-payloads.js';
import { DiscordStandIn } from '../support/discord-stand-in.js';
import { eventually } from '../support/harness.js';
import { seen } from '../support/layout-text.js';
import { freshPostgresDatabase, testPostgresUrl } from '../support/test-engine.js';

const X_USER = { id: '1456789012345678901', screenName: 'ada' };
const signer = new DiscordSigner();
let x: XStandIn;
let discord: DiscordStandIn;
let dir: string;
let env: Record<string, string>;
let bots: BotProcess[];
/** On the PostgreSQL run, the database the processes share. */
let postgres: { url: string; drop(): Promise<void> } | null;

beforeEach(async () => {
  x = await new XStandIn().start();
  discord = await new DiscordStandIn().start();
  dir = mkdtempSync(join(tmpdir(), 'xbot-crash-'));
  bots = [];
  postgres = testPostgresUrl ? await freshPostgresDatabase(testPostgresUrl) : null;
  env = {
    ...standInEnv(x, discord, signer, dir),
    // A restarted process takes over what the killed one held once its lease lapses (on SQLite at once).
    ...(postgres ? { DATABASE_URL: postgres.url, REPORT_LEASE_SECONDS: '2' } : {}),
  };
});
afterEach(async () => {
  for (const bot of bots) await bot.stop();
  await x.stop();
  await discord.stop();
  await postgres?.drop();
  rmSync(dir, { recursive: true, force: true });
});

async function start(): Promise<BotProcess> {
  const bot = await startBotProcess(env, dir);
  bots.push(bot);
  return bot;
}

async function interact(bot: BotProcess, payload: unknown): Promise<{ type: number; data?: any }> {
  const body = JSON.stringify(payload);
  const res = await fetch(`${bot.base}/interactions`, { method: 'POST', body, headers: signer.headers(body) });
  expect(res.status).toBe(200);
  return (await res.json()) as { type: number; data?: any };
}

const browser = (bot: BotProcess) => new Browser((path, init) => fetch(`${bot.base}${path}`, init), env.PUBLIC_URL!);
const editsFor = (token: string) =>
  discord
    .edits()
    .filter((e) => e.path.includes(token))
    .map((e) => seen(DiscordStandIn.payload(e)));

async function linkFully(bot: BotProcess): Promise<void> {
  x.autoApproveAs = X_USER;
  const reply = await interact(bot, commandPayload({ name: 'link-twitter' }));
  const member = browser(bot);
  const consent = (await member.openLink(new URL(reply.data.components[0].components[0].url).pathname)).location!;
  const callback = new URL((await fetch(consent, { redirect: 'manual' })).headers.get('location')!);
  expect((await member.get(`${callback.pathname}${callback.search}`)).status).toBe(200);
}

/** The first row a query finds in the database the processes share, either engine. */
async function row<T = Record<string, unknown>>(query: string): Promise<T | undefined> {
  if (postgres) {
    const client = new pg.Client({ connectionString: postgres.url });
    await client.connect();
    try {
      return (await client.query(query)).rows[0] as T | undefined;
    } finally {
      await client.end();
    }
  }
  const db = new BetterSqlite3(env.DATABASE_PATH!, { readonly: true });
  try {
    return db.prepare(query).get() as T | undefined;
  } finally {
    db.close();
  }
}

/** Posts stored in the database the processes share. */
const storedPosts = async () => Number((await row<{ n: number }>('select count(*) as n from x_posts'))?.n);
/** Posts the report's run counts as read (what it was billed for). */
const postsCounted = async () => Number((await row<{ n: number }>('select posts_read as n from report_runs'))?.n);

/** The first replica, its member linked, with X serving `posts` on `profile` and billing what it returns. */
async function firstReplicaServing(posts: XPost[], profile: XUserProfile = { id: X_USER.id, name: 'Ada', username: 'ada' }) {
  const first = await start();
  const ledger = new BillingLedger(() => Date.now());
  serveTimeline(x, { profile, posts, mentions: [] }, { bill: ledger });
  await linkFully(first);
  return { first, ledger };
}

/**
 * Makes the bot's next write of posts hang, from outside the process, until the returned function is called
 * (after the kill): PostgreSQL holds a lock on the posts table; SQLite runs a trigger on each post's insert
 * that takes minutes, inside the bot's transaction (no page of posts is then stored).
 */
async function stallPostWrites(): Promise<() => Promise<void>> {
  if (postgres) {
    const client = new pg.Client({ connectionString: postgres.url });
    await client.connect();
    await client.query('begin');
    await client.query('lock table x_posts in share mode');
    return async () => {
      await client.query('rollback');
      await client.end();
    };
  }
  const db = new BetterSqlite3(env.DATABASE_PATH!);
  // A cross join of the stored posts with themselves: 200^4 rows counted per insert.
  db.exec(`create trigger stall before insert on x_posts begin
    select count(*) from x_posts a, x_posts b, x_posts c, x_posts d;
  end`);
  return async () => {
    db.exec('drop trigger stall');
    db.close();
  };
}

describe('kill -9', () => {
  // On PostgreSQL another replica may be making any exchange, so one is let go only a minute past its link's
  // expiry, not at a start-up (see LinkStore.takeInterruptedExchanges): minutes this test does not wait.
  it.skipIf(testPostgresUrl)('during the access-token exchange: after the restart the member is told to link again', async () => {
    const first = await start();
    const payload = commandPayload({ name: 'link-twitter' });
    const reply = await interact(first, payload);
    const member = browser(first);
    const { location } = await member.openLink(new URL(reply.data.components[0].components[0].url).pathname);
    const rt = new URL(location!).searchParams.get('oauth_token')!;
    x.hold(/access_token/);
    void member.get(`/twitter/callback?${new URLSearchParams(x.approve(rt, X_USER))}`).catch(() => undefined);
    await eventually(() => x.requestsTo(/access_token/).length === 1);
    await first.kill9();

    await start();
    const told = await eventually(() => editsFor(payload.token).find((e) => e.content?.includes('Linking was interrupted')));
    expect(told.content).toContain('/link-twitter');
    expect(Number((await row<{ n: number }>('select count(*) as n from pending_links'))?.n)).toBe(0);
    expect(Number((await row<{ n: number }>('select count(*) as n from linked_accounts'))?.n)).toBe(0);
  });

  it('during unlink’s revocation at X: the restarted bot revokes the token', async () => {
    const first = await start();
    await linkFully(first);
    expect(x.accessTokens.size).toBe(1);
    x.hold(/invalidate_token/);
    await interact(first, commandPayload({ name: 'unlink-twitter' }));
    await eventually(() => x.requestsTo(/invalidate_token/).length === 1);
    await first.kill9();

    await start();
    await eventually(() => x.accessTokens.size === 0 && x.requestsTo(/invalidate_token/).length === 2);
    await eventually(async () => Number((await row<{ n: number }>('select count(*) as n from pending_revocations'))?.n) === 0);
    expect(Number((await row<{ n: number }>('select count(*) as n from linked_accounts'))?.n)).toBe(0);
  });

  it('between unlink’s commit and the Linked Roles clear: the restarted bot clears the connection', { timeout: 90_000 }, async () => {
    env.DISCORD_CLIENT_SECRET = CLIENT_SECRET;
    discord.oauth.redirectUri = `${env.PUBLIC_URL}/discord/callback`;
    const MEMBER = { id: '300000000000000001', username: 'ada', global_name: 'Ada Lovelace', locale: 'en-US' };
    discord.oauth.approveAs = MEMBER;
    serveTimeline(x, { profile: { id: X_USER.id, name: 'Ada', username: 'ada' }, posts: [], mentions: [] });
    const first = await start();
    await linkFully(first);
    // The member connects Linked Roles from a server's role menu: Discord shows their X account.
    const member = browser(first);
    const consent = (await member.get('/linked-role')).headers.get('location')!;
    const back = new URL((await fetch(consent, { redirect: 'manual' })).headers.get('location')!);
    expect((await member.get(`${back.pathname}${back.search}`)).status).toBe(200);
    expect(discord.oauth.latest(MEMBER.id)).toMatchObject({ metadata: { linked: '1' } });

    const clears = /^PUT .*role-connection$/;
    const release = discord.hold(clears);
    await interact(first, commandPayload({ name: 'unlink-twitter' }));
    await eventually(() => discord.requestsTo(clears).length === 2); // the unlink committed; its clear is at Discord
    await first.kill9();

    await start();
    await eventually(() => discord.requestsTo(clears).length === 3);
    await eventually(async () => Number((await row<{ n: number }>('select count(*) as n from pending_role_clears'))?.n) === 0);
    expect(discord.oauth.latest(MEMBER.id)).toEqual({ platform_name: 'X', metadata: { linked: '0' } });
    expect(Number((await row<{ n: number }>('select count(*) as n from discord_connections'))?.n)).toBe(0);
    release();
  });

  it('in the middle of a report: the next start finishes it, counting what the first read', { timeout: 90_000 }, async () => {
    const first = await start();
    const mentions = Array.from({ length: 7 }, (_, i) => mention(new Date(Date.now() - (i + 1) * 3_600_000).toISOString(), '42'));
    serveTimeline(x, {
      profile: { id: X_USER.id, name: 'Ada', username: 'ada' },
      posts: syntheticTimeline(400, Date.now() - 60_000, 90),
      mentions,
    });
    await linkFully(first);
    const release = x.hold(/\/tweets$/);
    const payload = commandPayload({ name: 'report' });
    expect((await interact(first, payload)).type).toBe(5);
    await eventually(() => x.requestsTo(/\/tweets$/).length === 1 && x.requestsTo(/\/users\/me$/).length === 1);
    // Let the answers that did come back be recorded before the kill.
    const usage = () =>
      row<{ requests: string | number; posts: string | number }>(
        'select upstream_requests as requests, posts_read as posts from report_runs',
      );
    await eventually(async () => {
      const read = await usage();
      return Number(read?.requests) === 3 && Number(read?.posts) === 7;
    });
    await first.kill9();
    release();

    // The queue still holds the report: the next process takes it over and edits the member's reply with it.
    await start();
    const report = await eventually(() => editsFor(payload.token).find((e) => e.report));
    expect(report.report).toBe(true);
    expect(editsFor(payload.token).some((e) => e.content?.includes('went wrong'))).toBe(false);
    const run = (await row<Record<string, unknown>>(
      'select outcome, upstream_requests, posts_read, reserved_posts, interaction_token_sealed from report_runs',
    ))!;
    // What the first process read counts too.
    expect(run).toMatchObject({ outcome: 'ok', interaction_token_sealed: null });
    expect(Number(run.reserved_posts)).toBe(0);
    expect(Number(run.upstream_requests)).toBeGreaterThan(3);
    expect(Number(run.posts_read)).toBeGreaterThan(7);
    // What the first process stored is not bought again: the profile is not read twice, and the mentions at most
    // once more (if the first process was killed before recording what it had read of them).
    expect(x.requestsTo(/\/users\/me$/)).toHaveLength(1);
    expect(x.requestsTo(/\/mentions$/).length).toBeLessThanOrEqual(2);
  });

  it('between two pages of a report: the next start reads on from the last stored page, and each post counts once', {
    timeout: 90_000,
  }, async () => {
    const posts = syntheticTimeline(400, Date.now() - 60_000, 89);
    const { first, ledger } = await firstReplicaServing(posts);
    // The first two pages come back; the replica dies waiting on the third.
    const holds = [x.hold(/\/tweets$/), x.hold(/\/tweets$/), x.hold(/\/tweets$/)];
    holds[0]!();
    holds[1]!();
    const payload = commandPayload({ name: 'report', options: [{ name: 'days', type: 4, value: 90 }] });
    expect((await interact(first, payload)).type).toBe(5);
    await eventually(() => x.requestsTo(/\/tweets$/).length === 3);
    // Two pages stored (each with what it proves stored, in one transaction) and counted.
    await eventually(async () => (await storedPosts()) === 200);
    await eventually(async () => (await postsCounted()) === 200);
    await first.kill9();

    await start();
    const report = await eventually(() => editsFor(payload.token).find((e) => e.report));
    const footer = report.text;
    // X served each post once (the third page's request never got its answer), the run counts each once,
    // and the footer claims nothing already paid for.
    expect(ledger.postsReturned).toBe(400);
    expect(ledger.postsBilled).toBe(400);
    expect(await postsCounted()).toBe(400);
    // The takeover read the second 200 with until_id below the first attempt's, and the cost line says so.
    expect(footer).toContain('Read 400 posts (200 older than those stored) and your profile');
    expect(footer).not.toContain('already paid');
    // It went on from the oldest stored post: the takeover's first timeline read names it.
    const resumed = new URL(x.requestsTo(/\/tweets$/)[3]!.url).searchParams;
    expect(resumed.get('until_id')).toBe(posts[199]!.id);
    expect(await storedPosts()).toBe(400);
  });

  it('while its slices are read side by side: the next start reads only the slices not stored, and each post counts once', {
    timeout: 90_000,
  }, async () => {
    const posts = syntheticTimeline(1000, Date.now() - 60_000, 85);
    // X's count of the member's posts is within what a report may read (1,000): the period is read in slices.
    const profile = {
      id: X_USER.id,
      name: 'Ada',
      username: 'ada',
      public_metrics: { followers_count: 1, following_count: 1, tweet_count: 1000 },
    };
    const { first, ledger } = await firstReplicaServing(posts, profile);
    // The first page and the slices come back but for four (the sixth to the ninth timeline reads), on which the
    // replica dies waiting.
    const timelineReads = () => x.requestsTo(/\/tweets$/);
    const held = (req: RecordedRequest) => req.path.endsWith('/tweets') && [6, 7, 8, 9].includes(timelineReads().indexOf(req));
    for (let i = 0; i < 4; i++) x.hold(held);
    const payload = commandPayload({ name: 'report', options: [{ name: 'days', type: 4, value: 90 }] });
    expect((await interact(first, payload)).type).toBe(5);
    await eventually(() => timelineReads().length > 10); // every slice asked: ten, by the first page's pace
    // Every page that came back is stored (with the stretch it proves stored) and counted: all X has served, not
    // only what the bot has read so far (a page answered and still on its way would be read again, on a busy machine).
    await eventually(async () => {
      const stored = await storedPosts();
      return stored > 100 && stored === ledger.postsReturned && stored === (await postsCounted());
    });
    const storedBefore = await storedPosts();
    await first.kill9();

    await start();
    const report = await eventually(() => editsFor(payload.token).find((e) => e.report));
    // X served each post once (the four slices never got their answers), the run counts each once.
    expect(ledger.postsReturned).toBe(1000);
    expect(ledger.postsBilled).toBe(1000);
    expect(await postsCounted()).toBe(1000);
    expect(await storedPosts()).toBe(1000);
    expect(report.text).toContain('**1,000** posts');
    expect(report.text).toContain('Read 1,000 posts');
    // The takeover asked only for what the first attempt had not stored.
    expect(storedBefore).toBeLessThan(1000);
  });

  it('between X’s answer and storing that page: the takeover reads the page again but counts its posts once', {
    timeout: 90_000,
  }, async () => {
    // Three pages: the last has nothing after it, so no request is on its way when the bot is stuck storing it.
    const posts = syntheticTimeline(300, Date.now() - 60_000, 89);
    const { first, ledger } = await firstReplicaServing(posts);
    // Two pages come back and are stored; the third is held at X until its storing cannot happen.
    const holds = [x.hold(/\/tweets$/), x.hold(/\/tweets$/), x.hold(/\/tweets$/)];
    holds[0]!();
    holds[1]!();
    const payload = commandPayload({ name: 'report', options: [{ name: 'days', type: 4, value: 90 }] });
    expect((await interact(first, payload)).type).toBe(5);
    await eventually(() => x.requestsTo(/\/tweets$/).length === 3);
    await eventually(async () => (await storedPosts()) === 200);
    await eventually(async () => (await postsCounted()) === 200);
    // The third page's store cannot finish (the bot is stuck in it); what the page counted is recorded first.
    const unstall = await stallPostWrites();
    holds[2]!();
    await eventually(async () => (await postsCounted()) === 300);
    expect(await storedPosts()).toBe(200);
    await first.kill9();
    await unstall();

    await start();
    const report = await eventually(() => editsFor(payload.token).find((e) => e.report));
    // X served the third page twice (its first answer was never stored) but bills its posts once a day;
    // the run and the footer count each post once.
    expect(ledger.postsReturned).toBe(400);
    expect(ledger.postsBilled).toBe(300);
    expect(await postsCounted()).toBe(300);
    expect(report.text).toContain('Read 300 posts (100 older than those stored) and your profile');
    expect(report.text).not.toContain('already paid');
    expect(await storedPosts()).toBe(300);
  });
});
