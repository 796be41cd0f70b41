// Who may use the console: another web page open in the same browser must
// not drive it (it runs commands as you), nor a site whose name was rebound
// to 127.0.0.1, nor another user of the machine. Only this address, only a
// browser that opened the address the sandbox printed (it carries this run's
// key, set as a cookie), only its own page's requests, JSON only. The bot's
// REST calls to the local Discord mounted under /sandbox/discord are server
// to server: the local Discord checks their token itself, as Discord does.

import { timingSafeEqual } from 'node:crypto';
import type { Context, Hono } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import { fromOwnPage } from '../web/own-page.js';

const RUN_KEY_COOKIE = 'sandbox_key';

function hasRunKey(c: Context, runKey: string): boolean {
  const given = Buffer.from(getCookie(c, RUN_KEY_COOKIE) ?? '');
  const key = Buffer.from(runKey);
  return given.length === key.length && timingSafeEqual(given, key);
}

export function guardConsole(app: Hono, botUrl: string, runKey: string): void {
  const own = new URL(botUrl);
  app.use('/sandbox/*', async (c, next) => {
    if (c.req.path.startsWith('/sandbox/discord/')) return next();
    if (c.req.header('host') !== own.host) return c.text('This console answers only at its own address.', 403);
    if (c.req.method === 'GET' && c.req.path === '/sandbox' && c.req.query('key') === runKey) {
      setCookie(c, RUN_KEY_COOKIE, runKey, { httpOnly: true, sameSite: 'Strict', path: '/sandbox' });
      return c.redirect('/sandbox', 303);
    }
    if (!hasRunKey(c, runKey)) {
      return c.text('Open the console at the address `npm run sandbox` printed: it carries this run’s key.', 403);
    }
    if (c.req.method !== 'GET') {
      if (!fromOwnPage(c.req.header('origin'), c.req.header('sec-fetch-site'), own.origin)) {
        return c.text('Only the console page may send commands.', 403);
      }
      // JSON only: a form or text/plain post from elsewhere would need no preflight.
      if (!(c.req.header('content-type') ?? '').startsWith('application/json')) return c.text('JSON only.', 415);
    }
    return next();
  });
}
