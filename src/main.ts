// Entry point: `npm start`. Loads .env if present, validates the environment,
// opens (and migrates) the database, serves the web app and, in gateway mode,
// connects to Discord. Every failure before the bot is ready ends the process
// with exit code 1 and one error line naming the cause, so systemd, Docker or
// Kubernetes restarts it and shows why; after that, nothing ends it but a
// signal or a gateway close Discord will not recover from.

import type { Server } from 'node:http';
import { setFlagsFromString } from 'node:v8';
import { serve } from '@hono/node-server';
import type { Client } from 'discord.js';
import { createBot } from './bot.js';
import { loadDotEnv } from './config/dotenv.js';
import { type Config, ConfigError, loadConfig } from './config/env.js';
import { YOUNG_GENERATION_FLAG, youngGenerationBounded } from './config/node-flags.js';
import { createLogger, type Logger } from './log/logger.js';
import { openStores } from './storage/open-stores.js';

/** A start-up step that failed: its message is the one line the operator reads. */
class StartupFailure extends Error {
  constructor(
    message: string,
    readonly detail?: unknown,
  ) {
    super(message);
  }
}

let log: Logger | null = null;
let ready = false;
/** Discord closed the gateway for good and the door has said why: the process is ending with code 1 already. */
let gatewayGone = false;

function failStartup(message: string, detail?: unknown): never {
  if (log) log.error(message, detail === undefined ? {} : { error: detail });
  else process.stderr.write(`${message}${detail instanceof Error ? `: ${detail.message}` : ''}\n`);
  process.exit(1);
}

function readConfig(): Config {
  try {
    loadDotEnv();
    return loadConfig(process.env);
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n\nTo try the bot without any credentials first, run: npm run sandbox\n`);
      process.exit(1);
    }
    throw new StartupFailure('could not read the configuration (.env)', err);
  }
}

/**
 * Left to itself, V8 lets a busy heap grow to several times what is alive
 * before it collects: in a burst of heavy reports the main thread held about
 * 90 MiB alive in a heap of 250-290 MiB. A fixed growth factor keeps it near
 * what is alive for about 10% more CPU, with no cap that could turn a bigger
 * burst into an out-of-memory crash (README, "Under a burst"). Set before the
 * database, the web server and the worker threads start; V8's flags are the
 * process's, so the worker threads' heaps follow it too.
 */
function boundHeapGrowth(percent: number): void {
  if (percent > 0) setFlagsFromString(`--heap-growing-percent=${percent}`);
}

/** Started as `node dist/main.js` without the flag `npm start` passes: it still runs, with more memory. */
function warnIfYoungGenerationUnbounded(logger: Logger): void {
  if (youngGenerationBounded(process.execArgv, process.env.NODE_OPTIONS)) return;
  logger.warn(
    `started without ${YOUNG_GENERATION_FLAG}: start the bot with \`npm start\` or \`node ${YOUNG_GENERATION_FLAG} dist/main.js\`; ` +
      'V8’s default young generation holds about 20 MiB more in a burst of reports',
  );
}

/** Resolves once the web server listens; a port taken or not allowed is a start-up failure with a sentence that says so. */
function listen(fetch: (request: Request) => Response | Promise<Response>, config: Config): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = serve({ fetch, hostname: config.host, port: config.port }, (info) => {
      log?.info('web server listening', {
        host: info.address,
        port: info.port,
        publicUrl: config.publicUrl,
        mode: config.interactionsMode,
      });
      resolve(server as Server);
    }) as Server;
    server.on('error', (err: NodeJS.ErrnoException) => {
      const where = `${config.host}:${config.port}`;
      if (ready) {
        log?.error('web server failed', { error: err });
        process.exit(1);
      }
      if (err.code === 'EADDRINUSE') reject(new StartupFailure(`port ${where} is taken: stop what uses it or set PORT to a free one`, err));
      else if (err.code === 'EACCES') reject(new StartupFailure(`may not listen on ${where}: use a port above 1023 or set HOST/PORT`, err));
      else if (err.code === 'EADDRNOTAVAIL') reject(new StartupFailure(`HOST ${config.host} is not an address of this machine`, err));
      else reject(new StartupFailure(`the web server could not listen on ${where}`, err));
    });
  });
}

