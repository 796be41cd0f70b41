// The web pages linking and Linked Roles show, in English.

import type { PageText, PageTone } from '../kinds.js';

const RUN_AGAIN = 'Go back to Discord and run /link-twitter again for a fresh link.';
const ROLES_AGAIN = 'To try again, open the server’s Linked Roles menu in Discord (the server name → Linked Roles) and pick this app.';
const page = (tone: PageTone, title: string, heading: string, ...paragraphs: string[]): PageText => ({
  lang: 'en',
  title,
  heading,
  paragraphs,
  tone,
});

export const enPages = {
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
};
