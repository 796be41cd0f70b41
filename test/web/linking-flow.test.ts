// The whole linking flow through the HTTP door, against stand-ins for X and
// Discord that check every OAuth signature and record every REST call.

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Browser } from '../support/browser.js';
import { commandPayload } from '../support/discord-payloads.js';
import { DiscordStandIn } from '../support/discord-stand-in.js';
import { eventually, type Harness, startHarness } from '../support/harness.js';

let h: Harness;
let b: Browser;
beforeEach(async () => {
  h = await startHarness({ mode: 'http' });
  b = h.browser();
});
afterEach(async () => {
  await h.close();
});

const ADA = { id: '300000000000000001', username: 'ada', globalName: 'Ada Lovelace' };
const X_USER = { id: '1456789012345678901', screenName: 'ada_codes' };

async function runLinkCommand(member = ADA) {
  const payload = commandPayload({ name: 'link-twitter', member });
  const res = await h.interact(payload);
  expect(res.status).toBe(200);
  const body = (await res.json()) as { type: number; data: { flags: number; content: string; components: any[] } };
  const url = body.data.components[0].components[0].url as string;
  return { payload, body, url, path: new URL(url).pathname };
}

/** The member's browser opens the link and presses Continue. */
function openLink(path: string) {
  return b.openLink(path);
}

function callbackPath(query: Record<string, string>) {
  return `/twitter/callback?${new URLSearchParams(query).toString()}`;
}

