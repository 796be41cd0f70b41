// Discord REST calls on an interaction's webhook: editing the original
// response, and a follow-up message (a private line after a press was
// acknowledged as an update). Used by both doors for answers that follow a defer, and when the
// OAuth callback confirms a link. Interaction webhooks need no bot token and
// are exempt from Discord's global rate limit, so they bypass @discordjs/rest:
// its global limiter would let one member's 429 hold every other member's
// edit. A 429 here delays only the edit it answered.

import { MessageFlags, RESTJSONErrorCodes } from 'discord-api-types/v10';
import { fetchWithDeadline } from '../http/deadline.js';
import type { BotMessage } from '../interaction/contract.js';
import { messageBody } from './message-body.js';

export interface InteractionWebhooks {
  editOriginal(interactionToken: string, message: BotMessage): Promise<void>;
  /** A new message after the first answer (ephemeral when asked); Discord allows five per interaction. */
  followUp(interactionToken: string, message: BotMessage): Promise<void>;
}

/** Discord's "Unknown Webhook": our first answer has not been processed yet. */
const UNKNOWN_WEBHOOK = RESTJSONErrorCodes.UnknownWebhook;

export class WebhookError extends Error {
  constructor(
    readonly status: number | null,
    readonly code: number | null,
    message: string,
    /** What a 400 named as wrong, one "path: CODE" per field ("embeds.0.fields.3.value: BASE_TYPE_MAX_LENGTH"). */
    readonly named: string[] = [],
  ) {
    super(message);
    this.name = 'WebhookError';
  }
}

export interface RetryPolicy {
  /** Waits after "Unknown Webhook", which means our deferred answer is still being processed. */
  unknownWebhookMs: number[];
  /** Waits after 5xx, timeouts and network failures. */
  unavailableMs: number[];
  /** Most 429s honoured for one edit, and the longest retry_after waited. */
  rateLimitRetries: number;
  maxRateLimitWaitMs: number;
}

/**
 * About 75 s of retries for a Discord outage and 8 s for the defer race: a
 * finished report is worth waiting for, and the token stays valid 15 minutes.
 */
export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  unknownWebhookMs: [250, 500, 1000, 2000, 4000],
  unavailableMs: [500, 1000, 2000, 4000, 8000, 15_000, 15_000, 15_000, 15_000],
  rateLimitRetries: 5,
  maxRateLimitWaitMs: 60_000,
};

export interface WebhookClientOptions {
  apiUrl: string;
  applicationId: string;
  fetch?: typeof fetch;
  sleep?: (ms: number) => Promise<void>;
  timeoutMs?: number;
  retry?: RetryPolicy;
}

export class InteractionWebhookClient implements InteractionWebhooks {
  private readonly fetch: typeof fetch;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly retry: RetryPolicy;

  constructor(private readonly options: WebhookClientOptions) {
    this.fetch = options.fetch ?? globalThis.fetch;
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.retry = options.retry ?? DEFAULT_RETRY_POLICY;
  }

  /** Edits the original response, retrying the same message through races, outages and 429s. */
  async editOriginal(interactionToken: string, message: BotMessage): Promise<void> {
    const { body, files } = messageBody(message);
    // Ephemerality cannot change on edit; Components V2 can be turned on (never off).
    if (body.flags !== undefined) body.flags &= MessageFlags.IsComponentsV2;
    if (!body.flags) delete body.flags;
    await this.send('PATCH', `${this.webhookUrl(interactionToken)}/messages/@original`, body, files, true);
  }

  /**
   * Posts a follow-up message. Retried only where Discord made none (a 429, or
   * our first answer not processed yet): after a timeout or a 5xx it may have
   * been made, and a second copy would be worse than none.
   */
  async followUp(interactionToken: string, message: BotMessage): Promise<void> {
    const { body, files } = messageBody(message);
    await this.send('POST', this.webhookUrl(interactionToken), body, files, false);
  }

