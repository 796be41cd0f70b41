// The sandbox's stand-in for Discord's client: a console page where you type
// slash commands as a member and press the bot's buttons. Each becomes an
// interaction signed as Discord signs (console-interactions.ts), POSTed to
// the bot's own /interactions; the bot's answer and its later REST calls go
// to the local Discord (src/local-discord, the tests' own), mounted here
// under /sandbox/discord (DISCORD_API_URL), whose record of what a member
// sees the page shows (console-feed.ts). Mounted only by `npm run sandbox`.

import { randomBytes } from 'node:crypto';
import type { RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord-api-types/v10';
import type { Context, Hono } from 'hono';
import { dmChannelOf, type LocalDiscord } from '../local-discord/local-discord.js';
import type { BillingLedger } from '../local-x/billing.js';
import type { XStandIn } from '../local-x/x-stand-in.js';
import { COMPONENTS_CSS, COMPONENTS_JS } from './console-components.js';
import { ConsoleFeed } from './console-feed.js';
import { guardConsole } from './console-guard.js';
import { type ConsoleMember, InteractionSender, interactionPayload, type RawOption, type Where } from './console-interactions.js';
import { CONSOLE_CSS, CONSOLE_HTML, CONSOLE_JS } from './console-page.js';
import { guildById, guildOfChannel, refusedByDiscord, SANDBOX_GUILDS, sandboxDiscord } from './sandbox-discord.js';

export type { ConsoleMember } from './console-interactions.js';
export {
  offeredTo,
  refusedByDiscord,
  SANDBOX_APPLICATION_ID,
  SANDBOX_BOT_ID,
  SANDBOX_CHANNEL_ID,
  SANDBOX_GUILD_ID,
  SANDBOX_GUILDS,
} from './sandbox-discord.js';

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
}

interface InteractRequest {
  kind: 'command' | 'autocomplete';
  name: string;
  line?: string;
  options: RawOption[];
  member: ConsoleMember;
  dm?: boolean;
  guildId?: string;
  /** The member's Discord language, as the console's switch sets it ("en-US", "ja"). */
  locale?: string;
}

interface PressRequest {
  messageId: number;
  customId: string;
  label?: string;
  member: ConsoleMember;
  locale?: string;
}

type Answer = { type?: number; data?: Record<string, unknown> };
const parseAnswer = (text: string): Answer => {
  try {
    return (JSON.parse(text) ?? {}) as Answer;
  } catch {
    return {};
  }
};
const isMember = (m: ConsoleMember | undefined) => /^\d{17,20}$/.test(String(m?.id)) && Array.isArray(m?.roles);

export class DiscordConsole {
  /** The local Discord the bot talks to, mounted at /sandbox/discord. */
  readonly discord: LocalDiscord;
  /**
   * This run's key: the console's page and API answer only a browser that opened the address the sandbox printed
   * (which carries it, and sets it as a cookie), so another user of the machine cannot drive the console.
   */
  readonly runKey = randomBytes(24).toString('base64url');
  private readonly sender: InteractionSender;
  private readonly feed: ConsoleFeed;

  constructor(private readonly options: ConsoleOptions) {
    this.discord = sandboxDiscord(options.botToken);
    this.sender = new InteractionSender(options.botUrl, options.answerTimeoutMs ?? 10_000);
    this.feed = new ConsoleFeed(this.discord);
  }

  get publicKeyHex(): string {
    return this.sender.publicKeyHex;
  }

  /** The console's address with this run's key: what the sandbox prints. */
  get consoleUrl(): string {
    return `${this.options.botUrl}/sandbox?key=${this.runKey}`;
  }

  signedHeaders(body: string): Record<string, string> {
    return this.sender.signedHeaders(body);
  }

  mount(app: Hono): void {
    guardConsole(app, this.options.botUrl, this.runKey);
    app.all('/sandbox/discord/api/*', (c) => this.discord.fetch(c.req.raw, '/sandbox/discord'));
    const page = (c: Context, body: string, type: string) => {
      // The console's own page runs its own script and shows the bot's charts; the bot's strict policy stays for its pages.
      const csp = "default-src 'self'; img-src 'self' data: https:; style-src 'self'; script-src 'self'; form-action 'self'";
      c.header('Content-Security-Policy', csp);
      c.header('Content-Type', type);
      return c.body(body);
    };
    app.get('/sandbox', (c) => page(c, CONSOLE_HTML, 'text/html; charset=utf-8'));
    app.get('/sandbox/console.js', (c) => page(c, CONSOLE_JS + COMPONENTS_JS, 'text/javascript; charset=utf-8'));
    app.get('/sandbox/console.css', (c) => page(c, CONSOLE_CSS + COMPONENTS_CSS, 'text/css; charset=utf-8'));
    app.get('/sandbox/api/state', (c) => c.json(this.state(Number(c.req.query('since') ?? -1))));
    app.post('/sandbox/api/interact', async (c) => {
      const request = (await c.req.json().catch(() => null)) as InteractRequest | null;
      const wellFormed =
        request &&
        (request.kind === 'command' || request.kind === 'autocomplete') &&
        /^[\w-]{1,32}$/.test(String(request.name)) &&
        Array.isArray(request.options) &&
        isMember(request.member);
      if (!wellFormed) return c.json({ ok: false, error: 'a command name, its options and a member with an id and roles' }, 400);
      // Discord sends only commands it offers this member here, with only the listed choices.
      const refused = refusedByDiscord(this.options.commands, request);
      if (refused) return c.json({ ok: false, error: refused }, 400);
      return c.json(await this.interact(request));
    });
    app.post('/sandbox/api/press', async (c) => {
      const request = (await c.req.json().catch(() => null)) as PressRequest | null;
      const wellFormed =
        request &&
        Number.isInteger(request.messageId) &&
        typeof request.customId === 'string' &&
        request.customId.length <= 100 &&
        isMember(request.member);
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
      this.feed.version++;
      return c.json(faults);
    });
    app.get('/sandbox/attachments/:id', (c) => {
      const file = this.discord.file(c.req.param('id'));
      if (!file) return c.notFound();
      c.header('Content-Type', file.contentType);
      return c.body(new Uint8Array(file.data));
    });
  }

