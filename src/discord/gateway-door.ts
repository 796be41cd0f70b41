// The gateway door: a discord.js client receives interactions over the
// WebSocket and answers through discord.js. Only the Guilds intent, and caches
// trimmed to what the bot reads. It also keeps the connection's health, ends
// the process when Discord will not take the bot back, and reconciles the
// servers the bot is in after every new session.

import {
  type AutocompleteInteraction,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  Client,
  Events,
  GatewayIntentBits,
  type Guild,
  type InteractionReplyOptions,
  MessageFlags,
  Options,
  PermissionFlagsBits,
} from 'discord.js';
import type { AutocompleteDispatch, ComponentDispatch, Dispatch } from '../commands/dispatch.js';
import type { InteractionWebhooks } from '../discord-api/webhooks.js';
import type { GuildRoster } from '../guilds/stores.js';
import type { BotMessage } from '../interaction/contract.js';
import { FATAL_CLOSE_CODES, type GatewayHealth } from '../interaction/gateway-health.js';
import { placeOf } from '../interaction/place.js';
import type { Logger } from '../log/logger.js';
import { textFor } from '../text/catalog.js';
import { parseOptions, type RawOption } from './options.js';
import { runComponent } from './run-component.js';
import { ACK_DEADLINE_MS, runInteraction } from './run-interaction.js';

export interface GatewayDoorDeps {
  discordApiUrl: string;
  dispatch: Dispatch;
  autocomplete: AutocompleteDispatch;
  /** Button presses on the bot's messages. */
  press: ComponentDispatch;
  /** Edits go through the interaction webhook, with the same retries as the HTTP door. */
  webhooks: InteractionWebhooks;
  log: Logger;
  ackDeadlineMs?: number;
  /** The bot was removed from a server (or the server deleted). */
  onGuildLeft?: (guildId: string) => Promise<void>;
  health: GatewayHealth;
  roster: Pick<GuildRoster, 'reconcile' | 'joined' | 'left'>;
  /** This process's shard set (GATEWAY_SHARD_COUNT, GATEWAY_SHARD_IDS); default: every shard, as many as Discord recommends. */
  sharding?: { count: number | 'auto'; ids: number[] | null };
  /** Discord closed the connection for good (see FATAL_CLOSE_CODES); main.ts ends the process. */
  onFatal: (code: number, reason: string) => void;
}

export function createGatewayClient(deps: GatewayDoorDeps): Client {
  const sharding = deps.sharding ?? { count: 'auto', ids: null };
  const client = new Client({
    intents: [GatewayIntentBits.Guilds],
    // discord.js's own sharding: this process connects the shards of its set; others, with the same count, the rest.
    ...(sharding.count === 'auto'
      ? { shards: 'auto' as const }
      : { shardCount: sharding.count, shards: sharding.ids ?? Array.from({ length: sharding.count }, (_, i) => i) }),
    rest: { api: deps.discordApiUrl },
    makeCache: Options.cacheWithLimits({
      ...Options.DefaultMakeCacheSettings,
      MessageManager: 0,
      PresenceManager: 0,
      ReactionManager: 0,
      ReactionUserManager: 0,
      GuildEmojiManager: 0,
      GuildStickerManager: 0,
      GuildScheduledEventManager: 0,
      StageInstanceManager: 0,
      VoiceStateManager: 0,
      ThreadMemberManager: 0,
      GuildMemberManager: { maxSize: 200, keepOverLimit: (member) => member.id === member.client.user.id },
      UserManager: { maxSize: 200, keepOverLimit: (user) => user.id === user.client.user.id },
    }),
  });

  client.on(Events.InteractionCreate, (interaction) => {
    if (interaction.isAutocomplete()) void handleGatewayAutocomplete(interaction, deps);
    if (interaction.isButton()) void handleGatewayPress(interaction, deps);
    if (!interaction.isChatInputCommand()) return;
    void handleGatewayInteraction(interaction, deps);
  });
  const noted = (what: string, guildId: string) => (err: unknown) => deps.log.error(`could not record ${what}`, { guildId, error: err });
  client.on(Events.GuildCreate, (guild) => {
    deps.roster.joined(guild.id).catch(noted('a server joined', guild.id));
    void welcome(guild, deps.log);
  });
  client.on(Events.GuildDelete, (guild) => {
    if (!guild.available) return; // an outage, not a removal
    deps.roster.left(guild.id).catch(noted('a server left', guild.id));
    deps.log.info('removed from a server; its settings are deleted', { guildId: guild.id });
    deps.onGuildLeft?.(guild.id).catch(noted('a server’s settings deleted', guild.id));
  });
  watchConnection(client, deps);
  client.on(Events.Error, (err) => deps.log.error('gateway error', { error: err }));
  return client;
}

