// Where only the member installed the bot (a server without it, a DM or
// group DM other than the bot's own), Discord may refuse our public messages,
// and nobody else there agreed to see a member's numbers. Every answer there
// is private, and says why once, in the message itself.

import type { BotMessage, CommandContext, ComponentContext } from '../interaction/contract.js';
import { answersPrivately } from '../interaction/place.js';
import { withPlaceNote } from '../report/layout/text-layout.js';
import { textFor } from '../text/catalog.js';

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
  if ('update' in ctx) {
    return {
      ...wrapped,
      update: (message: BotMessage) => ctx.update(noted(message)),
      aside: (message: BotMessage) => ctx.aside(noted(message)),
    } as T;
  }
  return wrapped as T;
}
