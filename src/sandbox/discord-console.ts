// The sandbox's stand-in for Discord: a console page where you type slash
// commands as a member, and the REST endpoints the bot calls back on. Each
// command becomes an interaction signed with the sandbox's Ed25519 key exactly
// as Discord signs, POSTed to the bot's own /interactions; the bot's answer
// and its later edits (through DISCORD_API_URL, pointed here) become the
// messages the page shows. Mounted only by `npm run sandbox`.

import { generateKeyPairSync, type KeyObject, randomBytes, sign, timingSafeEqual } from 'node:crypto';
import { PermissionFlagsBits as P, type RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord-api-types/v10';
import type { Context, Hono } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import { fetchWithDeadline } from '../http/deadline.js';
import type { BillingLedger } from '../local-x/billing.js';
import type { XStandIn } from '../local-x/x-stand-in.js';
import { fromOwnPage } from '../web/own-page.js';
import { COMPONENTS_CSS, COMPONENTS_JS } from './console-components.js';
import { CONSOLE_CSS, CONSOLE_HTML, CONSOLE_JS } from './console-page.js';
import { SERVER_CSS, SERVER_JS } from './console-server.js';
import {
  ALL_PERMISSIONS,
  FOREIGN_GUILD,
  MEMBER_PERMISSIONS,
  placeFields,
  type RawOption,
  refusedByDiscord,
  type Where,
  whereOf,
} from './places.js';

export { offeredTo, refusedByDiscord } from './places.js';

export const SANDBOX_APPLICATION_ID = '1600000000000000001';
export const SANDBOX_BOT_ID = SANDBOX_APPLICATION_ID;
export const SANDBOX_GUILD_ID = '1600000000000000002';
export const SANDBOX_CHANNEL_ID = '1600000000000000003';

/** The servers the console can speak in: each with its channel and roles (the bot's own, one for linked members, mods). */
export const SANDBOX_GUILDS = [
  {
    id: SANDBOX_GUILD_ID,
    name: 'Sandbox server',
    channelId: SANDBOX_CHANNEL_ID,
    roles: { bot: '1600000000000000011', linked: '1600000000000000012', mods: '1600000000000000013' },
  },
  {
    id: '1600000000000000004',
    name: 'Second server',
    channelId: '1600000000000000005',
    roles: { bot: '1600000000000000021', linked: '1600000000000000022', mods: '1600000000000000023' },
  },
] as const;
type SandboxGuild = (typeof SANDBOX_GUILDS)[number];
const guildById = (id: string | undefined): SandboxGuild | undefined => SANDBOX_GUILDS.find((g) => g.id === id);
const guildOfChannel = (id: string | undefined): SandboxGuild | undefined => SANDBOX_GUILDS.find((g) => g.channelId === id);

const BOT_PERMISSIONS = P.ViewChannel | P.SendMessages | P.EmbedLinks | P.AttachFiles | P.ManageRoles;

export interface ConsoleMember {
  id: string;
  username: string;
  globalName: string;
  roles: string[];
  admin: boolean;
}

const memberKey = (guildId: string, userId: string) => `${guildId}:${userId}`;

/** The locale Discord would send: one of its locale codes, English (US) unless the console's switch chose another. */
const discordLocale = (locale: unknown): string => (typeof locale === 'string' && /^[a-z]{2}(-[A-Z]{2})?$/.test(locale) ? locale : 'en-US');

const parseJson = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
};
const invalidFormBody = { message: 'Invalid Form Body', code: 50035 };

interface Attachment {
  id: string;
  filename: string;
  contentType: string;
  data: Buffer;
}

