// The sandbox console against hostile neighbours: another web page open in
// the same browser, a site rebound to 127.0.0.1, or anyone calling its Discord
// REST stand-in without the bot's token.

import { Hono } from 'hono';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BillingLedger } from '../../src/local-x/billing.js';
import { XStandIn } from '../../src/local-x/x-stand-in.js';
import { DiscordConsole, SANDBOX_BOT_ID, SANDBOX_GUILDS } from '../../src/sandbox/discord-console.js';

const BOT = 'http://127.0.0.1:3210';
let app: Hono;
let x: XStandIn;

beforeEach(() => {
  x = new XStandIn();
  const console = new DiscordConsole({
    botUrl: BOT,
    botToken: 'sandbox-token',
    commands: [],
    x,
    ledger: new BillingLedger(Date.now),
    pricing: { postUsd: 0.005, userUsd: 0.01 },
  });
  app = new Hono();
  console.mount(app);
});
afterEach(() => undefined);

const post = (path: string, headers: Record<string, string>, body = '{"rateLimited":true}') =>
  app.request(`${BOT}${path}`, { method: 'POST', headers: { host: '127.0.0.1:3210', ...headers }, body });

describe('sandbox console', () => {
  it('takes commands and switches only from its own page', async () => {
    const json = { 'content-type': 'application/json' };
    expect((await post('/sandbox/api/x-faults', { ...json, origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' })).status).toBe(
      403,
    );
    expect((await post('/sandbox/api/x-faults', { 'content-type': 'text/plain' })).status).toBe(415);
    expect((await post('/sandbox/api/x-faults', { ...json, host: 'rebound.example:3210' })).status).toBe(403);
    expect(x.faults.rateLimited).toBe(false);
    const own = await post('/sandbox/api/x-faults', { ...json, origin: BOT, 'sec-fetch-site': 'same-origin' });
    expect(own.status).toBe(200);
    expect(x.faults.rateLimited).toBe(true);
    const malformed = await post('/sandbox/api/interact', { ...json, origin: BOT }, '{"kind":"command","name":"report"}');
    expect(malformed.status).toBe(400);
    expect((await post('/sandbox/api/interact', { ...json, origin: BOT }, 'not json')).status).toBe(400);
    const page = await app.request(`${BOT}/sandbox`, { headers: { host: '127.0.0.1:3210' } });
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
  });

  it('answers the bot’s REST calls only with its token, and keeps the roles the bot gives', async () => {
    const [guild] = SANDBOX_GUILDS;
    const path = `${BOT}/sandbox/discord/api/v10/guilds/${guild.id}/members/${SANDBOX_BOT_ID}/roles/${guild.roles.linked}`;
    expect((await app.request(path, { method: 'PUT' })).status).toBe(401);
    expect((await app.request(path, { method: 'PUT', headers: { authorization: 'Bot sandbox-token' } })).status).toBe(204);
    const member = await app.request(`${BOT}/sandbox/discord/api/v10/guilds/${guild.id}/members/${SANDBOX_BOT_ID}`, {
      headers: { authorization: 'Bot sandbox-token' },
    });
    expect(((await member.json()) as { roles: string[] }).roles).toEqual([guild.roles.bot, guild.roles.linked]);
    const unknownRole = await app.request(path.replace(guild.roles.linked, '1'), {
      method: 'PUT',
      headers: { authorization: 'Bot sandbox-token' },
    });
    expect(unknownRole.status).toBe(404);
    // An interaction webhook needs no bot token (Discord's rule), but an unknown one is refused.
    const edit = await app.request(`${BOT}/sandbox/discord/api/v10/webhooks/1/not-a-token/messages/@original`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json' },
      body: '{"content":"hi"}',
    });
    expect(edit.status).toBe(404);
  });
});
