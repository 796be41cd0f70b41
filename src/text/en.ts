// Every sentence a member or admin reads, in English. Another language is one
// more file of this shape (typed by `Catalog`), listed in catalog.ts. Entries
// are plain strings or functions of the values they show; Discord markup
// (mentions, timestamps) comes from @discordjs/formatters, and anything a
// member or X supplied is escaped before it gets here or by `md`.

import { channelMention, roleMention, TimestampStyles, time } from '@discordjs/formatters';
import type { CutReason } from '../db/schema.js';
import type { DiscordFailure } from '../discord-api/guild-api.js';
import type { GatewayState } from '../interaction/gateway-health.js';
import type { PlaceKind } from '../interaction/place.js';
import type { XErrorKind } from '../twitter/errors.js';
import { count, escapeMarkdown as md, plural, share, usd } from './format.js';

const CONNECTED_APPS_URL = 'https://x.com/settings/connected_apps';
const seconds = (ms: number) => Math.ceil(ms / 1000);
const RUN_AGAIN = 'Go back to Discord and run /link-twitter again for a fresh link.';

/** Whose monthly budget: the server's (set by its admins) or the whole bot's. */
export type BudgetScope = 'server' | 'app';
/** What a leaderboard ranks by (leaderboard/ranking.ts). */
export type BoardMetricName = 'engagement' | 'followers' | 'impressions' | 'posts';
/** Why the bot cannot give a role; guilds/permissions.ts decides which. */
export type RoleProblemKind = 'missing-manage-roles' | 'role-too-high' | 'managed-role' | 'everyone-role' | 'unknown-role';
export type PageTone = 'success' | 'info' | 'error';
export interface PageText {
  /** The page's language, for <html lang>. */
  lang: string;
  title: string;
  heading: string;
  paragraphs: string[];
  tone: PageTone;
}

/** What "interactions" counts, said wherever a figure built on it appears. */
const INTERACTIONS = 'likes, reposts, replies, quotes and bookmarks';
/** 0.0304 → "3.0%": one precision for a rate wherever it appears. */
const percent = (fraction: number) => `${(fraction * 100).toFixed(1)}%`;
/** A sign for what shows: a change that rounds to nothing is "±0", never "−0" or "+0". */
const sign = (shown: string, n: number) => (/^[0.,%]+$/.test(shown) ? '±' : n > 0 ? '+' : '−');
const signedCount = (n: number) => `${sign(count(Math.abs(n)), n)}${count(Math.abs(n))}`;
const signedShare = (fraction: number) => `${sign(share(Math.abs(fraction)), fraction)}${share(Math.abs(fraction))}`;
/** A change of a rate in percentage points, one decimal as the rate is shown; never "−0.0". */
const signedPoints = (fraction: number) => {
  const shown = (Math.abs(fraction) * 100).toFixed(1);
  return `${sign(shown, fraction)}${shown} pts`;
};
const ROLES_AGAIN = 'To try again, open the server’s Linked Roles menu in Discord (the server name → Linked Roles) and pick this app.';
const page = (tone: PageTone, title: string, heading: string, ...paragraphs: string[]): PageText => ({
  lang: 'en',
  title,
  heading,
  paragraphs,
  tone,
});

