// Converts a BotMessage into Discord's REST shapes.

import { type APIInteractionResponseCallbackData, MessageFlags } from 'discord-api-types/v10';
import type { BotFile, BotMessage } from '../interaction/contract.js';

/**
 * Not @discordjs/rest's RawFile, whose data may be any primitive: webhook
 * edits go through our own client (webhooks.ts) and upload bytes.
 */
export type RawFile = BotFile;

export function messageBody(message: BotMessage): { body: APIInteractionResponseCallbackData; files: RawFile[] } {
  const files = message.files ?? [];
  const body: APIInteractionResponseCallbackData = {
    // Never let member-supplied text ping @everyone or roles.
    allowed_mentions: { parse: [] },
  };
  if (message.content !== undefined) body.content = message.content;
  if (message.embeds !== undefined) body.embeds = message.embeds;
  if (message.components !== undefined) body.components = message.components;
  let flags = message.ephemeral ? MessageFlags.Ephemeral : 0;
  if (message.layout !== undefined) {
    // Components V2: the layout is the message; Discord refuses content or embeds beside it.
    body.components = message.layout;
    delete body.content;
    delete body.embeds;
    flags |= MessageFlags.IsComponentsV2;
  }
  if (flags !== 0) body.flags = flags;
  if (files.length > 0) body.attachments = files.map((f, id) => ({ id, filename: f.name }));
  return { body, files };
}
