// /twitter-admin through both doors, with its effects observed at the Discord
// stand-in (role changes, lookups) and in the database.

import { createRequire } from 'node:module';
import { join } from 'node:path';
import { PermissionFlagsBits as P } from 'discord-api-types/v10';
import { afterEach, describe, expect, it } from 'vitest';
import { syntheticTimeline } from '../../src/local-x/posts.js';
import { serveTimeline } from '../../src/local-x/timeline-routes.js';
import { type CommandSpec, commandPayload, GUILD_ID } from '../support/discord-payloads.js';
import { BOT_USER_ID, DiscordStandIn, type StandInGuild } from '../support/discord-stand-in.js';
import { addGuild, REPORTS_CHANNEL, ROLES } from '../support/guild.js';
import { eventually, type Harness, linkAccount, startHarness } from '../support/harness.js';
import { seen } from '../support/layout-text.js';

const ROOT = join(import.meta.dirname, '..', '..');
const ADMIN = { id: '300000000000000010', username: 'admin', permissions: String(P.ManageGuild | P.ViewChannel) };
const MEMBER = { id: '300000000000000011', username: 'member', permissions: String(P.ViewChannel | P.SendMessages) };
const X_USER = { id: '1456789012345678901', screenName: 'ada' };
let h: Harness;
let guild: StandInGuild;

afterEach(async () => {
  await h.close();
});

async function start(mode: 'http' | 'gateway' = 'http', env: Record<string, string> = {}, botPermissions?: bigint) {
  h = await startHarness({ mode, env });
  guild = addGuild(h.discord, botPermissions);
}

type Opt = NonNullable<CommandSpec['options']>[number];
const sub = (name: string, options: Opt[] = []): Opt => ({ name, type: 1, options }) as Opt;
const group = (name: string, inner: Opt): Opt => ({ name, type: 2, options: [inner] }) as Opt;

function admin(option: Opt, member = ADMIN, extra: Partial<CommandSpec> = {}) {
  return commandPayload({ name: 'twitter-admin', member, options: [option], ...extra });
}

/** The reply to an interaction: the immediate answer, or the edit of a deferred one. */
async function answer(payload: ReturnType<typeof commandPayload>): Promise<{ content: string; embeds: any[]; text: string }> {
  const res = (await (await h.interact(payload)).json()) as { type: number; data: { content?: string; embeds?: any[] } };
  if (res.type === 4) return { content: res.data.content ?? '', embeds: res.data.embeds ?? [], text: res.data.content ?? '' };
  const edit = await eventually(() => h.discord.edits().find((e) => e.path.includes(payload.token)));
  const body = DiscordStandIn.payload(edit) as { content?: string; embeds?: any[] };
  return { content: body.content ?? seen(body).text, embeds: body.embeds ?? [], text: seen(body).text };
}

/** A member uses the bot in the server (so the bot knows them there) and links X. */
async function memberLinks(id: string, x = X_USER) {
  guild.members.set(id, []);
  await h.interact(commandPayload({ name: 'link-twitter', member: { id } }));
  await linkAccount(h, id, x);
}

const roleCalls = () => h.discord.requestsTo(/\/roles\/\d+$/).map((r) => `${r.method} ${r.path.split('/').slice(-3).join('/')}`);
const settingsRow = async () => (await h.one('select * from guild_settings')) as Record<string, unknown> | undefined;