export interface ConsoleMessage {
  id: number;
  /** The member's command line, shown above the bot's answer. */
  invokedBy: { name: string; command: string } | null;
  ephemeral: boolean;
  state: 'thinking' | 'done' | 'failed';
  content: string;
  embeds: unknown[];
  components: unknown[];
  attachments: Array<{ filename: string; url: string; contentType: string }>;
  /** A direct message from the bot to this member id. */
  dmTo?: string;
  /** Said in the DM between the bot and this member id (the page shows it in that member's DM). */
  dmWith?: string;
  /** Where it was said: a server's channel, or a DM. */
  channelId: string;
  /** The server's name, or null in a DM. */
  place: string | null;
  token?: string;
  /** Message flags the bot set (IS_COMPONENTS_V2 stays once set). */
  flags?: number;
  /** The kind of place it was said in (a server, one without the bot, the bot's DM, a group DM). */
  where?: Where;
  /** The nonce a channel message was sent with (enforce_nonce: the same nonce again is the same message). */
  nonce?: string;
}

export interface ConsoleOptions {
  /** The bot's own base URL: interactions are POSTed to its /interactions. */
  botUrl: string;
  /** The bot's DISCORD_TOKEN in the sandbox: its REST calls here carry it. */
  botToken: string;
  /** How long the console waits for the bot's first answer (default 10 s). */
  answerTimeoutMs?: number;
  commands: RESTPostAPIChatInputApplicationCommandsJSONBody[];
  x: XStandIn;
  ledger: BillingLedger;
  pricing: { postUsd: number; userUsd: number };
  log?: (message: string) => void;
  /** The sandbox's clock (default the wall clock): interactions are signed at its time, as the bot checks them against it. */
  now?: () => number;
}

const RUN_KEY_COOKIE = 'sandbox_key';
const DECODED_HEADER = 'x-sandbox-path-decoded';

const snowflake = (() => {
  let sequence = 0n;
  return () => (((BigInt(Date.now()) - 1420070400000n) << 22n) | (sequence++ & 4095n)).toString();
})();

export class DiscordConsole {
  readonly publicKeyHex: string;
  private readonly privateKey: KeyObject;
  private readonly messages: ConsoleMessage[] = [];
  private readonly attachments = new Map<string, Attachment>();
  /** Each server's members and their roles, by "guild:user". */
  private readonly members = new Map<string, string[]>(SANDBOX_GUILDS.map((g) => [memberKey(g.id, SANDBOX_BOT_ID), [g.roles.bot]]));
  private nextId = 1;
  /** Each member's DM channel with the bot: a snowflake, as Discord's are (the bot refuses any other channel id). */
  private readonly dmChannels = new Map<string, string>();
  private readonly groupDms = new Map<string, string>();
  /** The names of members who spoke, for the page to show their mentions (<@id>) as Discord does. */
  private readonly names = new Map<string, string>();
  /**
   * This run's key: the console's page and API answer only a browser that opened the address the sandbox printed
   * (which carries it, and sets it as a cookie), so another user of the machine cannot drive the console.
   */
  readonly runKey = randomBytes(24).toString('base64url');
  /** Tokens of button presses, by the message their edits change (the pressed one, or the answer they created). */
  private readonly pressTokens = new Map<string, ConsoleMessage>();
  /** Bumped on every change, so the page asks only for what is new. */
  private version = 0;

  constructor(private readonly options: ConsoleOptions) {
    const { publicKey, privateKey } = generateKeyPairSync('ed25519');
    this.privateKey = privateKey;
    const der = publicKey.export({ format: 'der', type: 'spki' });
    this.publicKeyHex = der.subarray(der.length - 32).toString('hex');
  }

  /** The console's address with this run's key: what the sandbox prints. */
  get consoleUrl(): string {
    return `${this.options.botUrl}/sandbox?key=${this.runKey}`;
  }

  /** Each member's DM with the bot, or (group) their group DM with friends, which the bot is not in: a snowflake each. */
  private dmChannelOf(memberId: string, group = false): string {
    const channels = group ? this.groupDms : this.dmChannels;
    let channel = channels.get(memberId);
    if (!channel) {
      channel = snowflake();
      channels.set(memberId, channel);
    }
    return channel;
  }

