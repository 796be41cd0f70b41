import type { Command } from '../interaction/contract.js';
import type { LinkService } from '../linking/link-service.js';
import { textFor } from '../text/catalog.js';
import type { CommandModule } from './command-module.js';
import { describedAs, memberCommand } from './definition.js';

export const data = memberCommand({
  ...describedAs('unlink-twitter'),
});

export const command: CommandModule = { data, create: ({ links }) => unlinkTwitterCommand(links) };

function unlinkTwitterCommand(links: LinkService): Command {
  return {
    data,
    async execute(ctx) {
      // Revoking at X can take longer than Discord's 3-second window.
      await ctx.defer({ ephemeral: true });
      const result = await links.unlink(ctx.user.id);
      const t = textFor(ctx.locale);
      const content = result.unlinked
        ? t.linking.unlinked(result.screenName, result.revoked)
        : result.rolesForgotten
          ? t.linking.unlinkRolesOnly
          : t.linking.unlinkNothing;
      await ctx.edit({ content });
    },
  };
}
