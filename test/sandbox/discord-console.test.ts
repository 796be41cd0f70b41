// The sandbox console against hostile neighbours (another web page open in
// the same browser, a site rebound to 127.0.0.1, anyone calling its Discord
// REST stand-in without the bot's token), malformed or huge edits, and a bot
// that never answers.

import { Hono } from 'hono';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { commandDefinitions } from '../../src/commands/index.js';
import { BillingLedger } from '../../src/local-x/billing.js';
import { HttpStandIn } from '../../src/local-x/http-stand-in.js';
import { XStandIn } from '../../src/local-x/x-stand-in.js';
import { DiscordConsole } from '../../src/sandbox/discord-console.js';
import { SANDBOX_APPLICATION_ID, SANDBOX_BOT_ID, SANDBOX_GUILDS } from '../../src/sandbox/sandbox-discord.js';
import { bodyLimits } from '../../src/web/body-limit.js';

const BOT = 'http://127.0.0.1:3210';

/** The sandbox's console in front of the bot at `botUrl`, with X's prices. */
const consoleFor = (botUrl: string, extra: { x?: XStandIn; answerTimeoutMs?: number } = {}) =>
  new DiscordConsole({
    botUrl,
    botToken: 'sandbox-token',
    commands: commandDefinitions,
    x: extra.x ?? new XStandIn(),
    ledger: new BillingLedger(Date.now),
    pricing: { postUsd: 0.005, userUsd: 0.01 },
    answerTimeoutMs: extra.answerTimeoutMs,
  });
let app: Hono;
let x: XStandIn;
let key = '';
let consoleUrl: () => string;

beforeEach(() => {
  x = new XStandIn();
  const console = consoleFor(BOT, { x });
  app = new Hono();
  console.mount(app);
  key = `sandbox_key=${console.runKey}`;
  consoleUrl = () => console.consoleUrl;
});
afterEach(() => undefined);

const post = (path: string, headers: Record<string, string>, body = '{"rateLimited":true}') =>
  app.request(`${BOT}${path}`, { method: 'POST', headers: { host: '127.0.0.1:3210', cookie: key, ...headers }, body });

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
    const page = await app.request(`${BOT}/sandbox`, { headers: { host: '127.0.0.1:3210', cookie: key } });
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

describe('sandbox console: a per-run key, and Discord’s rules', () => {
  const interact = (body: Record<string, unknown>, headers: Record<string, string> = {}) =>
    post('/sandbox/api/interact', { 'content-type': 'application/json', origin: BOT, ...headers }, JSON.stringify(body));
  const member = (admin: boolean) => ({ id: '300000000000000001', username: 'ada', globalName: 'Ada', roles: [], admin });

  it('answers another local user without this run’s key with 403, and sets the key as a cookie from the printed address', async () => {
    // Another user of the machine: right address, no key. Neither Origin nor Sec-Fetch-Site, as curl sends.
    const stranger = { host: '127.0.0.1:3210' };
    expect((await app.request(`${BOT}/sandbox`, { headers: stranger })).status).toBe(403);
    expect((await app.request(`${BOT}/sandbox/api/state`, { headers: stranger })).status).toBe(403);
    const run = await app.request(`${BOT}/sandbox/api/interact`, {
      method: 'POST',
      headers: { ...stranger, 'content-type': 'application/json', cookie: 'sandbox_key=guess' },
      body: JSON.stringify({ kind: 'command', name: 'link-twitter', options: [], member: member(false) }),
    });
    expect(run.status).toBe(403);
    expect((await app.request(`${BOT}/sandbox?key=guess`, { headers: stranger })).status).toBe(403);

    const key = new URL(consoleUrl()).searchParams.get('key')!;
    const opened = await app.request(`${BOT}/sandbox?key=${key}`, { headers: stranger });
    expect(opened.status).toBe(303);
    expect(opened.headers.get('location')).toBe('/sandbox');
    const cookie = opened.headers.get('set-cookie')!;
    expect(cookie).toMatch(/^sandbox_key=[\w-]{32}; Path=\/sandbox; HttpOnly; SameSite=Strict$/);
    const page = await app.request(`${BOT}/sandbox`, { headers: { ...stranger, cookie: cookie.split(';')[0]! } });
    expect(page.status).toBe(200);
  });

  it('sends only the commands Discord offers this member here, with only listed choices', async () => {
    const refused = async (body: Record<string, unknown>) => {
      const res = await interact(body);
      return res.status === 400 ? ((await res.json()) as { error: string }).error : `answered ${res.status}`;
    };
    const admin = { kind: 'command', name: 'twitter-admin', options: [{ name: 'status', type: 1, options: [] }] };
    expect(await refused({ ...admin, member: member(false) })).toBe('Discord does not offer /twitter-admin to this member here');
    expect(await refused({ ...admin, member: member(true), dm: true })).toBe('Discord does not offer /twitter-admin to this member here');
    const days = (value: number) => ({
      kind: 'command',
      name: 'report',
      options: [{ name: 'days', type: 4, value }],
      member: member(false),
    });
    expect(await refused(days(14))).toBe('days must be one of 7, 30, 90');
    expect(await refused(days(30))).toBe('answered 200');
  });

  it('answers the bot’s REST calls at encoded paths as Discord does (/users/%40me is /users/@me)', async () => {
    const headers = { authorization: 'Bot sandbox-token' };
    const me = await app.request(`${BOT}/sandbox/discord/api/v10/users/%40me`, { headers });
    expect(me.status).toBe(200);
    expect(((await me.json()) as { id: string }).id).toBe(SANDBOX_BOT_ID);
    expect((await app.request(`${BOT}/sandbox/discord/api/v10/users/%40me`)).status).toBe(401);
    // Not percent-encoding at all: the local Discord answers 400, as the local X does.
    expect((await app.request(`${BOT}/sandbox/discord/api/v10/users/%E0%A4%A`, { headers })).status).toBe(400);
  });
});