  /** The interaction's place fields (see places.ts); `dmChannel`: the DM a pressed message is in. */
  private placeOf(
    where: Where,
    guild: SandboxGuild,
    member: ConsoleMember,
    user: Record<string, unknown>,
    permissions: string,
    dmChannel?: string,
  ): Record<string, unknown> {
    const guildId = where === 'foreign-server' ? FOREIGN_GUILD.id : guild.id;
    const dmChannelId = dmChannel ?? (where === 'private-channel' ? this.dmChannelOf(member.id, true) : this.dmChannelOf(member.id));
    return placeFields(where, {
      userId: member.id,
      guild,
      dmChannelId,
      user,
      member: {
        user,
        roles: this.members.get(memberKey(guildId, member.id)) ?? [],
        permissions,
        joined_at: '2024-01-01T00:00:00.000000+00:00',
      },
      botPermissions: BOT_PERMISSIONS,
    });
  }

  private memberOfDm(channelId: string): string | undefined {
    for (const [memberId, channel] of this.dmChannels) if (channel === channelId) return memberId;
    return undefined;
  }

  private hasRunKey(c: Context): boolean {
    const given = Buffer.from(getCookie(c, RUN_KEY_COOKIE) ?? '');
    const key = Buffer.from(this.runKey);
    return given.length === key.length && timingSafeEqual(given, key);
  }

  /** Signed as Discord signs: Ed25519 over timestamp + body. */
  signedHeaders(body: string): Record<string, string> {
    const timestamp = String(Math.floor((this.options.now ?? Date.now)() / 1000));
    const signature = sign(null, Buffer.from(timestamp + body), this.privateKey).toString('hex');
    return { 'content-type': 'application/json', 'x-signature-ed25519': signature, 'x-signature-timestamp': timestamp };
  }

