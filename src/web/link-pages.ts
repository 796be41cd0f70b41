// The pages a member sees while linking, one function per outcome.

import type { LinkPreview } from '../linking/link-service.js';
import type { XApiError } from '../twitter/errors.js';
import type { PageContent } from './page.js';

/** "Ada Lovelace (@ada)": the display name anyone can copy, with the unique username beside it. */
export function discordIdentity(name: string, username: string): string {
  return username && username !== name ? `${name} (@${username})` : username ? `@${username}` : name;
}

/** Shown when a link is opened: nothing happens at X until Continue is pressed. */
export function confirmLinkPage(preview: LinkPreview): PageContent {
  const who = discordIdentity(preview.discordUserName, preview.discordUsername);
  return {
    title: 'Link your X account',
    heading: `Link an X account to ${who} on Discord?`,
    paragraphs: [
      `Continue takes you to X, where you sign in and approve read access. The X account you approve there will be linked to the Discord account ${who}: its reports and linked roles go to that Discord account.`,
      'If that Discord account is not yours, close this page. Someone may have sent you their link to get at your X account.',
    ],
    tone: 'info',
    form: { button: 'Continue to X' },
  };
}

export const otherBrowserPage: PageContent = {
  title: 'Linking not completed',
  heading: 'Finish linking in the browser where you started',
  paragraphs: [
    'This sign-in was started in another browser (or this browser did not keep the bot’s cookie), so it was not completed: nothing was linked.',
    'If someone sent you this address, that is why: completing it would have linked your X account to their Discord account.',
    'To link your own account, run /link-twitter in Discord and open the link in this browser.',
  ],
  tone: 'error',
};

export const cookiesNeededPage: PageContent = {
  title: 'Linking not started',
  heading: 'Your browser did not send the bot’s cookie',
  paragraphs: [
    'Linking uses one cookie, so that it can only be finished in the browser that started it. Allow cookies for this site and open your link again.',
  ],
  tone: 'error',
};

const RUN_AGAIN = 'Go back to Discord and run /link-twitter again for a fresh link.';

export const invalidLinkPage: PageContent = {
  title: 'Link expired',
  heading: 'This link has expired or was already used',
  paragraphs: ['Each link works once and only for a short time, so that nobody else can use it.', RUN_AGAIN],
  tone: 'error',
};

export const invalidCallbackPage: PageContent = {
  title: 'Linking not completed',
  heading: 'This sign-in could not be matched to a link',
  paragraphs: ['It may have expired, been used already, or been started from another link.', RUN_AGAIN],
  tone: 'error',
};

export const cancelledPage: PageContent = {
  title: 'Linking cancelled',
  heading: 'Linking was cancelled',
  paragraphs: ['You cancelled at X, so nothing was stored. You can close this tab.', 'To try again, run /link-twitter in Discord.'],
  tone: 'info',
};

export function linkedPage(screenName: string, discordName: string, discordUsername = ''): PageContent {
  return {
    title: 'Account linked',
    heading: `@${screenName} is now linked to ${discordIdentity(discordName, discordUsername)}`,
    paragraphs: ['You can close this tab and go back to Discord. Try /report there.'],
    tone: 'success',
  };
}

export function xErrorPage(error: XApiError, callbackUrl: string): { status: 424 | 429; page: PageContent } {
  const page = (heading: string, ...paragraphs: string[]): PageContent => ({ title: 'Linking failed', heading, paragraphs, tone: 'error' });
  switch (error.kind) {
    case 'callback-not-approved':
      return {
        status: 424,
        page: page(
          'X refused this bot’s callback address',
          `X answered "Callback URL not approved" (error 415): ${callbackUrl} is not on the X app’s list of callback URLs.`,
          'Please tell the bot’s operator; they can add it in the X developer portal under the app’s authentication settings.',
        ),
      };
    case 'rate-limited':
      return { status: 429, page: page('X is busy right now', 'X asked us to slow down. Please try again in a few minutes.') };
    case 'unauthorized':
      return {
        status: 424,
        page: page('X did not accept this sign-in', 'The authorization may have expired or been used already.', RUN_AGAIN),
      };
    case 'forbidden':
      return {
        status: 424,
        page: page('X refused the request', 'The bot’s X app is not allowed to do this; please tell the bot’s operator.'),
      };
    default:
      return {
        status: 424,
        page: page('X could not be reached', 'X did not answer properly. Please try again in a few minutes.', RUN_AGAIN),
      };
  }
}
