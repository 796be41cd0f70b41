// The configuration every in-process benchmark gives the bot: the local
// stand-ins, a database of its own, no cooldown between a member's reports.

import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { type Config, loadConfig } from '../src/config/env.js';

export function benchConfig(
  x: { baseUrl: string; consumer: { key: string; secret: string } },
  discordApiUrl: string,
  dir: string,
  extra: Record<string, string> = {},
): Config {
  return loadConfig({
    DISCORD_TOKEN: 'bench',
    DISCORD_APPLICATION_ID: '1100000000000000001',
    TWITTER_CONSUMER_KEY: x.consumer.key,
    TWITTER_CONSUMER_SECRET: x.consumer.secret,
    PUBLIC_URL: 'https://bot.example.test',
    DATABASE_PATH: join(dir, 'bot.sqlite'),
    TOKEN_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    TWITTER_API_URL: x.baseUrl,
    DISCORD_API_URL: discordApiUrl,
    INTERACTIONS_MODE: 'http',
    DISCORD_PUBLIC_KEY: '00'.repeat(32),
    REPORT_COOLDOWN_SECONDS: '0',
    ...extra,
  });
}