  mount(app: Hono): void {
    const own = new URL(this.options.botUrl);
    // Another web page open in the same browser must not drive the console (it runs commands as you), nor a
    // site whose name was rebound to 127.0.0.1: only this address, only its own page's requests.
    app.use('/sandbox/*', async (c, next) => {
      if (c.req.path.startsWith('/sandbox/discord/')) {
        // The bot's REST calls, server to server: with its token, as Discord asks, but for interaction webhooks,
        // whose unguessable token is in the path.
        const webhook = /\/webhooks\/\d+\/[^/]+\/messages\/@original$/.test(c.req.path);
        if (!webhook && c.req.header('authorization') !== `Bot ${this.options.botToken}`) {
          return c.json({ message: '401: Unauthorized', code: 0 }, 401);
        }
        return next();
      }
      if (c.req.header('host') !== own.host) return c.text('This console answers only at its own address.', 403);
      if (c.req.method === 'GET' && c.req.path === '/sandbox' && c.req.query('key') === this.runKey) {
        setCookie(c, RUN_KEY_COOKIE, this.runKey, { httpOnly: true, sameSite: 'Strict', path: '/sandbox' });
        return c.redirect('/sandbox', 303);
      }
      if (!this.hasRunKey(c)) {
        return c.text('Open the console at the address `npm run sandbox` printed: it carries this run’s key.', 403);
      }
      if (c.req.method !== 'GET') {
        if (!fromOwnPage(c.req.header('origin'), c.req.header('sec-fetch-site'), own.origin)) {
          return c.text('Only the console page may send commands.', 403);
        }
        // JSON only: a form or text/plain post from elsewhere would need no preflight.
        if (!(c.req.header('content-type') ?? '').startsWith('application/json')) return c.text('JSON only.', 415);
      }
      return next();
    });
    const page = (c: Context, body: string, type: string) => {
      // The console's own page runs its own script and shows the bot's charts; the bot's strict policy stays for its pages.
      c.header(
        'Content-Security-Policy',
        "default-src 'self'; img-src 'self' data: https:; style-src 'self'; script-src 'self'; form-action 'self'",
      );
      c.header('Content-Type', type);
      return c.body(body);
    };
    app.get('/sandbox', (c) => page(c, CONSOLE_HTML, 'text/html; charset=utf-8'));
    app.get('/sandbox/console.js', (c) => page(c, CONSOLE_JS + COMPONENTS_JS + SERVER_JS, 'text/javascript; charset=utf-8'));
    app.get('/sandbox/console.css', (c) => page(c, CONSOLE_CSS + COMPONENTS_CSS + SERVER_CSS, 'text/css; charset=utf-8'));
    app.get('/sandbox/api/state', (c) => c.json(this.state(Number(c.req.query('since') ?? -1))));
    app.post('/sandbox/api/interact', async (c) => {
      const request = (await c.req.json().catch(() => null)) as Parameters<DiscordConsole['interact']>[0] | null;
      const wellFormed =
        request &&
        (request.kind === 'command' || request.kind === 'autocomplete') &&
        /^[\w-]{1,32}$/.test(String(request.name)) &&
        Array.isArray(request.options) &&
        /^\d{17,20}$/.test(String(request.member?.id)) &&
        Array.isArray(request.member?.roles);
      if (!wellFormed) return c.json({ ok: false, error: 'a command name, its options and a member with an id and roles' }, 400);
      // Discord sends only commands it offers this member here, with only the listed choices.
      const refused = refusedByDiscord(this.options.commands, request);
      if (refused) return c.json({ ok: false, error: refused }, 400);
      return c.json(await this.interact(request));
    });
    app.post('/sandbox/api/press', async (c) => {
      const request = (await c.req.json().catch(() => null)) as Parameters<DiscordConsole['press']>[0] | null;
      const wellFormed =
        request &&
        Number.isInteger(request.messageId) &&
        typeof request.customId === 'string' &&
        request.customId.length <= 100 &&
        /^\d{17,20}$/.test(String(request.member?.id)) &&
        Array.isArray(request.member?.roles);
      if (!wellFormed) return c.json({ ok: false, error: 'a message id, a custom id and a member with an id and roles' }, 400);
      return c.json(await this.press(request));
    });
    app.post('/sandbox/api/x-faults', async (c) => {
      const wanted = (await c.req.json()) as Partial<XStandIn['faults']>;
      const faults = this.options.x.faults;
      faults.rateLimited = Boolean(wanted.rateLimited);
      faults.unavailable = Boolean(wanted.unavailable);
      faults.revoked = Boolean(wanted.revoked);
      faults.slowMs = Math.max(0, Math.min(60_000, Number(wanted.slowMs) || 0));
      this.version++;
      return c.json(faults);
    });
    app.get('/sandbox/attachments/:id', (c) => {
      const file = this.attachments.get(c.req.param('id'));
      if (!file) return c.notFound();
      c.header('Content-Type', file.contentType);
      return c.body(new Uint8Array(file.data));
    });
    this.mountRest(app);
  }

  private state(since: number) {
    const { ledger, pricing, x } = this.options;
    return {
      version: this.version,
      changed: since !== this.version,
      commands: this.options.commands,
      guilds: SANDBOX_GUILDS.map((g) => ({
        id: g.id,
        name: g.name,
        channelId: g.channelId,
        roles: [
          { id: g.roles.linked, name: 'X linked' },
          { id: g.roles.mods, name: 'Mods' },
        ],
        // What the bot set (the linked role) shows up here.
        memberRoles: Object.fromEntries(
          [...this.members].filter(([key]) => key.startsWith(`${g.id}:`)).map(([key, roles]) => [key.slice(g.id.length + 1), roles]),
        ),
      })),
      // The interaction token stays here: the page has no use for it.
      messages: since === this.version ? [] : this.messages.map(({ token: _, ...shown }) => shown),
      ledger: {
        postsBilled: ledger.postsBilled,
        usersBilled: ledger.usersBilled,
        postsReturned: ledger.postsReturned,
        dollars: ledger.dollars(pricing),
      },
      faults: x.faults,
      users: Object.fromEntries(this.names),
    };
  }

  private add(message: Omit<ConsoleMessage, 'id'>): ConsoleMessage {
    const added = { ...message, id: this.nextId++ };
    this.messages.push(added);
    // Files live as long as the message that shows them.
    if (this.messages.length > 200) for (const gone of this.messages.splice(0, this.messages.length - 200)) this.dropFiles(gone);
    this.version++;
    return added;
  }

