// What the member sees in Discord about linking.

import { ButtonStyle, ComponentType } from 'discord-api-types/v10';
import { escapeMarkdown } from '../discord-api/markdown.js';
import type { BotMessage } from '../interaction/contract.js';

export const CONNECTED_APPS_URL = 'https://x.com/settings/connected_apps';

export function linkOfferMessage(
  url: string,
  expiresAt: number,
  existing: { xScreenName: string; status: 'active' | 'broken' } | undefined,
): BotMessage {
  const unixSeconds = Math.floor(expiresAt / 1000);
  const handle = existing ? `**@${escapeMarkdown(existing.xScreenName)}**` : '';
  const lines = [
    !existing
      ? 'Link your X account to get reports on your timeline.'
      : existing.status === 'broken'
        ? `Your link to ${handle} stopped working (X no longer accepts it). Link again to fix it.`
        : `Your Discord account is linked to ${handle} now. Linking again replaces it.`,
    `This private link works once and expires <t:${unixSeconds}:R> (at <t:${unixSeconds}:t>). Do not share it.`,
  ];
  return {
    ephemeral: true,
    content: lines.join('\n'),
    components: [
      {
        type: ComponentType.ActionRow,
        components: [{ type: ComponentType.Button, style: ButtonStyle.Link, label: 'Link X account', url }],
      },
    ],
  };
}

export function linkedMessage(screenName: string): BotMessage {
  return {
    content: `✅ Linked **@${escapeMarkdown(screenName)}** to your Discord account. Try \`/report\` next.`,
    components: [],
  };
}

export function linkCancelledMessage(): BotMessage {
  return {
    content: 'Linking was cancelled at X; nothing was stored. Run `/link-twitter` again whenever you like.',
    components: [],
  };
}

export function linkInterruptedMessage(): BotMessage {
  return {
    content:
      'Linking was interrupted on our side before it finished, so nothing was stored. Please run `/link-twitter` again. ' +
      `If X lists this bot under connected apps (<${CONNECTED_APPS_URL}>), linking again puts it right.`,
    components: [],
  };
}

/** Sent to a member whose X account another Discord account has just linked. */
export function displacedNotice(screenName: string, newOwnerName: string): string {
  return (
    `Your X account **@${escapeMarkdown(screenName)}** was just linked to another Discord account (${escapeMarkdown(newOwnerName)}) ` +
    'by someone who signed in to it at X, so it is no longer linked to you and your reports and linked roles stop. ' +
    `If that was not you, change your X password and check connected apps at <${CONNECTED_APPS_URL}>, then run \`/link-twitter\` again.`
  );
}
