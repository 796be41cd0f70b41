// The REST endpoints that make and change messages, as Discord answers them:
// interaction callbacks, the interaction webhook (@original, follow-ups and
// their edits) and channel messages. Bodies come as JSON or as multipart with
// payload_json and files[n]; what Discord would refuse is answered 400.

import { randomBytes } from 'node:crypto';
import type { CannedResponse, RecordedRequest } from '../local-x/http-stand-in.js';
import type { MessageLog, Outcome, SeenMessage, StoredFile } from './messages.js';

const V = '/api/v10';
const fail = (status: number, code: number, message: string): CannedResponse => ({ status, body: { message, code } });
const unknownWebhook = fail(404, 10015, 'Unknown Webhook');
const unknownMessage = fail(404, 10008, 'Unknown Message');
const missingAccess = fail(403, 50001, 'Missing Access');

/** A message body: JSON, or multipart with payload_json and files[n]; null when it is neither. */
export async function readMessageBody(req: RecordedRequest): Promise<{ data: Record<string, unknown>; files: StoredFile[] } | null> {
  const type = String(req.headers['content-type'] ?? '');
  if (!type.startsWith('multipart/form-data')) {
    const data = req.json;
    return data && typeof data === 'object' && !Array.isArray(data) ? { data: data as Record<string, unknown>, files: [] } : null;
  }
  const form = await new Response(new Uint8Array(req.raw), { headers: { 'content-type': type } }).formData().catch(() => null);
  if (!form) return null;
  const json = form.get('payload_json');
  let data: unknown = {};
  try {
    if (typeof json === 'string') data = JSON.parse(json);
  } catch {
    return null;
  }
  if (!data || typeof data !== 'object') return null;
  const files: StoredFile[] = [];
  for (const [key, value] of form.entries()) {
    if (!/^files\[\d+\]$/.test(key) || typeof value === 'string') continue;
    const data = Buffer.from(await value.arrayBuffer());
    files.push({ id: randomBytes(8).toString('hex'), filename: value.name, contentType: value.type || 'application/octet-stream', data });
  }
  return { data: data as Record<string, unknown>, files };
}

/** A message as Discord returns it. */
export function messageJson(m: SeenMessage, author: { id: string; username: string }, baseUrl: string) {
  return {
    id: m.id,
    type: m.interactionToken ? 20 : 0,
    channel_id: m.channelId,
    content: m.content,
    embeds: m.embeds,
    components: m.components,
    flags: m.flags,
    attachments: m.attachments.map((a) => ({
      id: a.id,
      filename: a.filename,
      size: a.data.length,
      content_type: a.contentType,
      url: `${baseUrl}/attachments/${a.id}/${a.filename}`,
      proxy_url: `${baseUrl}/attachments/${a.id}/${a.filename}`,
    })),
    author: { ...author, discriminator: '0', avatar: null, global_name: null, bot: true },
    mentions: [],
    mention_roles: [],
    mention_everyone: false,
    pinned: false,
    tts: false,
    timestamp: '2026-11-23T12:00:00.000000+00:00',
    edited_timestamp: m.edits > 0 ? '2026-11-23T12:00:01.000000+00:00' : null,
  };
}

/** What Discord lets through, where a host asks the local Discord to be as strict (see LocalDiscordOptions.strict). */
export interface Access {
  /** Whether the bot may post in the channel: it is in the channel's server, or the DM is its own. */
  mayPost(channelId: string): boolean;
  /** Whether a webhook token names an interaction Discord sent. */
  knowsToken(token: string): boolean;
}

export class MessageRoutes {
  constructor(
    private readonly log: MessageLog,
    private readonly applicationId: string,
    private readonly author: () => { id: string; username: string },
    private readonly baseUrl: () => string,
    private readonly access: Access = { mayPost: () => true, knowsToken: () => true },
  ) {}

  private answer(outcome: Outcome<SeenMessage | null>, status = 200): CannedResponse {
    if (!outcome.ok) return fail(outcome.status, outcome.code, outcome.message);
    if (!outcome.value) return { status: 204 };
    return { status, body: messageJson(outcome.value, this.author(), this.baseUrl()) };
  }

