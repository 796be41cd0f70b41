// Issue 29 in the sandbox, tried as a new user would in headless Chromium:
// three members link one X account each; two join the leaderboard (one with
// the Join button on their report, one with /leaderboard join) and the board
// shows exactly those two, with figures computed here from the sandbox's own
// generated timelines; an admin sets a weekly digest for a chosen minute, the
// clock is run to it and the digest is posted once (not again on a second
// tick, nor after a restart at that minute); and the member commands used from
// a server without the bot and from a group DM answer privately, saying so.
// The sandbox's clock is stopped at a fixed instant, so the figures hold still.
// Takes the screenshots README.md shows (`npm run docs:screenshots`).

import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, chromium, type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sandboxAccounts } from '../../src/sandbox/accounts.js';
import { SANDBOX_GUILD_ID } from '../../src/sandbox/sandbox-discord.js';
import { type Sandbox, startSandbox } from '../../src/sandbox/start-sandbox.js';
import { en } from '../../src/text/en.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const runnable = existsSync(CHROMIUM) || process.env.CI === 'true';
const SHOTS = process.env.SAVE_SCREENSHOTS === '1' ? new URL('../../docs/', import.meta.url).pathname : `${tmpdir()}/`;

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** The sandbox's stopped clock: a whole hour, so every run of this test sees the same kind of moment. */
const T0 = Math.floor(Date.now() / HOUR) * HOUR;
/** The digest's minute: a day and 17 minutes on, in Tokyo's time. */
const DUE = T0 + DAY + 17 * 60_000;

const MEMBERS = {
  ada: { preset: '300000000000000001', account: '1700000000000000001', screenName: 'ada_builds' },
  grace: { preset: '300000000000000002', account: '1700000000000000002', screenName: 'grace_quiet' },
  lin: { preset: '300000000000000003', account: '1700000000000000004', screenName: 'lin_steady' },
} as const;

let sandbox: Sandbox;
let browser: Browser;
let dir: string;

beforeAll(async () => {
  if (!runnable) return;
  dir = mkdtempSync(join(tmpdir(), 'xbot-sandbox-server-'));
  sandbox = await startSandbox({ dir, port: 0, xPort: 0, clockStart: T0 });
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
}, 60_000);

afterAll(async () => {
  if (!runnable) return;
  await browser?.close();
  await sandbox?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The seeded timeline of a sandbox account as X serves it at `at`, generated here as the sandbox generates it. */
function timelineAt(screenName: string, at: number) {
  const member = sandboxAccounts(T0).find((a) => a.screenName === screenName)?.member;
  if (!member) throw new Error(`no living sandbox account ${screenName}`);
  member.advanceTo(at);
  return member.data.posts;
}

/**
 * Engagement (likes, reposts, replies, quotes, bookmarks) on the member's own posts (not reposts) in the 7 days
 * to `at`, and in the 7 days before: from the seeded timeline, not from the bot. `lastReadAt`: when the timeline
 * was read before: a board reads only posts newer than those stored (report/top-up.ts), so the posts of then
 * count with that read's metrics ("as stored when each post was read", as the board says).
 */
function expectedEngagement(screenName: string, at: number, lastReadAt?: number): { value: number; change: number } {
  const now = timelineAt(screenName, at);
  // Ids carry a per-process sequence: the same post in two generations is the same moment and text.
  const key = (p: { created_at: string; text: string }) => `${p.created_at}|${p.text}`;
  const before = new Map((lastReadAt === undefined ? [] : timelineAt(screenName, lastReadAt)).map((p) => [key(p), p]));
  const posts = now.map((p) => before.get(key(p)) ?? p);
  const sum = (from: number, to: number, last: boolean) =>
    posts
      .filter((p) => !(p.referenced_tweets ?? []).some((r) => r.type === 'retweeted'))
      .filter((p) => {
        const created = Date.parse(p.created_at);
        return created >= from && (last ? created <= to : created < to);
      })
      .reduce((total, p) => {
        const m = p.public_metrics;
        return (
          total + (m?.like_count ?? 0) + (m?.retweet_count ?? 0) + (m?.reply_count ?? 0) + (m?.quote_count ?? 0) + (m?.bookmark_count ?? 0)
        );
      }, 0);
  const value = sum(at - 7 * DAY, at, true);
  return { value, change: value - sum(at - 14 * DAY, at - 7 * DAY, false) };
}

const grouped = (n: number) => n.toLocaleString('en-US');
const signed = (n: number) => (n > 0 ? `+${grouped(n)}` : n < 0 ? `−${grouped(-n)}` : '±0');

/** The board's lines as shown: "1. @Lin · @lin_steady: 1,234 (+56)". */
function boardLines(text: string): Array<{ place: number; name: string; screenName: string; value: string; change: string }> {
  return [...text.matchAll(/(\d+)\. @(\S+) · @(\w+): ([\d,]+) \(([^)]+)\)/g)].map((m) => ({
    place: Number(m[1]),
    name: m[2] ?? '',
    screenName: m[3] ?? '',
    value: m[4] ?? '',
    change: m[5] ?? '',
  }));
}

async function openConsole(): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 1200 } });
  await page.goto(sandbox.consoleUrl);
  return page;
}

