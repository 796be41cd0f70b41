import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config/env.js';

const KEY = Buffer.alloc(32, 7).toString('base64');
const valid = {
  DISCORD_TOKEN: 'bot-token',
  DISCORD_APPLICATION_ID: '1100000000000000001',
  TWITTER_CONSUMER_KEY: 'ck',
  TWITTER_CONSUMER_SECRET: 'cs',
  PUBLIC_URL: 'https://bot.example.com/',
  TOKEN_ENCRYPTION_KEY: KEY,
};

function problems(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  return [];
}

describe('configuration', () => {
  it('applies documented defaults', () => {
    const config = loadConfig(valid);
    expect(config).toMatchObject({
      interactionsMode: 'gateway',
      port: 3000,
      host: '0.0.0.0',
      databasePath: './data/bot.sqlite',
      linkTtlSeconds: 600,
      twitterApiUrl: 'https://api.x.com',
      discordApiUrl: 'https://discord.com/api',
      logLevel: 'info',
      publicUrl: 'https://bot.example.com',
      discordPublicKey: null,
    });
    expect(config.tokenEncryptionKey.length).toBe(32);
  });

  it('names every missing variable in one message, and says how to make a key', () => {
    let message = '';
    try {
      loadConfig({});
    } catch (err) {
      message = (err as Error).message;
    }
    for (const name of [
      'DISCORD_TOKEN',
      'DISCORD_APPLICATION_ID',
      'TWITTER_CONSUMER_KEY',
      'TWITTER_CONSUMER_SECRET',
      'PUBLIC_URL',
      'TOKEN_ENCRYPTION_KEY',
    ]) {
      expect(message).toContain(name);
    }
    expect(message).toContain('randomBytes(32)');
    expect(message).not.toContain('DISCORD_PUBLIC_KEY'); // only needed in http mode
  });

  it('requires a well-formed public key in http mode', () => {
    expect(problems({ ...valid, INTERACTIONS_MODE: 'http' })).toEqual([expect.stringMatching(/^DISCORD_PUBLIC_KEY is missing/)]);
    expect(problems({ ...valid, INTERACTIONS_MODE: 'http', DISCORD_PUBLIC_KEY: 'zz' })).toEqual([
      expect.stringMatching(/^DISCORD_PUBLIC_KEY is malformed/),
    ]);
    expect(loadConfig({ ...valid, INTERACTIONS_MODE: 'http', DISCORD_PUBLIC_KEY: 'AB'.repeat(32) }).discordPublicKey).toBe('ab'.repeat(32));
  });

  it('turns Linked Roles on with DISCORD_CLIENT_SECRET, naming a malformed one or the bot token put there by mistake', () => {
    expect(loadConfig(valid).discordClientSecret).toBeNull();
    const secret = `${'aB3_-'.repeat(6)}zz`;
    expect(loadConfig({ ...valid, DISCORD_CLIENT_SECRET: secret }).discordClientSecret).toBe(secret);
    expect(problems({ ...valid, DISCORD_CLIENT_SECRET: 'short' })).toEqual([expect.stringMatching(/^DISCORD_CLIENT_SECRET is malformed/)]);
    const token = 'x'.repeat(32);
    expect(problems({ ...valid, DISCORD_TOKEN: token, DISCORD_CLIENT_SECRET: token })).toEqual([
      expect.stringMatching(/^DISCORD_CLIENT_SECRET is the bot token/),
    ]);
  });

  it('reports malformed values by name', () => {
    const found = problems({
      ...valid,
      INTERACTIONS_MODE: 'websocket',
      PORT: 'eighty',
      LINK_TTL_SECONDS: '5',
      PUBLIC_URL: 'ftp://x',
      TOKEN_ENCRYPTION_KEY: 'short',
      TWITTER_API_URL: 'not a url',
      LOG_LEVEL: 'loud',
    });
    for (const name of [
      'INTERACTIONS_MODE',
      'PORT',
      'LINK_TTL_SECONDS',
      'PUBLIC_URL',
      'TOKEN_ENCRYPTION_KEY',
      'TWITTER_API_URL',
      'LOG_LEVEL',
    ]) {
      expect(found.some((p) => p.startsWith(`${name} is malformed`))).toBe(true);
    }
  });

  it('reads report limits and the app-wide budget, with defaults', () => {
    expect(loadConfig(valid).report).toEqual({
      maxPosts: 1000,
      maxMentions: 200,
      refreshHours: 48,
      cacheSeconds: 900,
      cooldownSeconds: 30,
      concurrency: 200,
      pagesInFlight: 256,
      requestsInFlight: 768,
      leaseSeconds: 30,
      progressEveryMs: 2000,
    });
    expect(loadConfig({ ...valid, REPORT_PROGRESS_SECONDS: '0' }).report.progressEveryMs).toBe(0);
    expect(loadConfig(valid).monthlyPostBudget).toBeNull();
    const set = loadConfig({ ...valid, REPORT_MAX_POSTS: '3200', REPORT_MAX_MENTIONS: '0', X_MONTHLY_POST_BUDGET: '50000' });
    expect(set.report.maxPosts).toBe(3200);
    expect(set.report.maxMentions).toBe(0);
    expect(set.monthlyPostBudget).toBe(50000);
    expect(loadConfig({ ...valid, REPORT_REFRESH_HOURS: '0' }).report.refreshHours).toBe(0);
    const found = problems({
      ...valid,
      REPORT_MAX_POSTS: '5000',
      REPORT_REFRESH_HOURS: 'two days',
      REPORT_CACHE_SECONDS: '-1',
      X_MONTHLY_POST_BUDGET: 'lots',
    });
    expect(found.map((p) => p.split(' ')[0])).toEqual([
      'REPORT_MAX_POSTS',
      'REPORT_REFRESH_HOURS',
      'REPORT_CACHE_SECONDS',
      'X_MONTHLY_POST_BUDGET',
    ]);
  });

  it('reads X prices, defaulting to February 2026 pay-per-use, and names a malformed one', () => {
    expect(loadConfig(valid).pricing).toEqual({ postUsd: 0.005, userUsd: 0.01 });
    expect(loadConfig({ ...valid, X_POST_READ_USD: '0.0045', X_USER_READ_USD: '0' }).pricing).toEqual({ postUsd: 0.0045, userUsd: 0 });
    const found = problems({ ...valid, X_POST_READ_USD: '$0.005', X_USER_READ_USD: '-1' });
    expect(found.map((p) => p.split(' ')[0])).toEqual(['X_POST_READ_USD', 'X_USER_READ_USD']);
  });

  it('reads how far V8 may grow its heaps, 40% unless set, 0 leaving it to V8, and names a malformed value', () => {
    expect(loadConfig(valid).heapGrowthPercent).toBe(40);
    expect(loadConfig({ ...valid, HEAP_GROWTH_PERCENT: '0' }).heapGrowthPercent).toBe(0);
    expect(loadConfig({ ...valid, HEAP_GROWTH_PERCENT: '100' }).heapGrowthPercent).toBe(100);
    expect(problems({ ...valid, HEAP_GROWTH_PERCENT: '401' })[0]).toMatch(/^HEAP_GROWTH_PERCENT/);
    expect(problems({ ...valid, HEAP_GROWTH_PERCENT: 'less' })[0]).toMatch(/^HEAP_GROWTH_PERCENT/);
  });

  it('accepts previous encryption keys for rotation', () => {
    const old = Buffer.alloc(32, 9).toString('base64');
    expect(loadConfig({ ...valid, TOKEN_ENCRYPTION_PREVIOUS_KEYS: `${old}, ` }).previousTokenEncryptionKeys).toHaveLength(1);
    expect(problems({ ...valid, TOKEN_ENCRYPTION_PREVIOUS_KEYS: 'nope' })[0]).toMatch(/TOKEN_ENCRYPTION_PREVIOUS_KEYS is malformed/);
  });

  it('reads the database engine and the gateway shard set, naming malformed values', () => {
    expect(loadConfig(valid)).toMatchObject({
      databaseUrl: null,
      databasePoolSize: 10,
      databaseStatementTimeoutMs: 30_000,
      sharding: { count: 'auto', ids: null },
    });
    expect(
      loadConfig({ ...valid, DATABASE_URL: 'postgres://bot@db:5432/bot', GATEWAY_SHARD_COUNT: '4', GATEWAY_SHARD_IDS: '0-1,3' }),
    ).toMatchObject({
      databaseUrl: 'postgres://bot@db:5432/bot',
      sharding: { count: 4, ids: [0, 1, 3] },
      report: { leaseSeconds: 30 },
    });
    const bad = (env: Record<string, string>) => {
      try {
        loadConfig({ ...valid, ...env });
      } catch (err) {
        return (err as ConfigError).problems.join('\n');
      }
      return '';
    };
    expect(bad({ DATABASE_URL: 'mysql://db/bot' })).toContain('DATABASE_URL must be a PostgreSQL URL');
    expect(bad({ DATABASE_STATEMENT_TIMEOUT_MS: '0' })).toContain('DATABASE_STATEMENT_TIMEOUT_MS');
    expect(loadConfig({ ...valid, DATABASE_STATEMENT_TIMEOUT_MS: '5000' }).databaseStatementTimeoutMs).toBe(5000);
    expect(bad({ GATEWAY_SHARD_COUNT: 'many' })).toContain('GATEWAY_SHARD_COUNT must be "auto" or a whole number');
    expect(bad({ GATEWAY_SHARD_IDS: '0' })).toContain('GATEWAY_SHARD_IDS needs GATEWAY_SHARD_COUNT set to a number');
    expect(bad({ GATEWAY_SHARD_COUNT: '2', GATEWAY_SHARD_IDS: '2' })).toContain('GATEWAY_SHARD_IDS must be below GATEWAY_SHARD_COUNT (2)');
    expect(bad({ GATEWAY_SHARD_COUNT: '2', GATEWAY_SHARD_IDS: 'one' })).toContain('GATEWAY_SHARD_IDS must list shard numbers');
    // discord.js's Client reads these two by itself (SHARD_COUNT=auto made it throw): refused, even empty, pointing at ours.
    expect(bad({ SHARD_COUNT: 'auto' })).toContain('SHARD_COUNT is set: discord.js reads it');
    expect(bad({ SHARDS: '' })).toContain('use GATEWAY_SHARD_COUNT / GATEWAY_SHARD_IDS instead');
  });

  it('reads how long start-up waits for Discord to accept the gateway connection', () => {
    expect(loadConfig(valid).discordConnectTimeoutSeconds).toBe(120);
    expect(loadConfig({ ...valid, DISCORD_CONNECT_TIMEOUT_SECONDS: '5' }).discordConnectTimeoutSeconds).toBe(5);
    expect(problems({ ...valid, DISCORD_CONNECT_TIMEOUT_SECONDS: '0' })[0]).toMatch(/DISCORD_CONNECT_TIMEOUT_SECONDS is malformed/);
  });

  it('accepts every value .env.example ships with, once the credentials are filled in', () => {
    const shipped = Object.fromEntries(
      readFileSync(join(import.meta.dirname, '..', '..', '.env.example'), 'utf8')
        .split('\n')
        .flatMap((line) => {
          const m = /^([A-Z0-9_]+)=(.*)$/.exec(line);
          return m ? [[m[1]!, m[2]!]] : [];
        }),
    );
    const config = loadConfig({ ...shipped, ...valid, INTERACTIONS_MODE: shipped.INTERACTIONS_MODE! });
    expect(config).toMatchObject({ interactionsMode: 'gateway', sharding: { count: 'auto', ids: null } });
  });
});