export const en = {
  locale: 'en-US',
  weekdays: ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'],

  /** What Discord shows in the command picker: descriptions by command path, choice names by path and value. */
  commands: {
    'link-twitter': 'Link your X (Twitter) account with a private one-time link',
    'unlink-twitter': 'Unlink your X (Twitter) account and delete everything the bot stored about it',
    report: 'A report on your recent X activity: posts, engagement, topics, responsiveness, with a chart',
    'report days': 'How far back to look (default 30 days)',
    'report days 7': '7 days',
    'report days 30': '30 days',
    'report days 90': '90 days',
    'report public': 'Show the report to the channel (default: only you see it)',
    'report timezone': 'IANA time zone for days and hours, e.g. Europe/Berlin (default UTC)',
    'report refresh': 'Read your follower counts from X again though read today (one extra paid read)',
    'twitter-admin': 'Set up the X report bot for this server',
    'twitter-admin status': 'Linked members, settings, missing permissions and X usage this month',
    'twitter-admin linked-role': 'A role the bot gives members while their X account is linked',
    'twitter-admin linked-role set': 'Give this role to linked members (and to those who linked already)',
    'twitter-admin linked-role set role': 'The role to give',
    'twitter-admin linked-role clear': 'Stop giving a role for linking',
    'twitter-admin reports': 'Whether and where reports may be posted publicly',
    'twitter-admin reports visibility': 'Allow /report public:true, or keep every report private',
    'twitter-admin reports visibility visibility': 'Who may see reports',
    'twitter-admin reports visibility visibility private-only': 'private only',
    'twitter-admin reports visibility visibility public-allowed': 'public allowed',
    'twitter-admin reports channel': 'Allow public reports only in one channel (leave empty for any channel)',
    'twitter-admin reports channel channel': 'The channel for public reports',
    'twitter-admin budget': "Cap the X posts this server's reports may read per month (0: no cap)",
    'twitter-admin budget posts-per-month': 'Posts per calendar month (UTC)',
    'twitter-admin digest': 'A weekly digest of the leaderboard, posted in a channel',
    'twitter-admin digest set': 'Post the weekly digest in a channel on a day and at a time',
    'twitter-admin digest set channel': 'The channel to post it in',
    'twitter-admin digest set day': 'The day of the week',
    'twitter-admin digest set day 0': 'Sunday',
    'twitter-admin digest set day 1': 'Monday',
    'twitter-admin digest set day 2': 'Tuesday',
    'twitter-admin digest set day 3': 'Wednesday',
    'twitter-admin digest set day 4': 'Thursday',
    'twitter-admin digest set day 5': 'Friday',
    'twitter-admin digest set day 6': 'Saturday',
    'twitter-admin digest set time': 'The time, 24-hour HH:MM (e.g. 09:00)',
    'twitter-admin digest set timezone': 'IANA time zone, e.g. Europe/Berlin (default UTC)',
    'twitter-admin digest off': 'Stop posting the weekly digest',
    leaderboard: "This server's opt-in X leaderboard",
    'leaderboard join': 'Show your X figures on this server’s leaderboard (you can leave any time)',
    'leaderboard leave': 'Take yourself off this server’s leaderboard',
    'leaderboard show': 'The top 10 members who joined, and your own place',
    'leaderboard show days': 'Which period (default 7 days)',
    'leaderboard show days 7': '7 days',
    'leaderboard show days 30': '30 days',
    'leaderboard show by': 'What to rank by (default engagement)',
    'leaderboard show by engagement': 'engagement',
    'leaderboard show by followers': 'followers',
    'leaderboard show by impressions': 'impressions',
    'leaderboard show by posts': 'posts',
  },

  /**
   * Command, subcommand and option names by path, as Discord shows them in the picker. English is the name the bot
   * registers and reads (Discord sends it whatever the member's language); other catalogs name them for their readers.
   */
  commandNames: {
    'link-twitter': 'link-twitter',
    'unlink-twitter': 'unlink-twitter',
    report: 'report',
    'report days': 'days',
    'report public': 'public',
    'report timezone': 'timezone',
    'report refresh': 'refresh',
    'twitter-admin': 'twitter-admin',
    'twitter-admin status': 'status',
    'twitter-admin linked-role': 'linked-role',
    'twitter-admin linked-role set': 'set',
    'twitter-admin linked-role set role': 'role',
    'twitter-admin linked-role clear': 'clear',
    'twitter-admin reports': 'reports',
    'twitter-admin reports visibility': 'visibility',
    'twitter-admin reports visibility visibility': 'visibility',
    'twitter-admin reports channel': 'channel',
    'twitter-admin reports channel channel': 'channel',
    'twitter-admin budget': 'budget',
    'twitter-admin budget posts-per-month': 'posts-per-month',
    'twitter-admin digest': 'digest',
    'twitter-admin digest set': 'set',
    'twitter-admin digest set channel': 'channel',
    'twitter-admin digest set day': 'day',
    'twitter-admin digest set time': 'time',
    'twitter-admin digest set timezone': 'timezone',
    'twitter-admin digest off': 'off',
    leaderboard: 'leaderboard',
    'leaderboard join': 'join',
    'leaderboard leave': 'leave',
    'leaderboard show': 'show',
    'leaderboard show days': 'days',
    'leaderboard show by': 'by',
  },

  common: {
    failure: 'Sorry, something went wrong on our side. Please try again in a minute.',
    unknownCommand: 'This command is not available any more. The bot may have been updated.',
    unknownButton: 'This button is not one the bot knows (it may be from an older version). Run the command again.',
    welcome: [
      'Thanks for adding me! Members link their X account with `/link-twitter` (a private, one-time link) and get a report on their recent activity with `/report`.',
      'Admins: `/twitter-admin status` shows what I can do here; `/twitter-admin` also sets a role for linked members, where reports may be posted and a monthly X budget.',
    ].join('\n'),
  },

  /** /leaderboard and the board's layout. */
  leaderboard: {
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
    title: (metric: BoardMetricName, days: number) => `## 🏆 Leaderboard: ${en.leaderboard.metricName(metric)}, last ${days} days`,
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
  },

  /** The weekly digest (digest/digest-layout.ts). */
  digest: {
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
  },

  /** Answers where only the member installed the bot (see interaction/place.ts). */
  place: {
    privateHere: (kind: PlaceKind): string =>
      kind === 'server'
        ? 'Only you can see this: the bot is not installed in this server (you use it from your own account), so it answers privately here and no server settings apply.'
        : 'Only you can see this: in this chat the bot answers privately.',
    reportPublicHere: (kind: PlaceKind): string =>
      kind === 'server'
        ? 'The bot is not installed in this server (you use it from your own account), so it cannot post a public report here. Run `/report` without `public` for a private one, or ask an admin to add the bot.'
        : 'A public report can be posted only in a server that installed the bot. Run `/report` without `public` for a private one.',
  },

  linking: {
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
  },

  pages: {
    notFound: page('info', 'Not found', 'Nothing here', 'This address is not part of the bot.'),
    internalError: page(
      'error',
      'Something went wrong',
      'Something went wrong on our side',
      'Please try again in a minute. If it keeps happening, tell the bot’s operator.',
    ),
    invalidLink: page(
      'error',
      'Link expired',
      'This link has expired or was already used',
      'Each link works once and only for a short time, so that nobody else can use it.',
      RUN_AGAIN,
    ),
    invalidCallback: page(
      'error',
      'Linking not completed',
      'This sign-in could not be matched to a link',
      'It may have expired, been used already, or been started from another link.',
      RUN_AGAIN,
    ),
    cancelled: page(
      'info',
      'Linking cancelled',
      'Linking was cancelled',
      'You cancelled at X, so nothing was stored. You can close this tab.',
      'To try again, run /link-twitter in Discord.',
    ),
    confirm: (who: string): PageText =>
      page(
        'info',
        'Link your X account',
        `Link an X account to ${who} on Discord?`,
        `Continue takes you to X, where you sign in and approve read access. The X account you approve there will be linked to the Discord account ${who}: its reports and linked roles go to that Discord account.`,
        'If that Discord account is not yours, close this page. Someone may have sent you their link to get at your X account.',
      ),
    confirmButton: 'Continue to X',
    otherBrowser: page(
      'error',
      'Linking not completed',
      'This sign-in was opened in another browser',
      'This sign-in was started in another browser (or this browser did not keep the bot’s cookie), so it was stopped: nothing was linked, and it cannot be finished in any browser now.',
      'If someone sent you this address, that is why: completing it would have linked your X account to their Discord account.',
      'To link your own account, run /link-twitter in Discord and open the link in this browser.',
    ),
    cookiesNeeded: page(
      'error',
      'Linking not started',
      'Your browser did not send the bot’s cookie',
      'Linking uses one cookie, so that it can only be finished in the browser that started it. Allow cookies for this site and open your link again.',
    ),
    linked: (screenName: string, who: string) =>
      page(
        'success',
        'Account linked',
        `@${screenName} is now linked to ${who}`,
        'You can close this tab and go back to Discord. Try /report there.',
      ),
    /** "Ada Lovelace (@ada)": the display name anyone can copy, with the unique username beside it. */
    discordIdentity: (name: string, username: string) =>
      username && username !== name ? `${name} (@${username})` : username ? `@${username}` : name,
    xCallbackNotApproved: (callbackUrl: string) =>
      page(
        'error',
        'Linking failed',
        'X refused this bot’s callback address',
        `X answered "Callback URL not approved" (error 415): ${callbackUrl} is not on the X app’s list of callback URLs.`,
        'Please tell the bot’s operator; they can add it in the X developer portal under the app’s authentication settings.',
      ),
    xRateLimited: page('error', 'Linking failed', 'X is busy right now', 'X asked us to slow down. Please try again in a few minutes.'),
    xUnauthorized: page(
      'error',
      'Linking failed',
      'X did not accept this sign-in',
      'The authorization may have expired or been used already.',
      RUN_AGAIN,
    ),
    xForbidden: page(
      'error',
      'Linking failed',
      'X refused the request',
      'The bot’s X app is not allowed to do this; please tell the bot’s operator.',
    ),
    xUnavailable: page(
      'error',
      'Linking failed',
      'X could not be reached',
      'X did not answer properly. Please try again in a few minutes.',
      RUN_AGAIN,
    ),

    /** Discord Linked Roles: the member connected the bot from a server's role menu. */
    roles: {
      connected: (screenName: string, who: string) =>
        page(
          'success',
          'Linked Roles updated',
          'Done — return to Discord',
          `Discord now knows @${screenName}'s X details for ${who}: roles that require them (followers, account age, posts) apply in every server that uses them.`,
          'They are kept up to date each time you run /report. You can close this tab.',
        ),
      cancelled: page(
        'info',
        'Linked Roles not connected',
        'Connection cancelled',
        'You cancelled at Discord, so nothing was stored. You can close this tab.',
        ROLES_AGAIN,
      ),
      invalidState: page(
        'error',
        'Linked Roles not connected',
        'This sign-in could not be matched to a connection',
        'It may have expired, been used already, or been started in another browser.',
        ROLES_AGAIN,
      ),
      otherBrowser: page(
        'error',
        'Linked Roles not connected',
        'Finish connecting in the browser where you started',
        'This Discord sign-in was started in another browser (or this browser did not keep the bot’s cookie), so nothing was stored.',
        ROLES_AGAIN,
      ),
      discordRefused: page(
        'error',
        'Linked Roles not connected',
        'Discord did not accept this sign-in',
        'The authorization may have expired or been used already.',
        ROLES_AGAIN,
      ),
      discordRateLimited: page(
        'error',
        'Linked Roles not connected',
        'Discord is busy right now',
        'Discord asked us to slow down. Please try again in a minute.',
        ROLES_AGAIN,
      ),
      discordMisconfigured: page(
        'error',
        'Linked Roles not connected',
        'Discord refused this bot’s credentials',
        'Please tell the bot’s operator: DISCORD_CLIENT_SECRET does not match the application.',
      ),
      discordUnavailable: page(
        'error',
        'Linked Roles not connected',
        'Discord could not be reached',
        'Discord did not answer properly. Please try again in a few minutes.',
        ROLES_AGAIN,
      ),
      off: page('info', 'Linked Roles are off', 'This bot does not offer Linked Roles', 'Its operator has not turned them on.'),
    },
  },

  report: {
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
          return en.report.brokenLink;
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
    footer: (
      read: { postsRead: number; postsRepeated: number; userReads: number; requests: number },
      costMicro: number,
      olderPosts = 0,
    ) => {
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

    activityField: 'Activity',
    activityTotal: (total: number, perDay: number | null, wholeDays: number, lowerBound: boolean) =>
      `**${count(total)}** ${plural(total, 'post', 'posts')}${lowerBound ? ' in the days read' : ''}` +
      (perDay !== null ? ` · ${perDay.toFixed(1)}/day over ${count(wholeDays)} whole ${plural(wholeDays, 'day', 'days')}` : ''),
    activityMix: (original: number, replies: number, quotes: number, reposts: number) =>
      `${count(original)} original · ${count(replies)} ${plural(replies, 'reply', 'replies')} · ${count(quotes)} ${plural(quotes, 'quote', 'quotes')} · ${count(reposts)} ${plural(reposts, 'repost', 'reposts')}`,
    // Volume, not results: when they post most. What earns most is "Best time to post".
    busiestWeekday: (weekday: string, perDay: number) => `Most posts on ${weekday}s (${perDay.toFixed(1)} a day)`,
    busiestHour: (hour: number, zone: string, n: number) => `Most posts at ${String(hour).padStart(2, '0')}:00 ${zone} (${n})`,
    noPatterns: (posts: number, needed: number) =>
      `Too few posts on whole days read for weekday and hour patterns (${count(posts)}; needs ${count(needed)}).`,
    busiestDay: (date: string, n: number) => `Busiest day: ${date} (${n})`,
    longestStreak: (days: number, atLeast: boolean) => `Longest streak: ${days}${atLeast ? '+' : ''} ${plural(days, 'day', 'days')}`,
    engagementField: (ownPosts: number) => `Engagement on ${count(ownPosts)} own ${plural(ownPosts, 'post', 'posts')}`,
    noOwnPosts: 'No posts of their own in the days read (reposts earn for someone else), so no engagement to show.',
    likesLine: (likes: number, perPost: string) => `❤️ ${count(likes)} ${plural(likes, 'like', 'likes')} (${perPost}/post)`,
    interactionsLine: (reposts: number, replies: number, quotes: number) =>
      `🔁 ${count(reposts)} ${plural(reposts, 'repost', 'reposts')} · 💬 ${count(replies)} ${plural(replies, 'reply', 'replies')} · ❝ ${count(quotes)} ${plural(quotes, 'quote', 'quotes')}`,
    bookmarksLine: (bookmarks: number) => `🔖 ${count(bookmarks)} ${plural(bookmarks, 'bookmark', 'bookmarks')}`,
    impressionsLine: (impressions: number, perPost: number, posts: number, ownPosts: number) =>
      `👁️ ${count(impressions)} ${plural(impressions, 'impression', 'impressions')} (${count(Math.round(perPost))}/post${posts < ownPosts ? ` on the ${count(posts)} X counted` : ''})`,
    // One rate, defined where it is shown: X's own when X gives engagements, else the public interactions.
    engagementRate: (rate: { value: number; basis: 'x-engagements' | 'interactions'; posts: number }) =>
      rate.basis === 'x-engagements'
        ? `Engagement rate: ${percent(rate.value)} (X's: engagements ÷ impressions, on ${count(rate.posts)} ${plural(rate.posts, 'post', 'posts')} of the last 30 days)`
        : `Engagement rate: ${percent(rate.value)} (${INTERACTIONS} ÷ impressions)`,
    privateField: 'Your X analytics',
    privateLines: (
      days: number,
      m: { posts: number; eligible: number; profileVisits: number; linkClicks: number; engagements: number | null },
    ) =>
      [
        `👤 ${count(m.profileVisits)} profile ${plural(m.profileVisits, 'visit', 'visits')} · 🔗 ${count(m.linkClicks)} link ${plural(m.linkClicks, 'click', 'clicks')}`,
        ...(m.engagements !== null ? [`${count(m.engagements)} ${plural(m.engagements, 'engagement', 'engagements')} (X's count)`] : []),
        `_On ${count(m.posts)} of your ${count(m.eligible)} own posts ${days > 30 ? 'of the last 30 days' : 'in this period'}: X shares these with you alone, for posts of the last 30 days._`,
      ].join('\n'),
    privateMissing: (why: 'public-report' | 'no-recent-posts' | 'read-without', eligible: number) =>
      ({
        'public-report': '_Your private X analytics are shown only in private reports._',
        'no-recent-posts': '_No own posts of the last 30 days: X shares these only for those._',
        'read-without': `_Not available for your ${count(eligible)} own ${plural(eligible, 'post', 'posts')} of the last 30 days: a report reaching further back read them, and X leaves these out of such reads._`,
      })[why],
    bestTimeField: 'Best time to post',
    bestTime: (
      weekday: string,
      hour: number,
      zone: string,
      b: { hours: number; perPost: number; posts: number; average: number; compared: number; slots: number; minPerSlot: number },
    ) =>
      `**${weekday}s ${String(hour).padStart(2, '0')}:00–${String((hour + b.hours) % 24).padStart(2, '0')}:00** ${zone}: ${b.perPost.toFixed(1)} interactions per post on ${count(b.posts)} posts, against ${b.average.toFixed(1)} over the ${count(b.compared)} posts of the ${count(b.slots)} weekday-and-${b.hours}-hour blocks with ${b.minPerSlot}+ posts (posts at least 2 days old)`,
    bestTimeUnknown: (sample: number, minPerSlot: number, minSample: number) =>
      `Not enough posts to say: it needs ${minSample} own posts at least 2 days old, two weekday-and-3-hour blocks with ${minPerSlot} or more each (${count(sample)} so far).`,
    topPostsField: 'Top posts by interactions',
    topPost: (p: {
      kind: 'original' | 'reply' | 'quote' | 'repost';
      date: string;
      engagement: number;
      likes: number;
      reposts: number;
      replies: number;
      impressions: number | null;
      rate: number | null;
    }) =>
      `${p.date} · ${{ original: 'Original', reply: 'Reply', quote: 'Quote', repost: 'Repost' }[p.kind]} · **${count(p.engagement)}** ${plural(p.engagement, 'interaction', 'interactions')} (${count(p.likes)} ❤️ ${count(p.reposts)} 🔁 ${count(p.replies)} 💬${p.impressions !== null ? ` · ${count(p.impressions)} 👁️` : ''}${p.rate !== null ? ` · ${percent(p.rate)}` : ''})`,
    noTopPosts: 'None of their own posts in the days read got an interaction yet.',
    noText: '(no text)',
    topicsField: 'Topics',
    // Counted in the member's own posts: a repost's hashtags and mentions are someone else's.
    hashtags: (list: string) => `Hashtags (own posts, not reposts): ${list}`,
    mentions: (list: string) => `Accounts they mentioned: ${list}`,
    links: (list: string) => `Links: ${list}`,
    mediaShare: (mediaShare: number) => `Posts with media: ${share(mediaShare)}`,
    noTopics: 'No hashtags, mentions or links in their own posts in the days read.',
    responsivenessField: 'Responsiveness',
    mentionsReceived: (received: number, lowerBound: boolean, since: string) =>
      lowerBound
        ? `**${count(received)}+** mentions of them: the ${count(received)} most recent (since ${since}) is as many as the bot reads per report`
        : `${count(received)} ${plural(received, 'mention', 'mentions')} of them received`,
    answeredLine: (answeredShare: number, answered: number, considered: number, since: string | null) =>
      `Answered: ${share(answeredShare)} (${count(answered)} of ${count(considered)}${since ? ` since ${since}, the span both were read` : ''})`,
    medianAnswer: (ms: number) => `Median time to answer: ${duration(ms)}`,
    withinHour: (withinHourShare: number) => `Answered within 1 hour: ${share(withinHourShare)}`,
    mentionsNotRead: (bound: 'off' | 'budget'): string =>
      bound === 'off'
        ? "Mentions are not read: the bot's operator turned them off."
        : "Mentions were not read: this month's X budget left none for them.",
  },

  admin: {
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
    roleCheckFailed: (failure: DiscordFailure) =>
      `I could not check the role with Discord: ${discordFailure(failure)} Nothing was changed.`,
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
  },

  /** The report as a Components V2 message (report/layout), its buttons and what a press answers. */
  reportView: {
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
    reading: (days: number) =>
      `Making the ${days}-day report: reading from X only what is not stored yet. It appears here when it is ready.`,
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
  },
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

/** 1200 → "1.2k", 3400000 → "3.4M". */
function shortNumber(n: number): string {
  if (n >= 1_000_000) return `${+(n / 1_000_000).toFixed(1)}M`;
  if (n >= 1_000) return `${+(n / 1_000).toFixed(1)}k`;
  return String(n);
}

/** "800 ms", "12 s", "3 min". */
function outage(ms: number): string {
  if (ms < 1000) return `${count(ms)} ms`;
  if (ms < 120_000) return `${count(Math.round(ms / 1000))} s`;
  return `${count(Math.round(ms / 60_000))} min`;
}

/** "45 min", "3.5 h", "4 days". */
function duration(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  if (minutes < 60) return `${Math.max(1, minutes)} min`;
  const hours = ms / 3_600_000;
  if (hours < 48) return `${hours < 10 ? hours.toFixed(1) : Math.round(hours)} h`;
  return `${Math.round(hours / 24)} days`;
}