/**
 * Logs and counts every disconnect, resume and new session; ends the process
 * on a close code Discord will not recover from; and after each READY (a new
 * session, where removals and joins during the outage were never sent)
 * compares the servers Discord lists with those the bot knows.
 */
function watchConnection(client: Client, deps: GatewayDoorDeps): void {
  const { health, log } = deps;
  /** The servers joined during an outage, once READY's list is compared with the known ones. */
  let toWelcome: Promise<string[]> = Promise.resolve([]);
  const watched = new Set<number>();
  client.on(Events.Raw, (packet: { t?: string | null; d?: { guilds?: Array<{ id: string }> } }, shardId: number) => {
    if (packet.t !== 'READY') return;
    // A shard's READY lists only its own servers: the others' are no business of this comparison.
    const shard = { id: shardId ?? 0, count: client.options.shardCount ?? 1 };
    toWelcome = deps.roster
      .reconcile(
        (packet.d?.guilds ?? []).map((g) => g.id),
        shard,
      )
      .then(
        async ({ gone, joined }) => {
          for (const guildId of gone) {
            log.info('removed from a server while disconnected; its settings are deleted', { guildId });
            client.guilds.cache.delete(guildId);
            await deps.onGuildLeft?.(guildId);
          }
          return joined;
        },
        (err: unknown) => {
          log.error('could not compare the servers Discord lists with those known', { error: err });
          return [];
        },
      );
  });
  client.on(Events.ShardReady, (shardId) => {
    // The shard object exists from now on: its close events carry the code.
    if (!watched.has(shardId)) {
      watched.add(shardId);
      client.ws.shards.get(shardId)?.on('close', (event: { code: number }) => {
        if (event.code in FATAL_CLOSE_CODES) return; // ShardDisconnect follows
        health.closed(event.code);
        log.warn('gateway connection closed; reconnecting', { shardId, code: event.code });
      });
    }
    const outageMs = health.connected('new-session');
    if (outageMs === null) log.info('gateway connected', { bot: client.user?.tag, guilds: client.guilds.cache.size });
    else log.warn('gateway back with a new session (events during the outage were lost)', { shardId, outageMs });
    const welcoming = toWelcome;
    toWelcome = Promise.resolve([]);
    void welcoming.then((joined) => {
      for (const guildId of joined) {
        const guild = client.guilds.cache.get(guildId);
        if (guild) void welcome(guild, log);
      }
    });
  });
  client.on(Events.ShardResume, (shardId, replayed) => {
    const outageMs = health.connected('resumed');
    log.warn('gateway resumed; missed events replayed', { shardId, replayed, outageMs });
  });
  client.on(Events.ShardDisconnect, (event, shardId) => {
    const reason = FATAL_CLOSE_CODES[event.code] ?? 'closed for good';
    health.gone(event.code);
    log.error(`Discord closed the gateway for good (${event.code}): ${reason}`, { shardId, code: event.code });
    deps.onFatal(event.code, reason);
  });
}

type SharedOptions = Pick<InteractionReplyOptions, 'content' | 'embeds' | 'components' | 'files' | 'allowedMentions'>;

/** Posts the welcome in the server's system channel, when there is one the bot may post in. */
async function welcome(guild: Guild, log: Logger): Promise<void> {
  const channel = guild.systemChannel;
  const me = guild.members.me;
  const needed = [PermissionFlagsBits.ViewChannel, PermissionFlagsBits.SendMessages];
  if (!channel || !me || !channel.permissionsFor(me).has(needed)) {
    log.info('joined a server; no system channel to welcome in', { guildId: guild.id });
    return;
  }
  try {
    await channel.send({ content: textFor(guild.preferredLocale).common.welcome, allowedMentions: { parse: [] } });
    log.info('joined a server; welcome posted', { guildId: guild.id });
  } catch (err) {
    log.warn('could not post the welcome', { guildId: guild.id, error: err });
  }
}

function toDiscordJs(message: BotMessage): SharedOptions {
  const options: SharedOptions = { allowedMentions: { parse: [] } };
  if (message.content !== undefined) options.content = message.content;
  if (message.embeds !== undefined) options.embeds = message.embeds;
  if (message.components !== undefined) options.components = message.components;
  // Components V2: the layout is the message (the flag is added by flagsOf).
  if (message.layout !== undefined) {
    delete options.content;
    delete options.embeds;
    options.components = message.layout;
  }
  if (message.files !== undefined) options.files = message.files.map((f) => ({ attachment: f.data, name: f.name }));
  return options;
}