  private webhookUrl(interactionToken: string): string {
    return `${this.options.apiUrl}/v10/webhooks/${this.options.applicationId}/${encodeURIComponent(interactionToken)}`;
  }

  /** One webhook call with its retries; `idempotent`: whether an outage or a timeout may be retried too. */
  private async send(method: 'PATCH' | 'POST', url: string, body: object, files: MessageFiles, idempotent: boolean): Promise<void> {
    const counts = { raced: 0, unavailable: 0, limited: 0 };
    for (;;) {
      // A multipart body is a stream: build it anew for every attempt.
      const init: RequestInit = { method, ...encode(body, files) };
      let wait: number | undefined;
      let failure: WebhookError;
      try {
        const { response, text } = await fetchWithDeadline(this.fetch, url, init, { timeoutMs: this.options.timeoutMs ?? 15_000 });
        if (response.ok) return;
        failure = webhookError(response.status, text);
        if (response.status === 429 && counts.limited < this.retry.rateLimitRetries) {
          counts.limited++;
          wait = Math.min(this.retry.maxRateLimitWaitMs, retryAfterMs(response, text));
        } else if (failure.code === UNKNOWN_WEBHOOK) {
          wait = this.retry.unknownWebhookMs[counts.raced++];
        } else if (response.status >= 500 && idempotent) {
          wait = this.retry.unavailableMs[counts.unavailable++];
        }
      } catch (err) {
        failure = new WebhookError(null, null, `Discord could not be reached (${(err as Error).message})`);
        if (idempotent) wait = this.retry.unavailableMs[counts.unavailable++];
      }
      if (wait === undefined) throw failure;
      await this.sleep(wait);
    }
  }
}

type MessageFiles = ReturnType<typeof messageBody>['files'];

function encode(body: object, files: MessageFiles): Pick<RequestInit, 'body' | 'headers'> {
  if (files.length === 0) return { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } };
  const form = new FormData();
  form.append('payload_json', JSON.stringify(body));
  for (const [i, file] of files.entries()) {
    form.append(`files[${i}]`, new Blob([file.data], { type: file.contentType ?? 'application/octet-stream' }), file.name);
  }
  return { body: form };
}

/** Discord's field errors ({ embeds: { 0: { _errors: [{ code, message }] } } }) as "path: CODE" lines. */
function namedFields(errors: unknown, path: string[] = []): string[] {
  if (typeof errors !== 'object' || errors === null) return [];
  return Object.entries(errors).flatMap(([key, value]) =>
    key === '_errors' && Array.isArray(value)
      ? value.map((e: { code?: unknown }) => `${path.join('.') || '(body)'}: ${String(e?.code ?? 'invalid')}`)
      : namedFields(value, [...path, key]),
  );
}

function webhookError(status: number, text: string): WebhookError {
  let parsed: { code?: unknown; message?: unknown; errors?: unknown } = {};
  try {
    parsed = JSON.parse(text) as typeof parsed;
  } catch {
    // Discord's edge sometimes answers HTML; the status says enough
  }
  const code = typeof parsed.code === 'number' ? parsed.code : null;
  const message = typeof parsed.message === 'string' ? parsed.message : `HTTP ${status}`;
  return new WebhookError(
    status,
    code,
    `Discord answered ${status}${code === null ? '' : ` (${code})`}: ${message}`,
    namedFields(parsed.errors),
  );
}

/** Discord's retry_after (seconds, in the body) or the Retry-After header; a second if neither. */
function retryAfterMs(response: Response, text: string): number {
  try {
    const seconds = (JSON.parse(text) as { retry_after?: unknown }).retry_after;
    if (typeof seconds === 'number' && Number.isFinite(seconds) && seconds >= 0) return Math.ceil(seconds * 1000);
  } catch {
    // fall through to the header
  }
  const header = Number(response.headers.get('retry-after'));
  return Number.isFinite(header) && header >= 0 ? Math.ceil(header * 1000) : 1000;
}