  async route(req: RecordedRequest): Promise<CannedResponse | undefined> {
    const callback = new RegExp(`^${V}/interactions/(\\d+)/([^/]+)/callback$`).exec(req.path);
    if (callback && req.method === 'POST') return this.callback(req, callback[2] ?? '');
    const webhook = new RegExp(`^${V}/webhooks/(\\d+)/([^/]+)(?:/messages/(@original|\\d+))?$`).exec(req.path);
    if (webhook) {
      if (webhook[1] !== this.applicationId || !this.access.knowsToken(webhook[2] ?? '')) return unknownWebhook;
      return this.webhook(req, webhook[2] ?? '', webhook[3]);
    }
    const channel = new RegExp(`^${V}/channels/(\\d+)/messages(?:/(\\d+))?$`).exec(req.path);
    if (channel) return this.channel(req, channel[1] ?? '', channel[2]);
    return undefined;
  }

  private async callback(req: RecordedRequest, token: string): Promise<CannedResponse> {
    const body = await readMessageBody(req);
    if (!body || typeof body.data.type !== 'number') return fail(400, 50035, 'Invalid Form Body');
    const data = (body.data.data ?? {}) as Record<string, unknown>;
    const outcome = this.log.respond(token, body.data.type, data, body.files);
    if (!outcome.ok) return this.answer(outcome);
    if (!new URL(req.url).searchParams.has('with_response')) return { status: 204 };
    const message = outcome.value ? messageJson(outcome.value, this.author(), this.baseUrl()) : undefined;
    return { status: 200, body: { interaction: { id: '0', type: 2 }, resource: { type: body.data.type, message } } };
  }

  private async webhook(req: RecordedRequest, token: string, which: string | undefined): Promise<CannedResponse> {
    if (!which) {
      if (req.method !== 'POST') return fail(405, 0, '405: Method Not Allowed');
      const body = await readMessageBody(req);
      if (!body) return fail(400, 50035, 'Invalid Form Body');
      return this.answer(this.log.create(this.log.interaction(token).channelId, body.data, body.files, token));
    }
    const found = which === '@original' ? this.log.original(token) : this.log.find(which);
    if (which !== '@original' && found?.interactionToken !== token) return unknownMessage;
    if (req.method === 'GET') return found ? this.answer({ ok: true, value: found }) : unknownMessage;
    if (req.method === 'DELETE') {
      if (!found) return unknownMessage;
      this.log.remove(found);
      return { status: 204 };
    }
    if (req.method !== 'PATCH') return fail(405, 0, '405: Method Not Allowed');
    const body = await readMessageBody(req);
    if (!body) return fail(400, 50035, 'Invalid Form Body');
    const target = found ? { ok: true as const, value: found } : this.log.originalOrNew(token);
    if (!target.ok) return this.answer(target);
    return this.answer(this.log.edit(target.value, body.data, body.files));
  }

  private async channel(req: RecordedRequest, channelId: string, messageId: string | undefined): Promise<CannedResponse> {
    if (!messageId) {
      if (req.method !== 'POST') return fail(405, 0, '405: Method Not Allowed');
      if (!this.access.mayPost(channelId)) return missingAccess;
      const body = await readMessageBody(req);
      if (!body) return fail(400, 50035, 'Invalid Form Body');
      const again = this.log.sentWithNonce(channelId, body.data);
      return this.answer(again ? { ok: true, value: again } : this.log.create(channelId, body.data, body.files));
    }
    const found = this.log.find(messageId);
    if (!found || found.channelId !== channelId) return unknownMessage;
    if (req.method === 'GET') return this.answer({ ok: true, value: found });
    if (req.method === 'DELETE') {
      this.log.remove(found);
      return { status: 204 };
    }
    const body = await readMessageBody(req);
    if (!body) return fail(400, 50035, 'Invalid Form Body');
    return this.answer(this.log.edit(found, body.data, body.files));
  }
}