/** Sends a command line, and waits for its message to appear (so the next "newest message" is its answer). */
async function run(page: Page, line: string): Promise<void> {
  await sent(page, async () => {
    await page.fill('#line', line);
    await page.press('#line', 'Enter');
  });
}

async function sent(page: Page, act: () => Promise<void>): Promise<void> {
  const before = await page.locator('#messages .msg').count();
  await act();
  await expect.poll(() => page.locator('#messages .msg').count(), { timeout: 10_000 }).toBeGreaterThan(before);
}

const lastAnswer = (page: Page) => page.locator('#messages .msg[data-state="done"]').last();

/** The answer to the command just run: the newest message, once it is done, with `text` in it. */
async function answerWith(page: Page, text: string, timeout = 60_000): Promise<Locator> {
  const newest = page.locator('#messages .msg').last();
  await expect
    .poll(async () => ((await newest.getAttribute('data-state')) === 'done' ? newest.innerText() : ''), { timeout })
    .toContain(text);
  return newest;
}

async function as(page: Page, who: keyof typeof MEMBERS): Promise<void> {
  await page.selectOption('#me-preset', MEMBERS[who].preset);
}

/** /link-twitter, then the local X's consent page: this member picks their account and authorizes. */
async function link(page: Page, who: keyof typeof MEMBERS): Promise<void> {
  await run(page, '/link-twitter');
  const button = lastAnswer(page).locator('a.button');
  await button.waitFor({ timeout: 20_000 });
  const tab = await browser.newPage();
  await tab.goto((await button.getAttribute('href')) ?? '');
  await tab.getByRole('button', { name: 'Continue to X' }).click();
  await tab.waitForURL(/\/oauth\/authorize/);
  await tab.check(`input[name="account"][value="${MEMBERS[who].account}"]`);
  await tab.locator('#authorize').click();
  await tab.waitForURL(/\/twitter\/callback/);
  expect(await tab.locator('body').innerText()).toContain(`@${MEMBERS[who].screenName} is now linked`);
  await tab.close();
  await expect.poll(() => page.locator('#messages').innerText(), { timeout: 10_000 }).toContain(`Linked @${MEMBERS[who].screenName}`);
}

const digestMessages = (page: Page) => page.locator('#messages .msg', { hasText: /Weekly digest: the week to/ });

