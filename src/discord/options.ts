// Flattens Discord's nested option tree (subcommand groups, subcommands,
// values) into CommandOptions. Both doors hand over the same {name, type,
// value, options} shape: the raw payload, or discord.js's CommandInteractionOption.

import { ApplicationCommandOptionType } from 'discord-api-types/v10';
import type { CommandOptions, OptionValue } from '../interaction/contract.js';

export interface RawOption {
  name: string;
  type: number;
  value?: unknown;
  /** Set on the option a member is typing into (autocomplete). */
  focused?: boolean | undefined;
  options?: readonly RawOption[] | undefined;
}

/** The option an autocomplete interaction is for, and what is typed so far (as text, whatever its type). */
export function focusedOption(raw: readonly RawOption[] | undefined): { name: string; value: string } | null {
  for (const option of raw ?? []) {
    if (option.focused) return { name: option.name, value: option.value === undefined ? '' : String(option.value) };
    const inner = focusedOption(option.options);
    if (inner) return inner;
  }
  return null;
}

export function parseOptions(raw: readonly RawOption[] | undefined): CommandOptions {
  let subcommandGroup: string | null = null;
  let subcommand: string | null = null;
  const values = new Map<string, OptionValue>();

  const walk = (options: readonly RawOption[] | undefined) => {
    for (const option of options ?? []) {
      if (option.type === ApplicationCommandOptionType.SubcommandGroup) {
        subcommandGroup = option.name;
        walk(option.options);
      } else if (option.type === ApplicationCommandOptionType.Subcommand) {
        subcommand = option.name;
        walk(option.options);
      } else if (typeof option.value === 'string' || typeof option.value === 'number' || typeof option.value === 'boolean') {
        values.set(option.name, option.value);
      }
    }
  };
  walk(raw);

  const typed = <T extends OptionValue>(name: string, kind: string): T | undefined => {
    const value = values.get(name);
    return typeof value === kind ? (value as T) : undefined;
  };
  return {
    subcommandGroup,
    subcommand,
    get: (name) => values.get(name),
    string: (name) => typed<string>(name, 'string'),
    integer: (name) => typed<number>(name, 'number'),
    boolean: (name) => typed<boolean>(name, 'boolean'),
  };
}