  /** Builds, signs and sends one interaction, as Discord does when a member runs a command or types into an option. */
  private async interact(request: {
    kind: 'command' | 'autocomplete';
    name: string;
    line?: string;
    options: RawOption[];
    member: ConsoleMember;
    dm?: boolean;
    where?: Where;
    guildId?: string;
    /** The member's Discord language, as the console's switch sets it ("en-US", "ja"). */
    locale?: string;
  }): Promise<unknown> {
    const { member } = request;
    const where = whereOf(request);
    this.names.set(member.id, member.globalName || member.username);
    const guild = guildById(request.guildId) ?? SANDBOX_GUILDS[0];
    // The console sets what you choose; the linked role stays the bot's to give or take.
    const had = this.members.get(memberKey(guild.id, member.id)) ?? [];
    this.members.set(memberKey(guild.id, member.id), [
      ...member.roles.filter((r) => r === guild.roles.mods),
      ...had.filter((r) => r === guild.roles.linked),
    ]);
    const id = snowflake();
    const token = `sandbox.${id}.${randomBytes(24).toString('base64url')}`;
    const user = { id: member.id, username: member.username, global_name: member.globalName, discriminator: '0', avatar: null };
    const permissions = String(member.admin ? ALL_PERMISSIONS : MEMBER_PERMISSIONS);
    const place = this.placeOf(where, guild, member, user, permissions);
    const channelId = String(place.channel_id);
    const payload = {
      id,
      application_id: SANDBOX_APPLICATION_ID,
      type: request.kind === 'command' ? 2 : 4,
      token,
      version: 1,
      locale: discordLocale(request.locale),
      data: { id: snowflake(), name: request.name, type: 1, options: request.options },
      ...place,
    };
    const body = JSON.stringify(payload);
    const message =
      request.kind === 'command'
        ? this.add({
            invokedBy: { name: member.globalName || member.username, command: request.line ?? `/${request.name}` },
            ephemeral: false,
            state: 'thinking',
            content: '',
            embeds: [],
            components: [],
            attachments: [],
            channelId,
            dmWith: where === 'bot-dm' || where === 'private-channel' ? member.id : undefined,
            place: where === 'server' ? guild.name : where === 'foreign-server' ? FOREIGN_GUILD.name : null,
            where,
            token,
          })
        : null;
    let response: Response;
    let text: string;
    try {
      // Discord waits 3 seconds for an answer; the console a little longer, but never forever.
      ({ response, text } = await fetchWithDeadline(
        fetch,
        `${this.options.botUrl}/interactions`,
        { method: 'POST', headers: this.signedHeaders(body), body },
        { timeoutMs: this.options.answerTimeoutMs ?? 10_000 },
      ));
    } catch (err) {
      if (message) this.fail(message, `The bot did not answer: ${(err as Error).message}`);
      return { ok: false };
    }
    const answer = (parseJson(text) ?? {}) as { type?: number; data?: Record<string, unknown> };
    if (request.kind === 'autocomplete') return { ok: response.ok, choices: (answer.data?.choices as unknown[]) ?? [] };
    if (!message) return { ok: false };
    if (!response.ok) {
      this.fail(message, `The bot answered ${response.status}.`);
      return { ok: false };
    }
    const flags = Number(answer.data?.flags ?? 0);
    message.ephemeral = (flags & 64) === 64;
    if (answer.type === 4) this.apply(message, answer.data ?? {}, []);
    this.version++;
    return { ok: true };
  }

