// The local Discord: one stand-in for Discord's REST API on 127.0.0.1, shared
// by the tests, the benchmarks and the sandbox console (as src/local-x is for
// X). It records every request, holds the messages a member would see (see
// messages.ts), checks what Discord checks where the bot depends on it (the
// bot token, message bodies, unknown servers, members, roles, channels and
// webhooks) and answers as Discord does. Never built into dist/.

import { type CannedResponse, HttpStandIn, type RecordedRequest } from '../local-x/http-stand-in.js';
import { Guilds } from './guilds.js';
import { MessageRoutes, readMessageBody } from './message-routes.js';
import { MessageLog, type Outcome, type SeenMessage } from './messages.js';
import { DiscordOAuth } from './oauth.js';

export interface LocalDiscordOptions {
  applicationId: string;
  /** The bot's user: GET /users/@me, the author of its messages. */
  botUser: { id: string; username: string };
  /** When set, REST calls other than webhooks and OAuth2 must carry `Bot <token>`, as Discord asks (else 401). */
  botToken?: string;
  /**
   * As strict as Discord where the tests leave it open to skip the setup: the bot posts only in the channels of the
   * servers it is in and in DM channels (403 Missing Access elsewhere), and a webhook token Discord never sent in an
   * interaction is an Unknown Webhook. The sandbox sets it: there a member sees what Discord would refuse.
   */
  strict?: boolean;
}

const V = '/api/v10';
/** A member's DM channel with the bot: a snowflake derived from the member's id, the same every time. */
export const dmChannelOf = (userId: string): string => `15${userId.slice(2)}`;

const parseOrUndefined = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
};

const EDIT = /^PATCH \/api\/v10\/webhooks\/.*\/messages\/@original$/;

export class LocalDiscord extends HttpStandIn {
  readonly guilds = new Guilds();
  readonly log = new MessageLog();
  /** Where GET /gateway/bot sends the bot: a GatewayStandIn's address, when a test runs one. */
  gatewayUrl: string | null = null;
  /** OAuth2 for Linked Roles. */
  readonly oauth: DiscordOAuth;
  /** DM channels opened, by channel id: the member each is with. */
  readonly dmChannels = new Map<string, string>();
  private readonly messageRoutes: MessageRoutes;
  /** When set, REST calls other than webhooks and OAuth2 must carry `Bot <token>`, as Discord asks (else 401). */
  botToken: string | undefined;

  constructor(readonly options: LocalDiscordOptions) {
    super((req) => this.answer(req));
    this.oauth = new DiscordOAuth(options.applicationId);
    this.botToken = options.botToken;
    const access = {
      mayPost: (channelId: string) => !options.strict || this.guilds.channel(channelId) !== undefined || this.dmChannels.has(channelId),
      knowsToken: (token: string) => !options.strict || this.log.knows(token),
    };
    this.messageRoutes = new MessageRoutes(
      this.log,
      options.applicationId,
      () => options.botUser,
      () => this.baseUrl,
      access,
    );
  }

  get apiUrl(): string {
    return `${this.baseUrl}/api`;
  }

  /**
   * Answers a web Request as its own server would (recorded alike): the sandbox mounts the local Discord on the
   * bot's web server under `prefix`, so the bot's DISCORD_API_URL is the sandbox's own address.
   */
  async fetch(request: Request, prefix = ''): Promise<Response> {
    const url = new URL(request.url);
    let path: string;
    try {
      // As Discord does: /users/%40me is /users/@me.
      path = decodeURIComponent(url.pathname.slice(prefix.length));
    } catch {
      return Response.json({ message: '400: Bad Request', code: 0 }, { status: 400 });
    }
    const raw = Buffer.from(await request.arrayBuffer());
    const headers = Object.fromEntries(request.headers);
    const recorded: RecordedRequest = { method: request.method, path, url: `${url.origin}${path}${url.search}`, headers, body: '', raw };
    recorded.body = raw.toString('utf8');
    if ((headers['content-type'] ?? '').includes('application/json')) recorded.json = parseOrUndefined(recorded.body);
    this.requests.push(recorded);
    if (this.requests.length > this.keepRequests) this.requests.splice(0, this.requests.length - this.keepRequests);
    const answer = await this.answer(recorded);
    const json = typeof answer.body === 'object';
    const body = answer.status === 204 ? null : typeof answer.body === 'object' ? JSON.stringify(answer.body) : (answer.body ?? '');
    const type = json ? 'application/json' : 'text/plain';
    return new Response(body, { status: answer.status, headers: { 'content-type': type, ...answer.headers } });
  }

