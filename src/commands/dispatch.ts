// Runs the command a context names and turns any failure into a friendly,
// private message, so a handler bug never leaves the member staring at
// "The application did not respond".

import type { Command, CommandContext } from '../interaction/contract.js';
import type { Logger } from '../log/logger.js';
import { textFor } from '../text/catalog.js';

export type Dispatch = (ctx: CommandContext) => Promise<void>;

export function createDispatcher(commands: readonly Command[], log: Logger): Dispatch {
  const byName = new Map(commands.map((c) => [c.data.name, c]));
  return async (ctx) => {
    const command = byName.get(ctx.commandName);
    const meta = { command: ctx.commandName, discordUserId: ctx.user.id, guildId: ctx.guildId };
    if (!command) {
      log.warn('unknown command', meta);
      await ctx.reply({ ephemeral: true, content: textFor(ctx.locale).common.unknownCommand });
      return;
    }
    try {
      await command.execute(ctx);
      log.info('command handled', meta);
    } catch (err) {
      log.error('command failed', { ...meta, error: err });
      try {
        await ctx.reply({ ephemeral: true, content: textFor(ctx.locale).common.failure, embeds: [], components: [] });
      } catch (replyErr) {
        log.error('could not report a command failure', { ...meta, error: replyErr });
      }
    }
  };
}
