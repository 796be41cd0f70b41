// The sandbox's stand-in for Discord's client: a console page where you type
// slash commands as a member and press the bot's buttons. Each becomes an
// interaction built and signed as Discord does (console-interactions.ts,
// places.ts), POSTed to the bot's own /interactions. The bot's answer and its
// later REST calls go to the local Discord (src/local-discord, the tests'
// own), mounted here under /sandbox/discord (DISCORD_API_URL), so the two
// cannot drift; the page shows its record of what a member sees
// (console-feed.ts). Mounted only by `npm run sandbox`.

import { randomBytes } from 'node:crypto';
import type { RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord-api-types/v10';
import type { Hono } from 'hono';
import type { LocalDiscord } from '../local-discord/local-discord.js';
import type { BillingLedger } from '../local-x/billing.js';
import type { XStandIn } from '../local-x/x-stand-in.js';
import { type InteractRequest, isInteractRequest, isPressRequest, type PressRequest, servePage, setFaults } from './console-api.js';
import { ConsoleFeed, type Entry } from './console-feed.js';
import { guardConsole } from './console-guard.js';
import { type Interaction, InteractionSender, interaction } from './console-interactions.js';
import { MemberPlaces } from './member-places.js';
import { refusedByDiscord, whereOf } from './places.js';
import { guildById, guildOfChannel, SANDBOX_GUILDS, sandboxDiscord } from './sandbox-discord.js';

export type { ConsoleMember } from './member-places.js';

export interface ConsoleOptions {
  /** The bot's own base URL: interactions are POSTed to its /interactions. */
  botUrl: string;
  /** The bot's DISCORD_TOKEN in the sandbox: its REST calls to the local Discord must carry it. */
  botToken: string;
  /** How long the console waits for the bot's first answer (default 10 s). */
  answerTimeoutMs?: number;
  commands: RESTPostAPIChatInputApplicationCommandsJSONBody[];
  x: XStandIn;
  ledger: BillingLedger;
  pricing: { postUsd: number; userUsd: number };
  /** The sandbox's clock (default the wall clock): interactions are signed at its time, as the bot checks them against it. */
  now?: () => number;
}

type Answer = { type?: number; data?: Record<string, unknown> };
const parseAnswer = (text: string): Answer => {
  try {
    return (JSON.parse(text) ?? {}) as Answer;
  } catch {
    return {};
  }
};
const nameOf = (member: { globalName: string; username: string }) => member.globalName || member.username;

export class DiscordConsole {
  /** The local Discord the bot talks to, mounted at /sandbox/discord. */
  readonly discord: LocalDiscord;
  /**
   * This run's key: the console's page and API answer only a browser that opened the address the sandbox printed
   * (which carries it, and sets it as a cookie), so another user of the machine cannot drive the console.
   */
  readonly runKey = randomBytes(24).toString('base64url');
  private readonly sender: InteractionSender;
  private readonly places: MemberPlaces;
  private readonly feed: ConsoleFeed;
  /**
   * Interactions whose HTTP answer the console has not yet handed to the local Discord, by token. Discord has the
   * answer before the bot can call back; here the console reads it first, so the bot's webhook calls for such an
   * interaction wait (an edit that overtook a deferred update would otherwise make a new message).
   */
  private readonly unanswered = new Map<string, Promise<void>>();

  constructor(private readonly options: ConsoleOptions) {
    this.discord = sandboxDiscord(options.botToken);
    this.sender = new InteractionSender(options.botUrl, options.answerTimeoutMs ?? 10_000, options.now ?? Date.now);
    this.places = new MemberPlaces(this.discord);
    this.feed = new ConsoleFeed(this.discord, this.places);
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
    app.all('/sandbox/discord/api/*', async (c) => {
      await this.unanswered.get(/\/webhooks\/\d+\/([^/]+)/.exec(c.req.path)?.[1] ?? '');
      return this.discord.fetch(c.req.raw, '/sandbox/discord');
    });
    servePage(app);
    app.get('/sandbox/api/state', (c) => c.json(this.state(Number(c.req.query('since') ?? -1))));
    app.post('/sandbox/api/interact', async (c) => {
      const request = (await c.req.json().catch(() => null)) as InteractRequest | null;
      if (!isInteractRequest(request))
        return c.json({ ok: false, error: 'a command name, its options and a member with an id and roles' }, 400);
      // Discord sends only commands it offers this member here, with only the listed choices.
      const refused = refusedByDiscord(this.options.commands, request);
      if (refused) return c.json({ ok: false, error: refused }, 400);
      return c.json(await this.interact(request));
    });
    app.post('/sandbox/api/press', async (c) => {
      const request = (await c.req.json().catch(() => null)) as PressRequest | null;
      if (!isPressRequest(request)) return c.json({ ok: false, error: 'a message id, a custom id and a member with an id and roles' }, 400);
      return c.json(await this.press(request));
    });
    app.post('/sandbox/api/x-faults', async (c) => {
      const faults = setFaults(this.options.x, (await c.req.json()) as Partial<XStandIn['faults']>);
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
    const { version } = this.feed;
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
      users: Object.fromEntries(this.feed.names),
    };
  }

  /** Builds, signs and sends one interaction, as Discord does when a member runs a command or types into an option. */
  private async interact(request: InteractRequest): Promise<unknown> {
    const { member } = request;
    this.feed.names.set(member.id, nameOf(member));
    const guild = guildById(request.guildId) ?? SANDBOX_GUILDS[0];
    this.places.chooseRoles(member, guild);
    const seat = this.places.seat(whereOf(request), guild, member);
    const data = { id: '1', name: request.name, type: 1, options: request.options };
    const sent = interaction(request.kind === 'command' ? 2 : 4, data, seat.fields, request.locale);
    if (request.kind === 'autocomplete') {
      const answered = await this.sender.send(sent.payload).catch(() => null);
      return { ok: Boolean(answered?.response.ok), choices: (parseAnswer(answered?.text ?? '').data?.choices as unknown[]) ?? [] };
    }
    this.discord.log.open({ id: sent.id, token: sent.token, channelId: seat.channelId });
    const { where, place, channelId, dmWith } = seat;
    const command = request.line ?? `/${request.name}`;
    const entry = this.feed.add({ invokedBy: { name: nameOf(member), command }, token: sent.token, channelId, where, place, dmWith });
    return this.holdingWebhooks(sent.token, async () => {
      const answered = await this.sender.send(sent.payload).catch((err: Error) => err);
      if (answered instanceof Error) this.feed.fail(entry, `The bot did not answer: ${answered.message}`);
      else if (!answered.response.ok) this.feed.fail(entry, `The bot answered ${answered.response.status}.`);
      else return this.handOver(sent, answered, entry);
      return { ok: false };
    });
  }

  /** Runs `exchange` (send the interaction, hand its answer over) with the bot's webhook calls for it held till the end. */
  private async holdingWebhooks<T>(token: string, exchange: () => Promise<T>): Promise<T> {
    let release = () => {};
    this.unanswered.set(token, new Promise<void>((resolve) => (release = resolve)));
    try {
      return await exchange();
    } finally {
      this.unanswered.delete(token);
      release();
    }
  }

  /** The bot's HTTP answer goes to the local Discord, as Discord takes it; what it refuses shows as a failure. */
  private async handOver(sent: Interaction, answered: { response: Response; text: string }, entry: Entry | null) {
    const type = answered.response.headers.get('content-type') ?? '';
    const outcome = await this.discord.answeredOverHttp(sent.token, type, Buffer.from(answered.text));
    if (!outcome.ok && entry) this.feed.fail(entry, `Discord refused the answer: ${outcome.message}`);
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
    const guild = guildOfChannel(message.channelId) ?? SANDBOX_GUILDS[0];
    const seat = this.places.seat(pressed.where, guild, member, message.channelId);
    const on = { id: message.id, channel_id: message.channelId, flags: message.flags, components: message.components };
    const sent = interaction(3, { custom_id: request.customId, component_type: 2 }, seat.fields, request.locale, { message: on });
    this.discord.log.open({ id: sent.id, token: sent.token, channelId: message.channelId, messageId: message.id });
    const { where, place, dmWith } = pressed;
    const invokedBy = { name: nameOf(member), command: request.label ?? request.customId, pressed: true };
    const reply = this.feed.add({ invokedBy, token: sent.token, channelId: message.channelId, where, place, dmWith });
    return this.holdingWebhooks(sent.token, async () => {
      const answered = await this.sender.send(sent.payload).catch((err: Error) => err);
      if (answered instanceof Error) {
        this.feed.drop(reply);
        return { ok: false, error: answered.message };
      }
      const type = parseAnswer(answered.text).type;
      // 6 and 7 change the pressed message: no new one to show.
      const changesPressed = type === 6 || type === 7;
      if (!answered.response.ok || changesPressed) this.feed.drop(reply);
      if (!answered.response.ok) return { ok: false, status: answered.response.status };
      return this.handOver(sent, answered, changesPressed ? null : reply);
    });
  }
}
