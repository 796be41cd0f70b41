// Black-box: the first ten minutes. The built bot (node dist/main.js) starts
// from `.env.example` as shipped plus credentials, in both modes; and every
// failure before it is ready ends the process with exit code 1 and one error
// line that says what to fix, instead of exit 0 or a process waiting forever.

import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { XStandIn } from '../../src/local-x/x-stand-in.js';
import { runBotUntilExit, standInEnv, startBotProcess } from '../support/bot-process.js';
import { APPLICATION_ID, DiscordSigner } from '../support/discord-payloads.js';
import { DiscordStandIn } from '../support/discord-stand-in.js';
import { GatewayStandIn } from '../support/gateway-stand-in.js';
import { eventually } from '../support/harness.js';

const ROOT = join(import.meta.dirname, '..', '..');
let x: XStandIn;
let discord: DiscordStandIn;
let gateway: GatewayStandIn;
let dir: string;
const signer = new DiscordSigner();

beforeEach(async () => {
  x = await new XStandIn().start();
  discord = await new DiscordStandIn().start();
  gateway = await new GatewayStandIn().start();
  discord.gatewayUrl = gateway.url;
  dir = mkdtempSync(join(tmpdir(), 'xbot-startup-'));
});
afterEach(async () => {
  await gateway.stop();
  await x.stop();
  await discord.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** `cp .env.example .env` and fill in the credentials (and, as tests must, point the two APIs at the stand-ins). */
function writeDotEnvFromExample(filled: Record<string, string>): void {
  const lines = readFileSync(join(ROOT, '.env.example'), 'utf8')
    .split('\n')
    .map((line) => {
      const name = /^([A-Z0-9_]+)=/.exec(line)?.[1];
      return name && name in filled ? `${name}=${filled[name]}` : line;
    });
  writeFileSync(join(dir, '.env'), lines.join('\n'));
}

const credentials = () => ({
  DISCORD_TOKEN: 'bot-token',
  DISCORD_APPLICATION_ID: APPLICATION_ID,
  TWITTER_CONSUMER_KEY: x.consumer.key,
  TWITTER_CONSUMER_SECRET: x.consumer.secret,
  TOKEN_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
  TWITTER_API_URL: x.baseUrl,
  DISCORD_API_URL: discord.apiUrl,
});

/** A port nothing listens on (taken and let go at once). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

const gatewayEnv = () => ({ ...standInEnv(x, discord, signer, dir), INTERACTIONS_MODE: 'gateway', DISCORD_CONNECT_TIMEOUT_SECONDS: '20' });
const errorLines = (records: Array<Record<string, unknown>>) => records.filter((r) => r.level === 'error').map((r) => String(r.msg));

describe('start-up of the built bot', { timeout: 60_000 }, () => {
  it('starts in gateway mode from .env.example as shipped plus credentials, and is ready', async () => {
    writeDotEnvFromExample(credentials());
    // Only what a test must change comes from the real environment: a free port on 127.0.0.1.
    const bot = await startBotProcess({}, dir);
    try {
      await eventually(() => bot.records().some((r) => r.msg === 'ready'), 4000);
      expect(gateway.identifies).toBe(1);
      const health = (await (await fetch(`${bot.base}/healthz`)).json()) as { gateway: { state: string } };
      expect(health.gateway.state).toBe('connected');
      expect(bot.records().filter((r) => r.level === 'error')).toEqual([]);
    } finally {
      await bot.stop();
    }
  });

  it('starts in HTTP mode from .env.example as shipped plus credentials, and answers Discord’s PING', async () => {
    writeDotEnvFromExample({ ...credentials(), INTERACTIONS_MODE: 'http', DISCORD_PUBLIC_KEY: signer.publicKeyHex });
    const bot = await startBotProcess({}, dir);
    try {
      await eventually(() => bot.records().some((r) => r.msg === 'ready'), 4000);
      const body = JSON.stringify({ type: 1 });
      const res = await fetch(`${bot.base}/interactions`, { method: 'POST', body, headers: signer.headers(body) });
      expect(await res.json()).toEqual({ type: 1 });
      expect(bot.records().filter((r) => r.level === 'warn')).toEqual([]);
    } finally {
      await bot.stop();
    }
  });

  it('started as a bare `node dist/main.js`, runs and warns once how `npm start` starts it', async () => {
    const bot = await startBotProcess({ ...standInEnv(x, discord, signer, dir), LOG_LEVEL: 'info' }, dir, [], []);
    try {
      await eventually(() => bot.records().some((r) => r.msg === 'ready'), 4000);
      const warnings = bot.records().filter((r) => r.level === 'warn');
      expect(warnings.map((r) => r.msg)).toEqual([
        expect.stringContaining('started without --max-semi-space-size=4: start the bot with `npm start`'),
      ]);
    } finally {
      await bot.stop();
    }
  });

  it('refuses SHARD_COUNT and SHARDS, which discord.js reads behind its back, naming the variables to use', async () => {
    const run = await runBotUntilExit({ ...gatewayEnv(), SHARD_COUNT: 'auto', SHARDS: '[0]' }, dir);
    expect(run.code).toBe(1);
    const text = run.lines.join('\n');
    expect(text).toContain('SHARD_COUNT is set: discord.js reads it');
    expect(text).toContain('SHARDS is set');
    expect(text).toContain('GATEWAY_SHARD_COUNT');
    expect(gateway.identifies).toBe(0);
  });

  it('exits 1 with a configuration message naming every bad variable', async () => {
    const run = await runBotUntilExit({ ...gatewayEnv(), DISCORD_TOKEN: '', PORT: 'eighty' }, dir);
    expect(run.code).toBe(1);
    expect(run.lines.join('\n')).toMatch(/DISCORD_TOKEN is missing[\s\S]*PORT is malformed/);
  });

  it('exits 1 when its port is taken, saying which port and what to do', async () => {
    const holder: Server = createServer();
    await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
    const port = String((holder.address() as { port: number }).port);
    try {
      const run = await runBotUntilExit({ ...standInEnv(x, discord, signer, dir), PORT: port }, dir);
      expect(run.code).toBe(1);
      expect(errorLines(run.records)).toEqual([`port 127.0.0.1:${port} is taken: stop what uses it or set PORT to a free one`]);
    } finally {
      holder.close();
    }
  });

  it('exits 1 when the SQLite database cannot be opened, or cannot be migrated', async () => {
    writeFileSync(join(dir, 'not-a-folder'), 'x');
    const unopenable = await runBotUntilExit(
      { ...standInEnv(x, discord, signer, dir), DATABASE_PATH: join(dir, 'not-a-folder', 'bot.sqlite') },
      dir,
    );
    expect(unopenable.code).toBe(1);
    expect(errorLines(unopenable.records)).toEqual(['could not open the SQLite database']);

    // A database whose first table exists already in another shape: the first migration fails.
    mkdirSync(join(dir, 'clash'));
    const { default: Database } = await import('better-sqlite3');
    const clash = new Database(join(dir, 'clash', 'bot.sqlite'));
    clash.exec('create table linked_accounts (something_else text)');
    clash.close();
    const unmigratable = await runBotUntilExit(
      { ...standInEnv(x, discord, signer, dir), DATABASE_PATH: join(dir, 'clash', 'bot.sqlite') },
      dir,
    );
    expect(unmigratable.code).toBe(1);
    expect(errorLines(unmigratable.records)).toEqual(['could not open the SQLite database']);
  });

  it('exits 1 when Discord refuses the token over REST (401)', async () => {
    discord.failNext(/^GET \/api\/v10\/gateway\/bot$/, { status: 401, body: { message: '401: Unauthorized', code: 0 } });
    const run = await runBotUntilExit(gatewayEnv(), dir);
    expect(run.code).toBe(1);
    expect(errorLines(run.records)).toEqual(['Discord rejected DISCORD_TOKEN: set the current bot token (Bot tab → Reset Token)']);
  });

  it('exits 1 when Discord closes the first gateway connection with 4004 (authentication failed)', async () => {
    gateway.closeOnIdentify = 4004;
    const run = await runBotUntilExit(gatewayEnv(), dir);
    expect(run.code).toBe(1);
    const errors = errorLines(run.records);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain('Discord closed the gateway for good (4004)');
    expect(errors[0]).toContain('DISCORD_TOKEN was reset or is wrong');
  });

  it('exits 1 at DISCORD_CONNECT_TIMEOUT_SECONDS when Discord’s gateway cannot be reached, instead of waiting forever', async () => {
    discord.gatewayUrl = `ws://127.0.0.1:${await closedPort()}`;
    const run = await runBotUntilExit({ ...gatewayEnv(), DISCORD_CONNECT_TIMEOUT_SECONDS: '2' }, dir);
    expect(run.code).toBe(1);
    const errors = errorLines(run.records);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain('Discord did not accept the gateway connection within 2 s (DISCORD_CONNECT_TIMEOUT_SECONDS)');
  });

  it('exits 1 on an unhandled rejection or an uncaught exception during start-up', async () => {
    // Injected once the bot has installed its own handler, i.e. in the middle of start-up (gateway mode: it is not
    // ready before Discord's gateway has answered, which takes network round trips after this).
    const inject = (what: string) =>
      `data:text/javascript,process.on('newListener',(e)=>{if(e==='unhandledRejection')setImmediate(()=>{${what}})})`;
    const rejection = await runBotUntilExit(gatewayEnv(), dir, ['--import', inject("Promise.reject(new Error('injected'))")]);
    expect(rejection.code).toBe(1);
    expect(errorLines(rejection.records)).toEqual(['start-up failed: unhandled rejection']);
    expect(rejection.records.some((r) => r.msg === 'ready')).toBe(false);

    const exception = await runBotUntilExit(gatewayEnv(), dir, ['--import', inject("throw new Error('injected')")]);
    expect(exception.code).toBe(1);
    expect(errorLines(exception.records)).toEqual(['start-up failed: uncaught exception']);
  });
});
