// Entry point: `npm start`. Loads .env if present, validates the environment,
// opens (and migrates) the database, serves the web app and, in gateway mode,
// connects to Discord.

import { serve } from '@hono/node-server';
import { createBot } from './bot.js';
import { loadDotEnv } from './config/dotenv.js';
import { type Config, ConfigError, loadConfig } from './config/env.js';
import { createLogger } from './log/logger.js';
import { openStores } from './storage/open-stores.js';

async function main(): Promise<void> {
  loadDotEnv();
  let config: Config;
  try {
    config = loadConfig(process.env);
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n\nTo try the bot without any credentials first, run: npm run sandbox\n`);
      process.exit(1);
    }
    throw err;
  }
  const log = createLogger(config.logLevel);
  process.on('unhandledRejection', (reason) => log.error('unhandled rejection', { error: reason }));
  process.on('uncaughtException', (err) => log.error('uncaught exception', { error: err }));

  let stores: Awaited<ReturnType<typeof openStores>>;
  try {
    stores = await openStores(config, Date.now, log);
  } catch (err) {
    log.error(config.databaseUrl ? 'could not open PostgreSQL at DATABASE_URL' : 'could not open the SQLite database', { error: err });
    process.exit(1);
  }
  const bot = createBot(config, log, {
    stores,
    // Discord will not take the bot back (e.g. the token was reset): exit, so systemd, Docker or Kubernetes
    // restarts it and shows the failure, instead of a process that runs on and receives nothing.
    onGatewayFatal: () => {
      setTimeout(() => process.exit(1), 5000).unref();
      void bot.close().finally(() => process.exit(1));
    },
  });
  await bot.start();
  const server = serve({ fetch: bot.web.fetch, hostname: config.host, port: config.port }, (info) =>
    log.info('web server listening', { host: info.address, port: info.port, publicUrl: config.publicUrl, mode: config.interactionsMode }),
  );
  server.on('error', (err) => {
    log.error('web server failed', { error: err });
    process.exit(1);
  });

  if (bot.gateway) {
    try {
      await bot.gateway.login(config.discordToken);
    } catch (err) {
      const rejected = (err as { code?: string }).code === 'TokenInvalid';
      log.error(rejected ? 'Discord rejected DISCORD_TOKEN' : 'could not connect to Discord', { error: err });
      process.exit(1);
    }
  } else {
    log.info('HTTP interactions mode: no gateway connection', { endpoint: `${config.publicUrl}/interactions` });
  }

  const shutdown = (signal: string) => {
    log.info('shutting down', { signal });
    server.close();
    void bot.close().finally(() => process.exit(0));
  };
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));
}

void main();
