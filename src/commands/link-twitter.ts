import { type Command, displayName } from '../interaction/contract.js';
import { linkOfferMessage } from '../linking/link-messages.js';
import type { LinkService } from '../linking/link-service.js';
import { textFor } from '../text/catalog.js';
import type { CommandDeps, CommandModule } from './command-module.js';
import { describedAs, memberCommand } from './definition.js';

export const data = memberCommand({
  ...describedAs('link-twitter'),
});

export const command: CommandModule = { data, create: ({ links, linkedRoles }) => linkTwitterCommand(links, linkedRoles) };

function linkTwitterCommand(links: LinkService, linkedRoles: CommandDeps['linkedRoles']): Command {
  return {
    data,
    async execute(ctx) {
      const { url, expiresAt, existing } = await links.startLink({
        discordUserId: ctx.user.id,
        discordUserName: displayName(ctx.user),
        discordUsername: ctx.user.username,
        guildId: ctx.guildId,
        locale: ctx.locale,
        interactionToken: ctx.interactionToken,
      });
      const t = textFor(ctx.locale);
      const offer = linkOfferMessage(t, url, expiresAt, existing);
      const reconnect = (await linkedRoles?.needsReconnect(ctx.user.id)) ? `\n\n${t.linking.rolesReconnect}` : '';
      await ctx.reply({ ...offer, content: `${offer.content ?? ''}${reconnect}` });
    },
  };
}
