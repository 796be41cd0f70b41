// The kinds the catalogs tell apart, named by the code that decides them
// (budget, guilds, leaderboard, the web pages); every catalog speaks of them.

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
