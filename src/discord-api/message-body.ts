// Converts a BotMessage into Discord's REST shapes.

import { type APIInteractionResponseCallbackData, MessageFlags } from 'discord-api-types/v10';
import type { BotMessage } from '../interaction/contract.js';

export interface RawFile {
  name: string;
  data: Buffer;
  contentType?: string;
}

export function messageBody(message: BotMessage): { body: APIInteractionResponseCallbackData; files: RawFile[] } {
  const files = message.files ?? [];
  const body: APIInteractionResponseCallbackData = {
    // Never let member-supplied text ping @everyone or roles.
    allowed_mentions: { parse: [] },
  };
  if (message.content !== undefined) body.content = message.content;
  if (message.embeds !== undefined) body.embeds = message.embeds;
  if (message.components !== undefined) body.components = message.components;
  if (message.ephemeral) body.flags = MessageFlags.Ephemeral;
  if (files.length > 0) body.attachments = files.map((f, id) => ({ id, filename: f.name }));
  return { body, files: files.map((f) => ({ name: f.name, data: f.data, contentType: f.contentType })) };
}
