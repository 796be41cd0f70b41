// A server's leaderboard and weekly digest, in English.

import { TimestampStyles, time } from '@discordjs/formatters';
import { count, escapeMarkdown as md, plural, usd } from '../format.js';
import { duration, INTERACTIONS, seconds, signedCount } from '../format-en.js';
import type { BoardMetricName } from '../kinds.js';

/** /leaderboard and the board's layout. */
export const enLeaderboard = {
  notLinked: 'Link your X account with `/link-twitter` first: the board shows figures from your X timeline.',
  brokenLink: 'Your link to X stopped working. Run `/link-twitter` again, then join.',
  joined:
    'You joined this server’s leaderboard: members here can now see your X figures (posts, engagement, impressions, followers) on `/leaderboard show` and in the weekly digest. `/leaderboard leave` takes you off at once.',
  joinedAlready: 'You are on this server’s leaderboard already. `/leaderboard leave` takes you off.',
  left: 'You left this server’s leaderboard: your figures are no longer shown here.',
  leftAlready: 'You were not on this server’s leaderboard.',
  joinButton: 'Join leaderboard',
  joinNotHere: 'The leaderboard belongs to a server: press this on a report made in a server that installed the bot.',
  metricName: (metric: BoardMetricName) =>
    ({ engagement: 'engagement', followers: 'followers', impressions: 'impressions', posts: 'posts' })[metric],
  title: (metric: BoardMetricName, days: number) => `## 🏆 Leaderboard: ${enLeaderboard.metricName(metric)}, last ${days} days`,
  what: (metric: BoardMetricName) =>
    ({
      engagement: `Counted: ${INTERACTIONS} on members’ own posts (not reposts), as stored when each post was read.`,
      followers: 'Counted: followers as last read from X; the change is since the period began (— when no count from then is stored).',
      impressions: 'Counted: views X reports on members’ own posts (not reposts), as stored when each post was read.',
      posts: 'Counted: members’ own posts, replies and quotes (not reposts).',
    })[metric],
  line: (place: number, userId: string, screenName: string, value: number, change: number | null) =>
    `**${place}.** <@${userId}> · @${md(screenName)}: **${count(value)}** ${change === null ? '(—)' : `(${signedCount(change)})`}`,
  empty: 'Nobody on this board has figures for this period yet.',
  nobody: 'Nobody has joined this server’s leaderboard yet. `/leaderboard join` (or the button on your report) puts you on it.',
  you: (place: number, ranked: number) => `You: **${place}** of ${ranked}.`,
  youUnranked: 'You are on the board, but nothing of your timeline for this period is stored yet.',
  youNotOn: 'You are not on this board. `/leaderboard join` puts you on it.',
  changeNote: (days: number) => `Change: against the ${days} days before (— where that period is not stored).`,
  unranked: (n: number) => `${count(n)} ${plural(n, 'member has', 'members have')} nothing stored for this period yet.`,
  asOf: (at: number | null) =>
    at === null ? 'No figures stored yet.' : `Figures as of ${time(seconds(at), TimestampStyles.RelativeTime)} at the oldest.`,
  cost: (members: number, posts: number, micro: number, short: number) =>
    [
      members > 0
        ? `Read from X now for ${count(members)} ${plural(members, 'member', 'members')}: ${count(posts)} new ${plural(posts, 'post', 'posts')}, about ${usd(micro)}, on this server’s budget.`
        : 'Nothing read from X for this board (what is stored is recent): no cost.',
      short > 0 ? `${count(short)} ${plural(short, 'member was', 'members were')} not read: the monthly budget has no room left.` : '',
    ]
      .filter(Boolean)
      .join(' '),
  privateHere: (reason: string) => `Shown only to you: ${reason}`,
};

/** The weekly digest (digest/digest-layout.ts). */
export const enDigest = {
  title: (dueAt: number) => `## 📰 Weekly digest: the week to ${time(seconds(dueAt), TimestampStyles.LongDate)}`,
  late: (dueAt: number, lateMs: number) =>
    `⚠️ Posted late: it was due ${time(seconds(dueAt), TimestampStyles.ShortDateTime)}, ${duration(lateMs)} ago, while the bot was down or cut off.`,
  topPost: (userId: string, screenName: string, postId: string, engagement: number, excerpt: string) =>
    `🔥 Top post of the week: <@${userId}>, [@${md(screenName)}](https://x.com/${encodeURIComponent(screenName)}/status/${postId}) with ${count(engagement)} interactions` +
    (excerpt.trim()
      ? `: “${md(
          excerpt
            .replace(/https:\/\/t\.co\/\w+/g, '')
            .replace(/\s+/g, ' ')
            .trim(),
        )}”`
      : ''),
  grower: (userId: string, change: number) => `📈 Biggest grower: <@${userId}>, ${signedCount(change)} interactions on the week before.`,
  newcomers: (ids: string[]) => `👋 First week on the board: ${ids.map((id) => `<@${id}>`).join(', ')}.`,
  stored: (at: number | null) =>
    `X was not read for this digest: this server’s monthly budget has no room left. ${at === null ? 'Nothing is stored yet.' : `Figures as stored, as of ${time(seconds(at), TimestampStyles.RelativeTime)} at the oldest.`}`,
};
