// Black-box: the built bot started as `npm start` would (node dist/main.js),
// in HTTP interactions mode, driven over real HTTP against stand-ins for X and
// Discord. Only the process's environment and its network faces are used.

import { execFile, execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syntheticTimeline } from '../../src/local-x/posts.js';
import { serveTimeline, type TimelineData } from '../../src/local-x/timeline-routes.js';
import { XStandIn } from '../../src/local-x/x-stand-in.js';
import { type BotProcess, standInEnv, startBotProcess } from '../support/bot-process.js';
import { Browser } from '../support/browser.js';
import { APPLICATION_ID, commandPayload, DiscordSigner } from '../support/discord-payloads.js';
import { DiscordStandIn } from '../support/discord-stand-in.js';
import { eventually } from '../support/harness.js';
import { seen } from '../support/layout-text.js';

const ROOT = join(import.meta.dirname, '..', '..');
const execFileAsync = promisify(execFile);
let x: XStandIn;
let discord: DiscordStandIn;
let bot: BotProcess | undefined;
let base = '';
let dir = '';
let stdout: string[] = [];
const signer = new DiscordSigner();
const X_USER = { id: '1456789012345678901', screenName: 'ada' };
const DAY = 86_400_000;
const timeline: TimelineData = {
  profile: { id: X_USER.id, name: 'Ada Lovelace', username: 'ada', public_metrics: { followers_count: 10, following_count: 5 } },
  posts: syntheticTimeline(400, Date.now() - 60_000, 120),
  mentions: [],
};

beforeAll(async () => {
  x = await new XStandIn().start();
  serveTimeline(x, timeline);
  discord = await new DiscordStandIn().start();
  dir = mkdtempSync(join(tmpdir(), 'xbot-e2e-'));
  bot = await startBotProcess(standInEnv(x, discord, signer, dir), dir); // no .env in dir: the environment only
  stdout = bot.lines;
  base = bot.base;
}, 120_000);

