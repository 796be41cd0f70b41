import {
  ApplicationCommandType,
  ApplicationIntegrationType,
  InteractionContextType,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord-api-types/v10';

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
