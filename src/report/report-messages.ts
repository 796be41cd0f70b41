// What a member is told when a report cannot be made, one message per cause.

import type { XApiError } from '../twitter/errors.js';

export const notLinkedMessage = 'You have not linked an X account yet. Link first with `/link-twitter`, then run `/report` again.';

export const brokenLinkMessage =
  'X no longer accepts your linked account (access was revoked or expired). Run `/link-twitter` to link it again.';

export const busyMessage = 'Your previous report is still being made. Please wait for it to finish.';

export const unlinkedDuringReportMessage =
  'You unlinked your X account while this report was being made, so it was discarded and nothing it read was kept.';

export const interruptedMessage =
  'The bot restarted while making your report, so it could not finish. Please run `/report` again; what it had already read from X is kept, so the next one costs less.';

export function budgetHeldMessage(limitedBy: 'server' | 'app'): string {
  const whose = limitedBy === 'server' ? "This server's monthly X budget" : "The bot's monthly X budget";
  return `${whose} is taken up by reports running right now. Please try again in a few minutes, when they have finished.`;
}

export function cooldownMessage(readyAt: number): string {
  return `Reports are limited to one every little while, to spare the bot's X budget. You can run another <t:${Math.ceil(readyAt / 1000)}:R>.`;
}

export function badTimeZoneMessage(zone: string): string {
  return `"${zone.slice(0, 60)}" is not a time zone I know. Use an IANA name such as \`Europe/Berlin\` or \`America/New_York\`.`;
}

export function xFailureMessage(error: XApiError, nowMs: number): string {
  switch (error.kind) {
    case 'unauthorized':
      return brokenLinkMessage;
    case 'rate-limited': {
      const when = error.resetAt && error.resetAt * 1000 > nowMs ? `<t:${error.resetAt}:R>` : 'in about 15 minutes';
      return `X's rate limit for this bot has been reached. Please try again ${when}.`;
    }
    case 'usage-capped':
      return (
        "The bot's X app has used up the usage cap of its X access level for now, so X refuses to serve more posts. " +
        'Please tell the bot operator; reports work again when the cap resets or the access level is raised.'
      );
    case 'access-level':
      return (
        "The bot's X app is not allowed to read timelines at its current X access level (X error 453 / client-not-enrolled). " +
        'The bot operator needs an access level that includes reading posts (pay-per-use or a paid tier).'
      );
    case 'forbidden':
      return 'X refused to let the bot read this timeline. If your account settings changed, try `/link-twitter` again.';
    case 'unavailable':
      return 'X is not answering right now (the bot tried several times). Please try again in a few minutes.';
    default:
      return 'X sent an answer the bot could not read. Please try again later.';
  }
}

export function budgetSpentMessage(limitedBy: 'server' | 'app', resetsAt: number): string {
  const whose = limitedBy === 'server' ? "This server's monthly X budget for reports" : "The bot's monthly X budget";
  return `${whose} is used up, so no more posts can be read from X this month. Reports work again <t:${Math.floor(resetsAt / 1000)}:R>.`;
}

export const publicReportsOffMessage =
  'Public reports are turned off in this server. Run `/report` without `public` to get yours privately.';

export function publicReportsElsewhereMessage(channelId: string): string {
  return `Public reports are allowed only in <#${channelId}>. Run it there, or without \`public\` to get it privately.`;
}
