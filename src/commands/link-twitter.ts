import { type Command, displayName } from '../interaction/contract.js';
import { linkOfferMessage } from '../linking/link-messages.js';
import type { LinkService } from '../linking/link-service.js';
import { textFor } from '../text/catalog.js';
import type { CommandModule } from './command-module.js';
import { describedAs, memberCommand } from './definition.js';

export const data = memberCommand({
  name: 'link-twitter',
  ...describedAs('link-twitter'),
});

export const command: CommandModule = { data, create: ({ links }) => linkTwitterCommand(links) };

function linkTwitterCommand(links: LinkService): Command {
  return {
    data,
    async execute(ctx) {
      const { url, expiresAt, existing } = links.startLink({
        discordUserId: ctx.user.id,
        discordUserName: displayName(ctx.user),
        discordUsername: ctx.user.username,
        guildId: ctx.guildId,
        locale: ctx.locale,
        interactionToken: ctx.interactionToken,
      });
      await ctx.reply(linkOfferMessage(textFor(ctx.locale), url, expiresAt, existing));
    },
  };
}
