// Builds the real bot (real Hono app, real SQLite file or PostgreSQL database,
// real discord.js client) against local stand-ins for X and Discord.

import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Bot, createBot } from '../../src/bot.js';
import { type Config, loadConfig } from '../../src/config/env.js';
import type { HttpGet } from '../../src/http/http-get.js';
import { XStandIn } from '../../src/local-x/x-stand-in.js';
import { createLogger, type Logger } from '../../src/log/logger.js';
import { Browser } from './browser.js';
import { APPLICATION_ID, DiscordSigner } from './discord-payloads.js';
import { DiscordStandIn } from './discord-stand-in.js';
import { freshPostgresDatabase, openTestStores, queryStores, type TestStores, testPostgresUrl } from './test-engine.js';

export interface Harness {
  bot: Bot;
  /** The bot's stores, on the engine this run tests. */
  stores: TestStores;
  /** Runs a query on the bot's database, either engine (`?` placeholders). */
  sql<T = Record<string, unknown>>(query: string, ...params: unknown[]): Promise<T[]>;
  /** The first row of a query, or undefined. */
  one<T = Record<string, unknown>>(query: string, ...params: unknown[]): Promise<T | undefined>;
  config: Config;
  x: XStandIn;
  discord: DiscordStandIn;
  signer: DiscordSigner;
  logs: string[];
  clock: { now: number };
  dir: string;
  /** Closes the bot and starts a new one on the same database and stand-ins. */
  restart(): Promise<void>;
  /** A new browser (its own cookie jar) talking to the bot's web app. */
  browser(): Browser;
  /** Sends a signed interaction to POST /interactions (HTTP mode). */
  interact(payload: unknown, headers?: Record<string, string>): Promise<Response>;
  close(): Promise<void>;
}

export interface HarnessOptions {
  mode?: 'gateway' | 'http';
  env?: Record<string, string>;
  ackDeadlineMs?: number;
  xRequestTimeoutMs?: number;
  reportDeadlineMs?: number;
  /** Tick weekly digests on a timer (default); tests with a fake clock tick them by hand. */
  digestTicks?: boolean;
  linkPageWaitMs?: number;
  /** How reports ask X (see BotOptions.xGet). */
  xGet?: HttpGet;
}

/** Backoff waits are recorded here instead of slept. */
export const recordedWaits: number[] = [];

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const x = await new XStandIn().start();
  const discord = await new DiscordStandIn().start();
  discord.botToken = 'test-bot-token';
  const signer = new DiscordSigner();
  const dir = mkdtempSync(join(tmpdir(), 'xbot-test-'));
  const postgres = testPostgresUrl ? await freshPostgresDatabase(testPostgresUrl) : null;
  const config = loadConfig({
    DISCORD_TOKEN: 'test-bot-token',
    DISCORD_APPLICATION_ID: APPLICATION_ID,
    DISCORD_PUBLIC_KEY: signer.publicKeyHex,
    INTERACTIONS_MODE: options.mode ?? 'http',
    TWITTER_CONSUMER_KEY: x.consumer.key,
    TWITTER_CONSUMER_SECRET: x.consumer.secret,
    PUBLIC_URL: 'https://bot.example.test',
    DATABASE_PATH: join(dir, 'db', 'bot.sqlite'),
    ...(postgres ? { DATABASE_URL: postgres.url } : {}),
    TOKEN_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    TWITTER_API_URL: x.baseUrl,
    DISCORD_API_URL: discord.apiUrl,
    // No progress edits unless a test asks: tests take a report's next edit to be the report.
    REPORT_PROGRESS_SECONDS: '0',
    ...options.env,
  });
  const logs: string[] = [];
  const log: Logger = createLogger('debug', (line) => logs.push(line));
  const clock = { now: Date.parse('2026-11-23T12:00:00Z') };
  x.now = () => clock.now;
  const build = async () => {
    const stores = await openTestStores(config, () => clock.now, log);
    const bot = createBot(config, log, {
      stores,
      now: () => clock.now,
      ackDeadlineMs: options.ackDeadlineMs,
      xRequestTimeoutMs: options.xRequestTimeoutMs,
      reportDeadlineMs: options.reportDeadlineMs,
      digestTicks: options.digestTicks,
      linkPageWaitMs: options.linkPageWaitMs,
      xGet: options.xGet,
      sleep: async (ms) => void recordedWaits.push(ms),
    });
    await bot.start();
    return { bot, stores };
  };
  const built = await build();
  const harness: Harness = {
    ...built,
    sql: (query, ...params) => queryStores(harness.stores, query, params),
    one: async (query, ...params) => (await queryStores(harness.stores, query, params))[0] as never,
    config,
    x,
    discord,
    signer,
    logs,
    clock,
    dir,
    async restart() {
      await harness.bot.close();
      Object.assign(harness, await build());
    },
    browser() {
      return new Browser(async (path, init) => harness.bot.web.request(path, init), config.publicUrl);
    },
    async interact(payload, headers) {
      const body = typeof payload === 'string' ? payload : JSON.stringify(payload);
      const token = openInteraction(discord, payload);
      const response = await harness.bot.web.request('/interactions', {
        method: 'POST',
        body,
        headers: headers ?? signer.headers(body, String(Math.floor(clock.now / 1000))),
      });
      // As Discord does with the answer: the member sees it (and its later edits) in discord.original(token).
      if (token && response.ok) {
        const raw = Buffer.from(await response.clone().arrayBuffer());
        await discord.answeredOverHttp(token, response.headers.get('content-type') ?? '', raw);
      }
      return response;
    },
    async close() {
      await harness.bot.close();
      // Whatever the bot sent that Discord would have refused fails the test that made it send it.
      const refused = discord.log.refused.splice(0);
      await x.stop();
      await discord.stop();
      await postgres?.drop();
      rmSync(dir, { recursive: true, force: true });
      if (refused.length > 0) throw new Error(`Discord would have refused what the bot sent: ${refused.join('; ')}`);
    },
  };
  return harness;
}

/** Tells the local Discord about an interaction a test sends, as Discord knows what it sent: its token, channel, message. */
function openInteraction(discord: DiscordStandIn, payload: unknown): string | undefined {
  if (!payload || typeof payload !== 'object') return undefined;
  const p = payload as { id?: string; token?: string; channel_id?: string; message?: { id?: string } };
  if (typeof p.token !== 'string') return undefined;
  discord.log.open({ id: String(p.id ?? '0'), token: p.token, channelId: String(p.channel_id ?? '0'), messageId: p.message?.id });
  return p.token;
}

/** Waits until `check` passes, yielding to I/O between tries; no wall-clock sleeps. */
export async function eventually<T>(check: () => T | undefined | false | Promise<T | undefined | false>, tries = 2000): Promise<T> {
  for (let i = 0; i < tries; i++) {
    const value = await check();
    if (value) return value;
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error('condition never became true');
}

/** Links a member to an X user through the real flow: a link, X consent, the callback. */
export async function linkAccount(h: Harness, memberId: string, user: { id: string; screenName: string }): Promise<void> {
  const { url } = await h.bot.links.startLink({
    discordUserId: memberId,
    discordUserName: 'Ada Lovelace',
    discordUsername: 'ada',
    guildId: null,
    locale: null,
    interactionToken: 'link-interaction-token',
  });
  const browser = h.browser();
  const { location } = await browser.openLink(new URL(url).pathname);
  const rt = new URL(location!).searchParams.get('oauth_token')!;
  const done = await browser.get(`/twitter/callback?${new URLSearchParams(h.x.approve(rt, user))}`);
  if (done.status !== 200) throw new Error(`linking failed: ${done.status}`);
}
