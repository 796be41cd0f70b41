// Discord REST calls on an interaction's webhook: editing the original
// response. Used by the HTTP door for deferred work and by both doors when the
// OAuth callback confirms a link. Interaction webhooks need no bot token.

import { REST } from '@discordjs/rest';
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

export class RestInteractionWebhooks implements InteractionWebhooks {
  constructor(
    private readonly rest: REST,
    private readonly applicationId: string,
  ) {}

  async editOriginal(interactionToken: string, message: BotMessage): Promise<void> {
    const { body, files } = messageBody(message);
    delete body.flags; // flags cannot change on edit
    await this.rest.patch(Routes.webhookMessage(this.applicationId, interactionToken, '@original'), {
      body,
      files: files.length > 0 ? files : undefined,
      auth: false,
    });
  }
}
