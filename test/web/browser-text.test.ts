// Which language a web page speaks: the member's Discord locale when the page
// belongs to their link (GET and POST of the link, X's callback, Cancel at X),
// else the browser's Accept-Language by q-value, else English.

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { preferredLanguages } from '../../src/web/browser-text.js';
import { type Harness, startHarness } from '../support/harness.js';

describe('Accept-Language', () => {
  it('ranks languages by q-value, ties in the order given, and drops q=0 and *', () => {
    expect(preferredLanguages('en-US,en;q=0.5,ja;q=0.9')).toEqual(['en-US', 'ja', 'en']);
    expect(preferredLanguages('fr;q=0.8, ja-JP;q=0.8, de')).toEqual(['de', 'fr', 'ja-JP']);
    expect(preferredLanguages('ja;q=0, en;q=0.1, *')).toEqual(['en']);
    expect(preferredLanguages('ja;q=abc')).toEqual(['ja']);
    expect(preferredLanguages(undefined)).toEqual([]);
    expect(preferredLanguages(`${'x,'.repeat(10_000)}ja`)).not.toContain('ja'); // a header is not a list to loop over
  });
});

describe('pages', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(async () => {
    await h.close();
  });

  const link = (locale: string | null) =>
    h.bot.links.startLink({
      discordUserId: '300000000000000001',
      discordUserName: 'Ada Lovelace',
      discordUsername: 'ada',
      guildId: null,
      locale,
      interactionToken: 'link-interaction-token',
    });

  it('follow the browser’s most preferred language the bot speaks where no member is known', async () => {
    const b = h.browser();
    const page = async (accept: string) => (await b.request('/nowhere', { headers: { 'accept-language': accept } })).text();
    expect(await page('en;q=0.5, ja')).toContain('<html lang="ja">');
    expect(await page('ja;q=0.4, en-GB;q=0.6')).toContain('<html lang="en">');
    expect(await page('fr, ja;q=0.3')).toContain('ここには何もありません');
  });

  it('speak the link’s language on its Continue (POST), at Cancel and on failures, whatever the browser asks', async () => {
    const { url } = await link('ja');
    const path = new URL(url).pathname;
    const english = { 'accept-language': 'en-US' };
    // Continue from a browser that kept no cookie: the page says why, in Japanese.
    const noCookie = await h.browser().request(path, { method: 'POST', headers: { ...english, 'sec-fetch-site': 'same-origin' } });
    expect(noCookie.status).toBe(400);
    expect(await noCookie.text()).toContain('<html lang="ja">');
    // Continue, then Cancel at X.
    const b = h.browser();
    const { location } = await b.openLink(path);
    const requestToken = new URL(location!).searchParams.get('oauth_token')!;
    const cancelled = await b.request(`/twitter/callback?denied=${requestToken}`, { headers: english });
    expect(cancelled.status).toBe(200);
    const html = await cancelled.text();
    expect(html).toContain('<html lang="ja">');
    expect(html).toContain('連携はキャンセルされました');
    // A second Cancel finds no link: the browser's language.
    const again = await b.request(`/twitter/callback?denied=${requestToken}`, { headers: english });
    expect(await again.text()).toContain('<html lang="en">');
  });

  it('speak English for an English member even in a Japanese browser', async () => {
    const { url } = await link('en-US');
    const res = await h.browser().request(new URL(url).pathname, { headers: { 'accept-language': 'ja' } });
    expect(await res.text()).toContain('<html lang="en">');
  });
});
