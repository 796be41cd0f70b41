// The local Discord answers as Discord does where the bot depends on it, and
// holds what a member would see. Each refusal here is one the real API makes
// (Component Reference, Message and Webhook resources).

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dmChannelOf, LocalDiscord } from '../../src/local-discord/local-discord.js';

const APP = '1700000000000000001';
const TOKEN = 'local-discord-test-token';
let discord: LocalDiscord;

beforeAll(async () => {
  discord = await new LocalDiscord({ applicationId: APP, botUser: { id: APP, username: 'bot' }, botToken: TOKEN }).start();
});
afterAll(() => discord.stop());

const call = (method: string, path: string, body?: unknown, auth = `Bot ${TOKEN}`) =>
  fetch(`${discord.apiUrl}/v10${path}`, {
    method,
    headers: { authorization: auth, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
const json = async (r: Response) => ({ status: r.status, body: (await r.json().catch(() => null)) as Record<string, unknown> });

let tokens = 0;
/** An interaction Discord has sent, in a channel (and on a message, for a press). */
const opened = (channelId = '1700000000000000010', messageId?: string) =>
  discord.log.open({ id: String(++tokens), token: `token-${tokens}`, channelId, messageId });

const v2 = (components: unknown[]) => ({ flags: 1 << 15, components });
const text = (content: string) => ({ type: 10, content });

describe('the local Discord', () => {
  it('answers /users/@me however the path is spelled, and only with the bot token', async () => {
    for (const path of ['/users/@me', '/users/%40me'])
      expect(await json(await call('GET', path))).toMatchObject({ status: 200, body: { id: APP } });
    expect((await call('GET', '/users/@me', undefined, 'Bot wrong')).status).toBe(401);
  });

  it('shows a deferred answer as thinking, then as the edit made it; a second acknowledgement is refused', async () => {
    const i = opened();
    expect((await call('POST', `/interactions/${i.id}/${i.token}/callback`, { type: 5 }, '')).status).toBe(204);
    expect(discord.original(i.token)).toMatchObject({ thinking: true, content: '' });
    expect((await call('PATCH', `/webhooks/${APP}/${i.token}/messages/@original`, { content: 'Done' }, '')).status).toBe(200);
    expect(discord.original(i.token)).toMatchObject({ thinking: false, content: 'Done', channelId: i.channelId });
    const again = await json(await call('POST', `/interactions/${i.id}/${i.token}/callback`, { type: 4, data: { content: 'x' } }, ''));
    expect(again).toMatchObject({ status: 400, body: { code: 40060 } });
  });

  it('takes an HTTP-mode answer handed over after the bot’s own edit as the older of the two', async () => {
    const i = opened();
    await call('PATCH', `/webhooks/${APP}/${i.token}/messages/@original`, { content: 'the report' }, '');
    const late = await discord.answeredOverHttp(i.token, 'application/json', Buffer.from('{"type":5,"data":{"flags":64}}'));
    expect(late.ok).toBe(true);
    expect(discord.original(i.token)).toMatchObject({ content: 'the report', thinking: false, flags: 64 });
    // Only once: a second answer is a second acknowledgement.
    expect(await discord.answeredOverHttp(i.token, 'application/json', Buffer.from('{"type":5}'))).toMatchObject({ code: 40060 });
  });

  it('refuses content or embeds on a Components V2 message, also in a later edit (the flag stays)', async () => {
    const i = opened();
    await call('POST', `/interactions/${i.id}/${i.token}/callback`, { type: 5 }, '');
    const edit = (body: unknown) => call('PATCH', `/webhooks/${APP}/${i.token}/messages/@original`, body, '');
    expect(await json(await edit({ ...v2([text('a')]), content: 'also text' }))).toMatchObject({ status: 400, body: { code: 50035 } });
    expect((await edit({ ...v2([text('a')]), embeds: [{ title: 't' }] })).status).toBe(400);
    expect((await edit(v2([text('a')]))).status).toBe(200);
    expect((await edit({ content: 'plain now' })).status).toBe(400);
    expect(discord.original(i.token)).toMatchObject({ components: [text('a')], content: '', flags: 1 << 15 });
    expect(discord.log.refused).toContain('IS_COMPONENTS_V2 forbids content');
  });

  it('takes 40 components in a V2 message, nested ones counted, and refuses 41', async () => {
    const i = opened();
    const container = (n: number) => ({ type: 17, components: Array.from({ length: n - 1 }, (_, k) => text(`line ${k}`)) });
    const post = (n: number) => call('POST', `/webhooks/${APP}/${i.token}`, v2([container(n)]), '');
    expect((await post(41)).status).toBe(400);
    expect((await post(40)).status).toBe(200);
  });

  it('refuses a legacy message with more than 5 action rows, or a row of 6 buttons', async () => {
    const button = (k: number) => ({ type: 2, style: 1, label: 'b', custom_id: `b${k}` });
    const row = (from: number, n: number) => ({ type: 1, components: Array.from({ length: n }, (_, k) => button(from + k)) });
    const post = (components: unknown[]) => call('POST', '/channels/1700000000000000010/messages', { components });
    expect((await post([0, 1, 2, 3, 4, 5].map((r) => row(r * 5, 1)))).status).toBe(400);
    expect((await post([row(0, 6)])).status).toBe(400);
    expect((await post([row(0, 5)])).status).toBe(200);
    expect((await post([row(0, 1), row(0, 1)])).status).toBe(400);
  });

  it('refuses a component naming attachment://x when no file x comes with it or stays on the message', async () => {
    const i = opened();
    const gallery = v2([{ type: 12, items: [{ media: { url: 'attachment://chart.png' } }] }]);
    expect((await call('POST', `/webhooks/${APP}/${i.token}`, gallery, '')).status).toBe(400);
    const form = new FormData();
    form.set('payload_json', JSON.stringify({ ...gallery, attachments: [{ id: 0, filename: 'chart.png' }] }));
    form.set('files[0]', new Blob([new Uint8Array([137, 80, 78, 71])], { type: 'image/png' }), 'chart.png');
    const sent = await json(await fetch(`${discord.apiUrl}/v10/webhooks/${APP}/${i.token}`, { method: 'POST', body: form }));
    expect(sent.status).toBe(200);
    const message = discord.log.find(String(sent.body.id))!;
    expect(message.attachments.map((a) => [a.filename, [...a.data]])).toEqual([['chart.png', [137, 80, 78, 71]]]);
    // An edit that keeps no attachment cannot go on showing the chart.
    const edit = (attachments: unknown[]) =>
      call('PATCH', `/webhooks/${APP}/${i.token}/messages/${message.id}`, { ...gallery, attachments }, '');
    expect((await edit([])).status).toBe(400);
    expect((await edit([{ id: message.attachments[0]!.id }])).status).toBe(200);
  });

  it('posts follow-ups in the interaction’s channel, edits them by id, and knows no other application’s webhook', async () => {
    const i = opened('1700000000000000011');
    const sent = await json(await call('POST', `/webhooks/${APP}/${i.token}`, { content: 'more' }, ''));
    expect(discord.inChannel('1700000000000000011').map((m) => m.content)).toEqual(['more']);
    await call('PATCH', `/webhooks/${APP}/${i.token}/messages/${sent.body.id}`, { content: 'changed' }, '');
    expect(discord.log.find(String(sent.body.id))).toMatchObject({ content: 'changed', edits: 1 });
    expect(await json(await call('POST', `/webhooks/1700000000000000999/${i.token}`, { content: 'x' }, ''))).toMatchObject({
      status: 404,
      body: { code: 10015 },
    });
    // Another interaction's token cannot reach this follow-up.
    const other = opened();
    expect((await call('PATCH', `/webhooks/${APP}/${other.token}/messages/${sent.body.id}`, { content: 'x' }, '')).status).toBe(404);
  });

  it('changes the pressed message when a press is answered with type 7', async () => {
    const posted = await json(await call('POST', '/channels/1700000000000000012/messages', { content: 'before' }));
    const press = opened('1700000000000000012', String(posted.body.id));
    await call('POST', `/interactions/${press.id}/${press.token}/callback`, { type: 7, data: { content: 'after' } }, '');
    expect(discord.log.find(String(posted.body.id))).toMatchObject({ content: 'after' });
    expect(discord.original(press.token)?.id).toBe(posted.body.id);
  });

  it('delivers a direct message in the member’s DM channel', async () => {
    const member = '1700000000000000077';
    const channel = await json(await call('POST', '/users/@me/channels', { recipient_id: member }));
    expect(channel.body.id).toBe(dmChannelOf(member));
    await call('POST', `/channels/${channel.body.id}/messages`, { content: 'hello' });
    expect(discord.directMessages()).toEqual([{ userId: member, content: 'hello' }]);
  });

  it('knows servers, members and roles, and nothing else', async () => {
    const guild = '1700000000000000100';
    discord.guilds.set(guild, {
      id: guild,
      ownerId: '1',
      roles: [{ id: '1700000000000000101', name: 'r', position: 1, permissions: '0' }],
      members: new Map([['1700000000000000102', []]]),
      channels: new Map(),
    });
    expect(await json(await call('GET', '/guilds/1700000000000000999'))).toMatchObject({ status: 404, body: { code: 10004 } });
    const role = `/guilds/${guild}/members/1700000000000000102/roles`;
    expect((await call('PUT', `${role}/1700000000000000101`)).status).toBe(204);
    expect(discord.guilds.get(guild)?.members.get('1700000000000000102')).toEqual(['1700000000000000101']);
    expect(await json(await call('PUT', `${role}/1700000000000000999`))).toMatchObject({ status: 404, body: { code: 10011 } });
    expect(await json(await call('GET', `/guilds/${guild}/members/1700000000000000999`))).toMatchObject({ body: { code: 10007 } });
    expect(await json(await call('GET', '/channels/1700000000000000999'))).toMatchObject({ body: { code: 10003 } });
  });
});

describe('the local Discord, as strict as Discord (the sandbox’s)', () => {
  let strict: LocalDiscord;
  const GUILD = '1700000000000000200';
  const CHANNEL = '1700000000000000201';
  beforeAll(async () => {
    strict = await new LocalDiscord({ applicationId: APP, botUser: { id: APP, username: 'bot' }, botToken: TOKEN, strict: true }).start();
    strict.guilds.set(GUILD, {
      id: GUILD,
      ownerId: '1',
      roles: [],
      members: new Map(),
      channels: new Map([[CHANNEL, { id: CHANNEL, type: 0, guild_id: GUILD, permission_overwrites: [] }]]),
    });
  });
  afterAll(() => strict.stop());
  const send = (method: string, path: string, body: unknown, auth = `Bot ${TOKEN}`) =>
    fetch(`${strict.apiUrl}/v10${path}`, {
      method,
      headers: { authorization: auth, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  it('lets the bot post only where it is: its servers’ channels and DM channels', async () => {
    expect(await json(await send('POST', '/channels/1700000000000000299/messages', { content: 'x' }))).toMatchObject({
      status: 403,
      body: { code: 50001 },
    });
    expect((await send('POST', `/channels/${CHANNEL}/messages`, { content: 'hi' })).status).toBe(200);
    const dm = await json(await send('POST', '/users/@me/channels', { recipient_id: '1700000000000000277' }));
    expect((await send('POST', `/channels/${dm.body.id}/messages`, { content: 'hello' })).status).toBe(200);
    expect(strict.log.messages.map((m) => m.content)).toEqual(['hi', 'hello']);
  });

  it('answers a webhook token it never sent in an interaction with Unknown Webhook', async () => {
    const edit = (token: string) => send('PATCH', `/webhooks/${APP}/${token}/messages/@original`, { content: 'x' }, '');
    expect(await json(await edit('never-sent'))).toMatchObject({ status: 404, body: { code: 10015 } });
    const sent = strict.log.open({ id: '1', token: 'sent', channelId: CHANNEL });
    expect((await edit(sent.token)).status).toBe(200);
  });

  it('answers a channel message sent again with its enforce_nonce nonce with the first one, not a second', async () => {
    const post = async (content: string, nonce: string, enforce = true) =>
      json(await send('POST', `/channels/${CHANNEL}/messages`, { content, nonce, enforce_nonce: enforce }));
    const first = await post('digest', 'n-1');
    const again = await post('digest, retried', 'n-1');
    expect(again.body.id).toBe(first.body.id);
    expect(strict.inChannel(CHANNEL).filter((m) => m.content.startsWith('digest'))).toHaveLength(1);
    // Without enforce_nonce a nonce is only echoed: a second message.
    expect((await post('other', 'n-2', false)).body.id).not.toBe((await post('other', 'n-2', false)).body.id);
  });
});
