// A stand-in for Discord's REST API: accepts interaction callbacks and webhook
// edits, records them for assertions.

import { HttpStandIn, type RecordedRequest } from '../../src/local-x/http-stand-in.js';
import { DiscordOAuth } from './discord-oauth-stand-in.js';
import { APPLICATION_ID } from './discord-payloads.js';

export interface StandInRole {
  id: string;
  name: string;
  position: number;
  permissions: string;
  managed?: boolean;
}

export const BOT_USER_ID = '1100000000000000001';

/** One server as the stand-in knows it: roles, members' roles, channels. */
export interface StandInGuild {
  id: string;
  ownerId: string;
  roles: StandInRole[];
  members: Map<string, string[]>;
  channels: Map<
    string,
    { id: string; type: number; guild_id: string; permission_overwrites: Array<{ id: string; type: 0 | 1; allow: string; deny: string }> }
  >;
}

export class DiscordStandIn extends HttpStandIn {
  readonly guilds = new Map<string, StandInGuild>();
  /** Where GET /gateway/bot sends the bot: a GatewayStandIn's address, when a test runs one. */
  gatewayUrl: string | null = null;
  /** OAuth2 for Linked Roles. */
  readonly oauth = new DiscordOAuth(APPLICATION_ID);

  constructor() {
    super((req) => {
      const oauthRoute = this.oauth.route(req);
      if (oauthRoute) return oauthRoute;
      if (req.method === 'GET' && req.path === '/api/v10/gateway/bot' && this.gatewayUrl) {
        return {
          status: 200,
          body: {
            url: this.gatewayUrl,
            shards: 1,
            session_start_limit: { total: 1000, remaining: 999, reset_after: 14_400_000, max_concurrency: 1 },
          },
        };
      }
      const guildRoute = this.guildRoute(req);
      if (guildRoute) return guildRoute;
      if (/^\/api\/v10\/interactions\/\d+\/[^/]+\/callback$/.test(req.path)) return { status: 204 };
      if (/^\/api\/v10\/webhooks\/\d+\/[^/]+\/messages\/@original$/.test(req.path)) {
        return { status: 200, body: { id: '1', channel_id: '1', content: '', embeds: [], attachments: [] } };
      }
      if (req.method === 'PUT' && /^\/api\/v10\/applications\/\d+(\/guilds\/\d+)?\/commands$/.test(req.path)) {
        const commands = (req.json as Array<Record<string, unknown>>) ?? [];
        return { status: 200, body: commands.map((c, i) => ({ id: String(1000 + i), version: '1', ...c })) };
      }
      return { status: 404, body: { message: '404: Not Found', code: 0 } };
    });
  }

  private guildRoute(req: RecordedRequest) {
    const notFound = (code: number, message: string) => ({ status: 404, body: { message, code } });
    if (req.method === 'GET' && req.path === '/api/v10/users/@me') {
      return { status: 200, body: { id: BOT_USER_ID, username: 'xbot', discriminator: '0', bot: true, global_name: null, avatar: null } };
    }
    if (req.method === 'POST' && req.path === '/api/v10/users/@me/channels') {
      const recipient = (req.json as { recipient_id?: string } | undefined)?.recipient_id ?? '0';
      return {
        status: 200,
        body: {
          id: `15${recipient.slice(2)}`,
          type: 1,
          recipients: [{ id: recipient, username: 'u', discriminator: '0', avatar: null, global_name: null }],
        },
      };
    }
    const messages = /^\/api\/v10\/channels\/(\d+)\/messages$/.exec(req.path);
    if (messages && req.method === 'POST') {
      return {
        status: 200,
        body: {
          id: '1400000000000000001',
          channel_id: messages[1],
          content: '',
          author: { id: BOT_USER_ID, username: 'xbot', discriminator: '0', avatar: null, global_name: null },
          embeds: [],
          attachments: [],
          mentions: [],
          mention_roles: [],
          pinned: false,
          mention_everyone: false,
          tts: false,
          timestamp: '2026-11-23T12:00:00.000000+00:00',
          edited_timestamp: null,
          flags: 0,
          components: [],
          type: 0,
        },
      };
    }
    const channel = /^\/api\/v10\/channels\/(\d+)$/.exec(req.path);
    if (channel && req.method === 'GET') {
      for (const g of this.guilds.values()) {
        const found = g.channels.get(channel[1]!);
        if (found) return { status: 200, body: { ...found, name: 'reports' } };
      }
      return notFound(10003, 'Unknown Channel');
    }
    const m = /^\/api\/v10\/guilds\/(\d+)(?:\/members\/(\d+)(?:\/roles\/(\d+))?)?$/.exec(req.path);
    if (!m) return undefined;
    const guild = this.guilds.get(m[1]!);
    if (!guild) return notFound(10004, 'Unknown Guild');
    const [, , userId, roleId] = m;
    if (!userId && req.method === 'GET') {
      return {
        status: 200,
        body: {
          id: guild.id,
          name: 'Test server',
          owner_id: guild.ownerId,
          roles: guild.roles.map((r) => ({ managed: false, hoist: false, mentionable: false, color: 0, flags: 0, ...r })),
        },
      };
    }
    const roles = userId ? guild.members.get(userId) : undefined;
    if (userId && !roles) return notFound(10007, 'Unknown Member');
    if (userId && !roleId && req.method === 'GET')
      return {
        status: 200,
        body: { user: { id: userId, username: 'u' }, roles, joined_at: '2024-01-01T00:00:00Z', deaf: false, mute: false, flags: 0 },
      };
    if (roleId && !guild.roles.some((r) => r.id === roleId)) return notFound(10011, 'Unknown Role');
    if (roleId && req.method === 'PUT') {
      if (!roles!.includes(roleId)) roles!.push(roleId);
      return { status: 204 };
    }
    if (roleId && req.method === 'DELETE') {
      guild.members.set(
        userId!,
        roles!.filter((r) => r !== roleId),
      );
      return { status: 204 };
    }
    return undefined;
  }

  get apiUrl(): string {
    return `${this.baseUrl}/api`;
  }

  /** JSON body of a request, whether sent as JSON or as multipart payload_json. */
  static payload(req: RecordedRequest): Record<string, unknown> {
    if (req.json) return req.json as Record<string, unknown>;
    const match = /name="payload_json"\r\n(?:Content-Type: [^\r\n]+\r\n)?\r\n([\s\S]*?)\r\n--/.exec(req.body);
    return match ? (JSON.parse(match[1]!) as Record<string, unknown>) : {};
  }

  edits(): RecordedRequest[] {
    return this.requestsTo(/^PATCH \/api\/v10\/webhooks\/.*\/messages\/@original$/);
  }

  /** Direct messages the bot sent, with the user each went to. */
  directMessages(): Array<{ userId: string; content: string }> {
    const channels = new Map(
      this.requestsTo(/^POST \/api\/v10\/users\/@me\/channels$/).map((r) => {
        const id = (r.json as { recipient_id: string }).recipient_id;
        return [`15${id.slice(2)}` as string, id] as const;
      }),
    );
    return this.requestsTo(/^POST \/api\/v10\/channels\/\d+\/messages$/)
      .map((r) => ({ channel: /channels\/(\d+)\//.exec(r.path)![1]!, content: String(DiscordStandIn.payload(r).content) }))
      .filter((m) => channels.has(m.channel))
      .map((m) => ({ userId: channels.get(m.channel)!, content: m.content }));
  }

  callbacks(): RecordedRequest[] {
    return this.requestsTo(/^POST \/api\/v10\/interactions\//);
  }
}
