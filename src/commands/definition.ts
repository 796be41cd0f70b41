import {
  ApplicationCommandType,
  ApplicationIntegrationType,
  InteractionContextType,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord-api-types/v10';
import { type Catalog, localized, localizedName } from '../text/catalog.js';

type CommandBody = RESTPostAPIChatInputApplicationCommandsJSONBody;

type Plain = Omit<CommandBody, 'type' | 'contexts' | 'integration_types'>;

/**
 * A slash command about the member's own account: installable to a server
 * and to the member's own Discord account, and usable in servers, in the
 * bot's DM and in other DMs and group DMs (where only a user install reaches).
 */
export function memberCommand(body: Plain): CommandBody {
  return {
    ...body,
    type: ApplicationCommandType.ChatInput,
    contexts: [InteractionContextType.Guild, InteractionContextType.BotDM, InteractionContextType.PrivateChannel],
    integration_types: [ApplicationIntegrationType.GuildInstall, ApplicationIntegrationType.UserInstall],
  };
}

/** A slash command about a server (its settings, its members' board): only where the server installed the bot. */
export function serverCommand(body: Plain): CommandBody {
  return {
    ...body,
    type: ApplicationCommandType.ChatInput,
    contexts: [InteractionContextType.Guild],
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
