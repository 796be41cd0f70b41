// The report's reading aids in English: the buttons' views (week by week, posts, comparison) and the export.

import { TimestampStyles, time } from '@discordjs/formatters';
import { count, escapeMarkdown as md, plural } from '../format.js';
import { INTERACTIONS, percent, signedCount, signedPoints, signedShare } from '../format-en.js';

/** The report as a Components V2 message (report/layout), its buttons and what a press answers. */
export const enReportView = {
  period: (days: number, from: string, to: string, zone: string) => `Last ${days} days, today included · ${from} → ${to} (${zone})`,
  covers: (from: string) => `Covers posts from ${from} on only: see the note at the end.`,
  headline: {
    impressions: 'impressions',
    rate: 'interaction rate',
    xRate: 'engagement rate (X analytics)',
    followers: 'followers gained',
    posts: 'posts',
    likesPerPost: 'likes per post',
    vsPrevious: (days: number) => `vs previous ${days} days`,
    comparedWith: (previous: string) => `Changes compare with the same span one period earlier: ${previous}.`,
    notCompared: 'not compared yet',
    thisPeriodOnly: 'this period only',
    noImpressions: 'X sent no view counts',
    noFollowerHistory: 'needs two days of follower counts',
    sinceFirstCount: (since: string) => `since ${since}, the bot's first count`,
    inPeriod: (days: number) => `in these ${days} days`,
    line: (value: string, label: string, note: string) => `**${value}** ${label} · ${note}`,
    change: (fraction: number, days: number) => `${signedShare(fraction)} vs previous ${days} days`,
    unchangedFrom: (before: string, days: number) => `from ${before}, previous ${days} days`,
    // Impressions and the rate are compared over own posts old enough to have most of their views.
    matureChange: (fraction: number, days: number, matureHours: number) =>
      `${signedShare(fraction)} vs previous ${days} days (posts ${count(matureHours / 24)}+ days old)`,
    pointsChange: (points: number, days: number, matureHours: number) =>
      `${signedPoints(points)} vs previous ${days} days (posts ${count(matureHours / 24)}+ days old)`,
    noMatureImpressions: (matureHours: number) =>
      `not compared: no view counts on posts ${count(matureHours / 24)}+ days old in both spans`,
    xRateNotCompared: 'not compared: X gives these for 30 days only',
    count: (n: number) => count(n),
    signed: (n: number) => signedCount(n),
    percent: (fraction: number) => percent(fraction),
    perPost: (n: number) => (n < 10 ? n.toFixed(1) : count(n)),
    none: '—',
  },
  dataAsOf: (ms: number) => `data as of ${time(Math.floor(ms / 1000), TimestampStyles.ShortDateTime)}`,
  topPosts: 'Top posts by interactions',
  topPost: (date: string, kind: string, interactions: number, rate: number | null) =>
    `${date} · ${kind} · **${count(interactions)}** ${plural(interactions, 'interaction', 'interactions')}${rate !== null ? ` · ${percent(rate)} of impressions` : ''}`,
  kinds: { original: 'Original', reply: 'Reply', quote: 'Quote', repost: 'Repost' },
  more: 'More',
  meaning: `Interactions are ${INTERACTIONS}. Changes compare like for like with the previous period; figures read from X count only what it served.`,
  chartAlt: (days: number, unit: 'day' | 'week') => `Posts per ${unit} and their likes over the last ${days} days`,
  buttons: {
    days: (days: number) => `${days} days`,
    share: 'Share in channel',
    csv: 'Export CSV',
  },
  // Edited in while a report reads (REPORT_PROGRESS_SECONDS): a long read does not look stuck.
  progress: (days: number, posts: number) =>
    `Making the ${days}-day report: ${count(posts)} ${plural(posts, 'post', 'posts')} read from X so far (only what is not stored yet). It appears here when it is ready.`,
  inLine: (days: number, ahead: number, readyAt: number | null) =>
    `Your ${days}-day report is in line behind up to ${count(ahead)} ${plural(ahead, 'report', 'reports')} asked before it: X’s pages go to ${plural(ahead, 'it', 'them')} first.${readyAt === null ? '' : ` Likely ready ${time(Math.ceil(readyAt / 1000), TimestampStyles.RelativeTime)}, at the pace reports are finishing now.`} It appears here when it is ready.`,
  reading: (days: number) => `Making the ${days}-day report: reading from X only what is not stored yet. It appears here when it is ready.`,
  // What a press answers when it cannot act. None of them says whose report it is.
  notYours: 'This report is someone else’s. Run `/report` to see your own.',
  expired: 'These buttons no longer work (the report is too old, or its owner unlinked). Run `/report` for a fresh one.',
  relinked: 'You unlinked or relinked your X account since this report, so its buttons no longer work. Run `/report` for a fresh one.',
  samePeriod: (days: number) => `This report already shows the last ${days} days.`,
  sharedAlready: 'This report was already shared in the channel.',
  shareNotHere: 'Sharing is for private reports in a server channel where public reports are allowed.',
  sharedBy: (name: string) => `Shared by ${md(name)}. Private X analytics are left out.`,
  csvReady: (rows: number, days: number) =>
    `Your posts of the last ${days} days: ${count(rows)} ${plural(rows, 'row', 'rows')}. Texts are as stored (up to 280 characters); cells that a spreadsheet would run as a formula start with '.`,
  csvEmpty: (days: number) => `No posts of yours are stored for the last ${days} days, so there is nothing to export.`,
};