  /**
   * A member pressed a button on one of the bot's messages: a component
   * interaction (type 3) naming the message and the custom id, signed and
   * posted as Discord does. The answer either changes the pressed message
   * (6, 7) or adds a new one (4, 5); the press's token then edits that one.
   */
  private async press(request: {
    messageId: number;
    customId: string;
    label?: string;
    member: ConsoleMember;
    dm?: boolean;
    guildId?: string;
    locale?: string;
  }) {
    const pressed = this.messages.find((m) => m.id === request.messageId);
    if (!pressed) return { ok: false, error: 'no such message' };
    const { member } = request;
    const where = pressed.where ?? (guildOfChannel(pressed.channelId) ? 'server' : 'bot-dm');
    const guild = guildOfChannel(pressed.channelId) ?? SANDBOX_GUILDS[0];
    const id = snowflake();
    const token = `sandbox.${id}.${randomBytes(24).toString('base64url')}`;
    const user = { id: member.id, username: member.username, global_name: member.globalName, discriminator: '0', avatar: null };
    const permissions = String(member.admin ? ALL_PERMISSIONS : MEMBER_PERMISSIONS);
    const payload = {
      id,
      application_id: SANDBOX_APPLICATION_ID,
      type: 3,
      token,
      version: 1,
      locale: discordLocale(request.locale),
      data: { custom_id: request.customId, component_type: 2 },
      message: {
        id: String(pressed.id),
        channel_id: pressed.channelId,
        flags: (pressed.flags ?? 0) | (pressed.ephemeral ? 64 : 0),
        components: pressed.components,
      },
      ...this.placeOf(where, guild, member, user, permissions, pressed.channelId),
    };
    const body = JSON.stringify(payload);
    let answer: { type?: number; data?: Record<string, unknown> };
    try {
      const { response, text } = await fetchWithDeadline(
        fetch,
        `${this.options.botUrl}/interactions`,
        { method: 'POST', headers: this.signedHeaders(body), body },
        { timeoutMs: this.options.answerTimeoutMs ?? 10_000 },
      );
      if (!response.ok) return { ok: false, status: response.status };
      answer = (parseJson(text) ?? {}) as typeof answer;
    } catch (err) {
      return { ok: false, error: (err as Error).message };
    }
    const flags = Number(answer.data?.flags ?? 0);
    if (answer.type === 6 || answer.type === 7) {
      this.pressTokens.set(token, pressed);
      if (answer.type === 7) this.apply(pressed, answer.data ?? {}, []);
      return { ok: true };
    }
    const reply = this.add({
      invokedBy: { name: member.globalName || member.username, command: `pressed “${request.label ?? request.customId}”` },
      ephemeral: (flags & 64) === 64,
      state: 'thinking',
      content: '',
      embeds: [],
      components: [],
      attachments: [],
      channelId: pressed.channelId,
      place: pressed.place,
      where: pressed.where,
      dmWith: pressed.dmWith,
    });
    this.pressTokens.set(token, reply);
    // Tokens live 15 minutes at Discord; here the last few hundred presses are plenty.
    if (this.pressTokens.size > 500) this.pressTokens.delete(this.pressTokens.keys().next().value ?? '');
    if (answer.type === 4) this.apply(reply, answer.data ?? {}, []);
    return { ok: true };
  }

  private fail(message: ConsoleMessage, why: string): void {
    message.state = 'failed';
    message.content = why;
    this.version++;
  }

  /** A message body from the bot (the first answer, or an edit), with its attached files. */
  private apply(message: ConsoleMessage, data: Record<string, unknown>, files: Attachment[]): void {
    // Components V2 is set by a message's first body or an edit, and never cleared.
    if (typeof data.flags === 'number' && (data.flags & (1 << 15)) !== 0) message.flags = (message.flags ?? 0) | (1 << 15);
    if (typeof data.content === 'string') message.content = data.content;
    if (Array.isArray(data.embeds)) message.embeds = data.embeds;
    if (Array.isArray(data.components)) message.components = data.components;
    if (files.length > 0 || (Array.isArray(data.attachments) && data.attachments.length === 0)) {
      this.dropFiles(message);
      for (const file of files) this.attachments.set(file.id, file);
      message.attachments = files.map((f) => ({ filename: f.filename, url: `/sandbox/attachments/${f.id}`, contentType: f.contentType }));
    }
    message.state = 'done';
    this.version++;
  }

  private dropFiles(message: ConsoleMessage): void {
    for (const a of message.attachments) this.attachments.delete(a.url.slice(a.url.lastIndexOf('/') + 1));
  }

