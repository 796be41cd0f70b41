// `npm run bench` (second part): what reports cost at X's pay-per-use prices.
// Prints figures, asserts nothing. X is the local stand-in, billing as X
// does: each post returned once per UTC day, each user object every time.
// A simulated member posts 8 times and is mentioned 5 times a day; the bot
// runs on a simulated clock for 30 days under three habits of use:
//   A: /report days:30 once a day      B: /report days:7 five times a day
//   C: /report days:90 once a week
// D replays each habit under the policy the bot had before (the period and
// its mentions read afresh once the cache window passed, the profile with
// them), to show what the reading rules save. REPORT_MAX_POSTS and
// REPORT_MAX_MENTIONS are set so that no bound binds: the floor assumes none.

import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createBot } from '../src/bot.js';
import { type Config, loadConfig } from '../src/config/env.js';
import { BillingLedger } from '../src/local-x/billing.js';
import { SimulatedMember } from '../src/local-x/simulated-member.js';
import { serveTimeline } from '../src/local-x/timeline-routes.js';
import { XStandIn } from '../src/local-x/x-stand-in.js';
import { silentLogger } from '../src/log/logger.js';
import { reportPeriod } from '../src/report/local-time.js';
import { openSqliteStores } from '../src/storage/sqlite/stores.js';
import { OAuthSigner } from '../src/twitter/oauth-signer.js';
import { XV2Client } from '../src/twitter/v2-client.js';
import type { XPost } from '../src/twitter/v2-types.js';
import { Browser } from '../test/support/browser.js';
import { DiscordStandIn } from '../test/support/discord-stand-in.js';
import { benchConfig } from './bench-config.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const START = Date.parse('2026-10-01T00:00:00Z');
const SIMULATED_DAYS = 30;
const X_USER = { id: '1456789012345678901', screenName: 'ada' };
const MEMBER = '300000000000000001';

interface Habit {
  name: string;
  days: number;
  /** Report times within each simulated day, in hours (UTC). */
  hours: number[];
  /** Report on every n-th day. */
  everyDays: number;
}

const HABITS: Habit[] = [
  { name: 'A  /report days:30 once a day', days: 30, hours: [9], everyDays: 1 },
  { name: 'B  /report days:7 five times a day', days: 7, hours: [8, 11, 14, 17, 20], everyDays: 1 },
  { name: 'C  /report days:90 once a week', days: 90, hours: [9], everyDays: 7 },
];

function schedule(habit: Habit): number[] {
  const times: number[] = [];
  for (let day = 0; day < SIMULATED_DAYS; day += habit.everyDays) for (const h of habit.hours) times.push(START + day * DAY + h * HOUR);
  return times;
}

interface Bill {
  reports: number;
  postsBilled: number;
  usersBilled: number;
  dollars: number;
  /** What the bot itself recorded (report_runs.cost_micro_usd), in dollars. */
  ownBill?: number;
}

function simulatedMember(): SimulatedMember {
  return new SimulatedMember({
    id: X_USER.id,
    username: X_USER.screenName,
    from: START - 200 * DAY,
    until: START + (SIMULATED_DAYS + 1) * DAY,
    postsPerDay: 8,
    mentionsPerDay: 5,
    seed: 42,
  });
}

function env(x: XStandIn, discord: DiscordStandIn, dir: string): Config {
  // 90 days bring 450 mentions: above the default bound of 200, which would make the bot buy less than the floor counts.
  return benchConfig(x, discord.apiUrl, dir, { REPORT_MAX_MENTIONS: '500' });
}

/** The simulated member's X, billing into a ledger, all on the benchmark's clock. */
async function simulatedX(clock: { now: number }) {
  const member = simulatedMember();
  const ledger = new BillingLedger(() => clock.now);
  const x = await new XStandIn().start();
  // X's own clock is the simulated one: its 30-day window for private metrics and its rate-limit windows.
  x.now = () => clock.now;
  serveTimeline(x, member.data, { bill: ledger });
  return { member, ledger, x };
}

