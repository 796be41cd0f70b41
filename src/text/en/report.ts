// /report in English: its replies and failures, the embed's header and footer, what a report covers and how it
// compares; the sections in between are in report-sections.ts.

import { channelMention, TimestampStyles, time } from '@discordjs/formatters';
import type { CutReason } from '../../db/schema.js';
import type { XErrorKind } from '../../twitter/errors.js';
import { count, escapeMarkdown as md, plural, usd } from '../format.js';
import { seconds, shortNumber, signedCount, signedShare } from '../format-en.js';
import type { BudgetScope } from '../kinds.js';
import { enReportSections } from './report-sections.js';

export const enReport = {
  notLinked: 'You have not linked an X account yet. Link first with `/link-twitter`, then run `/report` again.',
  brokenLink: 'X no longer accepts your linked account (access was revoked or expired). Run `/link-twitter` to link it again.',
  busy: 'Your previous report is still being made. Please wait for it to finish.',
  queued: (ahead: number, readyAt: number | null = null) =>
    `Your report is queued: ${count(ahead)} ${plural(ahead, 'report is', 'reports are')} ahead of it. It will appear here when it is ready${readyAt === null ? '' : `, likely ${time(seconds(readyAt), TimestampStyles.RelativeTime)} at the pace reports are finishing now`}.`,
  unlinkedMeanwhile: 'You unlinked your X account while this report was being made, so it was discarded and nothing it read was kept.',
  // Delivery of a finished report when Discord will not take its message (see report/delivery.ts).
  deliveredAsText: 'Discord refused this report’s usual layout, so here it is as plain text.',
  deliveredByDirectMessage: (days: number, askedAt: number) =>
    `Your \`/report\` of the last ${days} days, asked for ${time(seconds(askedAt), TimestampStyles.RelativeTime)}: Discord no longer accepted it as a reply, so here it is.`,
  undeliveredNote: (days: number, askedAt: number) =>
    `Your \`/report\` of the last ${days} days, asked for ${time(seconds(askedAt), TimestampStyles.RelativeTime)}, was made but Discord accepted neither its reply nor a direct message. Run \`/report\` again to see it: the posts it read are stored and are not bought again.`,
  interrupted:
    'The bot restarted while making your report, so it could not finish. Please run `/report` again; what it had already read from X is kept, so the next one costs less.',
  cooldown: (readyAt: number) =>
    `Reports are limited to one every little while, to spare the bot's X budget. You can run another ${time(seconds(readyAt), TimestampStyles.RelativeTime)}.`,
  badTimeZone: (zone: string) =>
    `"${md(zone.slice(0, 60))}" is not a time zone I know. Use an IANA name such as \`Europe/Berlin\` or \`America/New_York\`.`,
  budgetSpent: (scope: BudgetScope, resetsAt: number, cap: number, used: number) =>
    `${scope === 'server' ? "This server's admins capped the X posts its reports may read" : "The bot's operator capped the X posts all reports may read"} at ${count(cap)} this month, and ${count(used)} ${plural(used, 'has', 'have')} been read, so no report can read from X until the month turns: reports work again ${time(Math.floor(resetsAt / 1000), TimestampStyles.RelativeTime)}. ${scope === 'server' ? 'A server admin can raise the cap with `/twitter-admin budget`.' : "Only the bot's operator can raise it."}`,
  budgetHeld: (scope: BudgetScope) =>
    `${scope === 'server' ? "This server's monthly X budget" : "The bot's monthly X budget"} is taken up by reports running right now. Please try again in a few minutes, when they have finished.`,
  publicOff: 'Public reports are turned off in this server. Run `/report` without `public` to get yours privately.',
  publicElsewhere: (channelId: string) =>
    `Public reports are allowed only in ${channelMention(channelId)}. Run it there, or without \`public\` to get it privately.`,
  xFailure: (kind: XErrorKind, resetAt: number | null): string => {
    switch (kind) {
      case 'unauthorized':
        return enReport.brokenLink;
      case 'rate-limited':
        return `X's rate limit for this bot has been reached. Please try again ${resetAt ? time(resetAt, TimestampStyles.RelativeTime) : 'in about 15 minutes'}.`;
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
  },
  ourFailure: 'Sorry, the report could not be made because of a problem on our side. Please try again in a minute.',

  // The report itself.
  title: (days: number) => `X report: last ${days} days, today included`,
  chart: (zone: string) => ({
    // Likes are counted on each day's posts (however late they came), so a day without posts has none.
    title: `Posts per day and the likes they got (${zone})`,
    // 90 days are drawn a bar a week, weeks ending today.
    weeklyTitle: `Posts per week and the likes they got (${zone})`,
    kinds: { original: 'Original', reply: 'Replies', quote: 'Quotes', repost: 'Reposts' },
    likes: 'Likes',
    postsAxis: 'posts',
    likesAxis: 'likes',
    empty: 'No posts in this period',
    impressionsTitle: "Impressions of each day's posts",
    weeklyImpressionsTitle: "Impressions of each week's posts",
    // Days before the span read: hatched, never drawn as days without posts.
    notRead: 'not read',
    // Over a week's bar that covers fewer than its seven days (drawn paler).
    partialWeek: (days: number) => `${days}/7 d`,
    /** An axis value: 1200 → "1.2k". */
    tick: shortNumber,
    /** A date under the bars: "2026-12-04" → "12-04". */
    date: (iso: string) => iso.slice(5),
  }),
  // The change is the description's first line; here only the counts.
  followers: (followers: number, following: number) =>
    ` · ${count(followers)} ${plural(followers, 'follower', 'followers')} · ${count(following)} following`,
  footer: (read: { postsRead: number; postsRepeated: number; userReads: number; requests: number }, costMicro: number, olderPosts = 0) => {
    if (read.postsRead === 0 && read.userReads === 0) return 'Nothing new to read from X: this report cost nothing';
    // Older posts are said apart: a longer period, or a read going on below where the last one stopped, buys them.
    const notes = [
      ...(olderPosts > 0
        ? [olderPosts >= read.postsRead ? 'all older than those stored' : `${count(olderPosts)} older than those stored`]
        : []),
      ...(read.postsRepeated > 0 ? [`${count(read.postsRepeated)} already paid for today`] : []),
    ];
    const repeated = notes.length > 0 ? ` (${notes.join('; ')})` : '';
    const what = [
      ...(read.postsRead > 0 ? [`${count(read.postsRead)} ${plural(read.postsRead, 'post', 'posts')}${repeated}`] : []),
      ...(read.userReads > 0 ? ['your profile'] : []),
    ].join(' and ');
    const cost = costMicro > 0 ? `about ${usd(costMicro)}` : 'free: X bills a post once a day';
    return `Read ${what} from X in ${count(read.requests)} ${plural(read.requests, 'request', 'requests')} · ${cost}`;
  },
  refreshTooSoon: (readAt: number, nextAt: number) =>
    `Follower counts are as read from X ${time(seconds(readAt), TimestampStyles.RelativeTime)}; \`refresh:true\` can read them again ${time(seconds(nextAt), TimestampStyles.RelativeTime)}.`,
  metricsAsOfLastRead: (hours: number) =>
    hours === 0
      ? '_Likes and views are as of when the bot first read each post._'
      : `_Likes and views of posts older than ${hours % 24 === 0 ? `${count(hours / 24)} ${plural(hours / 24, 'day', 'days')}` : `${count(hours)} ${plural(hours, 'hour', 'hours')}`} are as of their last read._`,
  quietPeriod: (handle: string, days: number, isProtected: boolean) =>
    `${handle} posted nothing in the last ${days} days.` +
    (isProtected ? ' The account is protected, so only the member can see its posts; this report is built from them all the same.' : ''),
  // The opening lines: what the report covers when it is less than asked, then what changed.
  coverage: (c: { daysRead: number; days: number; since: string; posts: number; reason: CutReason; maxPosts: number }) =>
    `**Covers the last ${count(c.daysRead)} of ${count(c.days)} days** (since ${c.since}): ${
      {
        'x-cap': `the ${count(c.posts)} most recent posts, as far back as X serves a timeline (3,200 posts)`,
        // Reports read on below each other, so the span may hold more posts than one report reads.
        'max-posts':
          c.posts > c.maxPosts
            ? `the ${count(c.posts)} most recent posts, as far back as reports of at most ${count(c.maxPosts)} posts each (the bot's limit) have read`
            : `the ${count(c.posts)} most recent posts, the bot's limit of ${count(c.maxPosts)} per report`,
        budget: `the ${count(c.posts)} most recent posts, as many as this month's X budget for reports allowed`,
      }[c.reason]
    }. Every figure below is over these days.`,
  moreCoverage: (
    more:
      | { how: 'keep-reporting'; date: string; everyDays: number; days: number }
      | { how: 'next-month' }
      | { how: 'read-on'; posts: number; reports: number; maxPosts: number; costMicroUsd: number },
  ) => {
    if (more.how === 'next-month') return "Next month's budget can read further back.";
    if (more.how === 'read-on') {
      const size = `about ${count(more.posts)} older ${plural(more.posts, 'post', 'posts')}, about ${usd(more.costMicroUsd)}`;
      return more.reports <= 1
        ? `The next report reads the rest from there: ${size}.`
        : `Each next report reads on from there, up to ${count(more.maxPosts)} posts: ${size} in all, over ${count(more.reports)} reports.`;
    }
    return `The bot keeps what it reads: with a report at least every ${count(more.everyDays)} ${plural(more.everyDays, 'day', 'days')}, a ${more.days}-day report covers all ${more.days} days from ${more.date}.`;
  },
  followerChange: (change: number, since: string | null, days: number) =>
    `**${signedCount(change)} ${plural(Math.abs(change), 'follower', 'followers')}** ${since ? `since ${since} (the bot's first count)` : `in these ${days} days`}.`,
  comparedWith: (previous: string, changes: string[]) => `Against the same span one period earlier (${previous}): ${changes.join('; ')}.`,
  postsChange: (now: number, before: number, change: number | null) =>
    `**${count(now)} ${plural(now, 'post', 'posts')}** vs ${count(before)}${change !== null ? ` (${signedShare(change)})` : ''}`,
  likesPerPostChange: (now: number, before: number, change: number | null, matureHours: number) =>
    `**${now.toFixed(1)} likes per post** vs ${before.toFixed(1)}${change !== null ? ` (${signedShare(change)})` : ''}, on own posts at least ${count(matureHours / 24)} days old, so young posts still collecting likes do not drag it down`,
  likesNotCompared: 'likes per post not compared yet (no own posts old enough in both spans)',
  noComparison: (
    days: number,
    previous: string,
    reason: 'period-partial' | 'not-stored',
    readBy: { days: number; posts: number; costMicroUsd: number } | null,
    from: { date: string; everyDays: number } | null,
  ) =>
    [
      reason === 'period-partial'
        ? `No comparison with the previous ${days} days: this period itself could be read only in part.`
        : `No comparison with the previous ${days} days (${previous}): they are not stored, and the bot does not buy posts only to compare.`,
      ...(readBy
        ? [
            `A ${readBy.days}-day report would read them: about ${count(readBy.posts)} ${plural(readBy.posts, 'post', 'posts')}, about ${usd(readBy.costMicroUsd)}.`,
          ]
        : []),
      ...(from
        ? [
            `${readBy ? 'Or it' : 'It'} appears from ${from.date} if reports keep reading your timeline at least every ${count(from.everyDays)} ${plural(from.everyDays, 'day', 'days')}.`,
          ]
        : reason === 'period-partial'
          ? ["The bot's limits will not let a report of this length read both in full."]
          : []),
    ].join(' '),
  ...enReportSections,
};
