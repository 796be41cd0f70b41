// The sandbox console against hostile neighbours (another web page open in
// the same browser, a site rebound to 127.0.0.1, anyone calling its Discord
// REST stand-in without the bot's token), malformed or huge edits, and a bot
// that never answers.

import { Hono } from 'hono';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BillingLedger } from '../../src/local-x/billing.js';
import { HttpStandIn } from '../../src/local-x/http-stand-in.js';
import { XStandIn } from '../../src/local-x/x-stand-in.js';
import { DiscordConsole, SANDBOX_BOT_ID, SANDBOX_GUILDS } from '../../src/sandbox/discord-console.js';
import { bodyLimits } from '../../src/web/body-limit.js';

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

describe('sandbox console against a misbehaving bot and malformed edits', () => {
  let bot: HttpStandIn;
  let consoleApp: Hono;

  beforeEach(async () => {
    // A bot that defers every command, as /report does.
    bot = await new HttpStandIn(() => ({ status: 200, body: { type: 5, data: { flags: 64 } } })).start();
    const discordConsole = new DiscordConsole({
      botUrl: bot.baseUrl,
      botToken: 'sandbox-token',
      commands: [],
      x: new XStandIn(),
      ledger: new BillingLedger(Date.now),
      pricing: { postUsd: 0.005, userUsd: 0.01 },
      answerTimeoutMs: 200,
    });
    consoleApp = new Hono();
    // As the bot's web app mounts it: its body limits first.
    consoleApp.use('*', bodyLimits([{ path: '/sandbox/discord/api/*', maxBytes: 64 * 1024 }], 16 * 1024));
    discordConsole.mount(consoleApp);
  });
  afterEach(async () => {
    await bot.stop();
  });

  const at = (path: string) => `${bot.baseUrl}${path}`;
  const own = () => ({ host: new URL(bot.baseUrl).host, origin: bot.baseUrl, 'content-type': 'application/json' });
  const command = () =>
    consoleApp.request(at('/sandbox/api/interact'), {
      method: 'POST',
      headers: own(),
      body: JSON.stringify({
        kind: 'command',
        name: 'report',
        options: [],
        member: { id: '300000000000000001', username: 'ada', globalName: 'Ada', roles: [], admin: false },
      }),
    });
  const messages = async () =>
    (
      (await (await consoleApp.request(at('/sandbox/api/state'), { headers: { host: own().host } })).json()) as {
        messages: Array<Record<string, any>>;
      }
    ).messages;
  const edit = (token: string, init: RequestInit) =>
    consoleApp.request(at(`/sandbox/discord/api/v10/webhooks/1/${token}/messages/@original`), { method: 'PATCH', ...init });
  const file = (url: string) => consoleApp.request(at(url), { headers: { host: own().host } });
  const tokenOfLastCommand = () => JSON.parse(bot.requests.at(-1)!.body).token as string;
  const multipart = (payload: string, file: Buffer) => {
    const form = new FormData();
    form.append('payload_json', payload);
    form.append('files[0]', new Blob([new Uint8Array(file)], { type: 'image/png' }), 'x-report.png');
    return form;
  };

  it('answers a malformed edit with Discord’s 400, and keeps one file per shown message', async () => {
    await command();
    const token = tokenOfLastCommand();
    expect((await edit(token, { headers: { 'content-type': 'application/json' }, body: '{not json' })).status).toBe(400);
    expect((await edit(token, { body: multipart('{not json', Buffer.from('png')) })).status).toBe(400);

    expect((await edit(token, { body: multipart('{"content":"first"}', Buffer.from('first chart')) })).status).toBe(200);
    const first = (await messages())[0]!.attachments[0].url as string;
    expect(await (await file(first)).text()).toBe('first chart');
    expect((await edit(token, { body: multipart('{"content":"second"}', Buffer.from('second chart')) })).status).toBe(200);
    const second = (await messages())[0]!.attachments[0].url as string;
    // The replaced chart is gone, not kept beside the new one.
    expect((await file(first)).status).toBe(404);
    expect(await (await file(second)).text()).toBe('second chart');
  });

  it('refuses an edit body past the limit with 413', async () => {
    await command();
    const huge = multipart('{"content":"big"}', Buffer.alloc(200 * 1024, 1));
    expect((await edit(tokenOfLastCommand(), { body: huge })).status).toBe(413);
  });

  it('shows the command as failed when the bot does not answer, instead of waiting forever', async () => {
    const release = bot.hold(/^POST \/interactions$/);
    const answer = await command();
    release();
    expect(await answer.json()).toEqual({ ok: false });
    const [failed] = await messages();
    expect(failed).toMatchObject({ state: 'failed', content: expect.stringContaining('The bot did not answer') });
  });
});
