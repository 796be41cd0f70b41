// A member whose Discord is set to 日本語 links, reports and unlinks entirely in
// Japanese, through both doors: every reply, edit, web page and the report
// itself come from the ja catalog, and nothing of the English one shows.

import type { Client } from 'discord.js';
import { afterEach, describe, expect, it } from 'vitest';
import { syntheticTimeline } from '../../src/local-x/posts.js';
import { serveTimeline } from '../../src/local-x/timeline-routes.js';
import { en, ja } from '../../src/text/catalog.js';
import { commandPayload } from '../support/discord-payloads.js';
import { DiscordStandIn } from '../support/discord-stand-in.js';
import { eventually, type Harness, startHarness } from '../support/harness.js';
import { layoutButtons, layoutMedia, layoutText } from '../support/layout-text.js';

const MEMBER = '300000000000000001';
const X_USER = { id: '1456789012345678901', screenName: 'ada_codes' };
let h: Harness;

afterEach(async () => {
  await h.close();
});

type Answer = { type: number; data?: { content?: string; flags?: number; components?: any[] } };

/** Sends a command through the door under test and returns Discord's first answer to it. */
async function send(mode: 'http' | 'gateway', name: string, options: Array<{ name: string; type: number; value: unknown }> = []) {
  const payload = commandPayload({ name, member: { id: MEMBER }, options, locale: 'ja' });
  if (mode === 'http') return { payload, answer: (await (await h.interact(payload)).json()) as Answer };
  const client = h.bot.gateway as Client;
  (client as unknown as { actions: { InteractionCreate: { handle(d: unknown): void } } }).actions.InteractionCreate.handle(payload);
  const callback = await eventually(() => h.discord.callbacks().find((c) => c.path.includes(payload.token)));
  return { payload, answer: DiscordStandIn.payload(callback) as Answer };
}

/** The text of the last edit of an interaction's reply, as the member reads it. */
async function editOf(token: string, matching: (text: string) => boolean): Promise<{ text: string; body: any }> {
  return eventually(() =>
    h.discord
      .edits()
      .filter((e) => e.path.includes(token))
      .map((e) => {
        const body = DiscordStandIn.payload(e) as { content?: string; components?: unknown[] };
        return { text: body.content || layoutText(body.components), body };
      })
      .reverse()
      .find((e) => matching(e.text)),
  );
}

/** No sentence of the English catalog's opening words leaks into what a Japanese member reads. */
function expectJapanese(text: string): void {
  expect(text).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
  for (const english of ['Linked', 'Unlinked', 'Link your', 'Sorry', 'Last 30 days', 'Top posts', 'Activity', 'interactions']) {
    expect(text).not.toContain(english);
  }
}

describe.each(['http', 'gateway'] as const)('a Japanese member, %s door', (mode) => {
  it('links, reports and unlinks in Japanese', async () => {
    h = await startHarness({ mode });
    serveTimeline(h.x, {
      profile: {
        id: X_USER.id,
        name: 'Ada',
        username: X_USER.screenName,
        public_metrics: { followers_count: 12_345, following_count: 30 },
      },
      posts: syntheticTimeline(120, h.clock.now - 60_000, 40),
      mentions: [],
    });

    // /link-twitter: a private offer with a Japanese button.
    const link = await send(mode, 'link-twitter');
    const offer = link.answer.data!;
    expectJapanese(offer.content ?? layoutText(offer.components));
    const button = offer.components![0].components[0];
    expect(button.label).toBe(ja.linking.offerButton);

    // The link page, its Continue and X's callback: Japanese pages, whatever the browser asks for.
    const browser = h.browser();
    const path = new URL(button.url).pathname;
    const page = await browser.request(path, { headers: { 'accept-language': 'en-US,en;q=0.9' } });
    const html = await page.text();
    expect(html).toContain('<html lang="ja">');
    expect(html).toContain(ja.pages.confirmButton);
    const { location } = await browser.openLink(path);
    const rt = new URL(location!).searchParams.get('oauth_token')!;
    const done = await browser.get(`/twitter/callback?${new URLSearchParams(h.x.approve(rt, X_USER))}`);
    expect(done.status).toBe(200);
    expect(await done.text()).toContain(`${X_USER.screenName} を`);
    expectJapanese((await editOf(link.payload.token, (t) => t.includes('✅'))).text);

    // /report: the report itself in Japanese, its buttons too, with its chart.
    const report = await send(mode, 'report', [{ name: 'days', type: 4, value: 7 }]);
    expect(report.answer.type).toBe(5);
    const made = await editOf(report.payload.token, (t) => t.includes('過去7日間'));
    expectJapanese(made.text);
    expect(made.text).toContain('インプレッション');
    expect(made.text).not.toContain(en.reportView.headline.posts);
    expect(layoutButtons(made.body.components).map((b) => b.label)).toEqual(expect.arrayContaining(['7日間', 'CSVを書き出す']));
    expect(layoutMedia(made.body.components)).toHaveLength(1);

    // /unlink-twitter.
    const unlink = await send(mode, 'unlink-twitter');
    const said = unlink.answer.data?.content ?? (await editOf(unlink.payload.token, (t) => t.length > 0)).text;
    expect(said).toContain('連携を解除しました');
    expectJapanese(said);
  });
});