describe('/twitter-admin over HTTP interactions', () => {
  it('refuses members without Manage Server, even if Discord’s default were bypassed', async () => {
    await start();
    for (const option of [
      group('linked-role', sub('set', [{ name: 'role', type: 8, value: ROLES.linked }])),
      sub('budget', [{ name: 'posts-per-month', type: 4, value: 5 }]),
    ]) {
      const { content } = await answer(admin(option, MEMBER));
      expect(content).toBe('Only members with the **Manage Server** permission can change the bot’s settings.');
    }
    // Asking for the status changes nothing: the refusal says what they may not see, not that they may not change it.
    const status = await answer(admin(sub('status'), MEMBER));
    expect(status.content).toBe(
      'Only members with the **Manage Server** permission can see the bot’s status and settings for this server.',
    );
    expect(await settingsRow()).toBeUndefined();
    expect(h.discord.requests.filter((r) => r.method !== 'POST')).toHaveLength(0);
  });

  it('is refused in DMs', async () => {
    await start();
    const { content } = await answer(commandPayload({ name: 'twitter-admin', dm: true, options: [sub('status')] }));
    expect(content).toContain('only in a server');
  });

  it('sets a linked role: checks it, saves it, and backfills members who linked already, paced through a 429', async () => {
    await start();
    await memberLinks('300000000000000021');
    await memberLinks('300000000000000022', { id: '1456789012345678902', screenName: 'bob' });
    await h.interact(commandPayload({ name: 'link-twitter', member: { id: '300000000000000023' } })); // seen, not linked
    h.discord.failNext(/^PUT .*\/roles\//, {
      status: 429,
      body: { message: 'You are being rate limited.', retry_after: 0.05, global: false },
      headers: { 'retry-after': '0.05', 'x-ratelimit-scope': 'user' },
    });

    const { content } = await answer(admin(group('linked-role', sub('set', [{ name: 'role', type: 8, value: ROLES.linked }]))));
    expect(content).toContain(`<@&${ROLES.linked}>`);
    expect(content).toContain('Gave it to 2 members');
    expect(await settingsRow()).toMatchObject({ linked_role_id: ROLES.linked });
    expect(guild.members.get('300000000000000021')).toEqual([ROLES.linked]);
    expect(guild.members.get('300000000000000022')).toEqual([ROLES.linked]);
    expect(roleCalls().filter((c) => c.startsWith('PUT'))).toHaveLength(3); // one retried after the 429
    expect(h.discord.requestsTo(/^PUT .*\/roles\//)[0]!.headers['x-audit-log-reason']).toBe('Linked%20an%20X%20account');
  });

  it.each([
    ['the role is above the bot’s highest role', ROLES.mods, undefined, 'drag my role above it'],
    ['the bot lacks Manage Roles', ROLES.linked, P.ViewChannel | P.SendMessages, 'Manage Roles'],
    ['the role belongs to an integration', ROLES.managed, undefined, 'managed by an integration'],
  ])('tells the admin exactly why not when %s, changing nothing', async (_why, roleId, botPermissions, message) => {
    await start('http', {}, botPermissions);
    await memberLinks('300000000000000021');
    const { content } = await answer(admin(group('linked-role', sub('set', [{ name: 'role', type: 8, value: roleId }]))));
    expect(content).toContain(message);
    expect(content).toContain('Nothing was changed');
    expect((await settingsRow())?.linked_role_id ?? null).toBeNull();
    expect(roleCalls()).toEqual([]);
  });

  it('reports Discord refusing mid-backfill (403) instead of pretending', async () => {
    await start();
    await memberLinks('300000000000000021');
    h.discord.failNext(/^PUT .*\/roles\//, { status: 403, body: { message: 'Missing Permissions', code: 50013 } });
    const { content } = await answer(admin(group('linked-role', sub('set', [{ name: 'role', type: 8, value: ROLES.linked }]))));
    expect(content).toContain('Gave it to 0 members');
    // What to check, in words an admin can act on; not Discord's status line.
    expect(content).toContain(
      'Discord stopped the rest: Discord says my role lacks a permission for this. Check my role in Server Settings → Roles.',
    );
    expect(content).not.toMatch(/50013|403|Missing Permissions/);
  });

  it('turns a failed role check into a sentence that says what to check, never raw HTTP detail', async () => {
    await start();
    const set = () => answer(admin(group('linked-role', sub('set', [{ name: 'role', type: 8, value: ROLES.linked }]))));
    h.discord.failNext(/^GET \/api\/v10\/users\/@me$/, { status: 404, body: { message: '404: Not Found', code: 0 } });
    const notFound = (await set()).content;
    expect(notFound).toBe(
      "I could not check the role with Discord: Discord answered in a way I did not expect. Try again in a minute; if it keeps happening, tell the bot's operator (the details are in the bot's log). Nothing was changed.",
    );
    h.discord.failNext(/^GET \/api\/v10\/guilds\/\d+$/, { status: 401, body: { message: '401: Unauthorized', code: 0 } });
    expect((await set()).content).toContain("Discord refused the bot's token. The bot's operator must set the current DISCORD_TOKEN.");
    h.discord.failNext(/^GET \/api\/v10\/guilds\/\d+$/, { status: 503, body: { message: 'Service Unavailable', code: 0 } });
    expect((await set()).content).toContain('Discord did not answer properly just now. Try again in a minute.');
    expect((await settingsRow())?.linked_role_id ?? null).toBeNull();
  });

  it('gives the role on linking and takes it away on unlinking and when the link breaks', async () => {
    await start();
    await answer(admin(group('linked-role', sub('set', [{ name: 'role', type: 8, value: ROLES.linked }]))));
    const id = '300000000000000021';
    await memberLinks(id);
    expect(guild.members.get(id)).toEqual([ROLES.linked]);

    await answer(commandPayload({ name: 'unlink-twitter', member: { id } }));
    await eventually(() => guild.members.get(id)!.length === 0);
    expect(roleCalls()).toEqual([`PUT ${id}/roles/${ROLES.linked}`, `DELETE ${id}/roles/${ROLES.linked}`]);

    await memberLinks(id);
    serveTimeline(h.x, { profile: { id: X_USER.id, name: 'Ada', username: 'ada' }, posts: [], mentions: [] });
    h.x.failNext(/\/tweets$/, { status: 401, body: { title: 'Unauthorized', status: 401, type: 'about:blank' } });
    await answer(commandPayload({ name: 'report', member: { id } }));
    await eventually(() => guild.members.get(id)!.length === 0);
  });

  it('keeps public reports private or in one channel, as set', async () => {
    await start();
    await memberLinks(MEMBER.id);
    serveTimeline(h.x, {
      profile: { id: X_USER.id, name: 'Ada', username: 'ada' },
      posts: syntheticTimeline(20, h.clock.now, 10),
      mentions: [],
    });
    const publicReport = (channelId?: string) =>
      commandPayload({ name: 'report', member: MEMBER, channelId, options: [{ name: 'public', type: 5, value: true }] });

    expect(
      (await answer(admin(group('reports', sub('visibility', [{ name: 'visibility', type: 3, value: 'private-only' }]))))).content,
    ).toContain('always private');
    const refused = (await (await h.interact(publicReport())).json()) as { type: number; data: { flags: number; content: string } };
    expect(refused).toMatchObject({ type: 4, data: { flags: 64 } });
    expect(refused.data.content).toContain('turned off');

    await answer(admin(group('reports', sub('visibility', [{ name: 'visibility', type: 3, value: 'public-allowed' }]))));
    await answer(admin(group('reports', sub('channel', [{ name: 'channel', type: 7, value: REPORTS_CHANNEL }]))));
    const elsewhere = (await (await h.interact(publicReport())).json()) as { data: { content: string } };
    expect(elsewhere.data.content).toContain(`only in <#${REPORTS_CHANNEL}>`);
    expect(await (await h.interact(publicReport(REPORTS_CHANNEL))).json()).toEqual({ type: 5, data: {} });
    await eventually(() => h.x.v2Requests().length > 0);
  });

  it('caps a server’s monthly X budget: cuts the report that crosses it, then refuses until the month turns', async () => {
    await start('http', { REPORT_COOLDOWN_SECONDS: '0', REPORT_MAX_MENTIONS: '0' });
    await memberLinks(MEMBER.id);
    serveTimeline(h.x, {
      profile: { id: X_USER.id, name: 'Ada', username: 'ada' },
      posts: syntheticTimeline(300, h.clock.now - 60_000, 30),
      mentions: [],
    });
    const capped = (await answer(admin(sub('budget', [{ name: 'posts-per-month', type: 4, value: 150 }])))).content;
    expect(capped).toContain('up to 150 posts');
    expect(capped).not.toContain('already reached');

    const first = await answer(commandPayload({ name: 'report', member: MEMBER }));
    expect(first.text).toContain('Read 150 posts');
    expect(first.text).toMatch(
      /\*\*Covers the last \d+ of 30 days\*\* \(since [^)]+\): the 1\d\d most recent posts, as many as this month's X budget for reports allowed\./,
    );
    expect(first.text).toContain("Next month's budget can read further back.");

    const second = await answer(commandPayload({ name: 'report', member: MEMBER }));
    // The refusal says why: the cap, what was read, when it turns, and who can change it.
    expect(second.content).toContain(
      "This server's admins capped the X posts its reports may read at 150 this month, and 150 have been read",
    );
    expect(second.content).toContain('A server admin can raise the cap with `/twitter-admin budget`.');
    expect(await h.one('select sum(posts_read) as n from report_runs')).toEqual({ n: 150 });

    // A cap below what was read already: the admin is warned at once that reports stop until the month turns.
    const below = (await answer(admin(sub('budget', [{ name: 'posts-per-month', type: 4, value: 100 }])))).content;
    expect(below).toContain('150 read so far this month');
    expect(below).toContain('⚠️ That is already reached: reports here are refused until the month turns');
    expect(below).toContain('Set a cap above 150');

    h.clock.now = Date.parse('2026-12-01T00:00:01Z');
    const nextMonth = await answer(commandPayload({ name: 'report', member: MEMBER }));
    expect(nextMonth.text).toContain('Last 30 days, today included');
  });

  it('applies the whole app’s X_MONTHLY_POST_BUDGET across servers and DMs', async () => {
    await start('http', { X_MONTHLY_POST_BUDGET: '50', REPORT_COOLDOWN_SECONDS: '0', REPORT_MAX_MENTIONS: '0' });
    await memberLinks(MEMBER.id);
    serveTimeline(h.x, {
      profile: { id: X_USER.id, name: 'Ada', username: 'ada' },
      posts: syntheticTimeline(300, h.clock.now - 60_000, 30),
      mentions: [],
    });
    expect((await answer(commandPayload({ name: 'report', member: MEMBER }))).text).toContain('Read 50 posts');
    expect((await answer(commandPayload({ name: 'report', member: MEMBER, dm: true }))).content).toContain(
      "The bot's operator capped the X posts all reports may read at 50 this month, and 50 have been read",
    );
  });

  it('shows status: linked members, settings, checked permissions and usage, and settings survive a restart', async () => {
    await start();
    await memberLinks('300000000000000021');
    await answer(admin(group('reports', sub('channel', [{ name: 'channel', type: 7, value: REPORTS_CHANNEL }]))));
    await answer(admin(sub('budget', [{ name: 'posts-per-month', type: 4, value: 5000 }])));
    await answer(admin(group('linked-role', sub('set', [{ name: 'role', type: 8, value: ROLES.linked }]))));
    await h.restart();

    const guildLookups = () => h.discord.requestsTo(/^GET \/api\/v10\/guilds\/\d+$/).length;
    const before = guildLookups();
    const noAttach = String(BigInt('2248473465835073') & ~P.AttachFiles);
    const { embeds } = await answer(admin(sub('status'), ADMIN, { appPermissions: noAttach }));
    const fields = Object.fromEntries(embeds[0].fields.map((f: { name: string; value: string }) => [f.name.split(' ')[0], f.value]));
    expect(fields.Linked).toContain('1 member of this server has linked an X account.');
    expect(fields.Settings).toContain(`only in <#${REPORTS_CHANNEL}>`);
    expect(fields.Settings).toContain('5,000 posts (about $25.00 of posts)');
    expect(fields.Permissions).toContain('In this channel I lack: Attach Files.');
    expect(fields.Permissions).toContain(`In <#${REPORTS_CHANNEL}> I lack: Attach Files.`); // the channel overwrite denies it
    expect(fields.X).toContain('This server: 0 requests, 0 posts read, about $0 (cap 5,000)');
    expect(fields.Settings).toContain(`Linked role: <@&${ROLES.linked}>`);
    expect(guildLookups() - before).toBe(1); // role and channel checks share one lookup
    expect(h.discord.requestsTo(/^GET \/api\/v10\/(guilds|channels|users)/).length).toBeGreaterThan(0);
    expect(BOT_USER_ID).toBe(h.config.discordApplicationId);
  });
});

describe('/twitter-admin and server events over the gateway', () => {
  function deliver(payload: unknown) {
    (h.bot.gateway as unknown as { actions: { InteractionCreate: { handle(d: unknown): void } } }).actions.InteractionCreate.handle(
      payload,
    );
  }

  it('sets the report visibility through discord.js', async () => {
    await start('gateway');
    const payload = admin(group('reports', sub('visibility', [{ name: 'visibility', type: 3, value: 'private-only' }])));
    deliver(payload);
    const callback = await eventually(() => h.discord.callbacks()[0]);
    expect(DiscordStandIn.payload(callback)).toMatchObject({
      type: 4,
      data: { flags: 64, content: expect.stringContaining('always private') },
    });
    expect(await settingsRow()).toMatchObject({ guild_id: GUILD_ID, public_reports: 0 });
  });

  it('runs every subcommand through discord.js, with the same effects as over HTTP', async () => {
    await start('gateway');
    guild.members.set('300000000000000021', []);
    deliver(commandPayload({ name: 'link-twitter', member: { id: '300000000000000021' } })); // seen in the server
    await eventually(() => h.discord.callbacks().length === 1);
    await linkAccount(h, '300000000000000021', X_USER);
    const said = async (option: Opt) => {
      const payload = admin(option);
      deliver(payload);
      const callback = await eventually(() => h.discord.callbacks().find((c) => c.path.includes(payload.token)));
      const first = DiscordStandIn.payload(callback) as { type: number; data: { content?: string } };
      if (first.type === 4) return first.data.content ?? '';
      const edit = await eventually(() => h.discord.edits().find((e) => e.path.includes(payload.token)));
      const body = DiscordStandIn.payload(edit) as { content?: string; embeds?: Array<{ fields: Array<{ value: string }> }> };
      return body.content || body.embeds!.flatMap((e) => e.fields.map((f) => f.value)).join('\n');
    };
    expect(await said(group('linked-role', sub('set', [{ name: 'role', type: 8, value: ROLES.linked }])))).toContain('Gave it to 1 member');
    expect(guild.members.get('300000000000000021')).toEqual([ROLES.linked]);
    expect(await said(group('reports', sub('visibility', [{ name: 'visibility', type: 3, value: 'private-only' }])))).toContain(
      'always private',
    );
    expect(await said(group('reports', sub('channel', [{ name: 'channel', type: 7, value: REPORTS_CHANNEL }])))).toContain(
      `<#${REPORTS_CHANNEL}>`,
    );
    expect(await said(sub('budget', [{ name: 'posts-per-month', type: 4, value: 1234 }]))).toContain('1,234 posts');
    expect(await settingsRow()).toMatchObject({
      linked_role_id: ROLES.linked,
      public_reports: 0,
      reports_channel_id: REPORTS_CHANNEL,
      monthly_post_budget: 1234,
    });
    expect(await said(sub('status'))).toContain('1 member of this server has linked');
    expect(await said(group('linked-role', sub('clear')))).toContain('no longer gives a role');
    expect(await settingsRow()).toMatchObject({ linked_role_id: null });
    expect(await said(sub('status'))).toContain('Linked role: none');
  });

  it('welcomes a new server in its system channel when it may, and stays quiet when it may not', async () => {
    await start('gateway');
    const client = h.bot.gateway! as any;
    client.user = client.users._add({ id: BOT_USER_ID, username: 'xbot', discriminator: '0', bot: true, avatar: null, global_name: null });
    client.ws.status = 0; // Status.Ready: GUILD_CREATE now means "joined"
    client.rest.setToken('test-bot-token'); // as login() does
    const guildCreate = createRequire(import.meta.url)(join(ROOT, 'node_modules/discord.js/src/client/websocket/handlers/GUILD_CREATE.js'));
    const packet = (id: string, denySend: boolean) => ({
      d: {
        id,
        name: 'New server',
        owner_id: '1',
        system_channel_id: '1500000000000000001',
        roles: [
          {
            id,
            name: '@everyone',
            position: 0,
            permissions: String(P.ViewChannel | P.SendMessages),
            color: 0,
            hoist: false,
            managed: false,
            mentionable: false,
            flags: 0,
          },
        ],
        channels: [
          {
            id: '1500000000000000001',
            type: 0,
            name: 'general',
            position: 0,
            permission_overwrites: denySend ? [{ id, type: 0, allow: '0', deny: String(P.SendMessages) }] : [],
          },
        ],
        members: [
          {
            user: { id: BOT_USER_ID, username: 'xbot', discriminator: '0', bot: true, avatar: null },
            roles: [],
            joined_at: '2026-11-23T12:00:00Z',
            deaf: false,
            mute: false,
            flags: 0,
          },
        ],
        features: [],
        emojis: [],
        stickers: [],
      },
    });
    guildCreate(client, packet('1500000000000000000', false), { id: 0 });
    const posted = await eventually(() => h.discord.requestsTo(/^POST \/api\/v10\/channels\/\d+\/messages$/)[0]);
    expect(String(DiscordStandIn.payload(posted).content)).toContain('/link-twitter');
    guildCreate(client, packet('1500000000000000010', true), { id: 0 });
    await eventually(() => h.logs.some((l) => l.includes('no system channel to welcome in')));
    expect(h.discord.requestsTo(/\/messages$/)).toHaveLength(1);
  });

  it('deletes a server’s settings when the bot leaves it', async () => {
    await start('gateway');
    deliver(admin(sub('budget', [{ name: 'posts-per-month', type: 4, value: 10 }])));
    await eventually(async () => await settingsRow());
    const client = h.bot.gateway! as unknown as {
      guilds: { _add(d: unknown): unknown };
      actions: { GuildDelete: { handle(d: unknown): void } };
    };
    client.guilds._add({ id: GUILD_ID, name: 'Test server', owner_id: '1', roles: [], channels: [], members: [], features: [] });
    client.actions.GuildDelete.handle({ id: GUILD_ID });
    await eventually(async () => (await settingsRow()) === undefined);
  });
});
