// Starts the whole sandbox on 127.0.0.1: the local X with its seeded
// accounts, and the real bot in HTTP interactions mode on a database file of
// its own, with the Discord console mounted on the bot's web server. The bot
// is the one `npm start` runs; only its environment points at the stand-ins.

import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import { type Bot, createBot } from '../bot.js';
import { commandDefinitions } from '../commands/index.js';
import { loadConfig } from '../config/env.js';
import { BillingLedger } from '../local-x/billing.js';
import { serveTimeline } from '../local-x/timeline-routes.js';
import { XStandIn } from '../local-x/x-stand-in.js';
import { createLogger, type Logger } from '../log/logger.js';
import { type SandboxAccount, sandboxAccounts } from './accounts.js';
import { SandboxClock } from './clock.js';
import { DiscordConsole } from './discord-console.js';
import { SANDBOX_APPLICATION_ID } from './sandbox-discord.js';
import { mountServerControls } from './server-routes.js';

export interface SandboxOptions {
  /** Where the sandbox keeps its database and encryption key (kept between runs). */
  dir: string;
  /** The bot's port (0: any free one). */
  port?: number;
  /** The local X's port (0: any free one). */
  xPort?: number;
  log?: Logger;
  /** Start with the clock stopped at this instant (tests: figures that hold still); default: the kept clock, running. */
  clockStart?: number;
}

export interface Sandbox {
  /** The console, with this run's key: open it in a browser (another local user without the key is refused). */
  consoleUrl: string;
  botUrl: string;
  x: XStandIn;
  bot: Bot;
  /** The time the bot, the local X and the console share. */
  clock: SandboxClock;
  /** The seeded X accounts, as generated from the clock's time at start. */
  accounts: SandboxAccount[];
  close(): Promise<void>;
}

/** The key that seals sandbox tokens, kept in the sandbox folder so links survive a restart. */
function sandboxKey(dir: string): string {
  const file = join(dir, 'token-encryption.key');
  if (!existsSync(file)) writeFileSync(file, randomBytes(32).toString('base64'), { mode: 0o600 });
  return readFileSync(file, 'utf8').trim();
}

/** The local X at the sandbox's time, offering and serving the seeded accounts, with X's bill kept. */
async function startLocalX(port: number, clock: SandboxClock): Promise<{ x: XStandIn; ledger: BillingLedger; accounts: SandboxAccount[] }> {
  const x = new XStandIn({ key: 'sandbox-consumer-key', secret: randomBytes(16).toString('hex') });
  x.port = port;
  // It runs for hours on someone's machine: keep a window of requests, and read no body X itself would not take.
  x.keepRequests = 500;
  x.maxBodyBytes = 64 * 1024;
  // The local X lives at the sandbox's time (posts arrive up to it); its OAuth timestamps stay on the wall clock.
  x.now = clock.now;
  await x.start();
  const ledger = new BillingLedger(() => x.now());
  const accounts = sandboxAccounts(clock.now());
  x.consentAccounts = accounts;
  for (const account of accounts) {
    const member = account.member;
    const data = member?.data ?? {
      profile: {
        id: account.id,
        name: account.name,
        username: account.screenName,
        public_metrics: { followers_count: 3, following_count: 12, tweet_count: 0 },
      },
      posts: [],
      mentions: [],
    };
    // Posts keep arriving and gaining likes and views as the sandbox runs.
    serveTimeline(x, data, { bill: ledger, beforeRead: () => member?.advanceTo(x.now()) });
  }

  return { x, ledger, accounts };
}

/**
 * The bot's web server, listening before the bot exists: its address must be known before the bot's configuration
 * is. Requests are answered 503 until `handle` hands them to the bot.
 */
async function listen(port: number) {
  let handler: (request: Request) => Response | Promise<Response> = () => new Response('starting', { status: 503 });
  const server = serve({ fetch: (request) => handler(request), hostname: '127.0.0.1', port });
  await new Promise<void>((resolve, reject) => {
    if (server.listening) resolve();
    server.once('listening', () => resolve());
    server.once('error', (err) => reject(err));
  }).catch((err: NodeJS.ErrnoException) => {
    throw err.code === 'EADDRINUSE' ? new Error(`port ${port} is taken; set SANDBOX_PORT to another one`) : err;
  });
  const bound = (server.address() as AddressInfo).port;
  const handle = (next: typeof handler) => {
    handler = next;
  };
  return { server, port: bound, botUrl: `http://127.0.0.1:${bound}`, handle };
}

/** The bot's configuration: the real bot's, with every address pointed at the stand-ins on 127.0.0.1. */
function botConfig(at: { dir: string; port: number; botToken: string; publicKeyHex: string; x: XStandIn }) {
  const botUrl = `http://127.0.0.1:${at.port}`;
  return loadConfig({
    DISCORD_TOKEN: at.botToken,
    DISCORD_APPLICATION_ID: SANDBOX_APPLICATION_ID,
    DISCORD_PUBLIC_KEY: at.publicKeyHex,
    INTERACTIONS_MODE: 'http',
    TWITTER_CONSUMER_KEY: at.x.consumer.key,
    TWITTER_CONSUMER_SECRET: at.x.consumer.secret,
    PUBLIC_URL: botUrl,
    HOST: '127.0.0.1',
    PORT: String(at.port),
    DATABASE_PATH: join(at.dir, 'bot.sqlite'),
    TOKEN_ENCRYPTION_KEY: sandboxKey(at.dir),
    TWITTER_API_URL: at.x.baseUrl,
    // The local Discord, mounted on the bot's own web server by the console.
    DISCORD_API_URL: `${botUrl}/sandbox/discord/api`,
    // A sandbox is for looking around: no wait between reports.
    REPORT_COOLDOWN_SECONDS: '0',
  });
}

export async function startSandbox(options: SandboxOptions): Promise<Sandbox> {
  mkdirSync(options.dir, { recursive: true });
  const log = options.log ?? createLogger('warn');
  const clock = new SandboxClock(join(options.dir, 'clock.json'), options.clockStart);
  const { x, ledger, accounts } = await startLocalX(options.xPort ?? 0, clock);

  const web = await listen(options.port ?? 0).catch(async (err: Error) => {
    await x.stop();
    throw err;
  });
  const { port, botUrl } = web;

  const botToken = `sandbox-${randomBytes(12).toString('hex')}`;
  const console = new DiscordConsole({
    botUrl,
    botToken,
    commands: commandDefinitions,
    x,
    ledger,
    pricing: { postUsd: 0.005, userUsd: 0.01 },
    now: clock.now,
  });
  const config = botConfig({ dir: options.dir, port, botToken, publicKeyHex: console.publicKeyHex, x });
  let bot: Bot | null = null;
  const made = createBot(config, log, {
    now: clock.now,
    webExtension: {
      mount: (app) => {
        console.mount(app);
        mountServerControls(app, {
          clock,
          digests: () => (bot ? { service: bot.digests, store: bot.stores.digests } : null),
        });
      },
      // The bot's edits carry the chart: Discord takes files of up to 10 MB.
      bodyLimits: [{ path: '/sandbox/discord/api/*', maxBytes: 10 * 1024 * 1024 }],
    },
  });
  bot = made;
  await made.start();
  web.handle(made.web.fetch);
  return {
    consoleUrl: console.consoleUrl,
    botUrl,
    x,
    bot: made,
    clock,
    accounts,
    async close() {
      web.server.close();
      await made.close();
      await x.stop();
    },
  };
}