  /** The Discord REST endpoints the bot calls, under DISCORD_API_URL = <bot>/sandbox/discord/api. */
  private mountRest(app: Hono): void {
    const api = '/sandbox/discord/api/v10';
    // Discord decodes the path: @discordjs/rest asks for /users/%40me, which is /users/@me. Hono decodes only what
    // decodeURI does (not %40), so an encoded path is decoded here and asked again, once.
    app.use('/sandbox/discord/api/*', async (c, next) => {
      const url = new URL(c.req.url);
      if (!url.pathname.includes('%') || c.req.header(DECODED_HEADER)) return next();
      try {
        url.pathname = url.pathname.split('/').map(decodeURIComponent).join('/');
      } catch {
        return c.json({ message: '404: Not Found', code: 0 }, 404);
      }
      const headers = new Headers(c.req.raw.headers);
      headers.set(DECODED_HEADER, '1');
      const body = c.req.method === 'GET' || c.req.method === 'HEAD' ? undefined : await c.req.arrayBuffer();
      return app.fetch(new Request(url, { method: c.req.method, headers, body }));
    });
    app.patch(`${api}/webhooks/:app/:token/messages/@original`, async (c) => {
      const message = this.pressTokens.get(c.req.param('token')) ?? this.messages.find((m) => m.token === c.req.param('token'));
      if (!message) return c.json({ message: 'Unknown Webhook', code: 10015 }, 404);
      const body = await this.readMessageBody(c);
      if (!body) return c.json(invalidFormBody, 400);
      const { data, files } = body;
      this.apply(message, data, files);
      return c.json({
        id: String(message.id),
        channel_id: message.channelId,
        content: message.content,
        embeds: message.embeds,
        attachments: [],
      });
    });
    app.get(`${api}/users/@me`, (c) =>
      c.json({ id: SANDBOX_BOT_ID, username: 'X report bot', discriminator: '0', bot: true, global_name: null, avatar: null }),
    );
    const role = (id: string, name: string, position: number, permissions: bigint) => ({
      id,
      name,
      position,
      permissions: String(permissions),
      managed: false,
      color: 0,
      hoist: false,
      mentionable: false,
      flags: 0,
    });
    app.get(`${api}/guilds/:guild`, (c) => {
      const guild = guildById(c.req.param('guild'));
      if (!guild) return c.json({ message: 'Unknown Guild', code: 10004 }, 404);
      return c.json({
        id: guild.id,
        name: guild.name,
        owner_id: '1600000000000000099',
        roles: [
          role(guild.id, '@everyone', 0, MEMBER_PERMISSIONS),
          role(guild.roles.linked, 'X linked', 1, 0n),
          role(guild.roles.mods, 'Mods', 2, P.ManageMessages),
          role(guild.roles.bot, 'X report bot', 3, BOT_PERMISSIONS),
        ],
      });
    });
    app.get(`${api}/guilds/:guild/members/:user`, (c) => {
      const roles = this.members.get(memberKey(c.req.param('guild'), c.req.param('user')));
      if (!roles) return c.json({ message: 'Unknown Member', code: 10007 }, 404);
      return c.json({
        user: { id: c.req.param('user'), username: 'member' },
        roles,
        joined_at: '2024-01-01T00:00:00Z',
        deaf: false,
        mute: false,
        flags: 0,
      });
    });
    const roleChange = (add: boolean) => (c: Context) => {
      const guild = guildById(c.req.param('guild'));
      const key = memberKey(c.req.param('guild') ?? '', c.req.param('user') ?? '');
      const roles = this.members.get(key);
      const changed = c.req.param('role') ?? '';
      if (!guild || !roles) return c.json({ message: 'Unknown Member', code: 10007 }, 404);
      if (!Object.values(guild.roles).includes(changed as never)) return c.json({ message: 'Unknown Role', code: 10011 }, 404);
      this.members.set(key, add ? [...new Set([...roles, changed])] : roles.filter((r) => r !== changed));
      this.version++;
      return c.body(null, 204);
    };
    app.put(`${api}/guilds/:guild/members/:user/roles/:role`, roleChange(true));
    app.delete(`${api}/guilds/:guild/members/:user/roles/:role`, roleChange(false));
    app.get(`${api}/channels/:channel`, (c) => {
      const guild = guildOfChannel(c.req.param('channel'));
      if (!guild) return c.json({ message: 'Unknown Channel', code: 10003 }, 404);
      return c.json({ id: guild.channelId, type: 0, guild_id: guild.id, name: 'general', permission_overwrites: [] });
    });
    app.post(`${api}/users/@me/channels`, async (c) => {
      const { recipient_id: recipient } = (await c.req.json()) as { recipient_id: string };
      return c.json({ id: this.dmChannelOf(recipient), type: 1, recipients: [{ id: recipient, username: 'member' }] });
    });
    app.post(`${api}/channels/:channel/messages`, (c) => this.channelMessage(c));
    app.all(`${api}/*`, (c) => c.json({ message: '404: Not Found', code: 0 }, 404));
  }