describe('linking an X account', () => {
  it('runs /link-twitter → X consent → callback, stores the token encrypted and confirms in Discord', async () => {
    const { body, url, path, payload } = await runLinkCommand();
    expect(body.type).toBe(4);
    expect(body.data.flags & 64).toBe(64); // ephemeral
    expect(body.data.content).toMatch(/expires <t:\d+:R>/);
    expect(url).toMatch(/^https:\/\/bot\.example\.test\/link\/[A-Za-z0-9_-]{43}$/);

    const { res, location } = await openLink(path);
    expect(res.status).toBe(303);
    const redirect = new URL(location!);
    expect(`${redirect.origin}${redirect.pathname}`).toBe(`${h.x.baseUrl}/oauth/authorize`);
    const requestToken = redirect.searchParams.get('oauth_token')!;
    expect(h.x.requestTokens.get(requestToken)?.callback).toBe('https://bot.example.test/twitter/callback');

    const done = await b.get(callbackPath(h.x.approve(requestToken, X_USER)));
    expect(done.status).toBe(200);
    const page = await done.text();
    expect(page).toContain('@ada_codes is now linked to Ada Lovelace');
    expect(done.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(done.headers.get('referrer-policy')).toBe('no-referrer');

    const edit = await eventually(() => h.discord.edits()[0]);
    expect(edit.path).toBe(`/api/v10/webhooks/${h.config.discordApplicationId}/${payload.token}/messages/@original`);
    expect(DiscordStandIn.payload(edit).content).toContain('Linked **@ada\\_codes**');

    const row = (await h.one('select * from linked_accounts')) as Record<string, string>;
    expect(row.discord_user_id).toBe(ADA.id);
    expect(row.x_user_id).toBe(X_USER.id);
    const [accessToken] = [...h.x.accessTokens.keys()];
    expect(row.access_token_sealed).not.toContain(accessToken);
    expect(h.bot.links.credentials((await h.bot.links.account(ADA.id))!).key).toBe(accessToken);
    expect(await h.one('select count(*) as n from pending_links')).toEqual({ n: 0 });

    expect(h.x.verifications.length).toBeGreaterThanOrEqual(2);
    expect(h.x.verifications.every((v) => v.ok)).toBe(true);
    const allLogs = h.logs.join('\n');
    expect(allLogs).not.toContain(accessToken);
    expect(allLogs).not.toContain(payload.token);
    expect(allLogs).not.toContain(path.split('/').pop());
  });

  it('refuses a link that was already used, and one that has expired', async () => {
    const first = await runLinkCommand();
    expect((await openLink(first.path)).res.status).toBe(303);
    const reuse = await openLink(first.path);
    expect(reuse.res.status).toBe(410);
    expect(await reuse.res.text()).toContain('run /link-twitter again');

    const second = await runLinkCommand();
    h.clock.now += h.config.linkTtlSeconds * 1000;
    const expired = await openLink(second.path);
    expect(expired.res.status).toBe(410);
    expect(h.x.requestsTo(/request_token/)).toHaveLength(1); // no X call for a dead link
  });

  it('lets only one of two simultaneous openings of a link through', async () => {
    const { path } = await runLinkCommand();
    const results = await Promise.all([openLink(path), openLink(path), openLink(path)]);
    expect(results.map((r) => r.res.status).sort()).toEqual([303, 410, 410]);
  });

  it('supersedes an older pending link when the member asks again', async () => {
    const older = await runLinkCommand();
    const newer = await runLinkCommand();
    expect((await openLink(older.path)).res.status).toBe(410);
    expect((await openLink(newer.path)).res.status).toBe(303);
  });

  it('rejects unknown and malformed link tokens without calling X', async () => {
    for (const path of ['/link/not-a-token', `/link/${'A'.repeat(43)}`, '/link/%3Cscript%3E']) {
      const res = await h.bot.web.request(path);
      expect(res.status).toBe(410);
      expect(await res.text()).not.toContain('<script>');
    }
    expect(h.x.requests).toHaveLength(0);
  });

  it('handles Cancel at X: nothing stored, the link is discarded, Discord is told', async () => {
    const { path } = await runLinkCommand();
    const requestToken = new URL((await openLink(path)).location!).searchParams.get('oauth_token')!;
    const res = await b.get(callbackPath({ denied: requestToken }));
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('Linking was cancelled');
    expect(await h.one('select count(*) as n from pending_links')).toEqual({ n: 0 });
    expect(await h.one('select count(*) as n from linked_accounts')).toEqual({ n: 0 });
    const edit = await eventually(() => h.discord.edits()[0]);
    expect(DiscordStandIn.payload(edit).content).toContain('cancelled');
  });

  it('rejects forged, missing and replayed callback parameters', async () => {
    const { path } = await runLinkCommand();
    const requestToken = new URL((await openLink(path)).location!).searchParams.get('oauth_token')!;
    const cases = [
      callbackPath({}),
      callbackPath({ oauth_token: requestToken }),
      callbackPath({ oauth_token: 'rt-forged', oauth_verifier: 'abc' }),
      callbackPath({ denied: 'rt-forged' }),
    ];
    for (const p of cases) {
      const res = await h.bot.web.request(p);
      expect(res.status).toBe(400);
      expect(await res.text()).toContain('/link-twitter again');
    }
    // A wrong verifier is refused by X: a 4xx page, the link stays as it was.
    const wrong = await b.get(callbackPath({ oauth_token: requestToken, oauth_verifier: 'wrong' }));
    expect(wrong.status).toBe(424);
    expect(await h.one('select state from pending_links')).toEqual({ state: 'authorizing' });

    const approved = h.x.approve(requestToken, X_USER);
    expect((await b.get(callbackPath(approved))).status).toBe(200);
    const replay = await b.get(callbackPath(approved));
    expect(replay.status).toBe(400);
  });

  it('explains error 415 when X has not approved the callback URL, leaving the link usable', async () => {
    const { path } = await runLinkCommand();
    h.x.failNext(/request_token/, {
      status: 403,
      body: { errors: [{ code: 415, message: 'Callback URL not approved for this client application.' }] },
    });
    const res = (await openLink(path)).res;
    expect(res.status).toBe(424);
    const text = await res.text();
    expect(text).toContain('Callback URL not approved');
    expect(text).toContain('https://bot.example.test/twitter/callback');
    expect((await openLink(path)).res.status).toBe(303);
  });

  it.each([
    ['401', { status: 401, body: { errors: [{ code: 32, message: 'Could not authenticate you.' }] } }, 424],
    ['500', { status: 500, body: 'oops' }, 424],
    ['503', { status: 503, body: { title: 'Service Unavailable' } }, 424],
    ['429', { status: 429, body: { title: 'Too Many Requests' } }, 429],
    ['garbage', { status: 200, body: '<html>not a token</html>' }, 424],
  ])('shows a clear page when X answers %s to the request token call', async (_name, failure, status) => {
    const { path } = await runLinkCommand();
    h.x.failNext(/request_token/, failure);
    const { res } = await openLink(path);
    expect(res.status).toBe(status);
    expect(await res.text()).toMatch(/X /);
    expect(await h.one('select state from pending_links')).toEqual({ state: 'pending' });
  });

  it('replaces the earlier account when the member links again', async () => {
    for (const user of [X_USER, { id: '1999999999999999999', screenName: 'ada_two' }]) {
      const { path } = await runLinkCommand();
      const rt = new URL((await openLink(path)).location!).searchParams.get('oauth_token')!;
      expect((await b.get(callbackPath(h.x.approve(rt, user)))).status).toBe(200);
    }
    const rows = await h.sql('select x_user_id, x_screen_name from linked_accounts');
    expect(rows).toEqual([{ x_user_id: '1999999999999999999', x_screen_name: 'ada_two' }]);
    const offer = await runLinkCommand();
    expect(offer.body.data.content).toContain('linked to **@ada\\_two**');
  });

  it('unlinks: deletes everything, revokes the token at X and confirms privately', async () => {
    const { path } = await runLinkCommand();
    const rt = new URL((await openLink(path)).location!).searchParams.get('oauth_token')!;
    await b.get(callbackPath(h.x.approve(rt, X_USER)));
    await runLinkCommand(); // a pending link that must go too

    const res = await h.interact(commandPayload({ name: 'unlink-twitter', member: ADA }));
    expect(await res.json()).toEqual({ type: 5, data: { flags: 64 } });
    const edit = await eventually(() => h.discord.edits().find((e) => String(DiscordStandIn.payload(e).content).includes('Unlinked')));
    const content = String(DiscordStandIn.payload(edit).content);
    expect(content).toContain('revoked at X');
    expect(content).toContain('https://x.com/settings/connected_apps');
    expect(h.x.requestsTo(/invalidate_token/)).toHaveLength(1);
    expect(h.x.accessTokens.size).toBe(0);
    // guild_members too: the unlink itself, run in a server, saw the member there first.
    for (const table of ['linked_accounts', 'pending_links', 'guild_members']) {
      expect(await h.one(`select count(*) as n from ${table}`)).toEqual({ n: 0 });
    }
    expect(h.x.verifications.every((v) => v.ok)).toBe(true);
  });

  it('unlinks even when X cannot be reached, and says so', async () => {
    const { path } = await runLinkCommand();
    const rt = new URL((await openLink(path)).location!).searchParams.get('oauth_token')!;
    await b.get(callbackPath(h.x.approve(rt, X_USER)));
    h.x.failNext(/invalidate_token/, { status: 503, body: 'down' });
    await h.interact(commandPayload({ name: 'unlink-twitter', member: ADA }));
    const edit = await eventually(() => h.discord.edits().find((e) => String(DiscordStandIn.payload(e).content).includes('Unlinked')));
    expect(String(DiscordStandIn.payload(edit).content)).toContain('could not be reached');
    expect(await h.one('select count(*) as n from linked_accounts')).toEqual({ n: 0 });
  });

  it('tells a member with nothing linked that there is nothing to unlink', async () => {
    await h.interact(commandPayload({ name: 'unlink-twitter', member: ADA }));
    const edit = await eventually(() => h.discord.edits()[0]);
    expect(String(DiscordStandIn.payload(edit).content)).toContain('nothing to remove');
  });
});

describe('linking while Discord is slow to take the reply’s edit', () => {
  it('answers the callback and the cancel pages after the page’s wait, while Discord holds their edits', async () => {
    await h.close();
    h = await startHarness({ mode: 'http', linkPageWaitMs: 50 });
    b = h.browser();
    // Discord holds the two edits of the replies until released: an outage the webhook client would keep retrying.
    const edit = /^PATCH \/api\/v10\/webhooks\//;
    const releases = [h.discord.hold(edit), h.discord.hold(edit)];
    const first = await runLinkCommand();
    try {
      const requestToken = new URL((await openLink(first.path)).location!).searchParams.get('oauth_token')!;
      const done = await b.get(callbackPath(h.x.approve(requestToken, X_USER)));
      expect(done.status).toBe(200);
      expect(await done.text()).toContain('@ada_codes is now linked to Ada Lovelace');
      expect(await h.one('select count(*) as n from linked_accounts')).toEqual({ n: 1 });

      const second = await runLinkCommand();
      const cancelToken = new URL((await openLink(second.path)).location!).searchParams.get('oauth_token')!;
      const cancelled = await b.get(callbackPath({ denied: cancelToken }));
      expect(await cancelled.text()).toContain('Linking was cancelled');
      // Both pages answered while Discord still held both edits (awaiting them, they would never have).
      const edits = h.discord.edits().map((e) => String(DiscordStandIn.payload(e).content));
      expect(edits).toEqual([expect.stringContaining('Linked **@ada\\_codes**'), expect.stringContaining('cancelled')]);
    } finally {
      for (const release of releases) release();
    }
  });

  it('waits, when shutting down, for what a page left to tell Discord before the database closes', async () => {
    await h.close();
    h = await startHarness({ mode: 'http', linkPageWaitMs: 50 });
    b = h.browser();
    const release = h.discord.hold(/^PATCH \/api\/v10\/webhooks\//);
    const first = await runLinkCommand();
    const requestToken = new URL((await openLink(first.path)).location!).searchParams.get('oauth_token')!;
    expect((await b.get(callbackPath(h.x.approve(requestToken, X_USER)))).status).toBe(200);
    // The page answered; the reply's edit is still held. Shutting down waits for it instead of cutting it off.
    let closed = false;
    const closing = h.close().then(() => {
      closed = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(closed).toBe(false);
    release();
    await closing;
    expect(closed).toBe(true);
    h = await startHarness({ mode: 'http' }); // afterEach closes a harness
    b = h.browser();
  });

  it('stops waiting at its bound when Discord never takes the edit, and logs how many were not told', async () => {
    await h.close();
    h = await startHarness({ mode: 'http', linkPageWaitMs: 20 });
    b = h.browser();
    const release = h.discord.hold(/^PATCH \/api\/v10\/webhooks\//);
    try {
      const first = await runLinkCommand();
      const requestToken = new URL((await openLink(first.path)).location!).searchParams.get('oauth_token')!;
      expect((await b.get(callbackPath(h.x.approve(requestToken, X_USER)))).status).toBe(200);
      await h.bot.links.settle(50);
      expect(h.logs.join('\n')).toMatch(/shutting down before Discord was told how some links went.*"untold":1/);
    } finally {
      release();
    }
  });

  it('waits, when shutting down, for a callback page still waiting on X, and keeps the link it completes', async () => {
    const releaseX = h.x.hold(/^POST \/oauth\/access_token/);
    const first = await runLinkCommand();
    const requestToken = new URL((await openLink(first.path)).location!).searchParams.get('oauth_token')!;
    const page = b.get(callbackPath(h.x.approve(requestToken, X_USER))).then(async (r) => `${r.status} ${await r.text()}`);
    await eventually(() => h.x.requestsTo(/^POST \/oauth\/access_token/)[0]);
    // SIGTERM now: the server stops taking requests and the bot closes, while this page waits on X.
    const closing = h.close();
    await new Promise((resolve) => setTimeout(resolve, 100));
    releaseX();
    expect(await page).toContain('is now linked');
    await closing;
    const edits = h.discord.edits().map((e) => String(DiscordStandIn.payload(e).content));
    expect(edits).toEqual([expect.stringContaining('Linked **@ada\\_codes**')]);
    h = await startHarness({ mode: 'http' }); // afterEach closes a harness
    b = h.browser();
  });
});