  private async answer(req: RecordedRequest): Promise<CannedResponse> {
    const oauthRoute = this.oauth.route(req);
    if (oauthRoute) return oauthRoute;
    const open = /^\/api\/v10\/(interactions|webhooks)\//.test(req.path);
    const { botToken } = this;
    if (!open && botToken && req.headers.authorization !== `Bot ${botToken}`) {
      return { status: 401, body: { message: '401: Unauthorized', code: 0 } };
    }
    const route = this.guilds.route(req) ?? this.botRoute(req) ?? (await this.messageRoutes.route(req));
    return route ?? { status: 404, body: { message: '404: Not Found', code: 0 } };
  }

  private botRoute(req: RecordedRequest) {
    const { botUser, applicationId } = this.options;
    if (req.method === 'GET' && req.path === `${V}/gateway/bot` && this.gatewayUrl) {
      const limit = { total: 1000, remaining: 999, reset_after: 14_400_000, max_concurrency: 1 };
      return { status: 200, body: { url: this.gatewayUrl, shards: 1, session_start_limit: limit } };
    }
    if (req.method === 'GET' && req.path === `${V}/users/@me`) {
      return { status: 200, body: { ...botUser, discriminator: '0', bot: true, global_name: null, avatar: null } };
    }
    if (req.method === 'POST' && req.path === `${V}/users/@me/channels`) {
      const recipient = String((req.json as { recipient_id?: unknown } | undefined)?.recipient_id ?? '');
      if (!/^\d{17,20}$/.test(recipient)) return { status: 400, body: { message: 'Invalid Form Body', code: 50035 } };
      this.dmChannels.set(dmChannelOf(recipient), recipient);
      const user = { id: recipient, username: 'u', discriminator: '0', avatar: null, global_name: null };
      return { status: 200, body: { id: dmChannelOf(recipient), type: 1, recipients: [user] } };
    }
    if (req.method === 'PUT' && new RegExp(`^${V}/applications/${applicationId}(/guilds/\\d+)?/commands$`).test(req.path)) {
      const commands = (req.json as Array<Record<string, unknown>>) ?? [];
      return { status: 200, body: commands.map((c, i) => ({ id: String(1000 + i), version: '1', ...c })) };
    }
    return undefined;
  }

  /**
   * The bot's answer to an interaction given in the HTTP response (HTTP mode), as Discord takes it: like a
   * callback with the same body. Whoever posted the interaction (the console, a test) hands the answer over.
   */
  async answeredOverHttp(token: string, contentType: string, raw: Buffer): Promise<Outcome<SeenMessage | null>> {
    let json: unknown;
    if (contentType.includes('application/json')) json = JSON.parse(raw.toString('utf8'));
    const req = { headers: { 'content-type': contentType }, raw, json } as unknown as RecordedRequest;
    const body = await readMessageBody(req).catch(() => null);
    if (!body || typeof body.data.type !== 'number') return { ok: false, status: 400, code: 50035, message: 'Invalid Form Body' };
    return this.log.respond(token, body.data.type, (body.data.data ?? {}) as Record<string, unknown>, body.files);
  }

  /** An attached file of a message still held, by its id (the sandbox console serves them; this server does not). */
  file(id: string) {
    for (const m of this.log.messages) for (const a of m.attachments) if (a.id === id) return a;
    return undefined;
  }

  /** JSON body of a request, whether sent as JSON or as multipart payload_json. */
  static payload(req: RecordedRequest): Record<string, unknown> {
    if (req.json) return req.json as Record<string, unknown>;
    const match = /name="payload_json"\r\n(?:Content-Type: [^\r\n]+\r\n)?\r\n([\s\S]*?)\r\n--/.exec(req.body);
    return match ? (JSON.parse(match[1] ?? '{}') as Record<string, unknown>) : {};
  }

  static readMessageBody = readMessageBody;

  /** Whether a request edits an interaction's first answer (PATCH …/webhooks/<app>/<token>/messages/@original). */
  static isEdit(req: RecordedRequest): boolean {
    return EDIT.test(`${req.method} ${req.path}`);
  }

  edits(): RecordedRequest[] {
    return this.requestsTo(LocalDiscord.isEdit);
  }

  callbacks(): RecordedRequest[] {
    return this.requestsTo(/^POST \/api\/v10\/interactions\//);
  }

  /** What the member who used an interaction sees as its answer now (every edit applied). */
  original(token: string): SeenMessage | undefined {
    return this.log.original(token);
  }

  /** Messages in a channel (or DM channel), oldest first. */
  inChannel(channelId: string): SeenMessage[] {
    return this.log.messages.filter((m) => m.channelId === channelId);
  }

  /** Direct messages the bot sent, with the user each went to. */
  directMessages(): Array<{ userId: string; content: string }> {
    return this.log.messages
      .filter((m) => this.dmChannels.has(m.channelId) && !m.interactionToken)
      .map((m) => ({ userId: this.dmChannels.get(m.channelId) ?? '', content: m.content }));
  }
}
