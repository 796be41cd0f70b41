// Discord Linked Roles end to end: the real Hono app and SQLite file, Discord's
// OAuth2 through its stand-in (client credentials, single-use codes, exact
// redirect URI and scopes checked; role connections recorded), X through its
// stand-in (signatures verified).

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CLIENT_SECRET } from '../../src/local-discord/oauth.js';
import { syntheticTimeline } from '../../src/local-x/posts.js';
import { serveTimeline, type TimelineData } from '../../src/local-x/timeline-routes.js';
import type { Browser } from '../support/browser.js';
import { commandPayload } from '../support/discord-payloads.js';
import { eventually, type Harness, linkAccount, startHarness } from '../support/harness.js';

const ADA = { id: '300000000000000001', username: 'ada', global_name: 'Ada Lovelace', locale: 'en-US' };
const X_USER = { id: '1456789012345678901', screenName: 'ada_codes' };
const CALLBACK = 'https://bot.example.test/discord/callback';
const DAY = 86_400_000;

let h: Harness;
let b: Browser;
let data: TimelineData;

beforeEach(async () => {
  h = await startHarness({ mode: 'http', env: { DISCORD_CLIENT_SECRET: CLIENT_SECRET } });
  b = h.browser();
  h.discord.oauth.redirectUri = CALLBACK;
  h.discord.oauth.approveAs = ADA;
  data = {
    profile: {
      id: X_USER.id,
      name: 'Ada Lovelace',
      username: X_USER.screenName,
      created_at: '2019-03-01T10:00:00.000Z',
      verified: false,
      public_metrics: { followers_count: 1234, following_count: 10, tweet_count: 5678 },
    },
    posts: syntheticTimeline(20, h.clock.now - 60_000, 20),
    mentions: [],
  };
  serveTimeline(h.x, data);
});
afterEach(async () => {
  await h.close();
});

/** The browser opens /linked-role, approves (or cancels) at Discord, and comes back: the callback's answer. */
async function connect(browser = b): Promise<{ res: Response; callback: string }> {
  const start = await browser.get('/linked-role');
  expect(start.status).toBe(302);
  const atDiscord = await fetch(start.headers.get('location')!, { redirect: 'manual' });
  const back = new URL(atDiscord.headers.get('location')!);
  const callback = `${back.pathname}${back.search}`;
  return { res: await browser.get(callback), callback };
}

const connectionRows = async () => (await h.sql('select * from discord_connections')) as Array<Record<string, unknown>>;
const queuedClears = async () => (await h.sql('select * from pending_role_clears')) as Array<Record<string, unknown>>;
const CLEARED = { platform_name: 'X', metadata: { linked: '0' } };

