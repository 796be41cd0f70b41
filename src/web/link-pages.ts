// The page for each outcome of linking: sentences from the member's catalog,
// status codes here.

import type { LinkPreview } from '../linking/link-results.js';
import type { Catalog } from '../text/catalog.js';
import type { XApiError } from '../twitter/errors.js';
import type { PageContent } from './page.js';

/** Shown when a link is opened: nothing happens at X until Continue is pressed. */
export function confirmLinkPage(t: Catalog, preview: LinkPreview): PageContent {
  const who = t.pages.discordIdentity(preview.discordUserName, preview.discordUsername);
  return { ...t.pages.confirm(who), form: { button: t.pages.confirmButton } };
}

export function linkedPage(t: Catalog, screenName: string, discordName: string, discordUsername: string): PageContent {
  return t.pages.linked(screenName, t.pages.discordIdentity(discordName, discordUsername));
}

export function xErrorPage(t: Catalog, error: XApiError, callbackUrl: string): { status: 424 | 429; page: PageContent } {
  switch (error.kind) {
    case 'callback-not-approved':
      return { status: 424, page: t.pages.xCallbackNotApproved(callbackUrl) };
    case 'rate-limited':
      return { status: 429, page: t.pages.xRateLimited };
    case 'unauthorized':
      return { status: 424, page: t.pages.xUnauthorized };
    case 'forbidden':
      return { status: 424, page: t.pages.xForbidden };
    default:
      return { status: 424, page: t.pages.xUnavailable };
  }
}
