// The few Discord REST calls server administration needs, with the bot's
// token. @discordjs/rest queues requests per rate-limit bucket and waits out
// 429s, so backfills are paced to Discord's limits without extra code here.

import { DiscordAPIError, type REST } from '@discordjs/rest';
import {
  type APIChannel,
  type APIGuild,
  type APIGuildMember,
  type APIUser,
  MessageFlags,
  RESTJSONErrorCodes,
  Routes,
} from 'discord-api-types/v10';
import type { BotMessage } from '../interaction/contract.js';
import { messageBody } from './message-body.js';

export type GuildApiErrorKind = 'missing-permissions' | 'missing-access' | 'unknown-member' | 'unknown-role' | 'unknown';

export class GuildApiError extends Error {
  constructor(
    readonly kind: GuildApiErrorKind,
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'GuildApiError';
  }
}

/**
 * What went wrong talking to Discord, in terms an admin can act on (the raw status and message go to the log):
 * a permission, something that no longer exists, the bot's token, or Discord itself.
 */
export type DiscordFailure = GuildApiErrorKind | 'token-refused' | 'unavailable';

export function discordFailureOf(err: unknown): DiscordFailure {
  if (!(err instanceof GuildApiError)) return 'unknown';
  if (err.kind !== 'unknown') return err.kind;
  if (err.status === 401) return 'token-refused';
  if (err.status === undefined || err.status === 429 || err.status >= 500) return 'unavailable';
  return 'unknown';
}

function translate(err: unknown): never {
  if (err instanceof DiscordAPIError) {
    const kinds: Partial<Record<number | string, GuildApiErrorKind>> = {
      [RESTJSONErrorCodes.MissingPermissions]: 'missing-permissions',
      [RESTJSONErrorCodes.MissingAccess]: 'missing-access',
      [RESTJSONErrorCodes.UnknownMember]: 'unknown-member',
      [RESTJSONErrorCodes.UnknownRole]: 'unknown-role',
    };
    const kind = kinds[err.code] ?? 'unknown';
    throw new GuildApiError(kind, `Discord answered ${err.status} (${err.code}): ${err.message}`, err.status);
  }
  throw new GuildApiError('unknown', err instanceof Error ? err.message : String(err));
}

export interface GuildApi {
  botUserId(): Promise<string>;
  guild(guildId: string): Promise<APIGuild>;
  member(guildId: string, userId: string): Promise<APIGuildMember>;
  channel(channelId: string): Promise<APIChannel>;
  addRole(guildId: string, userId: string, roleId: string, reason: string): Promise<void>;
  removeRole(guildId: string, userId: string, roleId: string, reason: string): Promise<void>;
  /** A private message from the bot; fails when the member does not accept DMs from it. */
  sendDirectMessage(userId: string, content: string): Promise<void>;
  /** The same, for a whole message (embeds and attached files, such as a report and its chart). */
  sendDirect(userId: string, message: BotMessage): Promise<void>;
  /**
   * Posts in a server channel. With `nonce`, Discord returns the message
   * already posted with it (enforce_nonce) instead of posting it again, for a
   * few minutes: a retry after a crash mid-post posts once.
   */
  postMessage(channelId: string, message: BotMessage, nonce?: string): Promise<void>;
}

export class RestGuildApi implements GuildApi {
  private botId?: Promise<string>;

  constructor(private readonly rest: REST) {}

  botUserId(): Promise<string> {
    this.botId ??= (this.rest.get(Routes.user('@me')) as Promise<APIUser>)
      .then((u) => u.id)
      .catch((err: unknown) => {
        this.botId = undefined;
        return translate(err);
      });
    return this.botId;
  }

  guild(guildId: string): Promise<APIGuild> {
    return (this.rest.get(Routes.guild(guildId)) as Promise<APIGuild>).catch(translate);
  }

  member(guildId: string, userId: string): Promise<APIGuildMember> {
    return (this.rest.get(Routes.guildMember(guildId, userId)) as Promise<APIGuildMember>).catch(translate);
  }

  channel(channelId: string): Promise<APIChannel> {
    return (this.rest.get(Routes.channel(channelId)) as Promise<APIChannel>).catch(translate);
  }

  async addRole(guildId: string, userId: string, roleId: string, reason: string): Promise<void> {
    await this.rest.put(Routes.guildMemberRole(guildId, userId, roleId), { reason }).catch(translate);
  }

  async removeRole(guildId: string, userId: string, roleId: string, reason: string): Promise<void> {
    await this.rest.delete(Routes.guildMemberRole(guildId, userId, roleId), { reason }).catch(translate);
  }

  sendDirectMessage(userId: string, content: string): Promise<void> {
    return this.sendDirect(userId, { content });
  }

  async sendDirect(userId: string, message: BotMessage): Promise<void> {
    const channel = (await this.rest.post(Routes.userChannels(), { body: { recipient_id: userId } }).catch(translate)) as APIChannel;
    await this.postMessage(channel.id, message);
  }

  async postMessage(channelId: string, message: BotMessage, nonce?: string): Promise<void> {
    const { body, files } = messageBody(message);
    // A channel message is never ephemeral; a Components V2 one keeps its flag.
    if (body.flags !== undefined) body.flags &= MessageFlags.IsComponentsV2;
    if (!body.flags) delete body.flags;
    const sent = nonce ? { ...body, nonce, enforce_nonce: true } : body;
    await this.rest.post(Routes.channelMessages(channelId), { body: sent, ...(files.length > 0 ? { files } : {}) }).catch(translate);
  }
}