describe('Linked Roles', () => {
  it('sends /linked-role to Discord’s consent page with the right client, redirect, scopes and a fresh state', async () => {
    const res = await b.get('/linked-role');
    const url = new URL(res.headers.get('location')!);
    expect(`${url.origin}${url.pathname}`).toBe(`${h.discord.baseUrl}/oauth2/authorize`);
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      client_id: h.config.discordApplicationId,
      redirect_uri: CALLBACK,
      response_type: 'code',
      scope: 'identify role_connections.write',
      prompt: 'consent',
    });
    expect(url.searchParams.get('state')).toMatch(/^[A-Za-z0-9_-]{72}$/);
    const again = new URL((await b.get('/linked-role')).headers.get('location')!);
    expect(again.searchParams.get('state')).not.toBe(url.searchParams.get('state'));
  });

  it('for a member linked to X: stores the Discord tokens sealed, pushes the X metadata and says to return to Discord', async () => {
    await linkAccount(h, ADA.id, X_USER);
    const { res } = await connect();
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('Done — return to Discord');
    expect(h.discord.oauth.latest(ADA.id)).toEqual({
      platform_name: 'X',
      platform_username: '@ada_codes',
      metadata: { linked: '1', followers: '1234', posts: '5678', account_age: '2019-03-01T10:00:00.000Z', verified: '0' },
    });
    const [row] = await connectionRows();
    expect(row).toMatchObject({ discord_user_id: ADA.id, status: 'active' });
    const issued = [...h.discord.oauth.accessTokens.keys(), ...h.discord.oauth.refreshTokens.keys()];
    for (const token of issued) {
      expect(JSON.stringify(row)).not.toContain(token);
      expect(h.logs.join('\n')).not.toContain(token);
    }
    expect(h.discord.oauth.refusals).toEqual([]);
  });

  it('for a member not linked yet: continues into X’s OAuth for the member Discord proved, then pushes the metadata', async () => {
    const { res } = await connect();
    expect(res.status).toBe(302);
    const toX = new URL(res.headers.get('location')!);
    expect(`${toX.origin}${toX.pathname}`).toBe(`${h.x.baseUrl}/oauth/authorize`);
    const requestToken = toX.searchParams.get('oauth_token')!;
    const done = await b.get(`/twitter/callback?${new URLSearchParams(h.x.approve(requestToken, X_USER))}`);
    expect(done.status).toBe(200);
    expect(await done.text()).toContain('@ada_codes is now linked to Ada Lovelace (@ada)');
    expect(await h.bot.links.account(ADA.id)).toMatchObject({ xUserId: X_USER.id });
    expect(h.discord.oauth.latest(ADA.id)).toMatchObject({ platform_username: '@ada_codes', metadata: { linked: '1', followers: '1234' } });
  });

  it('links X to the member Discord proved, not to whoever started a link in that browser before', async () => {
    const BOB = { id: '300000000000000002', username: 'bob', global_name: 'Bob', locale: 'en-US' };
    const adaLink = (await (await h.interact(commandPayload({ name: 'link-twitter', member: { id: ADA.id } }))).json()) as {
      data: { components: Array<{ components: Array<{ url: string }> }> };
    };
    await b.get(new URL(adaLink.data.components[0]!.components[0]!.url).pathname); // Ada's link opened in this browser
    h.discord.oauth.approveAs = BOB; // but Discord's session here is Bob's
    const { res } = await connect();
    const requestToken = new URL(res.headers.get('location')!).searchParams.get('oauth_token')!;
    const done = await b.get(`/twitter/callback?${new URLSearchParams(h.x.approve(requestToken, X_USER))}`);
    expect(await done.text()).toContain('linked to Bob (@bob)');
    expect(await h.bot.links.account(BOB.id)).toMatchObject({ xUserId: X_USER.id });
    expect(await h.bot.links.account(ADA.id)).toBeUndefined();
    expect(h.discord.oauth.latest(BOB.id)).toMatchObject({ platform_username: '@ada_codes' });
    expect(h.discord.oauth.latest(ADA.id)).toBeUndefined();
  });

  it('keeps the metadata in step: every report pushes what X said, and unlinking clears it and forgets the Discord tokens', async () => {
    await linkAccount(h, ADA.id, X_USER);
    await connect();
    const writes = () => h.discord.oauth.connections.get(ADA.id)?.length ?? 0;
    const before = writes();
    data.profile.public_metrics = { followers_count: 2000, tweet_count: 5700 };
    h.clock.now += DAY; // the profile is read once per UTC day: the next report reads it again
    await h.interact(commandPayload({ name: 'report', member: { id: ADA.id } }));
    await eventually(() => writes() > before);
    expect(h.discord.oauth.latest(ADA.id)).toMatchObject({ metadata: { followers: '2000', posts: '5700' } });

    await h.interact(commandPayload({ name: 'unlink-twitter', member: { id: ADA.id } }));
    await eventually(async () => (await connectionRows()).length === 0 && (await queuedClears()).length === 0);
    expect(h.discord.oauth.latest(ADA.id)).toEqual(CLEARED);
  });

  it('never lets a push still on its way land after an unlink cleared the metadata', async () => {
    await linkAccount(h, ADA.id, X_USER);
    await connect();
    const puts = () => h.discord.requestsTo(/^PUT .*role-connection$/).length;
    const before = puts();
    const release = h.discord.hold(/^PUT .*role-connection$/);
    // Something changed at X, so the report has something new to write.
    data.profile.public_metrics = { followers_count: 2000, tweet_count: 5700 };
    h.clock.now += DAY;
    await h.interact(commandPayload({ name: 'report', member: { id: ADA.id } }));
    await eventually(() => puts() > before); // the report's push is at Discord, held there
    await h.interact(commandPayload({ name: 'unlink-twitter', member: { id: ADA.id } }));
    await eventually(async () => (await h.bot.links.account(ADA.id)) === undefined);
    // The unlink's clear waits for the push: give it every chance to overtake, then check it did not.
    for (let i = 0; i < 100 && puts() === before + 1; i++) await new Promise((r) => setTimeout(r, 2));
    expect(puts()).toBe(before + 1);
    release();
    await eventually(async () => (await queuedClears()).length === 0);
    expect(h.discord.oauth.latest(ADA.id)).toEqual({ platform_name: 'X', metadata: { linked: '0' } });
  });

  it('writes to Discord only what changed, and the same again no sooner than a day later', async () => {
    await linkAccount(h, ADA.id, X_USER);
    await connect();
    const puts = () => h.discord.requestsTo(/^PUT .*role-connection$/).length;
    const reportAndWait = async (advance: number) => {
      h.clock.now += advance;
      const runs = async () => ((await h.one("select count(*) as n from report_runs where outcome != 'running'")) as { n: number }).n;
      const done = await runs();
      await h.interact(commandPayload({ name: 'report', member: { id: ADA.id } }));
      await eventually(async () => (await runs()) > done);
    };
    const afterConnect = puts();
    await reportAndWait(60_000); // the same profile as the connection wrote: nothing to write
    data.profile.public_metrics = { followers_count: 2000, tweet_count: 5700 };
    await reportAndWait(DAY); // a new day, a new profile read, new followers: written
    await eventually(() => (h.discord.oauth.latest(ADA.id)?.metadata as { followers?: string } | undefined)?.followers === '2000');
    await reportAndWait(DAY); // unchanged, but a day on: written again, in case Discord lost it
    // A clear takes its turn after every write asked before it: once it is done, all of them are.
    await h.bot.links.markBroken(ADA.id);
    expect(puts()).toBe(afterConnect + 3); // the new followers, the day-later rewrite, the clear
  });

  it('clears the metadata when X stops accepting the link', async () => {
    await linkAccount(h, ADA.id, X_USER);
    await connect();
    await h.bot.links.markBroken(ADA.id);
    expect(h.discord.oauth.latest(ADA.id)).toEqual({ platform_name: 'X', metadata: { linked: '0' } });
  });

  it('refreshes a Discord token about to expire before using it', async () => {
    await linkAccount(h, ADA.id, X_USER);
    await connect();
    h.clock.now += 7 * DAY; // the access token's week is over
    const before = h.discord.oauth.connections.get(ADA.id)!.length;
    await h.bot.links.markBroken(ADA.id); // a push (the clear)
    expect(h.discord.oauth.connections.get(ADA.id)!.length).toBe(before + 1);
    const grants = h.discord.requestsTo(/^POST \/api\/v10\/oauth2\/token$/).map((r) => new URLSearchParams(r.body).get('grant_type'));
    expect(grants).toEqual(['authorization_code', 'refresh_token']);
  });

  it('refreshes a token Discord refuses early and writes again; a refused refresh asks the member to connect again', async () => {
    await linkAccount(h, ADA.id, X_USER);
    await connect();
    h.discord.oauth.revokeAccessTokens();
    const before = h.discord.oauth.connections.get(ADA.id)!.length;
    await h.bot.links.markBroken(ADA.id);
    expect(h.discord.oauth.connections.get(ADA.id)!.length).toBe(before + 1);
    expect(h.discord.requestsTo(/^PUT .*role-connection$/).map((r) => r.path)).toHaveLength(before + 2); // refused, then written

    h.discord.oauth.revokeAccessTokens();
    h.discord.oauth.revokeRefreshTokens();
    await linkAccount(h, ADA.id, X_USER); // linking pushes: Discord refuses the token, then the refresh
    expect((await connectionRows())[0]).toMatchObject({ status: 'reconnect' });
    const reply = (await (await h.interact(commandPayload({ name: 'link-twitter', member: { id: ADA.id } }))).json()) as {
      data: { content: string };
    };
    expect(reply.data.content).toContain('Linked Roles connection has expired');
    expect(reply.data.content).toContain('Linked Roles menu');
    // A fresh connection from the role menu makes it active again.
    await connect();
    expect((await connectionRows())[0]).toMatchObject({ status: 'active' });
  });

  it('lets only one of two callbacks racing with the same state use it', async () => {
    await linkAccount(h, ADA.id, X_USER);
    const start = await b.get('/linked-role');
    const atDiscord = await fetch(start.headers.get('location')!, { redirect: 'manual' });
    const back = new URL(atDiscord.headers.get('location')!);
    const path = `${back.pathname}${back.search}`;
    const statuses = (await Promise.all([b.get(path), b.get(path)])).map((r) => r.status).sort();
    expect(statuses).toEqual([200, 400]);
    expect(h.discord.requestsTo(/^POST \/api\/v10\/oauth2\/token$/)).toHaveLength(1);
    expect(await connectionRows()).toHaveLength(1);
  });

  it('makes good at the next report a push Discord failed at sign-in (the tokens were stored first)', async () => {
    await linkAccount(h, ADA.id, X_USER);
    h.discord.failNext(/^PUT .*role-connection$/, { status: 502, body: { message: 'Bad Gateway' } });
    const { res } = await connect();
    expect(res.status).toBe(424);
    expect(h.discord.oauth.latest(ADA.id)).toBeUndefined();
    expect(await connectionRows()).toHaveLength(1);
    await h.interact(commandPayload({ name: 'report', member: { id: ADA.id } }));
    await eventually(() => h.discord.oauth.latest(ADA.id));
    expect(h.discord.oauth.latest(ADA.id)).toMatchObject({ metadata: { linked: '1', followers: '1234' } });
  });

  describe('bad input: a clear 4xx page, the database as it was, no secret in the logs', () => {
    it('a code far too long to be Discord’s', async () => {
      const start = await b.get('/linked-role');
      const state = new URL(start.headers.get('location')!).searchParams.get('state')!;
      const res = await b.get(`/discord/callback?code=${'a'.repeat(5000)}&state=${state}`);
      expect(res.status).toBe(400);
      expect(h.discord.requestsTo(/^POST \/api\/v10\/oauth2\/token$/)).toHaveLength(0);
      expect(await connectionRows()).toEqual([]);
    });

    const unchanged = async () => {
      expect(await connectionRows()).toEqual([]);
      expect(await h.one('select count(*) as n from linked_accounts')).toEqual({ n: 0 });
    };

    it('a forged state', async () => {
      const res = await b.get(`/discord/callback?code=abc&state=${'A'.repeat(43)}`);
      expect(res.status).toBe(400);
      expect(await res.text()).toContain('could not be matched');
      await unchanged();
    });

    it('a state used twice', async () => {
      await linkAccount(h, ADA.id, X_USER);
      const { callback } = await connect();
      const again = await b.get(callback);
      expect(again.status).toBe(400);
      expect(h.discord.requestsTo(/^POST \/api\/v10\/oauth2\/token$/)).toHaveLength(1);
    });

    it('an expired state', async () => {
      const start = await b.get('/linked-role');
      const atDiscord = await fetch(start.headers.get('location')!, { redirect: 'manual' });
      h.clock.now += h.config.linkTtlSeconds * 1000;
      const back = new URL(atDiscord.headers.get('location')!);
      const res = await b.get(`${back.pathname}${back.search}`);
      expect(res.status).toBe(400);
      expect(h.discord.requestsTo(/^POST \/api\/v10\/oauth2\/token$/)).toHaveLength(0);
      await unchanged();
    });

    it('Cancel at Discord (error=access_denied)', async () => {
      h.discord.oauth.approveAs = null;
      const { res } = await connect();
      expect(res.status).toBe(200);
      expect(await res.text()).toContain('Connection cancelled');
      await unchanged();
    });

    it('a callback opened in another browser (a forwarded address)', async () => {
      const start = await b.get('/linked-role');
      const atDiscord = await fetch(start.headers.get('location')!, { redirect: 'manual' });
      const back = new URL(atDiscord.headers.get('location')!);
      const other = h.browser();
      await other.get('/linked-role'); // that browser has a cookie of its own
      const res = await other.get(`${back.pathname}${back.search}`);
      expect(res.status).toBe(403);
      expect(await res.text()).toContain('browser where you started');
      await unchanged();
      // The rightful browser can still finish.
      expect((await b.get(`${back.pathname}${back.search}`)).status).toBe(302);
    });

    it('a code Discord refuses', async () => {
      const start = await b.get('/linked-role');
      const atDiscord = await fetch(start.headers.get('location')!, { redirect: 'manual' });
      h.discord.oauth.codes.clear();
      const back = new URL(atDiscord.headers.get('location')!);
      const res = await b.get(`${back.pathname}${back.search}`);
      expect(res.status).toBe(400);
      expect(await res.text()).toContain('Discord did not accept this sign-in');
      await unchanged();
      const code = back.searchParams.get('code')!;
      expect(h.logs.join('\n')).not.toContain(code);
    });

    it.each([
      [401, { error: 'invalid_client' }, 424, 'DISCORD_CLIENT_SECRET does not match'],
      [429, { message: 'You are being rate limited.', retry_after: 3, global: false }, 429, 'Discord is busy'],
      [502, { message: 'Bad Gateway' }, 424, 'Discord could not be reached'],
    ])('Discord answering %i', async (status, body, expected, text) => {
      h.discord.failNext(/^POST \/api\/v10\/oauth2\/token$/, { status, body });
      const { res } = await connect();
      expect(res.status).toBe(expected);
      expect(await res.text()).toContain(text);
      await unchanged();
    });
  });
});

describe('Linked Roles turned off (no DISCORD_CLIENT_SECRET)', () => {
  it('answers /linked-role and the callback with a page saying so', async () => {
    const off = await startHarness({ mode: 'http' });
    try {
      const res = await off.browser().get('/linked-role');
      expect(res.status).toBe(404);
      expect(await res.text()).toContain('does not offer Linked Roles');
      expect((await off.browser().get('/discord/callback?code=a&state=b')).status).toBe(404);
    } finally {
      await off.close();
    }
  });
});
