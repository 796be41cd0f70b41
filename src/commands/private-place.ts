// Where only the member installed the bot (a server without it, a DM or
// group DM other than the bot's own), Discord may refuse our public messages,
// and nobody else there agreed to see a member's numbers. Every answer there
// is private, and says why once, in the message itself.

import { type APIMessageTopLevelComponent, ComponentType } from 'discord-api-types/v10';
import type { BotMessage, CommandContext, ComponentContext } from '../interaction/contract.js';
import { answersPrivately } from '../interaction/place.js';
import { V2_LIMITS } from '../report/layout/limits.js';
import { textFor } from '../text/catalog.js';

/** The message with `note` added at its end: a text display in a Components V2 message, a small line otherwise. */
export function withPlaceNote(message: BotMessage, note: string): BotMessage {
  if (message.layout) {
    const line: APIMessageTopLevelComponent = { type: ComponentType.TextDisplay, content: `-# ${note}` };
    // A layout at Discord's component limit is sent as it is: the ephemeral flag still keeps it private.
    return message.layout.length < V2_LIMITS.components ? { ...message, layout: [...message.layout, line] } : message;
  }
  const content = message.content ? `${message.content}\n-# ${note}` : `-# ${note}`;
  return content.length <= 2000 ? { ...message, content } : message;
}

/** The command's context answering privately here, with the reason said; unchanged where the bot is installed. */
export function privateWhereForeign<T extends CommandContext | ComponentContext>(ctx: T): T {
  if (!answersPrivately(ctx.place)) return ctx;
  const note = textFor(ctx.locale).place.privateHere(ctx.place.kind);
  const noted = (message: BotMessage) => withPlaceNote({ ...message, ephemeral: true }, note);
  const wrapped = {
    ...ctx,
    reply: (message: BotMessage) => ctx.reply(noted(message)),
    defer: () => ctx.defer({ ephemeral: true }),
    edit: (message: BotMessage) => ctx.edit(noted(message)),
  };
  if ('update' in ctx) return { ...wrapped, update: (message: BotMessage) => ctx.update(noted(message)) } as T;
  return wrapped as T;
}
