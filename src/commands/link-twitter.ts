import {
  ApplicationCommandType,
  ApplicationIntegrationType,
  InteractionContextType,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord-api-types/v10';
import { linkOfferMessage } from '../linking/link-messages.js';
import type { LinkService } from '../linking/link-service.js';
import { displayName, type Command } from './types.js';

export const data: RESTPostAPIChatInputApplicationCommandsJSONBody = {
  name: 'link-twitter',
  description: 'Link your X (Twitter) account with a private one-time link',
  type: ApplicationCommandType.ChatInput,
  contexts: [InteractionContextType.Guild, InteractionContextType.BotDM],
  integration_types: [ApplicationIntegrationType.GuildInstall],
};

export function linkTwitterCommand(links: LinkService): Command {
  return {
    data,
    async execute(ctx) {
      const { url, expiresAt, existing } = links.startLink({
        discordUserId: ctx.user.id,
        discordUserName: displayName(ctx.user),
        guildId: ctx.guildId,
        interactionToken: ctx.interactionToken,
      });
      await ctx.reply(linkOfferMessage(url, expiresAt, existing));
    },
  };
}
