// A link unlinked or superseded while the callback trades the verifier for an
// access token at X: the link is gone when X answers, so the token X just
// issued is kept nowhere. It must still be revoked at X (queued, durably), and
// the drop logged without the token. Real Hono app and database (SQLite, or
// PostgreSQL with TEST_DATABASE_URL), X's stand-in checking every signature.

import { afterEach, beforeEach, expect, it } from 'vitest';
import { commandPayload } from '../support/discord-payloads.js';
import { eventually, type Harness, startHarness } from '../support/harness.js';

let h: Harness;
beforeEach(async () => {
  h = await startHarness({ mode: 'http' });
});
afterEach(async () => {
  await h.close();
});

const ADA = { id: '300000000000000001', username: 'ada', globalName: 'Ada Lovelace' };
const X_USER = { id: '1456789012345678901', screenName: 'ada_codes' };

it.each([
  ['an /unlink-twitter', 'unlink-twitter'],
  ['a newer /link-twitter', 'link-twitter'],
])('%s while X issues the access token: that token is queued for revocation and revoked at X', async (_, command) => {
  const reply = (await (await h.interact(commandPayload({ name: 'link-twitter', member: ADA }))).json()) as {
    data: { components: Array<{ components: Array<{ url: string }> }> };
  };
  const browser = h.browser();
  const { location } = await browser.openLink(new URL(reply.data.components[0]!.components[0]!.url).pathname);
  const rt = new URL(location!).searchParams.get('oauth_token')!;
  const release = h.x.hold(/access_token/);
  const callback = browser.get(`/twitter/callback?${new URLSearchParams(h.x.approve(rt, X_USER))}`);
  await eventually(() => h.x.requestsTo(/access_token/).length === 1);

  // While X is answering, the member unlinks (or asks for a new link): the link being completed is gone.
  const racing = commandPayload({ name: command, member: ADA });
  await h.interact(racing);
  if (command === 'unlink-twitter') await eventually(() => h.discord.edits().some((e) => e.path.includes(racing.token)));
  expect(await h.one('select count(*) as n from pending_links where state = ?', 'exchanging')).toEqual({ n: 0 });
  release();

  const res = await callback;
  expect(res.status).toBe(400);
  expect(await h.bot.links.account(ADA.id)).toBeUndefined();
  // X issued one token; the bot keeps none, and X no longer accepts it.
  await eventually(() => h.x.requestsTo(/invalidate_token/).length === 1 && h.x.accessTokens.size === 0);
  await eventually(async () => Number((await h.one<{ n: number }>('select count(*) as n from pending_revocations'))?.n) === 0);
  const revoked = /oauth_token="([^"]+)"/.exec(String(h.x.requestsTo(/invalidate_token/)[0]!.headers.authorization))![1]!;
  const logs = h.logs.join('\n');
  expect(logs).toContain('an X token the bot does not keep was queued for revocation');
  expect(logs).not.toContain(revoked);
  expect(logs).not.toContain(decodeURIComponent(revoked));
});
