// Runs the command a context names and turns any failure into a friendly,
// private message, so a handler bug never leaves the member staring at
// "The application did not respond".

import {
  AUTOCOMPLETE_LIMITS,
  type AutocompleteChoice,
  type AutocompleteContext,
  type Command,
  type CommandContext,
} from '../interaction/contract.js';
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

export type AutocompleteDispatch = (ctx: AutocompleteContext) => Promise<AutocompleteChoice[]>;

/**
 * Answers a member typing into an autocomplete option. A failure answers
 * with no suggestions (the member can still type a value), never an error.
 */
export function createAutocompleter(commands: readonly Command[], log: Logger): AutocompleteDispatch {
  const byName = new Map(commands.map((c) => [c.data.name, c]));
  return async (ctx) => {
    const command = byName.get(ctx.commandName);
    if (!command?.autocomplete) return [];
    try {
      const choices = await command.autocomplete(ctx);
      return choices
        .filter((c) => c.value.length > 0 && c.value.length <= AUTOCOMPLETE_LIMITS.length)
        .slice(0, AUTOCOMPLETE_LIMITS.choices)
        .map((c) => ({ name: c.name.slice(0, AUTOCOMPLETE_LIMITS.length), value: c.value }));
    } catch (err) {
      log.error('autocomplete failed', { command: ctx.commandName, option: ctx.focused.name, discordUserId: ctx.user.id, error: err });
      return [];
    }
  };
}
