// A stand-in for Discord's REST API: accepts interaction callbacks and webhook
// edits, records them for assertions.

import { HttpStandIn, type RecordedRequest } from './http-stand-in.js';

export class DiscordStandIn extends HttpStandIn {
  constructor() {
    super((req) => {
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

  callbacks(): RecordedRequest[] {
    return this.requestsTo(/^POST \/api\/v10\/interactions\//);
  }
}
