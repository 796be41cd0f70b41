// Servers as the local Discord knows them (roles, members' roles, channels)
// and the REST lookups the bot makes on them: the server with its roles, a
// member, adding and removing a role, a channel with its overwrites.

import type { CannedResponse, RecordedRequest } from '../local-x/http-stand-in.js';

export interface StandInRole {
  id: string;
  name: string;
  position: number;
  permissions: string;
  managed?: boolean;
}

export interface StandInChannel {
  id: string;
  type: number;
  guild_id: string;
  name?: string;
  permission_overwrites: Array<{ id: string; type: 0 | 1; allow: string; deny: string }>;
}

/** One server: roles, members' roles by user id, channels by id. */
export interface StandInGuild {
  id: string;
  name?: string;
  ownerId: string;
  roles: StandInRole[];
  members: Map<string, string[]>;
  channels: Map<string, StandInChannel>;
}

const notFound = (code: number, message: string): CannedResponse => ({ status: 404, body: { message, code } });

export class Guilds extends Map<string, StandInGuild> {
  /** Called after a member's roles change. */
  onChange: () => void = () => {};

  channel(id: string): StandInChannel | undefined {
    for (const g of this.values()) {
      const found = g.channels.get(id);
      if (found) return found;
    }
    return undefined;
  }

  route(req: RecordedRequest): CannedResponse | undefined {
    const channel = /^\/api\/v10\/channels\/(\d+)$/.exec(req.path);
    if (channel && req.method === 'GET') {
      const found = this.channel(channel[1] ?? '');
      return found ? { status: 200, body: { name: 'reports', ...found } } : notFound(10003, 'Unknown Channel');
    }
    const m = /^\/api\/v10\/guilds\/(\d+)(?:\/members\/(\d+)(?:\/roles\/(\d+))?)?$/.exec(req.path);
    if (!m) return undefined;
    const guild = this.get(m[1] ?? '');
    if (!guild) return notFound(10004, 'Unknown Guild');
    const [, , userId, roleId] = m;
    if (!userId) return req.method === 'GET' ? { status: 200, body: guildJson(guild) } : undefined;
    const roles = guild.members.get(userId);
    if (!roles) return notFound(10007, 'Unknown Member');
    if (!roleId) {
      if (req.method !== 'GET') return undefined;
      const body = { user: { id: userId, username: 'u' }, roles, joined_at: '2024-01-01T00:00:00Z', deaf: false, mute: false, flags: 0 };
      return { status: 200, body };
    }
    if (!guild.roles.some((r) => r.id === roleId)) return notFound(10011, 'Unknown Role');
    if (req.method === 'PUT') guild.members.set(userId, [...new Set([...roles, roleId])]);
    else if (req.method === 'DELETE')
      guild.members.set(
        userId,
        roles.filter((r) => r !== roleId),
      );
    else return undefined;
    this.onChange();
    return { status: 204 };
  }
}

function guildJson(guild: StandInGuild) {
  return {
    id: guild.id,
    name: guild.name ?? 'Test server',
    owner_id: guild.ownerId,
    roles: guild.roles.map((r) => ({ managed: false, hoist: false, mentionable: false, color: 0, flags: 0, ...r })),
  };
}
