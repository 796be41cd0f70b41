// Black-box: the built bot in gateway mode against a stand-in speaking
// Discord's gateway protocol (v10) over a real WebSocket. It must answer
// commands across resumes and new sessions, end itself when Discord will not
// take it back, say the truth on /healthz, and catch up on the servers it
// joined or left while disconnected.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { XStandIn } from '../../src/local-x/x-stand-in.js';
import { type BotProcess, standInEnv, startBotProcess } from '../support/bot-process.js';
import { commandPayload, DiscordSigner, GUILD_ID } from '../support/discord-payloads.js';
import { DiscordStandIn } from '../support/discord-stand-in.js';
import { GatewayStandIn } from '../support/gateway-stand-in.js';
import { eventually } from '../support/harness.js';

const OTHER_GUILD = '400000000000000002';
const NEW_GUILD = '400000000000000003';
const NEW_GUILD_CHANNEL = '500000000000000003';
let x: XStandIn;
let discord: DiscordStandIn;
let gateway: GatewayStandIn;
let dir: string;
let bot: BotProcess;

beforeEach(async () => {
  x = await new XStandIn().start();
  discord = await new DiscordStandIn().start();
  gateway = await new GatewayStandIn().start();
  discord.gatewayUrl = gateway.url;
  gateway.guilds.set(GUILD_ID, { id: GUILD_ID, name: 'Home', systemChannelId: null, joinedAt: '2026-01-01T00:00:00.000Z' });
  gateway.guilds.set(OTHER_GUILD, { id: OTHER_GUILD, name: 'Other', systemChannelId: null, joinedAt: '2026-01-01T00:00:00.000Z' });
  dir = mkdtempSync(join(tmpdir(), 'xbot-gateway-'));
  bot = await startBotProcess({ ...standInEnv(x, discord, new DiscordSigner(), dir), INTERACTIONS_MODE: 'gateway' }, dir);
  await eventually(async () => (await health()).gateway?.state === 'connected', 4000);
}, 30_000);
afterEach(async () => {
  await bot.stop();
  await gateway.stop();
  await x.stop();
  await discord.stop();
  rmSync(dir, { recursive: true, force: true });
});

async function health(): Promise<{ status: string; code: number; gateway?: Record<string, unknown> }> {
  const res = await fetch(`${bot.base}/healthz`);
  return { ...((await res.json()) as { status: string; gateway?: Record<string, unknown> }), code: res.status };
}

/** Sends /link-twitter over the gateway and waits for the bot's answer at Discord's REST API. */
async function answersCommands(): Promise<void> {
  const payload = commandPayload({ name: 'link-twitter' });
  gateway.dispatch('INTERACTION_CREATE', payload);
  await eventually(() => discord.callbacks().some((c) => c.path.includes(payload.token)), 4000);
}

const logged = (msg: string) => bot.records().filter((r) => r.msg === msg);

