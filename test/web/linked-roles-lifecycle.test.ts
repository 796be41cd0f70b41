// Linked Roles that must not outlive their X account, and sign-ins no
// stranger can exhaust: a displaced member's metadata cleared, an unlink with
// no X account still forgetting the connection, a clear Discord fails retried
// until it lands (or given up once Discord refuses the tokens), and a flood of
// anonymous /linked-role visits that locks nobody out. The real Hono app and
// database (SQLite, or PostgreSQL with TEST_DATABASE_URL), Discord's OAuth2
// and X through their stand-ins.

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CLIENT_SECRET, type OAuthMember } from '../../src/local-discord/oauth.js';
import { serveTimeline } from '../../src/local-x/timeline-routes.js';
import type { Browser } from '../support/browser.js';
import { commandPayload } from '../support/discord-payloads.js';
import { DiscordStandIn } from '../support/discord-stand-in.js';
import { eventually, type Harness, linkAccount, startHarness } from '../support/harness.js';

const ADA = { id: '300000000000000001', username: 'ada', global_name: 'Ada Lovelace', locale: 'en-US' };
const BOB = { id: '300000000000000002', username: 'bob', global_name: 'Bob', locale: 'en-US' };
const X_USER = { id: '1456789012345678901', screenName: 'ada_codes' };
const CALLBACK = 'https://bot.example.test/discord/callback';
const CLEARED = { platform_name: 'X', metadata: { linked: '0' } };
const MINUTE = 60_000;

let h: Harness;
let b: Browser;

beforeEach(async () => {
  h = await startHarness({ mode: 'http', env: { DISCORD_CLIENT_SECRET: CLIENT_SECRET } });
  b = h.browser();
  h.discord.oauth.redirectUri = CALLBACK;
  h.discord.oauth.approveAs = ADA;
  serveTimeline(h.x, {
    profile: { id: X_USER.id, name: 'Ada', username: X_USER.screenName, public_metrics: { followers_count: 10, tweet_count: 20 } },
    posts: [],
    mentions: [],
  });
});
afterEach(async () => {
  await h.close();
});

/** The member connects Linked Roles from the role menu in `browser`: the callback's answer. */
async function connect(member: OAuthMember = ADA, browser = b): Promise<Response> {
  h.discord.oauth.approveAs = member;
  const start = await browser.get('/linked-role');
  expect(start.status).toBe(302);
  const atDiscord = await fetch(start.headers.get('location')!, { redirect: 'manual' });
  const back = new URL(atDiscord.headers.get('location')!);
  return browser.get(`${back.pathname}${back.search}`);
}

const connections = async (id: string) => h.sql('select * from discord_connections where discord_user_id = ?', id);
const queuedClears = async () => h.sql<{ attempts: number }>('select attempts from pending_role_clears');
const puts = () => h.discord.requestsTo(/^PUT .*role-connection$/).length;

async function unlink(member: { id: string }): Promise<string> {
  const payload = commandPayload({ name: 'unlink-twitter', member: { id: member.id } });
  await h.interact(payload);
  const edit = await eventually(() => h.discord.edits().find((e) => e.path.includes(payload.token)));
  return (DiscordStandIn.payload(edit) as { content: string }).content;
}