  private state(since: number) {
    const { ledger, pricing, x } = this.options;
    const version = this.feed.version;
    return {
      version,
      changed: since !== version,
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
        memberRoles: Object.fromEntries(this.discord.guilds.get(g.id)?.members ?? []),
      })),
      messages: since === version ? [] : this.feed.shown(),
      ledger: {
        postsBilled: ledger.postsBilled,
        usersBilled: ledger.usersBilled,
        postsReturned: ledger.postsReturned,
        dollars: ledger.dollars(pricing),
      },
      faults: x.faults,
    };
  }

  /** The member where the console speaks: in a server (its roles as Discord holds them), or in the DM with the bot. */
  private where(member: ConsoleMember, guildId: string | undefined, locale: string | undefined): Where {
    const guild = guildById(guildId) ?? null;
    if (!guild) {
      this.discord.dmChannels.set(dmChannelOf(member.id), member.id);
      return { member, roles: [], guild, locale };
    }
    const members = this.discord.guilds.get(guild.id)?.members ?? new Map<string, string[]>();
    // The console sets what you choose (mods); the linked role stays the bot's to give or take.
    const had = members.get(member.id) ?? [];
    const roles = [...member.roles.filter((r) => r === guild.roles.mods), ...had.filter((r) => r === guild.roles.linked)];
    members.set(member.id, roles);
    return { member, roles, guild, locale };
  }

  /** Builds, signs and sends one interaction, as Discord does when a member runs a command or types into an option. */
  private async interact(request: InteractRequest): Promise<unknown> {
    const { member } = request;
    const where = this.where(member, request.dm ? undefined : (request.guildId ?? SANDBOX_GUILDS[0].id), request.locale);
    const data = { id: '1', name: request.name, type: 1, options: request.options };
    const sent = interactionPayload(request.kind === 'command' ? 2 : 4, data, where);
    this.discord.log.open({ id: sent.id, token: sent.token, channelId: sent.channelId });
    const entry =
      request.kind === 'command'
        ? this.feed.expect({
            invokedBy: { name: member.globalName || member.username, command: request.line ?? `/${request.name}` },
            token: sent.token,
            channelId: sent.channelId,
            dmWith: request.dm ? member.id : undefined,
          })
        : null;
    let answered: { response: Response; text: string };
    try {
      answered = await this.sender.send(sent.payload);
    } catch (err) {
      if (entry) this.feed.fail(entry, `The bot did not answer: ${(err as Error).message}`);
      return { ok: false };
    }
    const { response, text } = answered;
    if (request.kind === 'autocomplete') return { ok: response.ok, choices: (parseAnswer(text).data?.choices as unknown[]) ?? [] };
    if (!entry) return { ok: false };
    if (!response.ok) {
      this.feed.fail(entry, `The bot answered ${response.status}.`);
      return { ok: false };
    }
    return this.handOver(sent.token, response, text, entry);
  }

  /** The bot's HTTP answer goes to the local Discord, as Discord takes it; what it refuses shows as a failure. */
  private async handOver(token: string, response: Response, text: string, entry: { id: number } | null) {
    const outcome = await this.discord.answeredOverHttp(token, response.headers.get('content-type') ?? '', Buffer.from(text));
    const shown = entry ? this.feed.byId(entry.id) : undefined;
    if (!outcome.ok && shown) this.feed.fail(shown, `Discord refused the answer: ${outcome.message}`);
    return { ok: outcome.ok };
  }

  /**
   * A member pressed a button on one of the bot's messages: a component interaction (type 3) naming the message
   * and the custom id, signed and posted as Discord does. The answer either changes the pressed message (6, 7) or
   * adds a new one (4, 5); the local Discord applies it, and the press's token then edits that one.
   */
  private async press(request: PressRequest) {
    const pressed = this.feed.byId(request.messageId);
    const message = pressed?.messageId ? this.discord.log.find(pressed.messageId) : undefined;
    if (!pressed || !message) return { ok: false, error: 'no such message' };
    const { member } = request;
    const guild = guildOfChannel(message.channelId);
    const where = this.where(member, guild?.id, request.locale);
    const shownOn = { id: message.id, channel_id: message.channelId, flags: message.flags, components: message.components };
    const sent = interactionPayload(3, { custom_id: request.customId, component_type: 2 }, where, { message: shownOn });
    this.discord.log.open({ id: sent.id, token: sent.token, channelId: message.channelId, messageId: message.id });
    const reply = this.feed.expect({
      invokedBy: { name: member.globalName || member.username, command: `pressed “${request.label ?? request.customId}”` },
      token: sent.token,
      channelId: message.channelId,
      dmWith: pressed.dmWith,
    });
    let answered: { response: Response; text: string };
    try {
      answered = await this.sender.send(sent.payload);
    } catch (err) {
      this.feed.drop(reply);
      return { ok: false, error: (err as Error).message };
    }
    const type = parseAnswer(answered.text).type;
    // 6 and 7 change the pressed message: no new one to show.
    if (!answered.response.ok || type === 6 || type === 7) this.feed.drop(reply);
    if (!answered.response.ok) return { ok: false, status: answered.response.status };
    return this.handOver(sent.token, answered.response, answered.text, type === 6 || type === 7 ? null : reply);
  }
}
