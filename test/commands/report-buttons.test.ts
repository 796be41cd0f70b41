// Presses on a report's buttons through both doors: the owner's alone,
// checked against the stored view; another member, a forged custom id, a
// replayed press and a press after unlinking reveal nothing; a period press
// goes through the same admission as /report (cooldown) and re-renders the
// same message; Export CSV and Share in channel.

import { afterEach, describe, expect, it } from 'vitest';
import { createComponentDispatcher } from '../../src/commands/dispatch.js';
import { type ReportButtonDeps, reportButtons } from '../../src/commands/report-buttons.js';
import { runComponent } from '../../src/discord/run-component.js';
import type { Command } from '../../src/interaction/contract.js';
import type { RecordedRequest } from '../../src/local-x/http-stand-in.js';
import { syntheticTimeline } from '../../src/local-x/posts.js';
import { serveTimeline } from '../../src/local-x/timeline-routes.js';
import { silentLogger } from '../../src/log/logger.js';
import { reportCustomId } from '../../src/report/layout/controls.js';
import { CHANNEL_ID, commandPayload, componentPayload, GUILD_ID } from '../support/discord-payloads.js';
import { DiscordStandIn } from '../support/discord-stand-in.js';
import { eventually, type Harness, linkAccount, startHarness } from '../support/harness.js';
import { layoutButtons, layoutMedia, layoutText } from '../support/layout-text.js';
import { pressInput, recordingTransport } from '../support/press-recorder.js';

const OWNER = '300000000000000001';
const OTHER = '300000000000000002';
const X_USER = { id: '1456789012345678901', screenName: 'ada_codes' };
const DAY = 86_400_000;
let h: Harness;

afterEach(async () => {
  // Once: the tests without a harness below must not close the last one again.
  await h?.close();
  h = undefined as unknown as Harness;
});

type Answer = { status: number; type?: number; data?: { flags?: number; content?: string; components?: unknown[] } };

/** Delivers an interaction through the door under test; resolves with Discord's view of the first answer. */
async function send(mode: 'http' | 'gateway', payload: Record<string, unknown> & { id: string }): Promise<Answer> {
  if (mode === 'http') {
    const res = await h.interact(payload);
    const body = (await res.json()) as Answer;
    return { ...body, status: res.status };
  }
  (h.bot.gateway as unknown as { actions: { InteractionCreate: { handle(d: unknown): void } } }).actions.InteractionCreate.handle(payload);
  const callback = await eventually(() => h.discord.callbacks().find((c) => c.path.includes(`/interactions/${payload.id}/`)));
  return { status: 200, ...(DiscordStandIn.payload(callback) as Omit<Answer, 'status'>) };
}

function view(req: RecordedRequest) {
  const body = DiscordStandIn.payload(req) as { components?: unknown[]; content?: string; flags?: number };
  return { ...body, text: layoutText(body.components), buttons: layoutButtons(body.components), media: layoutMedia(body.components) };
}