afterAll(async () => {
  await bot?.stop();
  await x?.stop();
  await discord?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function interact(payload: unknown): Promise<any> {
  const body = JSON.stringify(payload);
  const res = await fetch(`${base}/interactions`, { method: 'POST', body, headers: signer.headers(body) });
  expect(res.status).toBe(200);
  return res.json();
}

async function linkCommand(): Promise<{ linkPath: string; token: string }> {
  const payload = commandPayload({ name: 'link-twitter' });
  const reply = await interact(payload);
  return { linkPath: new URL(reply.data.components[0].components[0].url).pathname, token: payload.token };
}

const get = (path: string) => fetch(`${base}${path}`, { redirect: 'manual' });
const browser = () => new Browser((path, init) => fetch(`${base}${path}`, init), 'https://bot.example.test');

describe('black-box run of the built bot', () => {
  it('creates and migrates its database on start and reports healthy', async () => {
    expect(existsSync(join(dir, 'data', 'bot.sqlite'))).toBe(true);
    expect(await (await get('/healthz')).json()).toEqual({ status: 'ok' });
  });

  it('answers Discord’s endpoint check: PONG to a signed PING, 401 to a bad signature', async () => {
    expect(await interact({ type: 1 })).toEqual({ type: 1 });
    const res = await fetch(`${base}/interactions`, {
      method: 'POST',
      body: '{"type":1}',
      headers: { ...signer.headers('{"type":2}'), 'content-type': 'application/json' },
    });
    expect(res.status).toBe(401);
  });

  it('links, refuses reuse, handles cancel, and unlinks, with every OAuth request verified', async () => {
    const { linkPath, token } = await linkCommand();
    const member = browser();
    const open = await member.openLink(linkPath);
    expect(open.page.status).toBe(200);
    expect(open.res.status).toBe(303);
    const rt = new URL(open.location!).searchParams.get('oauth_token')!;
    const done = await member.get(
      `/twitter/callback?${new URLSearchParams(x.approve(rt, { id: '1456789012345678901', screenName: 'ada' }))}`,
    );
    expect(done.status).toBe(200);
    expect(await done.text()).toContain('@ada is now linked to Ada Lovelace');
    await eventually(() => discord.edits().find((e) => e.path.includes(token)));

    expect((await get(linkPath)).status).toBe(410); // reuse refused

    const second = await linkCommand();
    const rt2 = new URL((await member.openLink(second.linkPath)).location!).searchParams.get('oauth_token')!;
    expect((await get(`/twitter/callback?denied=${rt2}`)).status).toBe(403); // not from the member's browser
    const cancelled = await member.get(`/twitter/callback?denied=${rt2}`);
    expect(cancelled.status).toBe(200);
    expect(await cancelled.text()).toContain('Linking was cancelled');

    const unlink = await interact(commandPayload({ name: 'unlink-twitter' }));
    expect(unlink.type).toBe(5);
    await eventually(() => discord.edits().find((e) => String(DiscordStandIn.payload(e).content).includes('Unlinked')));
    expect(x.requestsTo(/invalidate_token/)).toHaveLength(1);

    expect(x.verifications.map((v) => v.path)).toEqual([
      '/oauth/request_token',
      '/oauth/access_token',
      '/oauth/request_token',
      '/1.1/oauth/invalidate_token',
    ]);
    expect(x.verifications.every((v) => v.ok)).toBe(true);
    const logs = stdout.join('\n');
    for (const secret of [token, second.token, linkPath.split('/').pop()!, rt]) expect(logs).not.toContain(secret);
  });

  it('reports: right numbers and a PNG, a repeat reading only what is new (since_id), a clear message on 429', async () => {
    x.autoApproveAs = X_USER;
    const { linkPath } = await linkCommand();
    const member = browser();
    const consent = (await member.openLink(linkPath)).location!;
    const callback = new URL((await fetch(consent, { redirect: 'manual' })).headers.get('location')!);
    expect((await member.get(`${callback.pathname}${callback.search}`)).status).toBe(200);

    const editFor = (token: string) => eventually(() => discord.edits().find((e) => e.path.includes(token)));
    const first = commandPayload({ name: 'report', options: [{ name: 'days', type: 4, value: 30 }] });
    expect((await interact(first)).type).toBe(5);
    const edit = await editFor(first.token);
    const { text } = seen(DiscordStandIn.payload(edit));
    // The last 30 whole days (UTC), today included.
    const since = Math.floor(Date.now() / DAY) * DAY - 29 * DAY;
    const inPeriod = timeline.posts.filter((p) => Date.parse(p.created_at) >= since);
    const own = inPeriod.filter((p) => p.referenced_tweets?.[0]?.type !== 'retweeted');
    const likes = own.reduce((n, p) => n + (p.public_metrics?.like_count ?? 0), 0);
    expect(text).toContain(`**Activity**\n**${inPeriod.length}** posts`);
    expect(text).toContain(`❤️ ${likes.toLocaleString('en-US')} likes`);
    expect(text).toMatch(/\*\*Topics\*\*\nHashtags \(own posts, not reposts\): #buildinpublic/);
    const png = edit.raw.indexOf(Buffer.from([0x89, 0x50, 0x4e, 0x47]));
    expect(png).toBeGreaterThan(0);

    const before = x.v2Requests().length;
    const firstReadAt = Date.now();
    const repeat = commandPayload({ name: 'report', options: [{ name: 'days', type: 4, value: 30 }] });
    await interact(repeat);
    const repeatText = seen(DiscordStandIn.payload(await editFor(repeat.token))).text;
    const repeatCalls = x.v2Requests().slice(before);
    expect(repeatCalls).toHaveLength(2); // posts and mentions, one page each
    // After the newest stored post (since_id), or, with none stored (no mentions), after the first report's read.
    const readsOnlyNew = (r: { url: string }) => {
      const q = new URL(r.url).searchParams;
      return q.has('since_id') || Date.parse(q.get('start_time') ?? '') >= firstReadAt - 60_000;
    };
    expect(repeatCalls.every(readsOnlyNew)).toBe(true);
    expect(repeatText).toMatch(/(in 2 requests · about \$0\.\d+|this report cost nothing) · data as of/);

    x.failNext(/\/2\/users\/\d+\/tweets/, {
      status: 429,
      body: { title: 'Too Many Requests', type: 'about:blank', status: 429 },
      headers: { 'x-rate-limit-reset': String(Math.floor(Date.now() / 1000) + 900) },
    });
    const limited = commandPayload({ name: 'report', options: [{ name: 'days', type: 4, value: 90 }] });
    await interact(limited);
    expect(seen(DiscordStandIn.payload(await editFor(limited.token))).text).toMatch(/rate limit.*<t:\d+:R>/);
  });

  it('installs as the README says: invite-url prints the link, register-commands registers every command', async () => {
    const env = {
      PATH: process.env.PATH,
      DISCORD_TOKEN: 'bot-token',
      DISCORD_APPLICATION_ID: APPLICATION_ID,
      DISCORD_API_URL: discord.apiUrl,
    };
    const invite = execFileSync(process.execPath, [join(ROOT, 'dist', 'cli', 'invite-url.js')], { cwd: dir, env, encoding: 'utf8' });
    expect(invite).toContain(
      `https://discord.com/oauth2/authorize?client_id=${APPLICATION_ID}&scope=bot%20applications.commands&permissions=52224`,
    );
    expect(invite).toContain('Manage Roles');
    expect(invite).toContain(
      `https://discord.com/oauth2/authorize?client_id=${APPLICATION_ID}&scope=applications.commands&integration_type=1`,
    );

    // Asynchronously: the Discord stand-in answers from this process.
    const run = async (args: string[]) => (await execFileAsync(process.execPath, args, { cwd: dir, env, encoding: 'utf8' })).stdout;
    const guild = await run([join(ROOT, 'dist', 'cli', 'register-commands.js'), '--guild', '1100000000000000002']);
    expect(guild).toContain('Registered 5 commands in server 1100000000000000002');
    for (const name of ['/link-twitter', '/unlink-twitter', '/report', '/leaderboard', '/twitter-admin']) expect(guild).toContain(name);
    const global = await run([join(ROOT, 'dist', 'cli', 'register-commands.js')]);
    expect(global).toContain('Registered 5 commands globally');
    expect(global).toContain('Registered 5 Linked Roles metadata fields');
    for (const key of ['linked', 'followers', 'account_age', 'posts', 'verified']) expect(global).toContain(`  ${key}  `);
    const puts = discord.requestsTo(/^PUT /).map((r) => r.path);
    const metadata = `/api/v10/applications/${APPLICATION_ID}/role-connections/metadata`;
    expect(puts).toEqual([
      `/api/v10/applications/${APPLICATION_ID}/guilds/1100000000000000002/commands`,
      metadata,
      `/api/v10/applications/${APPLICATION_ID}/commands`,
      metadata,
    ]);

    let failure = '';
    try {
      execFileSync(process.execPath, [join(ROOT, 'dist', 'cli', 'register-commands.js')], {
        cwd: dir,
        env: { PATH: process.env.PATH },
        encoding: 'utf8',
        stdio: 'pipe',
      });
    } catch (err) {
      failure = String((err as { stderr: string }).stderr);
    }
    expect(failure).toContain('DISCORD_TOKEN is missing');
    expect(failure).toContain('DISCORD_APPLICATION_ID is missing');
  });

  it('refuses to start without configuration, naming what is missing and how to try it without any', () => {
    let stderr = '';
    try {
      execFileSync(process.execPath, [join(ROOT, 'dist', 'main.js')], {
        cwd: dir,
        env: { PATH: process.env.PATH },
        encoding: 'utf8',
        stdio: 'pipe',
      });
    } catch (err) {
      stderr = String((err as { stderr: string }).stderr);
    }
    for (const name of ['DISCORD_TOKEN', 'TWITTER_CONSUMER_KEY', 'PUBLIC_URL', 'TOKEN_ENCRYPTION_KEY']) expect(stderr).toContain(name);
    expect(stderr).toContain('npm run sandbox');
  });
});
