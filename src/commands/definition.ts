import {
  ApplicationCommandType,
  ApplicationIntegrationType,
  InteractionContextType,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord-api-types/v10';
import { type Catalog, localized } from '../text/catalog.js';

type CommandBody = RESTPostAPIChatInputApplicationCommandsJSONBody;

/** A slash command every member may use, in servers and in DMs with the bot. */
export function memberCommand(body: Omit<CommandBody, 'type' | 'contexts' | 'integration_types'>): CommandBody {
  return {
    ...body,
    type: ApplicationCommandType.ChatInput,
    contexts: [InteractionContextType.Guild, InteractionContextType.BotDM],
    integration_types: [ApplicationIntegrationType.GuildInstall],
  };
}

type CommandTextKey = keyof Catalog['commands'];

/** `description` and its translations for a command or option, by its path ("report days"). */
export function describedAs(key: CommandTextKey): { description: string; description_localizations?: Record<string, string> } {
  const { text, localizations } = localized(key);
  return Object.keys(localizations).length ? { description: text, description_localizations: localizations } : { description: text };
}

/** A choice whose shown name comes from the catalog ("report days 7"). */
export function choice<T extends string | number>(
  key: CommandTextKey,
  value: T,
): { name: string; value: T; name_localizations?: Record<string, string> } {
  const { text, localizations } = localized(key);
  return Object.keys(localizations).length ? { name: text, value, name_localizations: localizations } : { name: text, value };
}