const editsFor = (token: string) => h.discord.edits().filter((e) => e.path.includes(encodeURIComponent(token)) || e.path.includes(token));
/** Follow-up messages posted on a press's webhook (POST …/webhooks/<app>/<token>). */
const followUpsFor = (token: string) =>
  h.discord
    .requestsTo(/^POST \/api\/v10\/webhooks\//)
    .filter((r) => r.path.endsWith(`/${encodeURIComponent(token)}`))
    .map((r) => DiscordStandIn.payload(r) as { content?: string; flags?: number });

async function reportOf(mode: 'http' | 'gateway', days = 7, member = OWNER) {
  const cmd = commandPayload({ name: 'report', member: { id: member }, options: [{ name: 'days', type: 4, value: days }] });
  await send(mode, cmd);
  const edit = await eventually(() =>
    editsFor(cmd.token)
      .map(view)
      .find((v) => v.media.length > 0),
  );
  return edit;
}

async function start(mode: 'http' | 'gateway') {
  h = await startHarness({ mode });
  const posts = syntheticTimeline(120, h.clock.now - 60_000, 100);
  posts[0]!.text = '=HYPERLINK("https://evil.example","x")';
  serveTimeline(h.x, {
    profile: {
      id: X_USER.id,
      name: 'Ada Lovelace',
      username: 'ada_codes',
      public_metrics: { followers_count: 1200, following_count: 300 },
    },
    posts,
    mentions: [],
  });
  await linkAccount(h, OWNER, X_USER);
  return posts;
}

const customId = (buttons: Array<{ label: string; customId: string }>, label: string) => buttons.find((b) => b.label === label)!.customId;

describe.each(['http', 'gateway'] as const)('report buttons through the %s door', (mode) => {
  it('exports the owner’s posts of the period as CSV, privately, with formulas defused; tells another member to run their own', {
    timeout: 60_000,
  }, async () => {
    const posts = await start(mode);
    const report = await reportOf(mode, 7);
    expect(report.buttons.map((b) => [b.label, b.disabled])).toEqual([
      ['7 days', true],
      ['30 days', false],
      ['90 days', false],
      ['Share in channel', false],
      ['Export CSV', false],
      ['Join leaderboard', false],
    ]);
    const csvId = customId(report.buttons, 'Export CSV');
    expect(csvId).not.toContain(OWNER);

    const xReads = h.x.v2Requests().length;
    const press = componentPayload({ customId: csvId, member: { id: OWNER } });
    expect(await send(mode, press)).toMatchObject({ status: 200, type: 5, data: { flags: 64 } });
    const edit = await eventually(() => editsFor(press.token)[0]);
    expect(edit.body).toContain('filename="x-posts-7-days.csv"');
    const csv = edit.raw.toString('utf8');
    const since = Math.floor(h.clock.now / DAY) * DAY - 6 * DAY;
    const inPeriod = posts.filter((p) => Date.parse(p.created_at) >= since);
    expect(String(view(edit).content)).toContain(`${inPeriod.length} rows`);
    expect(csv).toContain(`'=HYPERLINK(""https://evil.example"",""x"")`);
    expect(csv).toContain(`https://x.com/ada_codes/status/${inPeriod[0]!.id}`);
    expect(h.x.v2Requests().length).toBe(xReads); // read from storage only

    // Another member pressing the same button (the message is visible to them in a public report) learns nothing.
    const stranger = componentPayload({ customId: csvId, member: { id: OTHER, username: 'eve' } });
    const answer = await send(mode, stranger);
    expect(answer).toMatchObject({
      type: 4,
      data: { flags: 64, content: 'This report is someone else’s. Run `/report` to see your own.' },
    });
    await new Promise((r) => setTimeout(r, 50));
    expect(editsFor(stranger.token)).toEqual([]);
  });

  it('joins the owner to this server’s leaderboard from the report, and nobody else', { timeout: 60_000 }, async () => {
    await start(mode);
    const report = await reportOf(mode, 7);
    const joinId = customId(report.buttons, 'Join leaderboard');
    const stranger = componentPayload({ customId: joinId, member: { id: OTHER, username: 'eve' } });
    expect(await send(mode, stranger)).toMatchObject({ type: 4, data: { flags: 64, content: expect.stringContaining('someone else’s') } });
    expect(await h.sql('select * from leaderboard_members')).toEqual([]);
    const owner = componentPayload({ customId: joinId, member: { id: OWNER } });
    expect(await send(mode, owner)).toMatchObject({ type: 4, data: { flags: 64, content: expect.stringContaining('You joined') } });
    expect(await h.sql('select guild_id, discord_user_id from leaderboard_members')).toEqual([
      { guild_id: GUILD_ID, discord_user_id: OWNER },
    ]);
    // The same press from a DM (a forged place for a server's report) joins nothing.
    const elsewhere = componentPayload({ customId: joinId, member: { id: OWNER }, dm: true });
    expect(await send(mode, elsewhere)).toMatchObject({ type: 4, data: { content: expect.stringContaining('belongs to a server') } });
  });

  it('refuses forged custom ids without saying whose anything is', { timeout: 60_000 }, async () => {
    await start(mode);
    const forged = componentPayload({ customId: 'report:AAAAAAAAAAAAAAAAAAAAAA:csv', member: { id: OWNER } });
    expect(await send(mode, forged)).toMatchObject({ type: 4, data: { flags: 64, content: expect.stringContaining('no longer work') } });
    const garbage = componentPayload({ customId: `report:${OWNER}:csv`, member: { id: OTHER } });
    expect(await send(mode, garbage)).toMatchObject({
      type: 4,
      data: { flags: 64, content: expect.stringContaining('not one the bot knows') },
    });
    // A period press is acknowledged before its view is looked up: the refusal follows, privately.
    const period = componentPayload({ customId: 'report:AAAAAAAAAAAAAAAAAAAAAA:d30', member: { id: OWNER } });
    expect(await send(mode, period)).toMatchObject({ type: 6 });
    expect(await eventually(() => followUpsFor(period.token)[0])).toMatchObject({
      flags: 64,
      content: expect.stringContaining('no longer work'),
    });
    expect(editsFor(period.token)).toEqual([]);
    const foreign = componentPayload({ customId: 'admin:reset', member: { id: OTHER } });
    expect(await send(mode, foreign)).toMatchObject({
      type: 4,
      data: { flags: 64, content: expect.stringContaining('not one the bot knows') },
    });
  });

  it('switches the period in the same message through the admission (cooldown first), reading only what is missing', {
    timeout: 60_000,
  }, async () => {
    await start(mode);
    const report = await reportOf(mode, 7);
    const thirty = customId(report.buttons, '30 days');
    // Acknowledged at once as an update (a slow admission must not make it a private "thinking" message);
    // the refusal is a private follow-up, and the report stays as it is.
    const early = componentPayload({ customId: thirty, member: { id: OWNER } });
    expect(await send(mode, early)).toMatchObject({ type: 6 });
    const refusal = await eventually(() => followUpsFor(early.token)[0]);
    expect(refusal).toMatchObject({ flags: 64, content: expect.stringMatching(/run another <t:\d+:R>/) });
    expect(editsFor(early.token)).toEqual([]);

    h.clock.now += 31_000;
    const press = componentPayload({ customId: thirty, member: { id: OWNER } });
    const before = h.x.v2Requests().length;
    expect(await send(mode, press)).toMatchObject({ type: 6 });
    const edits = await eventually(() => {
      const all = editsFor(press.token).map(view);
      return all.some((v) => v.media.length > 0) && all;
    });
    expect(edits[0]!.text).toContain('Making the 30-day report');
    const rerendered = edits.at(-1)!;
    expect(rerendered.flags! & (1 << 15)).toBe(1 << 15);
    expect(rerendered.text).toContain('Last 30 days, today included');
    expect(rerendered.buttons.find((b) => b.label === '30 days')!.disabled).toBe(true);
    expect(rerendered.buttons.find((b) => b.label === '7 days')!.disabled).toBe(false);
    // The 7 days are stored: only older posts (and nothing twice) are asked for.
    const reads = h.x
      .v2Requests()
      .slice(before)
      .map((r) => new URL(r.url));
    expect(reads.some((u) => u.pathname.endsWith('/tweets'))).toBe(true);
    expect(reads.filter((u) => u.pathname === '/2/users/me')).toEqual([]);
  });

  it('posts a public copy without private analytics once, where the server allows it', { timeout: 60_000 }, async () => {
    await start(mode);
    const report = await reportOf(mode, 7);
    const share = customId(report.buttons, 'Share in channel');
    const press = componentPayload({ customId: share, member: { id: OWNER } });
    expect(await send(mode, press)).toMatchObject({ type: 5 });
    const copy = await eventually(() =>
      editsFor(press.token)
        .map(view)
        .find((v) => v.media.length > 0),
    );
    expect(copy.flags ?? 0).toBe(1 << 15); // not ephemeral
    expect(copy.text).toContain('Shared by Ada Lovelace. Private X analytics are left out.');
    expect(copy.text).not.toMatch(/profile visits?/);
    expect(copy.buttons).toEqual([]);
    const again = componentPayload({ customId: share, member: { id: OWNER } });
    expect(await send(mode, again)).toMatchObject({
      type: 4,
      data: { flags: 64, content: 'This report was already shared in the channel.' },
    });

    // Where the server turned public reports off, a new report offers no Share, and an old button is refused.
    await h.sql('insert into guild_settings (guild_id, public_reports, updated_at) values (?, false, ?)', GUILD_ID, h.clock.now);
    h.clock.now += 31_000;
    const later = await reportOf(mode, 7);
    expect(later.buttons.map((b) => b.label)).not.toContain('Share in channel');
    const old = componentPayload({
      customId: customId(later.buttons, 'Export CSV').replace(/csv$/, 'share'),
      member: { id: OWNER },
      channelId: CHANNEL_ID,
    });
    expect(await send(mode, old)).toMatchObject({ type: 4, data: { flags: 64, content: expect.stringContaining('turned off') } });
  });

  it('answers nothing of the report after its owner unlinked', { timeout: 60_000 }, async () => {
    await start(mode);
    const report = await reportOf(mode, 7);
    const csvId = customId(report.buttons, 'Export CSV');
    await send(mode, commandPayload({ name: 'unlink-twitter', member: { id: OWNER } }));
    await eventually(() => h.discord.edits().some((e) => String(DiscordStandIn.payload(e).content).includes('Unlinked')));
    expect(await h.sql('select id from report_views')).toEqual([]);
    const press = componentPayload({ customId: csvId, member: { id: OWNER } });
    expect(await send(mode, press)).toMatchObject({ type: 4, data: { flags: 64, content: expect.stringContaining('no longer work') } });
    // Linked again (a new link): the old report's buttons still answer nothing.
    await linkAccount(h, OWNER, X_USER);
    const again = componentPayload({ customId: csvId, member: { id: OWNER } });
    expect(await send(mode, again)).toMatchObject({ type: 4, data: { flags: 64, content: expect.stringContaining('no longer work') } });
  });
});

describe('report buttons over HTTP', () => {
  it('refuses a replayed press like a replayed command', { timeout: 60_000 }, async () => {
    await start('http');
    const report = await reportOf('http', 7);
    const press = componentPayload({ customId: customId(report.buttons, 'Export CSV'), member: { id: OWNER } });
    const body = JSON.stringify(press);
    const headers = h.signer.headers(body, String(Math.floor(h.clock.now / 1000)));
    expect((await h.interact(body, headers)).status).toBe(200);
    const replay = await h.interact(body, headers);
    expect(replay.status).toBe(409);
    await eventually(() => editsFor(press.token).length === 1);
    await new Promise((r) => setTimeout(r, 50));
    expect(editsFor(press.token)).toHaveLength(1);
  });

  it('refuses a press whose view names the owner but whose link was replaced, even with the view row left behind', {
    timeout: 60_000,
  }, async () => {
    await start('http');
    const report = await reportOf('http', 7);
    // A relink at the same X account is a new link (new linked_at): the view made under the old one answers nothing.
    await h.sql('update linked_accounts set linked_at = linked_at + 1');
    const press = componentPayload({ customId: customId(report.buttons, 'Export CSV'), member: { id: OWNER } });
    expect(await send('http', press)).toMatchObject({
      type: 4,
      data: { flags: 64, content: expect.stringContaining('unlinked or relinked') },
    });
  });
});

describe('a period press while the database is slow', () => {
  /** Presses 30 days on a stored 7-day view through runComponent (automatic ack at 10 ms); returns the calls Discord got. */
  async function press30(deps: ReportButtonDeps): Promise<string[]> {
    const { calls, transport } = recordingTransport();
    const input = pressInput(reportCustomId(viewId, { kind: 'period', days: 30 }), { id: OWNER, username: 'ada', globalName: null });
    const log = silentLogger;
    await runComponent(input, transport, createComponentDispatcher([{ components: reportButtons(deps) } as Command], log), log, 10);
    return calls;
  }

  const viewId = 'AAAAAAAAAAAAAAAAAAAAAA';
  const view = { id: viewId, discordUserId: OWNER, xUserId: X_USER.id, days: 7, timeZone: 'UTC', public: true };
  // Every lookup and the admission answer only after the automatic ack's deadline (10 ms) has passed.
  const slowly = <T>(value: T) => new Promise<T>((resolve) => setTimeout(() => resolve(value), 30));
  const depsWith = (enqueue: () => Promise<number>) =>
    ({
      presses: { check: () => slowly({ ok: true, view, job: {} }) },
      reports: { admit: () => slowly({ ok: true, ticket: { runId: 7 } }), enqueue, abandon: async () => undefined },
    }) as unknown as ReportButtonDeps;

  it('is acknowledged as an update at once, so the new report is made in the pressed message, not in a private one', async () => {
    expect(await press30(depsWith(async () => 0))).toEqual(['deferUpdate', expect.stringContaining('edit:Making the 30-day report')]);
  });

  it('does not leave the pressed message saying the report is being made when it could not be queued', async () => {
    const calls = await press30(depsWith(() => Promise.reject(new Error('the database went away'))));
    expect(calls.slice(0, 2)).toEqual(['deferUpdate', expect.stringContaining('edit:Making the 30-day report')]);
    expect(calls[2]).toBe('edit:Sorry, something went wrong on our side. Please try again in a minute.');
    // Then the dispatcher's private apology, never an edit of the pressed message.
    expect(calls.slice(3)).toEqual([expect.stringMatching(/^followUp:Sorry/)]);
  });
});