describe('gateway door, black-box', { timeout: 60_000 }, () => {
  it('identifies with the Guilds intent only, heartbeats, reports connected on /healthz and answers commands', async () => {
    const identify = gateway.received.find((f) => f.op === 2)!.d as { intents: number };
    expect(identify.intents).toBe(1);
    await eventually(() => gateway.received.some((f) => f.op === 1), 4000);
    expect(await health()).toMatchObject({ code: 200, status: 'ok', gateway: { state: 'connected', disconnects: 0 } });
    await answersCommands();
  });

  it('connects only the shards of its set when the gateway is shared by several processes (GATEWAY_SHARD_COUNT, GATEWAY_SHARD_IDS)', async () => {
    await bot.stop();
    gateway.received.length = 0;
    bot = await startBotProcess(
      {
        ...standInEnv(x, discord, new DiscordSigner(), dir),
        INTERACTIONS_MODE: 'gateway',
        GATEWAY_SHARD_COUNT: '3',
        GATEWAY_SHARD_IDS: '2',
      },
      dir,
    );
    await eventually(() => gateway.received.some((f) => f.op === 2), 4000);
    const identify = gateway.received.find((f) => f.op === 2)!.d as { shard: [number, number] };
    expect(identify.shard).toEqual([2, 3]);
    expect(gateway.received.filter((f) => f.op === 2)).toHaveLength(1);
  });

  it('resumes after close 4000, a dropped TCP connection and op 7, logging each outage and replaying what it missed', async () => {
    gateway.close(4000);
    await eventually(() => gateway.resumes === 1 && gateway.connected, 4000);
    await answersCommands();
    expect(logged('gateway connection closed; reconnecting')[0]).toMatchObject({ level: 'warn', code: 4000 });
    await eventually(() => logged('gateway resumed; missed events replayed').length === 1, 4000);

    gateway.drop();
    // An interaction while the bot is away arrives with the RESUME.
    const missed = commandPayload({ name: 'link-twitter' });
    gateway.dispatch('INTERACTION_CREATE', missed);
    await eventually(() => discord.callbacks().some((c) => c.path.includes(missed.token)), 6000);

    gateway.askToReconnect();
    await eventually(() => gateway.resumes === 3, 6000);
    await answersCommands();
    expect(gateway.identifies).toBe(1);
    await eventually(async () => (await health()).gateway?.resumes === 3, 4000);
    expect(await health()).toMatchObject({ code: 200, gateway: { state: 'connected', disconnects: 3, newSessions: 0 } });
  });

  it('identifies anew after op 9, and then deletes the settings of a server it was removed from and welcomes one it joined meanwhile', async () => {
    const db = new BetterSqlite3(join(dir, 'data', 'bot.sqlite'));
    db.prepare('insert into guild_settings (guild_id, public_reports, updated_at) values (?, 1, 0)').run(OTHER_GUILD);
    db.close();
    // While the bot is away its session ends, it is removed from one server and added to another.
    gateway.drop();
    gateway.forgetSession();
    gateway.guilds.delete(OTHER_GUILD);
    gateway.guilds.set(NEW_GUILD, { id: NEW_GUILD, name: 'New', systemChannelId: NEW_GUILD_CHANNEL, joinedAt: new Date().toISOString() });
    await eventually(() => gateway.identifies === 2 && gateway.connected, 8000);

    const welcome = await eventually(
      () => discord.requestsTo(new RegExp(`^POST /api/v10/channels/${NEW_GUILD_CHANNEL}/messages$`))[0],
      4000,
    );
    expect(String((DiscordStandIn.payload(welcome) as { content: string }).content)).toContain('Thanks for adding me');
    await eventually(() => logged('removed from a server while disconnected; its settings are deleted').length === 1, 4000);
    const after = new BetterSqlite3(join(dir, 'data', 'bot.sqlite'));
    expect(after.prepare('select guild_id from guild_settings where guild_id = ?').get(OTHER_GUILD)).toBeUndefined();
    after.close();
    expect(logged('gateway back with a new session (events during the outage were lost)')).toHaveLength(1);
    await answersCommands();

    // op 9 (not resumable) on a live connection: a new session too.
    gateway.invalidateSession(false);
    await eventually(() => gateway.identifies === 3 && gateway.connected, 8000);
    await answersCommands();
    // Nothing changed this time: no second welcome, the home server's data untouched.
    expect(discord.requestsTo(/^POST \/api\/v10\/channels\/\d+\/messages$/)).toHaveLength(1);
    expect(await health()).toMatchObject({ code: 200, gateway: { state: 'connected', newSessions: 2 } });
  });

  it('ends the process with a clear log line when Discord closes with 4004 (the token was reset), instead of running on deaf', async () => {
    gateway.close(4004);
    expect(await bot.exited).toBe(1);
    const fatal = bot.records().find((r) => String(r.msg).startsWith('Discord closed the gateway for good (4004)'));
    expect(fatal).toMatchObject({ level: 'error', code: 4004 });
    expect(String(fatal?.msg)).toContain('DISCORD_TOKEN was reset or is wrong');
  });
});
