// The sandbox walked as a new user would, in headless Chromium (Debian's
// `chromium`, driven by playwright-core; .ci/run installs it): link through
// the local X's consent page, run /report and see it (Components V2) with its
// chart, press its buttons (another member, 30 days, CSV, share), cancel at X,
// and run /twitter-admin status as an admin. Takes the screenshots
// README.md shows.

import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from '../../src/sandbox/start-sandbox.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
// CI installs Chromium, so there a missing browser fails the test; a developer without it skips.
const runnable = existsSync(CHROMIUM) || process.env.CI === 'true';
// `npm run docs:screenshots` saves them where README.md shows them; a plain test run keeps the tree clean.
const SHOTS = process.env.SAVE_SCREENSHOTS === '1' ? new URL('../../docs/', import.meta.url).pathname : `${tmpdir()}/`;

let sandbox: Sandbox;
let browser: Browser;
let dir: string;

beforeAll(async () => {
  if (!runnable) return;
  dir = mkdtempSync(join(tmpdir(), 'xbot-sandbox-'));
  sandbox = await startSandbox({ dir, port: 0, xPort: 0 });
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
}, 60_000);

afterAll(async () => {
  if (!runnable) return;
  await browser?.close();
  await sandbox?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function openConsole(theme: 'dark' | 'light' = 'dark', height = 1000): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1280, height } });
  await page.goto(sandbox.consoleUrl);
  await page.evaluate(
    (t) => (globalThis as unknown as { localStorage: { setItem(k: string, v: string): void } }).localStorage.setItem('sandbox-theme', t),
    theme,
  );
  await page.reload();
  return page;
}

async function run(page: Page, line: string): Promise<void> {
  await page.fill('#line', line);
  await page.press('#line', 'Enter');
}

/** The last bot message once the bot has answered it (not "thinking"). */
const lastAnswer = (page: Page) => page.locator('#messages .msg[data-state="done"]').last();

async function linkThroughX(
  page: Page,
  action: 'authorize' | 'cancel',
  command = '/link-twitter',
  continueLabel = 'Continue to X',
): Promise<string> {
  await run(page, command);
  const button = lastAnswer(page).locator('a.button');
  await button.waitFor();
  const href = (await button.getAttribute('href')) ?? '';
  const tab = await browser.newPage();
  await tab.goto(href);
  await tab.getByRole('button', { name: continueLabel }).click();
  await tab.waitForURL(/\/oauth\/authorize/);
  await tab.locator(action === 'authorize' ? '#authorize' : '#cancel').click();
  await tab.waitForURL(/\/twitter\/callback/);
  const text = await tab.locator('body').innerText();
  await tab.close();
  return text;
}

