// Runs the command a context names and turns any failure into a friendly,
// private message, so a handler bug never leaves the member staring at
// "The application did not respond".

import {
  AUTOCOMPLETE_LIMITS,
  type AutocompleteChoice,
  type AutocompleteContext,
  type Command,
  type CommandContext,
  type ComponentContext,
} from '../interaction/contract.js';
import type { Logger } from '../log/logger.js';
import { textFor } from '../text/catalog.js';
import { privateWhereForeign } from './private-place.js';

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
      await command.execute(privateWhereForeign(ctx));
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

export type ComponentDispatch = (ctx: ComponentContext) => Promise<void>;

/**
 * Runs the handler a press's custom id names (its prefix, before the first
 * colon). An id no handler claims was not made by this bot, or by a version
 * that is gone: the member is told privately, and nothing else happens.
 */
export function createComponentDispatcher(commands: readonly Command[], log: Logger): ComponentDispatch {
  const byPrefix = new Map(commands.flatMap((c) => (c.components ? [[c.components.prefix, c.components] as const] : [])));
  return async (ctx) => {
    const prefix = ctx.customId.split(':', 1)[0] ?? '';
    const handler = byPrefix.get(prefix);
    const meta = { handler: prefix.slice(0, 32), discordUserId: ctx.user.id, guildId: ctx.guildId };
    if (!handler) {
      log.warn('press on an unknown button', meta);
      await ctx.reply({ ephemeral: true, content: textFor(ctx.locale).common.unknownButton });
      return;
    }
    try {
      await handler.handle(privateWhereForeign(ctx));
      log.info('button press handled', meta);
    } catch (err) {
      log.error('button press failed', { ...meta, error: err });
      try {
        // Never in place of the pressed message: it may be a report the member still wants.
        await ctx.aside({ ephemeral: true, content: textFor(ctx.locale).common.failure });
      } catch (replyErr) {
        log.error('could not report a button press failure', { ...meta, error: replyErr });
      }
    }
  };
}