/** The habit under the bot's reading rules: the real bot on a simulated clock. */
async function withTheBot(habit: Habit, discord: DiscordStandIn): Promise<Bill> {
  const clock = { now: START - DAY };
  const { member, ledger, x } = await simulatedX(clock);
  x.autoApproveAs = X_USER;
  const dir = mkdtempSync(join(tmpdir(), 'xbot-cost-'));
  const config = env(x, discord, dir);
  const stores = openSqliteStores(config.databasePath, () => clock.now);
  const bot = createBot(config, silentLogger, { now: () => clock.now, stores });
  try {
    await link(bot, config);
    const times = schedule(habit);
    for (const at of times) {
      clock.now = at;
      member.advanceTo(at);
      const request = { discordUserId: MEMBER, guildId: null, days: habit.days, timeZone: 'UTC', locale: null, interactionToken: 'bench' };
      const admission = await bot.reports.admit(request);
      if (!admission.ok) throw new Error(admission.message);
      const message = await bot.reports.run(request, admission.ticket);
      // A report is a Components V2 message; a failure is text alone.
      if (!message.layout?.length) throw new Error(`report failed: ${message.content}`);
    }
    const own = stores.database.sqlite.prepare('select sum(cost_micro_usd) as micro from report_runs').get() as { micro: number };
    return {
      reports: times.length,
      postsBilled: ledger.postsBilled,
      usersBilled: ledger.usersBilled,
      dollars: ledger.dollars(config.pricing),
      ownBill: own.micro / 1_000_000,
    };
  } finally {
    await bot.close();
    await x.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function link(bot: ReturnType<typeof createBot>, config: Config): Promise<void> {
  const { url } = await bot.links.startLink({
    discordUserId: MEMBER,
    discordUserName: 'Ada',
    discordUsername: 'ada',
    guildId: null,
    locale: null,
    interactionToken: 't',
  });
  const browser = new Browser(async (path, init) => bot.web.request(path, init), config.publicUrl);
  const toX = (await browser.openLink(new URL(url).pathname)).location;
  if (!toX) throw new Error('the link page did not lead to X');
  const back = (await fetch(toX, { redirect: 'manual' })).headers.get('location');
  if (!back) throw new Error('X did not send the member back');
  const callback = new URL(back);
  const linked = await browser.get(`${callback.pathname}${callback.search}`);
  if (linked.status !== 200) throw new Error(`linking failed (${linked.status})`);
}

/**
 * The habit under the policy the bot had before: past the cache window (every
 * report here) the period's posts and mentions are read afresh, and the
 * profile with them. Replayed with the bot's own X client.
 */
async function withTodaysPolicy(habit: Habit, pricing: Config['pricing']): Promise<Bill> {
  const clock = { now: START };
  const { member, ledger, x } = await simulatedX(clock);
  try {
    const client = new XV2Client({
      apiUrl: x.baseUrl,
      signer: new OAuthSigner(x.consumer),
      token: x.issueAccessToken(X_USER),
      usage: { requests: 0, postsRead: 0, postsRepeated: 0, userReads: 0 },
    });
    const readAll = async (read: (token?: string) => Promise<{ meta?: { next_token?: string } }>) => {
      let token: string | undefined;
      do token = (await read(token)).meta?.next_token;
      while (token);
    };
    const times = schedule(habit);
    for (const at of times) {
      clock.now = at;
      member.advanceTo(at);
      const startTime = new Date(at - habit.days * DAY).toISOString();
      await client.me();
      await readAll((paginationToken) => client.userPosts(X_USER.id, { startTime, paginationToken }));
      await readAll((paginationToken) => client.mentions(X_USER.id, { startTime, paginationToken }, 100));
    }
    return { reports: times.length, postsBilled: ledger.postsBilled, usersBilled: ledger.usersBilled, dollars: ledger.dollars(pricing) };
  } finally {
    await x.stop();
  }
}

/**
 * The least any bot keeping these rules could pay: on each UTC day, the posts
 * its reports need that were never bought before or are inside the 48-hour
 * refresh horizon at a report's time, each once a day; mentions once ever; the
 * profile once a day.
 */
function floor(habit: Habit, pricing: Config['pricing'], horizonMs = 48 * HOUR): Bill {
  const member = simulatedMember();
  const bought = new Set<string>();
  let posts = 0;
  let users = 0;
  const byDay = new Map<number, number[]>();
  for (const at of schedule(habit)) byDay.set(Math.floor(at / DAY), [...(byDay.get(Math.floor(at / DAY)) ?? []), at]);
  for (const times of byDay.values()) {
    const today = new Set<string>();
    users++;
    for (const at of times) {
      // The report's period: the last N whole days (UTC, as the bench's reports ask), today included.
      const { start } = reportPeriod(at, habit.days, 'UTC');
      const young = (p: XPost) => at - Date.parse(p.created_at) <= horizonMs;
      for (const p of member.postsBetween(start, at)) if (!bought.has(`p${p.id}`) || young(p)) today.add(`p${p.id}`);
      for (const m of member.mentionsBetween(start, at)) if (!bought.has(`m${m.id}`)) today.add(`m${m.id}`);
    }
    posts += today.size;
    for (const id of today) bought.add(id);
  }
  return {
    reports: schedule(habit).length,
    postsBilled: posts,
    usersBilled: users,
    dollars: posts * pricing.postUsd + users * pricing.userUsd,
  };
}

export async function costBench(): Promise<string> {
  const discord = await new DiscordStandIn().start();
  const pricing = loadConfig({
    DISCORD_TOKEN: 'x',
    DISCORD_APPLICATION_ID: '1100000000000000001',
    TWITTER_CONSUMER_KEY: 'x',
    TWITTER_CONSUMER_SECRET: 'x',
    PUBLIC_URL: 'https://bot.example.test',
    TOKEN_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
  }).pricing;
  const usd = (n: number) => `$${n.toFixed(2)}`;
  const lines: string[] = [];
  const header = ['habit (30 simulated days)', 'reports', 'posts billed', 'floor', 'billed/floor', 'profiles', 'dollars', "bot's own bill"];
  const rows: string[][] = [];
  const results: Array<{ habit: Habit; ours: Bill; before: Bill; least: Bill }> = [];
  try {
    for (const habit of HABITS) {
      const ours = await withTheBot(habit, discord);
      const least = floor(habit, pricing);
      const before = await withTodaysPolicy(habit, pricing);
      results.push({ habit, ours, before, least });
      rows.push([
        habit.name,
        String(ours.reports),
        String(ours.postsBilled),
        String(least.postsBilled),
        `${(ours.postsBilled / least.postsBilled).toFixed(3)} (≤ 1.05)`,
        String(ours.usersBilled),
        usd(ours.dollars),
        usd(ours.ownBill ?? 0),
      ]);
    }
    for (const { habit, before } of results) {
      rows.push([
        `D  ${habit.name.slice(3)}, policy before`,
        String(before.reports),
        String(before.postsBilled),
        '',
        '',
        String(before.usersBilled),
        usd(before.dollars),
        '',
      ]);
    }
  } finally {
    await discord.stop();
  }
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ');
  lines.push(
    `X cost benchmark: a member posting 8 times and mentioned 5 times a day; X's prices $${pricing.postUsd} a post (once per UTC day), $${pricing.userUsd} a user object`,
    '',
    line(header),
    ...rows.map(line),
    '',
  );
  for (const { habit, ours, before } of results) {
    lines.push(
      `${habit.name.slice(0, 1)}: ${(before.dollars / ours.dollars).toFixed(1)}× cheaper than the policy before (${usd(before.dollars)} → ${usd(ours.dollars)} a month)`,
    );
  }
  return lines.join('\n');
}