describe('Linked Roles follow the X account', () => {
  it('clears a displaced member’s metadata and forgets their Discord connection', async () => {
    await linkAccount(h, ADA.id, X_USER);
    expect((await connect(ADA)).status).toBe(200);
    expect(h.discord.oauth.latest(ADA.id)).toMatchObject({ metadata: { linked: '1' } });

    await linkAccount(h, BOB.id, X_USER); // Bob signs in to the same X account: it is his now
    expect(await h.bot.links.account(ADA.id)).toBeUndefined();
    await eventually(() => JSON.stringify(h.discord.oauth.latest(ADA.id)) === JSON.stringify(CLEARED));
    expect(await connections(ADA.id)).toEqual([]);
    expect(await queuedClears()).toEqual([]);
    // Nothing of Ada's is pushed again: a report of Bob's writes Bob's connection only.
    const before = h.discord.oauth.connections.get(ADA.id)!.length;
    await h.bot.links.markBroken(ADA.id);
    expect(h.discord.oauth.connections.get(ADA.id)!.length).toBe(before);
  });

  it('forgets the connection and clears the metadata on /unlink-twitter with no X account, and says so', async () => {
    // Connected from the role menu, but never finished linking X.
    const res = await connect(ADA);
    expect(res.status).toBe(302);
    expect(await connections(ADA.id)).toHaveLength(1);
    const reply = await unlink(ADA);
    expect(reply).toContain('Linked Roles connection was removed');
    expect(reply).not.toContain('nothing to remove');
    expect(await connections(ADA.id)).toEqual([]);
    expect(h.discord.oauth.latest(ADA.id)).toEqual(CLEARED);
    expect(await queuedClears()).toEqual([]);
    // With nothing left, a second unlink says there was nothing.
    expect(await unlink(ADA)).toContain('nothing to remove');
  });

  it('retries a clear Discord answers 500 to, with backoff, until Discord confirms it', async () => {
    await linkAccount(h, ADA.id, X_USER);
    await connect(ADA);
    h.discord.failNext(/^PUT .*role-connection$/, { status: 500, body: { message: '500: Internal Server Error' } });
    const before = puts();
    const reply = await unlink(ADA);
    expect(reply).toContain('Unlinked **@ada\\_codes**');
    expect(puts()).toBe(before + 1); // tried once, refused
    expect(h.discord.oauth.latest(ADA.id)).toMatchObject({ metadata: { linked: '1' } });
    expect(await connections(ADA.id)).toEqual([]); // forgotten all the same: the queue holds the tokens
    expect(await queuedClears()).toEqual([{ attempts: 1 }]);

    await h.bot.roleClears!.runDue(); // not due yet: the first retry waits a minute
    expect(puts()).toBe(before + 1);
    h.clock.now += MINUTE;
    h.discord.failNext(/^PUT .*role-connection$/, { status: 502, body: { message: 'Bad Gateway' } });
    await h.bot.roleClears!.runDue(); // due, and Discord still fails
    expect(puts()).toBe(before + 2);
    expect(await queuedClears()).toEqual([{ attempts: 2 }]);
    h.clock.now += MINUTE;
    await h.bot.roleClears!.runDue(); // the next one waits two minutes
    expect(puts()).toBe(before + 2);
    h.clock.now += MINUTE;
    await h.bot.roleClears!.runDue(); // Discord is back
    expect(h.discord.oauth.latest(ADA.id)).toEqual(CLEARED);
    expect(await queuedClears()).toEqual([]);
    expect(h.logs.some((l) => l.includes('Linked Roles cleared at Discord'))).toBe(true);
  });

  it('resumes a queued clear at start-up, due or not', async () => {
    await linkAccount(h, ADA.id, X_USER);
    await connect(ADA);
    h.discord.failNext(/^PUT .*role-connection$/, { status: 503, body: { message: 'Service Unavailable' } });
    await unlink(ADA);
    expect(await queuedClears()).toEqual([{ attempts: 1 }]);
    await h.restart();
    await eventually(async () => (await queuedClears()).length === 0);
    expect(h.discord.oauth.latest(ADA.id)).toEqual(CLEARED);
  });

  it('clears with the tokens a push was refreshing when the member unlinked: Discord had spent the old refresh token', async () => {
    await linkAccount(h, ADA.id, X_USER);
    await connect(ADA);
    // The access token is old: the next write refreshes it first, and Discord rotates the refresh token.
    await h.sql('update discord_connections set expires_at = 0');
    const tokenCalls = /^POST \/api\/v10\/oauth2\/token$/;
    const before = h.discord.requestsTo(tokenCalls).length;
    const release = h.discord.hold(tokenCalls);
    // Linking again (after a restart: nothing remembered as written) pushes the account to Discord: its refresh is held.
    await h.restart();
    const linked = linkAccount(h, ADA.id, X_USER);
    await eventually(() => h.discord.requestsTo(tokenCalls).length === before + 1);
    // The member unlinks meanwhile: the connection (with the refresh token Discord is spending) moves to the clear queue.
    const unlinked = unlink(ADA);
    await eventually(async () => (await connections(ADA.id)).length === 0);
    release();
    await Promise.all([linked, unlinked]);
    await eventually(async () => (await queuedClears()).length === 0);
    expect(h.discord.oauth.latest(ADA.id)).toEqual(CLEARED);
    expect(await connections(ADA.id)).toEqual([]);
    expect(h.logs.some((l) => l.includes('its clear is given up'))).toBe(false);
  });

  it('gives up, and logs it, when Discord refuses the tokens (the member removed the app)', async () => {
    await linkAccount(h, ADA.id, X_USER);
    await connect(ADA);
    h.discord.oauth.revokeAccessTokens();
    h.discord.oauth.revokeRefreshTokens();
    await unlink(ADA);
    expect(await queuedClears()).toEqual([]);
    expect(h.logs.some((l) => l.includes('its clear is given up'))).toBe(true);
    const refreshes = h.discord.requestsTo(/^POST \/api\/v10\/oauth2\/token$/).filter((r) => r.body.includes('refresh_token'));
    expect(refreshes).toHaveLength(1);
  });
});

describe('a flood of anonymous sign-ins', () => {
  it('fills nothing: after 10,005 opens a member still connects', { timeout: 120_000 }, async () => {
    await linkAccount(h, ADA.id, X_USER);
    for (let i = 0; i < 10_005; i++) {
      // Each from a fresh browser, as a script would: no cookie, a new one set each time.
      const res = await h.bot.web.request('/linked-role');
      expect(res.status).toBe(302);
    }
    expect(await h.sql('select * from role_connection_states')).toEqual([]);
    const res = await connect(ADA);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('Done — return to Discord');
    expect(h.discord.oauth.latest(ADA.id)).toMatchObject({ metadata: { linked: '1' } });
  });
});