describe.skipIf(!runnable)('the sandbox for a whole server, in a real browser', () => {
  it('three members, two opt in: the board shows exactly those two, with their figures; the digest is posted once at its minute', {
    timeout: 300_000,
  }, async () => {
    const page = await openConsole();

    // Ada links and has her report made (so her timeline is stored), but never joins: consent, not data, keeps her off.
    await as(page, 'ada');
    await link(page, 'ada');
    await run(page, '/report days:7');
    await (await answerWith(page, 'Last 7 days, today included')).locator('button', { hasText: 'Join leaderboard' }).waitFor();

    // Grace joins with the button on her report.
    await as(page, 'grace');
    await link(page, 'grace');
    await run(page, '/report days:7');
    const report = await answerWith(page, 'Last 7 days, today included');
    await sent(page, () => report.locator('button', { hasText: 'Join leaderboard' }).click());
    expect(await (await answerWith(page, 'You joined this server’s leaderboard', 20_000)).locator('.eph').count()).toBe(1);

    // Lin joins with the command, and asks for the board.
    await as(page, 'lin');
    await link(page, 'lin');
    await run(page, '/leaderboard join');
    await answerWith(page, en.leaderboard.joined.slice(0, 40), 20_000);
    await run(page, '/leaderboard show');
    const board = await answerWith(page, 'Leaderboard: engagement, last 7 days');
    const text = await board.innerText();
    const expected = [
      { who: 'lin', name: 'Lin', ...expectedEngagement('lin_steady', T0) },
      { who: 'grace', name: 'Grace', ...expectedEngagement('grace_quiet', T0) },
    ].sort((a, b) => b.value - a.value);
    expect(boardLines(text)).toEqual(
      expected.map((e, i) => ({
        place: i + 1,
        name: e.name,
        screenName: MEMBERS[e.who as 'lin' | 'grace'].screenName,
        value: grouped(e.value),
        change: signed(e.change),
      })),
    );
    expect(text).not.toContain('ada_builds');
    expect(text).not.toContain('@Ada');
    expect(text).toMatch(/You: \d of 2\./);
    expect(await board.locator('.eph').count()).toBe(0); // public: it is opt-in data
    await board.locator('.v2-container').screenshot({ path: `${SHOTS}sandbox-leaderboard.png` });

    // Ada, who never joined, sees the same board without herself, and is told how to join.
    await as(page, 'ada');
    await run(page, '/leaderboard show');
    const adaBoard = await answerWith(page, 'Leaderboard: engagement, last 7 days');
    expect(await adaBoard.innerText()).toContain(en.leaderboard.youNotOn.replace(/`/g, ''));
    expect(boardLines(await adaBoard.innerText()).map((l) => l.screenName)).toEqual(
      expected.map((e) => MEMBERS[e.who as 'lin' | 'grace'].screenName),
    );

    // An admin sets the digest for a minute in Tokyo time; the console lists it with that minute next.
    const tokyo = new Intl.DateTimeFormat('en-US', {
      timeZone: 'Asia/Tokyo',
      weekday: 'long',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    const parts = Object.fromEntries(tokyo.formatToParts(DUE).map((p) => [p.type, p.value]));
    await page.check('#me-admin');
    await run(
      page,
      `/twitter-admin digest set channel:#general day:${parts.weekday} time:${parts.hour}:${parts.minute} timezone:Asia/Tokyo`,
    );
    await answerWith(page, `every ${parts.weekday} at ${parts.hour}:${parts.minute} (Asia/Tokyo)`, 20_000);
    await page.uncheck('#me-admin');
    await expect.poll(() => page.locator('#digests .digest-next').innerText()).toContain(`${new Date(DUE).getUTCHours()}:17`);

    // A minute before: nothing. At the minute: the digest, once.
    await page.fill('#clock-to', new Date(DUE - 60_000).toISOString().slice(0, 16));
    await page.click('#clock-run');
    await expect.poll(() => page.locator('#clock-time').innerText()).toContain(`${new Date(DUE - 60_000).getUTCHours()}:16:00`);
    expect(await digestMessages(page).count()).toBe(0);
    await page.locator('#digests button', { hasText: 'Run clock to it' }).click();
    await expect.poll(() => digestMessages(page).count(), { timeout: 120_000 }).toBe(1);
    const digest = digestMessages(page).first();
    const digestText = await digest.innerText();
    expect(digestText).not.toContain('Posted late');
    const atDue = [
      // Both were read in full at T0 (the board above), and again now.
      { who: 'lin', name: 'Lin', ...expectedEngagement('lin_steady', DUE, T0) },
      { who: 'grace', name: 'Grace', ...expectedEngagement('grace_quiet', DUE, T0) },
    ].sort((a, b) => b.value - a.value);
    expect(boardLines(digestText)).toEqual(
      atDue.map((e, i) => ({
        place: i + 1,
        name: e.name,
        screenName: MEMBERS[e.who as 'lin' | 'grace'].screenName,
        value: grouped(e.value),
        change: signed(e.change),
      })),
    );
    expect(digestText).not.toContain('ada_builds');
    expect(digestText).toContain('Top post of the week');
    await digest.locator('.v2-container').screenshot({ path: `${SHOTS}sandbox-digest.png` });
    await page.screenshot({ path: `${SHOTS}sandbox-server.png` });

    // The same minute again (a second tick, as another replica's would be): nothing more.
    await page.fill('#clock-to', new Date(DUE).toISOString().slice(0, 16));
    await page.click('#clock-run');
    await expect.poll(() => page.locator('#digests').innerText()).toContain('Last: posted');
    expect(await digestMessages(page).count()).toBe(1);
    await page.close();

    // A restart at that minute: the clock resumes there, the bot's scheduler ticks at start and again here; no second digest.
    await sandbox.close();
    sandbox = await startSandbox({ dir, port: 0, xPort: 0 });
    expect(sandbox.clock.now()).toBe(DUE);
    const again = await openConsole();
    await again.fill('#clock-to', new Date(DUE).toISOString().slice(0, 16));
    await again.click('#clock-run');
    await expect.poll(() => again.locator('#digests').innerText()).toContain('Last: posted');
    expect(await digestMessages(again).count()).toBe(0);
    const last = await sandbox.bot.stores.digests.last(SANDBOX_GUILD_ID);
    expect(last).toMatchObject({ dueAt: DUE, outcome: 'posted' });
    await again.close();
  });

  it('from a server without the bot and from a group DM: member commands only, answered privately, saying why', {
    timeout: 120_000,
  }, async () => {
    const page = await openConsole();
    await as(page, 'grace');
    // The local X starts afresh with the sandbox (it keeps no tokens), so after the restart above Grace links again.
    await link(page, 'grace');
    await page.check('#me-admin');
    const listed = async () => {
      await page.fill('#line', '/');
      await page.dispatchEvent('#line', 'input');
      return (await page.locator('#suggestions .sugg').allInnerTexts()).join('\n');
    };
    expect(await listed()).toContain('/leaderboard');

    await page.selectOption('#me-where', 'foreign-server');
    await expect.poll(() => page.locator('#place').innerText()).toContain('no bot');
    const here = await listed();
    expect(here).toContain('/report');
    expect(here).not.toContain('/leaderboard'); // server-installed only, even for an admin
    expect(here).not.toContain('/twitter-admin');
    await page.fill('#line', '');
    // A reply says why it is private here; a report is private anyway, and offers neither sharing nor the server's board.
    await run(page, '/link-twitter');
    const linkReply = await answerWith(page, en.place.privateHere('server'), 20_000);
    expect(await linkReply.locator('.eph').innerText()).toContain('Only you can see this');
    await run(page, '/report days:7');
    const report = await answerWith(page, 'Last 7 days, today included');
    expect(await report.locator('.eph').count()).toBe(1);
    expect(await report.innerText()).toContain(en.place.privateHere('server'));
    expect(await report.locator('button[data-press]').allInnerTexts()).toEqual(['7 days', '30 days', '90 days', 'Export CSV']);
    await run(page, '/report days:7 public:true');
    const refused = await answerWith(page, en.place.reportPublicHere('server').slice(0, 40));
    expect(await refused.locator('.eph').count()).toBe(1);
    await page.screenshot({ path: `${SHOTS}sandbox-user-install.png` });

    await page.selectOption('#me-where', 'private-channel');
    await expect.poll(() => page.locator('#place').innerText()).toContain('Group DM');
    expect(await page.locator('#messages .msg').count()).toBe(0); // the server's messages stay there
    expect(await listed()).not.toContain('/leaderboard');
    await page.fill('#line', '');
    await run(page, '/link-twitter');
    const inGroup = await answerWith(page, en.place.privateHere('private-channel'), 20_000);
    expect(await inGroup.locator('.eph').count()).toBe(1);
    await run(page, '/report days:7 public:true');
    expect(await (await answerWith(page, en.place.reportPublicHere('private-channel').slice(0, 40))).locator('.eph').count()).toBe(1);

    // The bot's own DM: the bot is there, so no such note.
    await page.selectOption('#me-where', 'bot-dm');
    await run(page, '/link-twitter');
    const inDm = await answerWith(page, en.linking.offerButton, 20_000);
    expect(await inDm.innerText()).not.toContain(en.place.privateHere('bot-dm'));
    await page.close();
  });
});
