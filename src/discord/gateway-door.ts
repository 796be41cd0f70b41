// The gateway door: a discord.js client receives interactions over the
// WebSocket and answers through discord.js. Only the Guilds intent, and caches
// trimmed to what the bot reads.

import {
  Client,
  Events,
  GatewayIntentBits,
  MessageFlags,
  Options,
  type ChatInputCommandInteraction,
  type InteractionReplyOptions,
} from 'discord.js';
import type { Dispatch } from '../commands/dispatch.js';
import { parseOptions, type RawOption } from '../commands/options.js';
import type { BotMessage } from '../commands/types.js';
import type { Logger } from '../log/logger.js';
import { ACK_DEADLINE_MS, runInteraction } from './run-interaction.js';

export interface GatewayDoorDeps {
  discordApiUrl: string;
  dispatch: Dispatch;
  log: Logger;
  ackDeadlineMs?: number;
}

export function createGatewayClient(deps: GatewayDoorDeps): Client {
  const client = new Client({
    intents: [GatewayIntentBits.Guilds],
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
    if (!interaction.isChatInputCommand()) return;
    void handleGatewayInteraction(interaction, deps);
  });
  client.once(Events.ClientReady, (ready) => {
    deps.log.info('gateway connected', { bot: ready.user.tag, guilds: ready.guilds.cache.size });
  });
  client.on(Events.Error, (err) => deps.log.error('gateway error', { error: err }));
  client.on(Events.ShardDisconnect, (_event, shardId) => deps.log.warn('gateway disconnected', { shardId }));
  return client;
}

type SharedOptions = Pick<InteractionReplyOptions, 'content' | 'embeds' | 'components' | 'files' | 'allowedMentions'>;

function toDiscordJs(message: BotMessage): SharedOptions {
  const options: SharedOptions = { allowedMentions: { parse: [] } };
  if (message.content !== undefined) options.content = message.content;
  if (message.embeds !== undefined) options.embeds = message.embeds;
  if (message.components !== undefined) options.components = message.components;
  if (message.files !== undefined) options.files = message.files.map((f) => ({ attachment: f.data, name: f.name }));
  return options;
}

export function handleGatewayInteraction(interaction: ChatInputCommandInteraction, deps: GatewayDoorDeps): Promise<void> {
  const ephemeralFlag = (ephemeral: boolean | undefined) => (ephemeral ? MessageFlags.Ephemeral : undefined);
  return runInteraction(
    {
      commandName: interaction.commandName,
      user: { id: interaction.user.id, username: interaction.user.username, globalName: interaction.user.globalName },
      guildId: interaction.guildId,
      channelId: interaction.channelId,
      memberPermissions: interaction.memberPermissions?.bitfield ?? null,
      options: parseOptions(interaction.options.data as readonly RawOption[]),
      interactionToken: interaction.token,
    },
    {
      async respond(message) {
        await interaction.reply({ ...toDiscordJs(message), flags: ephemeralFlag(message.ephemeral) });
      },
      async defer(ephemeral) {
        await interaction.deferReply({ flags: ephemeralFlag(ephemeral) });
      },
      async editOriginal(message) {
        await interaction.editReply(toDiscordJs(message));
      },
    },
    deps.dispatch,
    deps.log,
    deps.ackDeadlineMs ?? ACK_DEADLINE_MS,
  );
}