  /** A message the bot posts in a channel (a digest, a shared report, a DM), as Discord takes it. */
  private async channelMessage(c: Context): Promise<Response> {
    const body = await this.readMessageBody(c);
    if (!body) return c.json(invalidFormBody, 400);
    const { data } = body;
    const channel = c.req.param('channel') ?? '';
    // The bot is in the sandbox's servers and its own DMs, nowhere else (not the server without it, not group DMs).
    if (!guildOfChannel(channel) && !this.memberOfDm(channel)) return c.json({ message: 'Missing Access', code: 50001 }, 403);
    // enforce_nonce: Discord answers a nonce it saw lately from this sender with that message, not a new one.
    const nonce = typeof data.nonce === 'string' && data.enforce_nonce === true ? data.nonce : undefined;
    const again = nonce ? this.messages.find((m) => m.nonce === nonce && m.channelId === channel) : undefined;
    if (again) return c.json({ id: String(again.id), channel_id: channel, content: again.content, nonce });
    const added = this.add({
      invokedBy: null,
      ephemeral: false,
      state: 'done',
      content: String(data.content ?? ''),
      embeds: Array.isArray(data.embeds) ? data.embeds : [],
      components: Array.isArray(data.components) ? data.components : [],
      flags: typeof data.flags === 'number' ? data.flags : undefined,
      attachments: [],
      dmTo: this.memberOfDm(channel),
      dmWith: this.memberOfDm(channel),
      channelId: channel,
      place: guildOfChannel(channel)?.name ?? null,
      where: guildOfChannel(channel) ? 'server' : 'bot-dm',
      nonce,
    });
    return c.json({ id: String(added.id), channel_id: channel, content: data.content ?? '' });
  }

  /** JSON, or multipart with payload_json and files[n], as Discord accepts a message body. */
  /** Null when it is not a message body at all: Discord answers that with 400, Invalid Form Body. */
  private async readMessageBody(c: Context): Promise<{ data: Record<string, unknown>; files: Attachment[] } | null> {
    const type = c.req.header('content-type') ?? '';
    if (!type.startsWith('multipart/form-data')) {
      const data = parseJson(await c.req.text());
      return data && typeof data === 'object' ? { data: data as Record<string, unknown>, files: [] } : null;
    }
    const form = await c.req.parseBody({ all: true });
    const data = typeof form.payload_json === 'string' ? (parseJson(form.payload_json) as Record<string, unknown> | null) : {};
    if (!data || typeof data !== 'object') return null;
    const files: Attachment[] = [];
    for (const [key, value] of Object.entries(form)) {
      if (!key.startsWith('files[') || !(value instanceof File)) continue;
      const id = randomBytes(12).toString('hex');
      const file = {
        id,
        filename: value.name,
        contentType: value.type || 'application/octet-stream',
        data: Buffer.from(await value.arrayBuffer()),
      };
      files.push(file);
    }
    return { data, files };
  }
}