describe.skipIf(!runnable)('the sandbox in a real browser', () => {
  it('links through X’s consent page, then shows /report as Discord would and answers its buttons', { timeout: 120_000 }, async () => {
    // Tall enough to show the whole report in the screenshots README.md uses.
    const page = await openConsole('dark', 2000);
    // Option hints and the time-zone autocomplete, as in Discord.
    await page.fill('#line', '/rep');
    await expect.poll(() => page.locator('#suggestions .sugg').first().innerText()).toContain('/report');
    await page.fill('#line', '/report timezone:berl');
    await page.dispatchEvent('#line', 'input');
    await expect.poll(() => page.locator('#suggestions').innerText(), { timeout: 10_000 }).toContain('Europe/Berlin (UTC+01:00)');
    await page.fill('#line', '');

    const done = await linkThroughX(page, 'authorize');
    expect(done).toContain('@ada_builds is now linked to Ada (@ada)');
    await expect
      .poll(() => page.locator('#messages').innerText(), { timeout: 10_000 })
      .toContain('Linked @ada_builds to your Discord account');

    await run(page, '/report days:7 timezone:Europe/Berlin');
    const report = lastAnswer(page).locator('.v2-container');
    await report.waitFor({ timeout: 60_000 });
    await expect.poll(() => report.innerText()).toContain('Last 7 days, today included');
    const text = await report.innerText();
    expect(text).toContain('Top posts by interactions');
    expect(text).toContain('Your X analytics');
    expect(text).toContain('Best time to post');
    const chart = report.locator('.v2-gallery img');
    await expect
      .poll(() =>
        chart.evaluate((img) => {
          const loaded = img as unknown as { complete: boolean; naturalWidth: number };
          return loaded.complete && loaded.naturalWidth;
        }),
      )
      .toBe(800);
    expect(await lastAnswer(page).locator('.eph').innerText()).toContain('Only you can see this');
    expect(await page.locator('#suggestions.open').count()).toBe(0); // the earlier autocomplete's late answer did not reopen them
    expect(await report.locator('button[data-press]').allInnerTexts()).toEqual([
      '7 days',
      '30 days',
      '90 days',
      'Share in channel',
      'Export CSV',
      'Join leaderboard', // the member has not joined this server's board yet
    ]);
    expect(await report.locator('button', { hasText: '7 days' }).isDisabled()).toBe(true);
    await page.screenshot({ path: `${SHOTS}sandbox-report-dark.png` });
    await report.screenshot({ path: `${tmpdir()}/components-after.png` });

    const light = await openConsole('light', 2000);
    await light.locator('#messages .v2-gallery img').last().waitFor();
    await light.screenshot({ path: `${SHOTS}sandbox-report-light.png` });
    await light.close();

    // Another member presses a button on Ada's report: a private line for them, the report unchanged.
    const reportMessage = page.locator('#messages .msg', { has: page.locator('.v2-gallery') }).last();
    const messageId = await reportMessage.getAttribute('data-id');
    await page.fill('#me-id', '300000000000000002');
    await page.fill('#me-name', 'Grace');
    await reportMessage.locator('button', { hasText: '90 days' }).click();
    await expect.poll(() => lastAnswer(page).innerText(), { timeout: 20_000 }).toContain('Run /report to see your own');
    // Acknowledged as an update of the pressed report, then a private follow-up, said to be Grace's press.
    expect(await lastAnswer(page).innerText()).toContain('Grace pressed 90 days');
    expect(await page.locator(`#messages .msg[data-id="${messageId}"]`).innerText()).toContain('Last 7 days, today included');
    await page.fill('#me-id', '300000000000000001');
    await page.fill('#me-name', 'Ada');

    // The owner switches to 30 days: the same message re-renders, 30 days now the disabled one.
    const same = page.locator(`#messages .msg[data-id="${messageId}"]`);
    await same.locator('button', { hasText: '30 days' }).click();
    await expect.poll(() => same.innerText(), { timeout: 60_000 }).toContain('Last 30 days, today included');
    await expect.poll(() => same.locator('button', { hasText: '30 days' }).isDisabled(), { timeout: 10_000 }).toBe(true);
    expect(await same.locator('button', { hasText: '7 days' }).isDisabled()).toBe(false);

    // Export CSV: a private message with the file, which downloads with a header row and one row per post.
    await same.locator('button', { hasText: 'Export CSV' }).click();
    const file = lastAnswer(page).locator('a.v2-file');
    await file.waitFor({ timeout: 20_000 });
    expect(await lastAnswer(page).locator('.eph').innerText()).toContain('Only you can see this');
    const [download] = await Promise.all([page.waitForEvent('download'), file.click()]);
    const csv = readFileSync((await download.path())!, 'utf8');
    expect(csv.startsWith('\uFEFFid,url,local_time,kind,text,likes,reposts,replies,quotes,bookmarks,impressions,private_impressions')).toBe(
      true,
    );
    expect(csv).toMatch(/\r\n\d+,https:\/\/x\.com\/ada_builds\/status\/\d+,2026-\d\d-\d\dT\d\d:\d\d:\d\d\+01:00,/);

    // Share in channel: a public copy without private analytics or buttons.
    await same.locator('button', { hasText: 'Share in channel' }).click();
    const shared = page.locator('#messages .msg', { hasText: 'Shared by Ada' }).last().locator('.v2-container');
    await shared.waitFor({ timeout: 60_000 });
    await shared.locator('.v2-gallery img').waitFor();
    expect(await shared.innerText()).toContain('Your private X analytics are shown only in private reports.');
    expect(await shared.locator('button').count()).toBe(0);
    expect(await page.locator('#messages .msg', { hasText: 'Shared by Ada' }).last().locator('.eph').count()).toBe(0);
    await page.close();
  });

  it('shows X’s cancel as the cancel page, and nothing linked', { timeout: 60_000 }, async () => {
    const page = await openConsole();
    await page.fill('#me-id', '300000000000000002');
    await page.fill('#me-name', 'Grace');
    const cancelled = await linkThroughX(page, 'cancel');
    expect(cancelled).toContain('Linking was cancelled');
    await expect.poll(() => page.locator('#messages').innerText()).toContain('Linking was cancelled at X; nothing was stored.');
    await page.close();
  });

  it('runs /twitter-admin status as a server admin', { timeout: 60_000 }, async () => {
    const page = await openConsole();
    await page.check('#me-admin');
    await run(page, '/twitter-admin status');
    const answer = lastAnswer(page);
    await expect.poll(() => answer.innerText(), { timeout: 20_000 }).toMatch(/status/i);
    expect(await answer.innerText()).not.toContain('went wrong');

    // Another server: its own channel, its own answer; the first server's messages stay there.
    await page.selectOption('#me-guild', { label: 'Second server' });
    await expect.poll(() => page.locator('#place').innerText()).toContain('Second server');
    await expect.poll(() => page.locator('#messages .msg').count()).toBe(0);
    await run(page, '/twitter-admin status');
    await expect.poll(() => lastAnswer(page).innerText(), { timeout: 20_000 }).toMatch(/status/i);
    expect(await page.locator('#messages .msg').count()).toBe(1);
    await page.close();
  });

  it('behaves as Discord does: newest answer in view, <https://…> as links, only offered commands and listed choices', {
    timeout: 120_000,
  }, async () => {
    // Short, so a report with its chart is taller than the message list.
    const page = await openConsole('dark', 600);
    const box = page.locator('#messages');
    const offBottom = () => box.evaluate((el) => el.scrollHeight - el.scrollTop - el.clientHeight);
    await run(page, '/report days:7');
    const chart = lastAnswer(page).locator('.v2-gallery img');
    await chart.waitFor({ timeout: 60_000 });
    await expect.poll(() => chart.evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth)).toBe(800);
    // The answer landed, and its chart loaded after: the list still shows its end.
    await expect.poll(offBottom).toBeLessThan(2);

    // days takes only the listed choices: 14 is not sent, the choices are offered instead.
    const before = await page.locator('#messages .msg').count();
    await run(page, '/report days:14');
    await expect
      .poll(() => page.locator('#suggestions.open .sugg').allInnerTexts())
      .toEqual([expect.stringContaining('7'), expect.stringContaining('30'), expect.stringContaining('90')]);
    expect(await page.locator('#suggestions').innerText()).toContain('days must be one of these');
    expect(await page.locator('#messages .msg').count()).toBe(before);
    await page.fill('#line', '');

    // /twitter-admin is listed only for members with Manage Server, and never in a DM (contexts: servers only).
    const listed = async () => {
      await page.fill('#line', '/');
      await page.dispatchEvent('#line', 'input');
      return (await page.locator('#suggestions .sugg').allInnerTexts()).join('\n');
    };
    expect(await listed()).not.toContain('/twitter-admin');
    expect(await listed()).toContain('/report');
    await page.check('#me-admin');
    expect(await listed()).toContain('/twitter-admin');
    await page.selectOption('#me-where', 'bot-dm');
    expect(await listed()).not.toContain('/twitter-admin');
    await page.selectOption('#me-where', 'server');
    await page.uncheck('#me-admin');
    await page.fill('#line', '');

    // The unlink answer names X's connected-apps page as <https://…>: Discord shows a link, not the brackets.
    await run(page, '/unlink-twitter');
    const link = lastAnswer(page).locator('.content a[href^="https://"]');
    await link.waitFor({ timeout: 20_000 });
    expect(await link.innerText()).toBe(await link.getAttribute('href'));
    expect(await lastAnswer(page).innerText()).not.toMatch(/<https?:|&lt;/);
    await expect.poll(offBottom).toBeLessThan(2);
    await page.close();
  });

  it('answers commands in a DM with the bot', { timeout: 60_000 }, async () => {
    const page = await openConsole();
    await page.selectOption('#me-where', 'bot-dm');
    await expect.poll(() => page.locator('#place').innerText()).toContain('Direct message');
    await run(page, '/link-twitter');
    const answer = lastAnswer(page);
    await answer.locator('a.button').waitFor({ timeout: 20_000 });
    expect(await page.locator('#messages .failed').count()).toBe(0);
    await page.close();
  });

  // Last: this member takes over the busy sandbox account from Ada, which the tests above rely on.
  it('speaks Japanese to a member whose Discord is in Japanese: command picker, link, /report and its chart', {
    timeout: 120_000,
  }, async () => {
    const page = await openConsole('dark', 2000);
    await page.fill('#me-id', '300000000000000004');
    await page.fill('#me-name', 'さくら');
    await page.selectOption('#me-locale', 'ja');
    // The picker shows the Japanese names and descriptions Discord would, and accepts them.
    await page.fill('#line', '/レ');
    await page.dispatchEvent('#line', 'input');
    await expect.poll(() => page.locator('#suggestions .sugg').first().innerText()).toContain('/レポート');
    expect(await page.locator('#suggestions .sugg').first().innerText()).toContain('最近のXでの活動');
    await page.fill('#line', '/レポート ');
    await page.dispatchEvent('#line', 'input');
    await expect.poll(() => page.locator('#suggestions').innerText()).toContain('タイムゾーン:');
    await page.fill('#line', '');

    const done = await linkThroughX(page, 'authorize', '/x連携', 'Xで続ける');
    expect(done).toContain('@ada_builds を「さくら（@ada）」に連携しました');
    await expect.poll(() => page.locator('#messages').innerText(), { timeout: 10_000 }).toContain('をDiscordアカウントに連携しました');

    await run(page, '/レポート 期間:7 タイムゾーン:Asia/Tokyo');
    const report = lastAnswer(page).locator('.v2-container');
    await report.waitFor({ timeout: 60_000 });
    await expect.poll(() => report.innerText()).toContain('過去7日間（今日を含む）');
    const text = await report.innerText();
    expect(text).toContain('反応の多いポスト');
    expect(text).toContain('あなたのXアナリティクス');
    expect(text).not.toContain('Top posts');
    expect(await report.locator('button[data-press]').allInnerTexts()).toEqual([
      '7日間',
      '30日間',
      '90日間',
      'チャンネルに共有',
      'CSVを書き出す',
      'ランキングに参加',
    ]);
    const chart = report.locator('.v2-gallery img');
    await expect
      .poll(() => chart.evaluate((img) => (img as unknown as { complete: boolean; naturalWidth: number }).naturalWidth))
      .toBe(800);
    await page.screenshot({ path: `${SHOTS}sandbox-report-ja.png` });
    await page.close();
  });
});
