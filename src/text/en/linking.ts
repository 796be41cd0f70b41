// Linking an X account, in English: the replies in Discord and the DMs that follow.

import { TimestampStyles, time } from '@discordjs/formatters';
import { escapeMarkdown as md } from '../format.js';
import { seconds } from '../format-en.js';

const CONNECTED_APPS_URL = 'https://x.com/settings/connected_apps';

export const enLinking = {
  rolesReconnect:
    'Your Discord Linked Roles connection has expired, so roles that depend on your X account are no longer kept up to date. To renew it, open the server’s Linked Roles menu (the server name → Linked Roles) and pick this app again.',
  offerNew: 'Link your X account to get reports on your timeline.',
  offerBroken: (screenName: string) =>
    `Your link to **@${md(screenName)}** stopped working (X no longer accepts it). Link again to fix it.`,
  offerReplace: (screenName: string) => `Your Discord account is linked to **@${md(screenName)}** now. Linking again replaces it.`,
  offerExpiry: (expiresAt: number) =>
    `This private link works once and expires ${time(seconds(expiresAt), TimestampStyles.RelativeTime)} (at ${time(seconds(expiresAt), TimestampStyles.ShortTime)}). Do not share it.`,
  offerButton: 'Link X account',
  linked: (screenName: string) => `✅ Linked **@${md(screenName)}** to your Discord account. Try \`/report\` next.`,
  cancelled: 'Linking was cancelled at X; nothing was stored. Run `/link-twitter` again whenever you like.',
  interrupted:
    'Linking was interrupted on our side before it finished, so nothing was stored. Please run `/link-twitter` again. ' +
    `If X lists this bot under connected apps (<${CONNECTED_APPS_URL}>), linking again puts it right.`,
  displaced: (screenName: string, newOwnerName: string) =>
    `Your X account **@${md(screenName)}** was just linked to another Discord account (${md(newOwnerName)}) ` +
    'by someone who signed in to it at X, so it is no longer linked to you and your reports and linked roles stop. ' +
    `If that was not you, change your X password and check connected apps at <${CONNECTED_APPS_URL}>, then run \`/link-twitter\` again.`,
  unlinkNothing: 'No X account is linked to you, so there was nothing to remove.',
  unlinkRolesOnly:
    'No X account was linked to you. Your Linked Roles connection was removed, and Discord is told to clear the X details ' +
    'it shows for you, so roles that need them no longer apply (if Discord cannot be reached now, the bot keeps trying).',
  otherBrowser:
    'A sign-in for this link came back to the bot in a different browser from the one that started it, so it was stopped ' +
    'and nothing was stored. If that was you, run `/link-twitter` again and finish in one browser.',
  unlinked: (screenName: string, revoked: boolean) =>
    [
      `Unlinked **@${md(screenName)}**. Everything the bot stored about it was deleted.`,
      revoked
        ? 'The bot’s access was revoked at X as well.'
        : 'X could not be reached to revoke the bot’s access just now; the bot keeps trying until X confirms. You can also remove it yourself under connected apps.',
      `You can check which apps can use your X account at <${CONNECTED_APPS_URL}>.`,
    ].join('\n'),
};
