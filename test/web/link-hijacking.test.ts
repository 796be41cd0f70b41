// Attacks on linking with two people's browsers: the attacker forwards their
// link or their X authorize URL to a victim, presses Continue from another
// site, or cancels someone else's sign-in. None of it may link the victim's
// X account to the attacker's Discord user.

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { post } from '../../src/local-x/posts.js';
import { commandPayload } from '../support/discord-payloads.js';
import { DiscordStandIn } from '../support/discord-stand-in.js';
import { eventually, type Harness, startHarness } from '../support/harness.js';

let h: Harness;
beforeEach(async () => {
  h = await startHarness({ mode: 'http' });
});
afterEach(async () => {
  await h.close();
});

const MALLORY = { id: '300000000000000066', username: 'mallory', globalName: 'Ada Lovelace' };
const ADA = { id: '300000000000000001', username: 'ada', globalName: 'Ada Lovelace' };
const ADA_X = { id: '1456789012345678901', screenName: 'ada_codes' };
const MALLORY_X = { id: '1456789012345678966', screenName: 'mallory_x' };

const count = async (table: string) => ((await h.one(`select count(*) as n from ${table}`)) as { n: number }).n;
const callback = (query: Record<string, string>) => `/twitter/callback?${new URLSearchParams(query)}`;

async function linkPath(member: typeof ADA): Promise<string> {
  const res = await h.interact(commandPayload({ name: 'link-twitter', member }));
  const body = (await res.json()) as { data: { components: Array<{ components: Array<{ url: string }> }> } };
  return new URL(body.data.components[0]!.components[0]!.url).pathname;
}

/** A member links an X account start to finish in their own browser. */
async function link(member: typeof ADA, xUser: typeof ADA_X): Promise<void> {
  const browser = h.browser();
  const { location } = await browser.openLink(await linkPath(member));
  const rt = new URL(location!).searchParams.get('oauth_token')!;
  expect((await browser.get(callback(h.x.approve(rt, xUser)))).status).toBe(200);
}

describe('a forwarded authorize URL', () => {
  it('cannot complete in the victim’s browser: nothing is linked and X is not asked for a token', async () => {
    const attacker = h.browser();
    const { location } = await attacker.openLink(await linkPath(MALLORY));
    const rt = new URL(location!).searchParams.get('oauth_token')!;

    // The victim approves at X, and X sends the victim's browser to our callback.
    const victim = h.browser();
    const res = await victim.get(callback(h.x.approve(rt, ADA_X)));
    expect(res.status).toBe(403);
    expect(await res.text()).toContain('This sign-in was opened in another browser');
    expect(await count('linked_accounts')).toBe(0);
    expect(h.x.requestsTo(/access_token/)).toHaveLength(0);
  });

  it('is burnt by the refusal: the landing URL sent back to the sender cannot complete in their browser either', async () => {
    const attacker = h.browser();
    const { location } = await attacker.openLink(await linkPath(MALLORY));
    const rt = new URL(location!).searchParams.get('oauth_token')!;
    const landing = callback(h.x.approve(rt, ADA_X));
    expect((await h.browser().get(landing)).status).toBe(403); // the victim's browser
    // The victim is talked into sending the landing URL back; the sender opens it in the browser that started it.
    const res = await attacker.get(landing);
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('run /link-twitter again');
    expect(await count('linked_accounts')).toBe(0);
    expect(await count('pending_links')).toBe(0);
    expect(h.x.requestsTo(/access_token/)).toHaveLength(0);
    // The member who started it is told in their /link-twitter reply.
    const told = h.discord.edits().map((e) => (DiscordStandIn.payload(e) as { content?: string }).content ?? '');
    expect(told.some((c) => c.includes('different browser') && c.includes('/link-twitter'))).toBe(true);
  });
});

describe('a forwarded /link URL', () => {
  it('shows whose Discord account it links to, and does nothing at X until Continue', async () => {
    const path = await linkPath(MALLORY);
    const victim = h.browser();
    for (let i = 0; i < 3; i++) {
      // Link previews and scanners fetch it too: each sees the page, none consumes the link.
      const page = await victim.get(path);
      expect(page.status).toBe(200);
      const html = await page.text();
      expect(html).toContain('Link an X account to Ada Lovelace (@mallory) on Discord?');
      expect(html).toContain('If that Discord account is not yours, close this page');
      expect(html).toMatch(/<form method="post"><button type="submit">Continue to X<\/button><\/form>/);
      expect(page.headers.get('content-security-policy')).toContain("form-action 'self'");
      expect(page.headers.get('set-cookie')).toMatch(
        /^__Host-xbot_browser=[A-Za-z0-9_-]{43}; Max-Age=\d+; Path=\/; HttpOnly; Secure; SameSite=Lax$/,
      );
    }
    expect(h.x.requests).toHaveLength(0);
    expect(await h.one('select state from pending_links')).toEqual({ state: 'pending' });
  });

  it('cannot be continued from another site (no cookie on a cross-site POST, or a foreign Origin)', async () => {
    const path = await linkPath(MALLORY);
    const victim = h.browser();
    await victim.get(path); // the victim has the cookie, but a cross-site POST does not carry it
    const noCookie = await h.bot.web.request(path, { method: 'POST', headers: { origin: 'https://evil.example' } });
    expect(noCookie.status).toBe(403);
    const withCookie = await victim.request(path, { method: 'POST', headers: { origin: 'https://evil.example' } });
    expect(withCookie.status).toBe(403);
    // Our page is no-referrer, so a real browser sends its own form with "Origin: null": only Sec-Fetch-Site
    // (same-origin) tells it apart from a sandboxed iframe or a data: page elsewhere, which say cross-site.
    const nullForeign = await victim.request(path, { method: 'POST', headers: { origin: 'null', 'sec-fetch-site': 'cross-site' } });
    expect(nullForeign.status).toBe(403);
    const nullUnknown = await victim.request(path, { method: 'POST', headers: { origin: 'null' } });
    expect(nullUnknown.status).toBe(403);
    const cookieless = await h.bot.web.request(path, { method: 'POST' });
    expect(cookieless.status).toBe(400);
    expect(await cookieless.text()).toContain('Allow cookies for this site');
    expect(h.x.requests).toHaveLength(0);
    // The member's own browser pressing Continue on our page, as Chromium sends it, goes on to X.
    const own = await victim.request(path, { method: 'POST', headers: { origin: 'null', 'sec-fetch-site': 'same-origin' } });
    expect(own.status).toBe(303);
  });
});