describe('sandbox console against a misbehaving bot and malformed edits', () => {
  let bot: HttpStandIn;
  let consoleApp: Hono;
  let runKey = '';

  beforeEach(async () => {
    // A bot that defers every command, as /report does.
    bot = await new HttpStandIn(() => ({ status: 200, body: { type: 5, data: { flags: 64 } } })).start();
    const discordConsole = consoleFor(bot.baseUrl, { answerTimeoutMs: 200 });
    runKey = `sandbox_key=${discordConsole.runKey}`;
    consoleApp = new Hono();
    // As the bot's web app mounts it: its body limits first.
    consoleApp.use('*', bodyLimits([{ path: '/sandbox/discord/api/*', maxBytes: 64 * 1024 }], 16 * 1024));
    discordConsole.mount(consoleApp);
  });
  afterEach(async () => {
    await bot.stop();
  });

  const at = (path: string) => `${bot.baseUrl}${path}`;
  const own = () => ({ host: new URL(bot.baseUrl).host, origin: bot.baseUrl, 'content-type': 'application/json', cookie: runKey });
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
      (await (await consoleApp.request(at('/sandbox/api/state'), { headers: { host: own().host, cookie: runKey } })).json()) as {
        messages: Array<Record<string, any>>;
      }
    ).messages;
  const edit = (token: string, init: RequestInit) =>
    consoleApp.request(at(`/sandbox/discord/api/v10/webhooks/${SANDBOX_APPLICATION_ID}/${token}/messages/@original`), {
      method: 'PATCH',
      ...init,
    });
  const file = (url: string) => consoleApp.request(at(url), { headers: { host: own().host, cookie: runKey } });
  const tokenOfLastCommand = () => JSON.parse(bot.requests.at(-1)!.body).token as string;
  const multipart = (payload: string, file: Buffer) => {
    const form = new FormData();
    // As the bot sends it: the new file listed, so the one it replaces goes (Discord keeps only listed attachments).
    const listed = payload.startsWith('{"') ? `${payload.slice(0, -1)},"attachments":[{"id":0,"filename":"x-report.png"}]}` : payload;
    form.append('payload_json', listed);
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

  it('gives a DM a snowflake channel id, as Discord does, and shows the bot’s direct messages in that DM', async () => {
    const res = await consoleApp.request(at('/sandbox/api/interact'), {
      method: 'POST',
      headers: own(),
      body: JSON.stringify({
        kind: 'command',
        name: 'report',
        options: [],
        dm: true,
        member: { id: '300000000000000001', username: 'ada', globalName: 'Ada', roles: [], admin: false },
      }),
    });
    expect(res.status).toBe(200);
    const sent = JSON.parse(bot.requests.at(-1)!.body) as { channel_id: string; channel: { id: string; type: number }; context: number };
    expect(sent.channel_id).toMatch(/^\d{17,20}$/);
    expect(sent).toMatchObject({ context: 1, channel: { id: sent.channel_id, type: 1 } });
    const rest = { authorization: 'Bot sandbox-token', 'content-type': 'application/json' };
    const dm = (await (
      await consoleApp.request(at('/sandbox/discord/api/v10/users/@me/channels'), {
        method: 'POST',
        headers: rest,
        body: '{"recipient_id":"300000000000000001"}',
      })
    ).json()) as { id: string };
    expect(dm.id).toBe(sent.channel_id);
    await consoleApp.request(at(`/sandbox/discord/api/v10/channels/${dm.id}/messages`), {
      method: 'POST',
      headers: rest,
      body: '{"content":"hello"}',
    });
    expect((await messages()).map((m) => [m.channelId, m.dmWith])).toEqual([
      [sent.channel_id, '300000000000000001'],
      [sent.channel_id, '300000000000000001'],
    ]);
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

describe('sandbox console: the bot’s calls back wait for its answer, as at Discord', () => {
  let bot: HttpStandIn;
  let consoleApp: Hono;
  let cookie = '';

  beforeEach(async () => {
    // Commands deferred, presses answered with a deferred update (type 6), as the report's period buttons are.
    bot = await new HttpStandIn((req) => ({ status: 200, body: JSON.parse(req.body).type === 3 ? { type: 6 } : { type: 5 } })).start();
    const discordConsole = consoleFor(bot.baseUrl);
    cookie = `sandbox_key=${discordConsole.runKey}`;
    consoleApp = new Hono();
    discordConsole.mount(consoleApp);
  });
  afterEach(async () => {
    await bot.stop();
  });

  const at = (path: string) => `${bot.baseUrl}${path}`;
  const own = () => ({ host: new URL(bot.baseUrl).host, origin: bot.baseUrl, 'content-type': 'application/json', cookie });
  const ada = { id: '300000000000000001', username: 'ada', globalName: 'Ada', roles: [], admin: false };
  const api = (path: string, body: unknown) => consoleApp.request(at(path), { method: 'POST', headers: own(), body: JSON.stringify(body) });
  const editOriginal = (token: string, body: unknown) =>
    consoleApp.request(at(`/sandbox/discord/api/v10/webhooks/${SANDBOX_APPLICATION_ID}/${token}/messages/@original`), {
      method: 'PATCH',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  const shown = async () =>
    ((await (await consoleApp.request(at('/sandbox/api/state'), { headers: { host: own().host, cookie } })).json()) as { messages: any[] })
      .messages;
  const lastToken = () => JSON.parse(bot.requests.at(-1)!.body).token as string;

  it('edits the pressed message when the bot’s edit comes before the console handed its deferred update over', async () => {
    await api('/sandbox/api/interact', { kind: 'command', name: 'report', options: [], member: ada });
    const button = { type: 1, components: [{ type: 2, style: 1, label: '30 days', custom_id: 'p30' }] };
    expect((await editOriginal(lastToken(), { content: '7 days', components: [button] })).status).toBe(200);
    const [report] = await shown();

    const release = bot.hold(/^POST \/interactions$/);
    const press = api('/sandbox/api/press', { messageId: report.id, customId: 'p30', label: '30 days', member: ada });
    await expect.poll(() => bot.requests.length).toBe(2);
    // The bot answered (type 6) and edits at once; here its answer is still on the way to the console.
    const edit = editOriginal(lastToken(), { content: '30 days' });
    await new Promise((resolve) => setTimeout(resolve, 50));
    release();
    expect(await (await press).json()).toEqual({ ok: true });
    expect((await edit).status).toBe(200);
    expect((await shown()).map((m) => [m.id, m.content])).toEqual([[report.id, '30 days']]);
  });
});