/** Ephemeral and Components V2, as discord.js takes them. */
function flagsOf(message: BotMessage): number | undefined {
  const flags = (message.ephemeral ? MessageFlags.Ephemeral : 0) | (message.layout ? MessageFlags.IsComponentsV2 : 0);
  return flags || undefined;
}

/** Who sent an interaction, from where, and its token: the same for a command and a press. */
function origin(interaction: ButtonInteraction | ChatInputCommandInteraction) {
  return {
    user: { id: interaction.user.id, username: interaction.user.username, globalName: interaction.user.globalName },
    ...placeOfInteraction(interaction),
    locale: interaction.locale,
    guildLocale: interaction.guildLocale,
    channelId: interaction.channelId,
    memberPermissions: interaction.memberPermissions?.bitfield ?? null,
    appPermissions: interaction.appPermissions?.bitfield ?? null,
    interactionToken: interaction.token,
  };
}

/** The same reading of the place as the HTTP door's (see interaction/place.ts). */
function placeOfInteraction(interaction: ButtonInteraction | ChatInputCommandInteraction | AutocompleteInteraction) {
  const owners = interaction.authorizingIntegrationOwners;
  return placeOf({
    guildId: interaction.guildId,
    context: interaction.context ?? null,
    guildInstallOwner: owners.guildId,
    // Every interaction since user installs names at least one owner: none means a payload from before them.
    ownersKnown: owners.guildId !== null || owners.userId !== null,
  });
}

/** A button press, answered through discord.js's own interaction; later edits through the webhook. */
export function handleGatewayPress(interaction: ButtonInteraction, deps: GatewayDoorDeps): Promise<void> {
  return runComponent(
    { ...origin(interaction), customId: interaction.customId },
    {
      async respond(message) {
        await interaction.reply({ ...toDiscordJs(message), flags: flagsOf(message) } as InteractionReplyOptions);
      },
      async defer(ephemeral) {
        await interaction.deferReply({ flags: ephemeral ? MessageFlags.Ephemeral : undefined });
      },
      async update(message) {
        await interaction.update({ ...toDiscordJs(message), flags: message.layout ? MessageFlags.IsComponentsV2 : undefined });
      },
      async deferUpdate() {
        await interaction.deferUpdate();
      },
      async editOriginal(message) {
        await deps.webhooks.editOriginal(interaction.token, message);
      },
      async followUp(message) {
        await deps.webhooks.followUp(interaction.token, message);
      },
    },
    deps.press,
    deps.log,
    deps.ackDeadlineMs ?? ACK_DEADLINE_MS,
  );
}

/** Suggestions for a member typing into an option; a failure to answer is logged, never thrown. */
export async function handleGatewayAutocomplete(interaction: AutocompleteInteraction, deps: GatewayDoorDeps): Promise<void> {
  const focused = interaction.options.getFocused(true);
  try {
    const choices = await deps.autocomplete({
      commandName: interaction.commandName,
      user: { id: interaction.user.id, username: interaction.user.username, globalName: interaction.user.globalName },
      guildId: placeOfInteraction(interaction).guildId,
      locale: interaction.locale,
      options: parseOptions(interaction.options.data as readonly RawOption[]),
      focused: { name: focused.name, value: String(focused.value) },
    });
    await interaction.respond(choices);
  } catch (err) {
    deps.log.warn('could not answer an autocomplete', { command: interaction.commandName, error: err });
  }
}

export function handleGatewayInteraction(interaction: ChatInputCommandInteraction, deps: GatewayDoorDeps): Promise<void> {
  const ephemeralFlag = (ephemeral: boolean | undefined) => (ephemeral ? MessageFlags.Ephemeral : undefined);
  return runInteraction(
    {
      ...origin(interaction),
      commandName: interaction.commandName,
      options: parseOptions(interaction.options.data as readonly RawOption[]),
    },
    {
      async respond(message) {
        await interaction.reply({ ...toDiscordJs(message), flags: flagsOf(message) } as InteractionReplyOptions);
      },
      async defer(ephemeral) {
        await interaction.deferReply({ flags: ephemeralFlag(ephemeral) });
      },
      async editOriginal(message) {
        await deps.webhooks.editOriginal(interaction.token, message);
      },
    },
    deps.dispatch,
    deps.log,
    deps.ackDeadlineMs ?? ACK_DEADLINE_MS,
  );
}