describe('cancel', () => {
  it('by a stranger holding the request token does nothing; the member can still finish', async () => {
    const member = h.browser();
    const { location } = await member.openLink(await linkPath(ADA));
    const rt = new URL(location!).searchParams.get('oauth_token')!;
    const stranger = await h.browser().get(callback({ denied: rt }));
    expect(stranger.status).toBe(403);
    expect(await count('pending_links')).toBe(1);
    expect(h.discord.edits()).toHaveLength(0);
    expect((await member.get(callback(h.x.approve(rt, ADA_X)))).status).toBe(200);
    expect((await h.bot.links.account(ADA.id))?.xUserId).toBe(ADA_X.id);
  });
});

describe('one X account, two Discord members', () => {
  it('moves the X account to the member who signed in to it last, and tells the first by DM', async () => {
    await link(ADA, ADA_X);
    await link(MALLORY, ADA_X); // Mallory signed in to @ada_codes at X: she controls it
    expect(await h.bot.links.account(ADA.id)).toBeUndefined();
    expect((await h.bot.links.account(MALLORY.id))?.xUserId).toBe(ADA_X.id);
    expect(await count('linked_accounts')).toBe(1);
    const dm = await eventually(() => h.discord.directMessages().find((m) => m.userId === ADA.id));
    expect(dm.content).toContain('Your X account **@ada\\_codes** was just linked to another Discord account');
    // The stand-in hands out a new token per sign-in: the first one is revoked.
    await eventually(() => h.x.requestsTo(/invalidate_token/).length === 1);
    expect(h.x.accessTokens.size).toBe(1);
  });

  it('never lets one member’s unlink delete another member’s data', async () => {
    await link(ADA, ADA_X);
    await link(MALLORY, ADA_X);
    await h.stores.posts.savePosts(ADA_X.id, 'timeline', [post({ at: '2026-11-20T10:00:00.000Z' })], 0);
    await h.interact(commandPayload({ name: 'unlink-twitter', member: ADA }));
    const edit = await eventually(() =>
      h.discord.edits().find((e) => String(DiscordStandIn.payload(e).content).includes('nothing to remove')),
    );
    expect(edit).toBeDefined();
    expect((await h.bot.links.account(MALLORY.id))?.xUserId).toBe(ADA_X.id);
    expect(await count('x_posts')).toBe(1);
  });

  it('relinking to another X account revokes the old token and forgets the old account’s posts', async () => {
    await link(ADA, ADA_X);
    await h.stores.posts.savePosts(ADA_X.id, 'timeline', [post({ at: '2026-11-20T10:00:00.000Z' })], 0);
    await link(ADA, MALLORY_X);
    await eventually(() => h.x.requestsTo(/invalidate_token/).length === 1);
    expect([...h.x.accessTokens.values()].map((t) => t.user.id)).toEqual([MALLORY_X.id]);
    expect(await count('x_posts')).toBe(0);
    // The revocation's record goes once X's answer is back, a little after X received the request.
    await eventually(async () => (await count('pending_revocations')) === 0);
  });
});

describe('revocation', () => {
  it('is retried until X confirms when X is down at unlink time, surviving a restart', async () => {
    await link(ADA, ADA_X);
    const [token] = [...h.x.accessTokens.keys()];
    h.x.failNext(/invalidate_token/, { status: 503, body: 'down' });
    await h.interact(commandPayload({ name: 'unlink-twitter', member: ADA }));
    const edit = await eventually(() => h.discord.edits().find((e) => String(DiscordStandIn.payload(e).content).includes('Unlinked')));
    expect(String(DiscordStandIn.payload(edit).content)).toContain('keeps trying');
    expect(await count('linked_accounts')).toBe(0);
    expect(await count('pending_revocations')).toBe(1);
    expect(h.x.accessTokens.size).toBe(1);

    // A minute later it is due again; X is still down.
    h.x.failNext(/invalidate_token/, { status: 503, body: 'down' });
    h.clock.now += 60_000;
    await h.bot.revocations.runDue();
    expect(await h.one('select attempts from pending_revocations')).toEqual({ attempts: 2 });
    expect(h.x.accessTokens.size).toBe(1);

    await h.restart(); // the queue is in the database, not in memory; start-up tries it at once
    await eventually(async () => h.x.accessTokens.size === 0 && (await count('pending_revocations')) === 0);
    expect(h.logs.join('\n')).toContain('token revocation at X failed; will retry');
    expect(h.logs.join('\n')).not.toContain(token);
  });
});
