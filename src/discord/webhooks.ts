// Discord REST calls on an interaction's webhook: editing the original
// response. Used by the HTTP door for deferred work and by both doors when the
// OAuth callback confirms a link. Interaction webhooks need no bot token.

import { DiscordAPIError, REST } from '@discordjs/rest';
import { Routes } from 'discord-api-types/v10';
import type { BotMessage } from '../commands/types.js';
import { messageBody } from './message-body.js';

export interface InteractionWebhooks {
  editOriginal(interactionToken: string, message: BotMessage): Promise<void>;
}

export function createRest(apiUrl: string, botToken?: string): REST {
  const rest = new REST({ api: apiUrl, version: '10', timeout: 15_000 });
  if (botToken) rest.setToken(botToken);
  return rest;
}

/** Discord's "Unknown Webhook": our first answer has not been processed yet. */
const UNKNOWN_WEBHOOK = 10015;

export class RestInteractionWebhooks implements InteractionWebhooks {
  constructor(
    private readonly rest: REST,
    private readonly applicationId: string,
    /** Waits before retrying an edit that raced the first answer (HTTP door). */
    private readonly retryDelaysMs: number[] = [250, 500, 1000],
    private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
  ) {}

  async editOriginal(interactionToken: string, message: BotMessage): Promise<void> {
    const { body, files } = messageBody(message);
    delete body.flags; // flags cannot change on edit
    const route = Routes.webhookMessage(this.applicationId, interactionToken, '@original');
    for (let attempt = 0; ; attempt++) {
      try {
        await this.rest.patch(route, { body, files: files.length > 0 ? files : undefined, auth: false });
        return;
      } catch (err) {
        const raced = err instanceof DiscordAPIError && err.code === UNKNOWN_WEBHOOK && attempt < this.retryDelaysMs.length;
        if (!raced) throw err;
        await this.sleep(this.retryDelaysMs[attempt]!);
      }
    }
  }
}
