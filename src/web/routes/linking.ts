// GET /link/:token shows whose Discord account the link is for; POST (the
// Continue button) starts X's OAuth, bound to this browser by a cookie;
// GET /twitter/callback ends it, only in that browser.

import { Hono } from 'hono';
import type { LinkService } from '../../linking/link-service.js';
import { browserCookie } from '../browser-cookie.js';
import { browserText } from '../browser-text.js';
import { confirmLinkPage, linkedPage, xErrorPage } from '../link-pages.js';
import { fromOwnPage } from '../own-page.js';
import { contentSecurityPolicy, renderPage } from '../page.js';

export interface LinkRouteOptions {
  publicUrl: string;
  /** Where X's authorize page lives: Continue is redirected there. */
  twitterApiUrl: string;
  linkTtlSeconds: number;
}

export function linkRoutes(links: LinkService, options: LinkRouteOptions): Hono {
  const cookie = browserCookie(options);
  const origin = new URL(options.publicUrl).origin;
  const formPolicy = contentSecurityPolicy(["'self'", new URL(options.twitterApiUrl).origin, 'https:']);

  return new Hono()
    .get('/:token', async (c) => {
      const preview = await links.preview(c.req.param('token'));
      if (!preview) return c.html(renderPage(browserText(c).pages.invalidLink), 410);
      cookie.ensure(c);
      c.header('Content-Security-Policy', formPolicy);
      // The form posts back to this address, so the token is not repeated into the page.
      return c.html(renderPage(confirmLinkPage(browserText(c, preview.locale), preview)), 200);
    })
    .post('/:token', async (c) => {
      // In the member's language while their link is open; a used or expired one is known to nobody.
      const t = browserText(c, (await links.preview(c.req.param('token')))?.locale);
      if (!fromOwnPage(c.req.header('origin'), c.req.header('sec-fetch-site'), origin)) return c.html(renderPage(t.pages.invalidLink), 403);
      const secret = cookie.read(c);
      if (!secret) return c.html(renderPage(t.pages.cookiesNeeded), 400);
      cookie.ensure(c);
      const result = await links.openLink(c.req.param('token'), secret);
      if (result.ok) return c.redirect(result.redirectUrl, 303);
      const member = browserText(c, result.locale);
      if (result.reason === 'invalid') return c.html(renderPage(member.pages.invalidLink), 410);
      const { status, page } = xErrorPage(member, result.error, links.callbackUrl);
      return c.html(renderPage(page), status);
    });
}

const OAUTH_TOKEN = /^[\x21-\x7e]{1,200}$/;

export function twitterCallbackRoutes(links: LinkService, options: LinkRouteOptions): Hono {
  const cookie = browserCookie(options);
  return new Hono().get('/callback', async (c) => {
    const { denied, oauth_token: token, oauth_verifier: verifier } = c.req.query();
    if (denied !== undefined) {
      const { outcome, locale } = OAUTH_TOKEN.test(denied)
        ? await links.cancel(denied, cookie.read(c))
        : { outcome: 'invalid' as const, locale: null };
      const t = browserText(c, locale);
      if (outcome === 'cancelled') return c.html(renderPage(t.pages.cancelled), 200);
      if (outcome === 'other-browser') return c.html(renderPage(t.pages.otherBrowser), 403);
      return c.html(renderPage(t.pages.invalidCallback), 400);
    }
    if (!token || !verifier || !OAUTH_TOKEN.test(token) || !OAUTH_TOKEN.test(verifier)) {
      return c.html(renderPage(browserText(c).pages.invalidCallback), 400);
    }
    const result = await links.completeCallback(token, verifier, cookie.read(c));
    const t = browserText(c, result.locale);
    if (result.ok) {
      const page = linkedPage(t, result.screenName, result.discordUserName, result.discordUsername);
      return c.html(renderPage(page), 200);
    }
    if (result.reason === 'invalid') return c.html(renderPage(t.pages.invalidCallback), 400);
    if (result.reason === 'other-browser') return c.html(renderPage(t.pages.otherBrowser), 403);
    const { status, page } = xErrorPage(t, result.error, links.callbackUrl);
    return c.html(renderPage(page), status);
  });
}
