// Every sentence a member or admin reads, in English. Another language is one
// more file of this shape (typed by `Catalog`), listed in catalog.ts. Entries
// are plain strings or functions of the values they show; Discord markup
// (mentions, timestamps) comes from @discordjs/formatters, and anything a
// member or X supplied is escaped before it gets here or by `md`. The areas
// live in en/ by the part of the bot that says them, as ja/ does.

import type { PlaceKind } from '../interaction/place.js';
import { enAdmin } from './en/admin.js';
import { enCommandNames, enCommands } from './en/commands.js';
import { enLinking } from './en/linking.js';
import { enPages } from './en/pages.js';
import { enReport } from './en/report.js';
import { enReportView } from './en/report-view.js';
import { enDigest, enLeaderboard } from './en/server.js';

export type { BoardMetricName, BudgetScope, PageText, PageTone, RoleProblemKind } from './kinds.js';

export const en = {
  locale: 'en-US',
  weekdays: ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'],

  /** What Discord shows in the command picker: descriptions by command path, choice names by path and value. */
  commands: enCommands,
  commandNames: enCommandNames,

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
  leaderboard: enLeaderboard,
  digest: enDigest,

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

  linking: enLinking,
  pages: enPages,
  report: enReport,
  admin: enAdmin,
  reportView: enReportView,
};
