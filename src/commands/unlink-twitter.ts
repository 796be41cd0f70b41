import { escapeMarkdown } from '../discord-api/markdown.js';
import type { Command } from '../interaction/contract.js';
import { CONNECTED_APPS_URL } from '../linking/link-messages.js';
import type { LinkService } from '../linking/link-service.js';
import type { CommandModule } from './command-module.js';
import { memberCommand } from './definition.js';

export const data = memberCommand({
  name: 'unlink-twitter',
  description: 'Unlink your X (Twitter) account and delete everything the bot stored about it',
});

export const command: CommandModule = { data, create: ({ links }) => unlinkTwitterCommand(links) };

function unlinkTwitterCommand(links: LinkService): Command {
  return {
    data,
    async execute(ctx) {
      // Revoking at X can take longer than Discord's 3-second window.
      await ctx.defer({ ephemeral: true });
      const result = await links.unlink(ctx.user.id);
      if (!result) {
        await ctx.edit({ content: 'No X account is linked to you, so there was nothing to remove.' });
        return;
      }
      const revoked = result.revoked
        ? 'The bot’s access was revoked at X as well.'
        : 'X could not be reached to revoke the bot’s access just now; the bot keeps trying until X confirms. You can also remove it yourself under connected apps.';
      await ctx.edit({
        content: [
          `Unlinked **@${escapeMarkdown(result.screenName)}**. Everything the bot stored about it was deleted.`,
          revoked,
          `You can check which apps can use your X account at <${CONNECTED_APPS_URL}>.`,
        ].join('\n'),
      });
    },
  };
}
