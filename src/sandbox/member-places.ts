// Where the console's member speaks, as the local Discord holds it: their
// roles in the chosen server (the console sets Mods; the linked role is the
// bot's to give), their DM with the bot (Discord's DM channel, which the bot
// may post in), and their group DM with friends (a channel the bot is not
// in, so it may not post there). The interaction's place fields are
// places.ts's, as Discord sends them for each kind of place.

import { dmChannelOf, type LocalDiscord } from '../local-discord/local-discord.js';
import { snowflake } from './console-interactions.js';
import { ALL_PERMISSIONS, FOREIGN_GUILD, MEMBER_PERMISSIONS, placeFields, type Where } from './places.js';
import { BOT_PERMISSIONS, type SandboxGuild } from './sandbox-discord.js';

export interface ConsoleMember {
  id: string;
  username: string;
  globalName: string;
  roles: string[];
  admin: boolean;
}

/** A member in a place: what the interaction says of it, and what the page shows with the answer. */
export interface Seat {
  where: Where;
  /** The interaction's fields that say where it happened. */
  fields: Record<string, unknown>;
  channelId: string;
  /** The server's name, or null in a DM. */
  place: string | null;
  /** The member whose DM (with the bot, or with friends) it is. */
  dmWith?: string;
}

export class MemberPlaces {
  /** Each member's group DM with friends: a snowflake, as Discord's channel ids are. */
  private readonly groupDms = new Map<string, string>();

  constructor(private readonly discord: LocalDiscord) {}

  /** The console sets the roles you choose (Mods); the linked role stays the bot's to give or take. */
  chooseRoles(member: ConsoleMember, guild: SandboxGuild): void {
    const members = this.discord.guilds.get(guild.id)?.members;
    if (!members) return;
    const had = members.get(member.id) ?? [];
    members.set(member.id, [...member.roles.filter((r) => r === guild.roles.mods), ...had.filter((r) => r === guild.roles.linked)]);
  }

  /** The member where they speak; `dmChannel`: the DM a pressed message is in. */
  seat(where: Where, guild: SandboxGuild, member: ConsoleMember, dmChannel?: string): Seat {
    const user = { id: member.id, username: member.username, global_name: member.globalName, discriminator: '0', avatar: null };
    const roles = where === 'foreign-server' ? [] : (this.discord.guilds.get(guild.id)?.members.get(member.id) ?? []);
    const permissions = String(member.admin ? ALL_PERMISSIONS : MEMBER_PERMISSIONS);
    const fields = placeFields(where, {
      userId: member.id,
      guild,
      dmChannelId: dmChannel ?? this.dmChannel(member.id, where === 'private-channel'),
      user,
      member: { user, roles, permissions, joined_at: '2024-01-01T00:00:00.000000+00:00' },
      botPermissions: BOT_PERMISSIONS,
    });
    const place = where === 'server' ? guild.name : where === 'foreign-server' ? FOREIGN_GUILD.name : null;
    const inDm = where === 'bot-dm' || where === 'private-channel';
    return { where, fields, channelId: String(fields.channel_id), place, dmWith: inDm ? member.id : undefined };
  }

  /** The member a DM channel is with (their DM with the bot, or their group DM), if it is one. */
  dmWith(channelId: string): string | undefined {
    const withBot = this.discord.dmChannels.get(channelId);
    if (withBot) return withBot;
    for (const [memberId, channel] of this.groupDms) if (channel === channelId) return memberId;
    return undefined;
  }

  /** The member's DM with the bot (which Discord then knows, so the bot may post in it), or their group DM. */
  private dmChannel(memberId: string, group: boolean): string {
    if (!group) {
      const channel = dmChannelOf(memberId);
      this.discord.dmChannels.set(channel, memberId);
      return channel;
    }
    let channel = this.groupDms.get(memberId);
    if (!channel) {
      channel = snowflake();
      this.groupDms.set(memberId, channel);
    }
    return channel;
  }
}