/**
 * Logs in and waits for READY on every shard, for at most the configured time:
 * a Discord that refuses the token fails at once, one that cannot be reached
 * (discord.js retries a gateway it cannot open without end) at the deadline.
 */
async function connectGateway(client: Client, config: Config): Promise<void> {
  const seconds = config.discordConnectTimeoutSeconds;
  let timer: NodeJS.Timeout | undefined;
  const readyOrTimeout = new Promise<void>((resolve, reject) => {
    client.once('clientReady', () => resolve());
    timer = setTimeout(
      () =>
        reject(
          new StartupFailure(
            `Discord did not accept the gateway connection within ${seconds} s (DISCORD_CONNECT_TIMEOUT_SECONDS): ` +
              `check that this machine reaches ${config.discordApiUrl} and Discord's gateway, and Discord's status`,
          ),
        ),
      seconds * 1000,
    );
  });
  try {
    await Promise.race([
      client.login(config.discordToken).catch((err: unknown) => {
        const rejected = (err as { code?: string }).code === 'TokenInvalid' || (err as { status?: number }).status === 401;
        throw new StartupFailure(
          rejected ? 'Discord rejected DISCORD_TOKEN: set the current bot token (Bot tab → Reset Token)' : 'could not connect to Discord',
          err,
        );
      }),
      readyOrTimeout,
    ]);
    await readyOrTimeout;
  } finally {
    clearTimeout(timer);
  }
}

async function main(): Promise<void> {
  const config = readConfig();
  log = createLogger(config.logLevel);
  boundHeapGrowth(config.heapGrowthPercent);
  const logger = log;
  warnIfYoungGenerationUnbounded(logger);
  // Before the bot is ready, a stray rejection or exception means it never will be: end, non-zero. After, log it and
  // keep serving the members whose commands are running.
  process.on('unhandledRejection', (reason) => {
    if (!ready) failStartup('start-up failed: unhandled rejection', reason);
    else logger.error('unhandled rejection', { error: reason });
  });
  process.on('uncaughtException', (err) => {
    if (!ready) failStartup('start-up failed: uncaught exception', err);
    else logger.error('uncaught exception', { error: err });
  });

  const stores = await openStores(config, Date.now, logger).catch((err: unknown) => {
    throw new StartupFailure(config.databaseUrl ? 'could not open PostgreSQL at DATABASE_URL' : 'could not open the SQLite database', err);
  });
  // Set once listening: closing stops new requests before the bot closes the database under them.
  let server: { close(): unknown } | undefined;
  const bot = createBot(config, logger, {
    stores,
    // Discord will not take the bot back (e.g. the token was reset): exit, so systemd, Docker or Kubernetes
    // restarts it and shows the failure, instead of a process that runs on and receives nothing.
    onGatewayFatal: () => {
      gatewayGone = true;
      setTimeout(() => process.exit(1), 10_000).unref();
      server?.close();
      void bot.close().finally(() => process.exit(1));
    },
  });
  await bot.start();
  server = await listen(bot.web.fetch, config);
  if (bot.gateway) await connectGateway(bot.gateway, config);
  else logger.info('HTTP interactions mode: no gateway connection', { endpoint: `${config.publicUrl}/interactions` });
  ready = true;
  logger.info('ready', { mode: config.interactionsMode });

  const shutdown = (signal: string) => {
    logger.info('shutting down', { signal });
    server?.close();
    void bot.close().finally(() => process.exit(0));
  };
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));
}

main().catch((err: unknown) => {
  // A close such as 4004 during the first connection also fails the login: its line is written, and the exit under way.
  if (gatewayGone) return;
  if (err instanceof StartupFailure) failStartup(err.message, err.detail);
  failStartup('start-up failed', err);
});
