// GET /link/:token starts the OAuth flow; GET /twitter/callback ends it.

import { Hono } from 'hono';
import type { LinkService } from '../../linking/link-service.js';
import { cancelledPage, invalidCallbackPage, invalidLinkPage, linkedPage, xErrorPage } from '../link-pages.js';
import { renderPage } from '../page.js';

export function linkRoutes(links: LinkService): Hono {
  return new Hono().get('/:token', async (c) => {
    const result = await links.openLink(c.req.param('token'));
    if (result.ok) return c.redirect(result.redirectUrl, 302);
    if (result.reason === 'invalid') return c.html(renderPage(invalidLinkPage), 410);
    const { status, page } = xErrorPage(result.error, links.callbackUrl);
    return c.html(renderPage(page), status);
  });
}

const OAUTH_TOKEN = /^[\x21-\x7e]{1,200}$/;

export function twitterCallbackRoutes(links: LinkService): Hono {
  return new Hono().get('/callback', async (c) => {
    const { denied, oauth_token: token, oauth_verifier: verifier } = c.req.query();
    if (denied !== undefined) {
      const known = OAUTH_TOKEN.test(denied) && (await links.cancel(denied));
      return c.html(renderPage(known ? cancelledPage : invalidCallbackPage), known ? 200 : 400);
    }
    if (!token || !verifier || !OAUTH_TOKEN.test(token) || !OAUTH_TOKEN.test(verifier)) {
      return c.html(renderPage(invalidCallbackPage), 400);
    }
    const result = await links.completeCallback(token, verifier);
    if (result.ok) return c.html(renderPage(linkedPage(result.screenName, result.discordUserName)), 200);
    if (result.reason === 'invalid') return c.html(renderPage(invalidCallbackPage), 400);
    const { status, page } = xErrorPage(result.error, links.callbackUrl);
    return c.html(renderPage(page), status);
  });
}
