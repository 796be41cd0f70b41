// /twitter-admin in English: settings, the status embed and what Discord refused.

import { channelMention, roleMention, TimestampStyles, time } from '@discordjs/formatters';
import type { DiscordFailure } from '../../discord-api/guild-api.js';
import type { GatewayState } from '../../interaction/gateway-health.js';
import { count, escapeMarkdown as md, plural, usd } from '../format.js';
import { outage, seconds } from '../format-en.js';
import type { BudgetScope, RoleProblemKind } from '../kinds.js';

export const enAdmin = {
  serverOnly: '`/twitter-admin` works only in a server.',
  managersOnly: 'Only members with the **Manage Server** permission can change the bot’s settings.',
  managersOnlyStatus: 'Only members with the **Manage Server** permission can see the bot’s status and settings for this server.',
  unknownSubcommand: 'Unknown subcommand. The bot’s commands may need registering again.',
  roleCleared: 'The bot no longer gives a role for linking. Members keep roles they already have.',
  publicAllowed: 'Members may now post reports publicly with `/report public:true`.',
  privateOnly: 'Reports are now always private to the member who asks.',
  reportsChannelSet: (channelId: string | null) =>
    channelId ? `Public reports are now allowed only in ${channelMention(channelId)}.` : 'Public reports are now allowed in any channel.',
  budgetSet: (cap: number, used: number, resetsAt: number) =>
    cap <= 0
      ? `This server's X budget cap is removed. ${count(used)} ${plural(used, 'post', 'posts')} read so far this month.`
      : `Reports requested here may read up to ${count(cap)} posts from X per month. ${count(used)} read so far this month.` +
        (used >= cap
          ? `\n⚠️ That is already reached: reports here are refused until the month turns, ${time(Math.floor(resetsAt / 1000), TimestampStyles.RelativeTime)}. Set a cap above ${count(used)} (or \`0\` for none) to let them run now.`
          : ''),
  roleCheckFailed: (failure: DiscordFailure) => `I could not check the role with Discord: ${discordFailure(failure)} Nothing was changed.`,
  nothingChanged: (problem: string) => `${problem} Nothing was changed.`,
  roleSet: (roleId: string, given: number, skipped: number, failure: DiscordFailure | null) =>
    [
      `Members who link their X account now get ${roleMention(roleId)}, and lose it when they unlink.`,
      `Gave it to ${given} ${plural(given, 'member', 'members')} who had linked already${skipped ? ` (${skipped} had left the server)` : ''}.`,
      ...(failure ? [`Discord stopped the rest: ${discordFailure(failure)} Then run this again.`] : []),
    ].join('\n'),
  roleProblem: (kind: RoleProblemKind, roleId: string) =>
    ({
      'missing-manage-roles': `I can't give ${roleMention(roleId)}: I don't have the **Manage Roles** permission in this server. Grant it to my role, then try again.`,
      'role-too-high': `I can't give ${roleMention(roleId)}: it is at or above my highest role. In Server Settings → Roles, drag my role above it, then try again.`,
      'managed-role': `${roleMention(roleId)} is managed by an integration, so no bot can give it. Pick a regular role.`,
      'everyone-role': 'Every member has @everyone already. Pick another role.',
      'unknown-role': 'That role no longer exists in this server.',
    })[kind],

  statusTitle: 'X report bot: server status',
  digestBadTime: (typed: string) => `“${md(typed)}” is not a time: use 24-hour HH:MM, such as 09:00. Nothing was changed.`,
  digestBadZone: (typed: string) =>
    `“${md(typed)}” is not a time zone I know: use an IANA name such as Europe/Berlin or America/New_York. Nothing was changed.`,
  digestSet: (channelId: string, weekday: string, hhmm: string, zone: string, next: number) =>
    `The weekly digest (the leaderboard of the week and its highlights) will be posted in ${channelMention(channelId)} every ${weekday} at ${hhmm} (${zone}). Next: ${time(seconds(next), TimestampStyles.LongDateTime)} (${time(seconds(next), TimestampStyles.RelativeTime)}).`,
  digestCannotPost: (channelId: string, check: { missing: string[] } | { failure: DiscordFailure }) =>
    'missing' in check
      ? `⚠️ But I cannot post in ${channelMention(channelId)} now: I lack ${check.missing.join(' and ')} there. Grant ${plural(check.missing.length, 'it', 'them')} to my role in that channel (Edit Channel → Permissions), or pick another channel. Until then the digest is not posted, and \`/twitter-admin status\` says so.`
      : `⚠️ But I could not check ${channelMention(channelId)} with Discord: ${discordFailure(check.failure)}`,
  digestOff: 'The weekly digest is off. Members’ places on the leaderboard are kept.',
  digestOffNone: 'No weekly digest was set.',
  digestField: 'Weekly digest',
  digestNone: 'Off. `/twitter-admin digest set` posts the week’s leaderboard in a channel.',
  digestWhen: (channelId: string, weekday: string, hhmm: string, zone: string, next: number) =>
    `In ${channelMention(channelId)}, every ${weekday} at ${hhmm} (${zone}). Next: ${time(seconds(next), TimestampStyles.LongDateTime)} (${time(seconds(next), TimestampStyles.RelativeTime)}).`,
  digestLast: (dueAt: number, outcome: string, posts: number, micro: number, detail: string | null) => {
    const when = time(seconds(dueAt), TimestampStyles.ShortDateTime);
    const cost = `read ${count(posts)} ${plural(posts, 'post', 'posts')} from X, about ${usd(micro)}`;
    if (outcome === 'posted') return `Last: ${when}, posted on time; ${cost}.`;
    if (outcome === 'late') return `Last: ${when}, posted late (the bot was down), saying so; ${cost}.`;
    if (outcome === 'skipped') return `Last: ${when}, skipped: the bot was down for more than a day after it was due.`;
    if (outcome === 'claimed') return `Last: ${when}, being posted now.`;
    let reason = 'posting it failed';
    try {
      const check = JSON.parse(detail ?? '{}') as { missing?: string[]; failure?: DiscordFailure };
      if (check.missing) reason = `I lacked ${check.missing.join(' and ')} in its channel`;
      else if (check.failure) reason = `Discord: ${discordFailure(check.failure)}`;
    } catch {}
    return `⚠️ Last: ${when}, **not posted**: ${reason}.`;
  },
  digestNextCost: (posts: number, micro: number) =>
    `The next may read up to ${count(posts)} ${plural(posts, 'post', 'posts')} from X (about ${usd(micro)}): only what is new since the last read, within the budget left.`,
  linkedMembersField: 'Linked members',
  linkedMembers: (n: number) =>
    `${count(n)} ${plural(n, 'member', 'members')} of this server ${n === 1 ? 'has' : 'have'} linked an X account.`,
  settingsField: 'Settings',
  linkedRoleSetting: (roleId: string | null) => `Linked role: ${roleId ? roleMention(roleId) : 'none'}`,
  publicSetting: (open: boolean, channelId: string | null) =>
    `Public reports: ${open ? 'allowed' : 'off (private only)'}${channelId ? `, only in ${channelMention(channelId)}` : ''}`,
  budgetSetting: (cap: number | null, capMicroUsd: number) =>
    `Monthly budget: ${cap === null ? 'no cap' : `${count(cap)} posts (about ${usd(capMicroUsd)} of posts)`}`,
  permissionsField: 'Permissions',
  nothingMissing: 'Nothing missing.',
  lacksHere: (names: string[]) => `In this channel I lack: ${names.join(', ')}.`,
  lacksIn: (channelId: string, names: string[]) => `In ${channelMention(channelId)} I lack: ${names.join(', ')}.`,
  roleUncheckable: (failure: DiscordFailure) => `Could not check the linked role: ${discordFailure(failure)}`,
  channelUnreadable: (channelId: string, failure: DiscordFailure) =>
    `I can't read ${channelMention(channelId)}: ${discordFailure(failure)}`,
  usageField: (month: string) => `X usage in ${month} (UTC)`,
  usageLine: (scope: BudgetScope, used: { requests: number; postsRead: number; costMicroUsd: number }, cap: number | null) =>
    `${scope === 'server' ? 'This server' : 'Whole bot'}: ${count(used.requests)} requests, ${count(used.postsRead)} posts read, about ${usd(used.costMicroUsd)} (${cap === null ? 'no cap' : `cap ${count(cap)}`})`,
  usageResets: (at: number) => `Resets ${time(Math.floor(at / 1000), TimestampStyles.RelativeTime)}.`,
  connectionField: 'Connection to Discord (gateway)',
  connectionLine: (
    state: GatewayState,
    since: number,
    disconnects: number,
    resumes: number,
    newSessions: number,
    longestOutageMs: number,
  ) =>
    `${{ connecting: 'Connecting', connected: 'Connected', reconnecting: 'Reconnecting', gone: 'Closed for good' }[state]} since ${time(Math.floor(since / 1000), TimestampStyles.RelativeTime)}.\n` +
    (disconnects === 0
      ? 'No outage since the bot started.'
      : `Since the bot started: ${count(disconnects)} ${plural(disconnects, 'outage', 'outages')} (${count(resumes)} resumed, ${count(newSessions)} with a new session, when events may have been missed); the longest lasted ${outage(longestOutageMs)}.`),
};

/** What an admin should check when Discord refused or failed a call; never the raw status or message. */
function discordFailure(failure: DiscordFailure): string {
  return {
    'missing-permissions': 'Discord says my role lacks a permission for this. Check my role in Server Settings → Roles.',
    'missing-access': 'Discord says I cannot see it. Check that my role may view that channel or server.',
    'unknown-member': 'Discord no longer lists me in this server. Check that the bot is still a member here.',
    'unknown-role': 'that role no longer exists in this server. Pick another one.',
    'token-refused': "Discord refused the bot's token. The bot's operator must set the current DISCORD_TOKEN.",
    unavailable: 'Discord did not answer properly just now. Try again in a minute.',
    unknown:
      "Discord answered in a way I did not expect. Try again in a minute; if it keeps happening, tell the bot's operator (the details are in the bot's log).",
  }[failure];
}
