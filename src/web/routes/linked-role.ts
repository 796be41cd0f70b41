// Discord Linked Roles: GET /linked-role (the app's Linked Roles Verification
// URL) sends the browser to Discord's consent page with a state bound to it
// (signed, not stored);
// GET /discord/callback finishes there, only in that browser. Every failure
// is a 4xx page, and the database is as it was.

import { Hono } from 'hono';
import type { DiscordOAuthError } from '../../discord-api/oauth2.js';
import type { RoleConnectionService } from '../../role-connections/role-connection-service.js';
import type { Catalog } from '../../text/catalog.js';
import { type BrowserCookieOptions, browserCookie } from '../browser-cookie.js';
import { browserText } from '../browser-text.js';
import { xErrorPage } from '../link-pages.js';
import type { PageContent } from '../page.js';
import { renderPage } from '../page.js';

export function linkedRoleRoutes(roles: RoleConnectionService | null, options: BrowserCookieOptions & { callbackUrl: string }): Hono {
  const cookie = browserCookie(options);
  return new Hono().get('/', async (c) => {
    if (!roles) return c.html(renderPage(browserText(c).pages.roles.off), 404);
    // Nothing is stored until Discord calls back: a flood of visits here fills nothing members need.
    return c.redirect(roles.begin(cookie.ensure(c)), 302);
  });
}

export function discordCallbackRoutes(roles: RoleConnectionService | null, options: BrowserCookieOptions & { callbackUrl: string }): Hono {
  const cookie = browserCookie(options);
  return new Hono().get('/callback', async (c) => {
    const t = browserText(c);
    if (!roles) return c.html(renderPage(t.pages.roles.off), 404);
    const { code, state, error } = c.req.query();
    const result = await roles.complete({ code, state, error }, cookie.read(c));
    if (result.ok === 'link-x') return c.redirect(result.redirectUrl, 302);
    if (result.ok) {
      const r = browserText(c, result.locale);
      return c.html(
        renderPage(r.pages.roles.connected(result.screenName, r.pages.discordIdentity(result.discordUserName, result.discordUsername))),
        200,
      );
    }
    switch (result.reason) {
      case 'cancelled':
        return c.html(renderPage(t.pages.roles.cancelled), 200);
      case 'other-browser':
        return c.html(renderPage(t.pages.roles.otherBrowser), 403);
      case 'invalid':
        return c.html(renderPage(t.pages.roles.invalidState), 400);
      case 'discord-error': {
        const { status, page } = discordErrorPage(browserText(c, result.locale), result.error);
        return c.html(renderPage(page), status);
      }
      case 'x-error': {
        const { status, page } = xErrorPage(browserText(c, result.locale), result.error, options.callbackUrl);
        return c.html(renderPage(page), status);
      }
    }
  });
}

function discordErrorPage(t: Catalog, error: DiscordOAuthError): { status: 400 | 424 | 429; page: PageContent } {
  switch (error.kind) {
    case 'refused':
      return { status: 400, page: t.pages.roles.discordRefused };
    case 'rate-limited':
      return { status: 429, page: t.pages.roles.discordRateLimited };
    case 'unauthorized':
      return { status: 424, page: t.pages.roles.discordMisconfigured };
    default:
      return { status: 424, page: t.pages.roles.discordUnavailable };
  }
}
