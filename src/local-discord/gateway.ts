// A stand-in for Discord's gateway (v10, JSON, no compression) over a real
// WebSocket on 127.0.0.1: HELLO, IDENTIFY → READY and a GUILD_CREATE per
// server, heartbeats acknowledged, RESUME replaying what was missed (or op 9
// when the session is gone), and switches a test flips: close with a code,
// drop the TCP connection, op 7, op 9, remove or add a server.

import type { AddressInfo } from 'node:net';
import { type WebSocket, WebSocketServer } from 'ws';

interface Frame {
  op: number;
  d?: unknown;
  s?: number | null;
  t?: string | null;
}

export interface GatewayGuild {
  id: string;
  name: string;
  systemChannelId: string | null;
  /** When the bot joined (ISO). */
  joinedAt: string;
}

const botUser = (id: string) => ({ id, username: 'xbot', discriminator: '0', bot: true, global_name: null, avatar: null });
/** View Channel and Send Messages for @everyone, so the bot may welcome in the system channel. */
const EVERYONE_PERMISSIONS = String(1024 | 2048);

export class GatewayStandIn {
  url = '';
  readonly guilds = new Map<string, GatewayGuild>();
  /** Every frame the bot sent, in order. */
  readonly received: Frame[] = [];
  identifies = 0;
  /** Set: every IDENTIFY is answered by closing with this code (4004: Discord refuses the token). */
  closeOnIdentify: number | null = null;
  resumes = 0;
  /** The session a RESUME may continue; cleared to make the next RESUME fail (op 9). */
  private session: { id: string; events: Frame[] } | null = null;
  private sequence = 0;
  private socket: WebSocket | null = null;
  private server: WebSocketServer | null = null;
  private heartbeatMs: number;
  private readonly botUserId: string;

  constructor(options: { heartbeatMs?: number; botUserId: string }) {
    this.heartbeatMs = options.heartbeatMs ?? 1000;
    this.botUserId = options.botUserId;
  }

  async start(): Promise<this> {
    const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    await new Promise<void>((resolve) => server.once('listening', () => resolve()));
    this.server = server;
    this.url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}`;
    server.on('connection', (socket) => this.accept(socket));
    return this;
  }

  async stop(): Promise<void> {
    for (const client of this.server?.clients ?? []) client.terminate();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** Whether a bot is connected and has identified or resumed. */
  get connected(): boolean {
    return this.socket !== null && this.session !== null;
  }

  private accept(socket: WebSocket): void {
    this.socket?.terminate();
    this.socket = socket;
    this.send(socket, { op: 10, d: { heartbeat_interval: this.heartbeatMs } });
    socket.on('message', (raw) => {
      const frame = JSON.parse(String(raw)) as Frame;
      this.received.push(frame);
      if (frame.op === 1) this.send(socket, { op: 11 });
      else if (frame.op === 2) this.identify(socket);
      else if (frame.op === 6) this.resume(socket, frame.d as { session_id: string; seq: number });
    });
    socket.on('close', () => {
      if (this.socket === socket) this.socket = null;
    });
  }

  private identify(socket: WebSocket): void {
    this.identifies++;
    if (this.closeOnIdentify !== null) {
      socket.close(this.closeOnIdentify, 'stand-in refuses');
      return;
    }
    this.sequence = 0;
    this.session = { id: `session-${this.identifies}`, events: [] };
    this.dispatch(
      'READY',
      {
        v: 10,
        user: botUser(this.botUserId),
        guilds: [...this.guilds.values()].map((g) => ({ id: g.id, unavailable: true })),
        session_id: this.session.id,
        resume_gateway_url: this.url,
        shard: [0, 1],
        application: { id: this.botUserId, flags: 0 },
      },
      socket,
    );
    for (const guild of this.guilds.values()) this.dispatch('GUILD_CREATE', guildPayload(guild, this.botUserId), socket);
  }

  private resume(socket: WebSocket, d: { session_id: string; seq: number }): void {
    this.resumes++;
    if (!this.session || this.session.id !== d.session_id) {
      this.send(socket, { op: 9, d: false });
      return;
    }
    for (const event of this.session.events.filter((e) => (e.s ?? 0) > d.seq)) this.send(socket, event);
    this.dispatch('RESUMED', {}, socket);
  }

  private send(socket: WebSocket, frame: Frame): void {
    if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(frame));
  }

  /** Sends an event now, or keeps it for a RESUME while no bot is connected. */
  dispatch(t: string, d: unknown, socket: WebSocket | null = this.socket): void {
    const frame: Frame = { op: 0, t, s: ++this.sequence, d };
    this.session?.events.push(frame);
    if (socket) this.send(socket, frame);
  }

  /** Discord adds the bot to a server: GUILD_CREATE now (or replayed on RESUME; absent after a new session). */
  addGuild(guild: GatewayGuild): void {
    this.guilds.set(guild.id, guild);
    this.dispatch('GUILD_CREATE', guildPayload(guild, this.botUserId));
  }

  /** The bot is removed from a server: GUILD_DELETE without `unavailable`. */
  removeGuild(id: string): void {
    this.guilds.delete(id);
    this.dispatch('GUILD_DELETE', { id });
  }

  /** Closes the connection with a close code, as Discord does. */
  close(code: number): void {
    this.socket?.close(code, 'stand-in');
  }

  /** Drops the TCP connection without a close frame. */
  drop(): void {
    this.socket?.terminate();
    this.socket = null;
  }

  /** op 7: reconnect and resume. */
  askToReconnect(): void {
    if (this.socket) this.send(this.socket, { op: 7, d: null });
  }

  /** op 9: the session is invalid; `resumable` false makes the bot identify anew. */
  invalidateSession(resumable: boolean): void {
    if (!resumable) this.session = null;
    if (this.socket) this.send(this.socket, { op: 9, d: resumable });
  }

  /** The session ends on Discord's side (e.g. a long outage): the next RESUME fails and the bot identifies. */
  forgetSession(): void {
    this.session = null;
  }
}

function guildPayload(guild: GatewayGuild, botUserId: string) {
  const channel = guild.systemChannelId
    ? [{ id: guild.systemChannelId, type: 0, name: 'general', position: 0, permission_overwrites: [], guild_id: guild.id }]
    : [];
  return {
    id: guild.id,
    name: guild.name,
    icon: null,
    owner_id: '200000000000000099',
    afk_timeout: 300,
    verification_level: 0,
    default_message_notifications: 0,
    explicit_content_filter: 0,
    mfa_level: 0,
    premium_tier: 0,
    nsfw_level: 0,
    preferred_locale: 'en-US',
    features: [],
    emojis: [],
    stickers: [],
    roles: [
      {
        id: guild.id,
        name: '@everyone',
        permissions: EVERYONE_PERMISSIONS,
        position: 0,
        color: 0,
        hoist: false,
        managed: false,
        mentionable: false,
        flags: 0,
      },
    ],
    channels: channel,
    threads: [],
    members: [{ user: botUser(botUserId), roles: [], joined_at: guild.joinedAt, deaf: false, mute: false, flags: 0 }],
    voice_states: [],
    presences: [],
    stage_instances: [],
    guild_scheduled_events: [],
    system_channel_id: guild.systemChannelId,
    system_channel_flags: 0,
    joined_at: guild.joinedAt,
    member_count: 2,
    large: false,
    unavailable: false,
  };
}
