import {
  ApplicationCommandType,
  ApplicationIntegrationType,
  InteractionContextType,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord-api-types/v10';
import { type Catalog, localized, localizedName } from '../text/catalog.js';

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
type CommandNameKey = keyof Catalog['commandNames'] & CommandTextKey;

/**
 * `name` and `description`, with their translations, for a command, subcommand or option, by its path
 * ("report days"). The English name is the one the bot reads: Discord sends it whatever the member's language.
 */
export function describedAs(key: CommandNameKey): {
  name: string;
  name_localizations?: Record<string, string>;
  description: string;
  description_localizations?: Record<string, string>;
} {
  const name = localizedName(key);
  const { text, localizations } = localized(key);
  return {
    name: name.text,
    ...(Object.keys(name.localizations).length ? { name_localizations: name.localizations } : {}),
    description: text,
    ...(Object.keys(localizations).length ? { description_localizations: localizations } : {}),
  };
}

/** A choice whose shown name comes from the catalog ("report days 7"). */
export function choice<T extends string | number>(
  key: CommandTextKey,
  value: T,
): { name: string; value: T; name_localizations?: Record<string, string> } {
  const { text, localizations } = localized(key);
  return Object.keys(localizations).length ? { name: text, value, name_localizations: localizations } : { name: text, value };
}
