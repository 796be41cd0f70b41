// Reads and validates the environment once, at start-up. Every problem is
// collected so the operator fixes them all in one go, not one per restart.

export type InteractionsMode = 'gateway' | 'http';
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface Config {
  discordToken: string;
  discordApplicationId: string;
  discordPublicKey: string | null;
  /** The application's OAuth2 client secret: Discord Linked Roles are on when it is set. */
  discordClientSecret: string | null;
  interactionsMode: InteractionsMode;
  /** Gateway mode: how many shards the bot has ('auto': as Discord recommends), and which of them this process runs (null: all). */
  sharding: { count: number | 'auto'; ids: number[] | null };
  /** Gateway mode: how long start-up waits for Discord to accept the bot before it gives up and exits non-zero. */
  discordConnectTimeoutSeconds: number;
  twitterConsumerKey: string;
  twitterConsumerSecret: string;
  publicUrl: string;
  host: string;
  port: number;
  databasePath: string;
  /** PostgreSQL, shared by every replica; null: the SQLite file at databasePath. */
  databaseUrl: string | null;
  /** Connections each replica keeps to PostgreSQL at most. */
  databasePoolSize: number;
  /** The longest a PostgreSQL statement may run, lock waits included. */
  databaseStatementTimeoutMs: number;
  tokenEncryptionKey: Buffer;
  previousTokenEncryptionKeys: Buffer[];
  linkTtlSeconds: number;
  twitterApiUrl: string;
  discordApiUrl: string;
  logLevel: LogLevel;
  report: ReportLimits;
  /** Cap on X posts read for reports per calendar month, across all servers; null: no cap. */
  monthlyPostBudget: number | null;
  /** What X charges, to tell members and admins what reading cost. */
  pricing: Pricing;
  /** How far V8 grows its heaps over what is alive before it collects, in percent; 0: V8's own choice (main.ts). */
  heapGrowthPercent: number;
}

/** X's pay-per-use prices in US dollars (February 2026): per post returned, per user object returned. */
export interface Pricing {
  postUsd: number;
  userUsd: number;
}

export interface ReportLimits {
  maxPosts: number;
  maxMentions: number;
  /** Posts younger than this are read again for current metrics; older ones keep those of their last read. */
  refreshHours: number;
  /** The metrics of young posts are read again at most once per this window. */
  cacheSeconds: number;
  cooldownSeconds: number;
  /** Reports running at once; more wait in the queue, told their place. */
  concurrency: number;
  /** Pages of posts held in memory at once across all reports, from reading a page's body until it is stored: what bounds memory. */
  pagesInFlight: number;
  /** Requests waiting on X at once across all reports (each holds a socket, not a page): what bounds throughput while X is slow. */
  requestsInFlight: number;
  /** How long a replica's claim on a report holds without renewal: how soon another takes over the reports of one that died. */
  leaseSeconds: number;
  /** While a report reads, its message says how far it got, edited at most this often (REPORT_PROGRESS_SECONDS); 0: never. */
  progressEveryMs: number;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(
      `Configuration is incomplete (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n` +
        problems.map((p) => `  - ${p}`).join('\n') +
        '\nSee .env.example and README.md for every variable.',
    );
    this.name = 'ConfigError';
  }
}

const KEY_HINT = "generate one with: node -e \"console.log(require('crypto').randomBytes(32).toString('base64'))\"";

type Env = Record<string, string | undefined>;

class Reader {
  readonly problems: string[] = [];
  constructor(private readonly env: Env) {}

  private raw(name: string): string | undefined {
    const value = this.env[name]?.trim();
    return value === '' ? undefined : value;
  }

  required(name: string, what: string): string {
    const value = this.raw(name);
    if (value === undefined) this.problems.push(`${name} is missing: ${what}`);
    return value ?? '';
  }

  optional(name: string): string | undefined {
    return this.raw(name);
  }

  pattern(name: string, what: string, re: RegExp, required = true): string {
    const value = required ? this.required(name, what) : this.raw(name);
    if (value && !re.test(value)) this.problems.push(`${name} is malformed: expected ${what}`);
    return value ?? '';
  }

  integer(name: string, fallback: number, min: number, max: number): number {
    const value = this.raw(name);
    if (value === undefined) return fallback;
    const n = Number(value);
    if (!/^\d+$/.test(value) || n < min || n > max) {
      this.problems.push(`${name} is malformed: expected a whole number from ${min} to ${max}, got "${value}"`);
      return fallback;
    }
    return n;
  }

  decimal(name: string, fallback: number, min: number, max: number): number {
    const value = this.raw(name);
    if (value === undefined) return fallback;
    const n = Number(value);
    if (!/^\d+(\.\d+)?$/.test(value) || n < min || n > max) {
      this.problems.push(`${name} is malformed: expected a decimal number from ${min} to ${max}, got "${value}"`);
      return fallback;
    }
    return n;
  }

  oneOf<T extends string>(name: string, choices: readonly T[], fallback: T): T {
    const value = this.raw(name);
    if (value === undefined) return fallback;
    if (!(choices as readonly string[]).includes(value)) {
      this.problems.push(`${name} is malformed: expected one of ${choices.join(', ')}, got "${value}"`);
      return fallback;
    }
    return value as T;
  }

  url(name: string, fallback: string | undefined, what: string): string {
    const value = fallback === undefined ? this.required(name, what) : (this.raw(name) ?? fallback);
    if (!value) return '';
    try {
      const parsed = new URL(value);
      if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new Error('scheme');
      if (parsed.search || parsed.hash) throw new Error('query');
    } catch {
      this.problems.push(`${name} is malformed: expected an http(s) URL without query or fragment, got "${value}"`);
      return '';
    }
    return value.replace(/\/+$/, '');
  }

  key(name: string, value: string | undefined): Buffer | null {
    if (value === undefined) return null;
    const bytes = Buffer.from(value, 'base64');
    if (!/^[A-Za-z0-9+/]+={0,2}$/.test(value) || bytes.length !== 32) {
      this.problems.push(`${name} is malformed: expected 32 random bytes in base64 (${KEY_HINT})`);
      return null;
    }
    return bytes;
  }
}

/**
 * Reads and checks the whole environment, by concern; every problem found is
 * reported at once, in the order the variables are read.
 */
export function loadConfig(env: Env): Config {
  const r = new Reader(env);
  const discord = readDiscord(r, env);
  const twitterConsumerKey = r.required('TWITTER_CONSUMER_KEY', "the X app's API key (consumer key)");
  const twitterConsumerSecret = r.required('TWITTER_CONSUMER_SECRET', "the X app's API key secret (consumer secret)");
  const publicUrl = r.url('PUBLIC_URL', undefined, 'the public base URL of this web server, e.g. https://bot.example.com');
  const host = r.optional('HOST') ?? '0.0.0.0';
  const port = r.integer('PORT', 3000, 0, 65535);
  const database = readDatabase(r);
  const secrets = readSecrets(r);
  const linkTtlSeconds = r.integer('LINK_TTL_SECONDS', 600, 60, 86_400);
  const twitterApiUrl = r.url('TWITTER_API_URL', 'https://api.x.com', '');
  const discordApiUrl = r.url('DISCORD_API_URL', 'https://discord.com/api', '');
  const logLevel = r.oneOf('LOG_LEVEL', ['debug', 'info', 'warn', 'error'] as const, 'info');
  const report = readReportLimits(r);
  const spending = readSpending(r);
  const heapGrowthPercent = r.integer('HEAP_GROWTH_PERCENT', 40, 0, 400);
  if (r.problems.length > 0) throw new ConfigError(r.problems);
  return {
    ...{ ...discord, ...database, ...secrets, ...spending, report },
    ...{ twitterConsumerKey, twitterConsumerSecret, publicUrl, host, port },
    ...{ linkTtlSeconds, twitterApiUrl, discordApiUrl, logLevel, heapGrowthPercent },
  };
}

type DiscordSettings = Pick<
  Config,
  | 'interactionsMode'
  | 'sharding'
  | 'discordConnectTimeoutSeconds'
  | 'discordToken'
  | 'discordApplicationId'
  | 'discordPublicKey'
  | 'discordClientSecret'
>;

/** The Discord application: how interactions arrive, its credentials and the gateway's shards. */
function readDiscord(r: Reader, env: Env): DiscordSettings {
  const interactionsMode = r.oneOf('INTERACTIONS_MODE', ['gateway', 'http'] as const, 'gateway');
  const sharding = readSharding(r, env);
  const discordConnectTimeoutSeconds = r.integer('DISCORD_CONNECT_TIMEOUT_SECONDS', 120, 1, 3600);
  const discordToken = r.required('DISCORD_TOKEN', 'the bot token from the Discord developer portal (Bot tab)');
  const discordApplicationId = r.pattern('DISCORD_APPLICATION_ID', 'the numeric application id (General Information tab)', /^\d{5,25}$/);
  const discordPublicKey = r.pattern(
    'DISCORD_PUBLIC_KEY',
    'the 64-hex-digit public key (General Information tab)',
    /^[0-9a-fA-F]{64}$/,
    interactionsMode === 'http',
  );
  const discordClientSecret = r.pattern(
    'DISCORD_CLIENT_SECRET',
    'the OAuth2 client secret (OAuth2 tab), 32 letters, digits, - or _; set it only to offer Linked Roles',
    /^[A-Za-z0-9_-]{32}$/,
    false,
  );
  if (discordClientSecret && discordClientSecret === discordToken) {
    r.problems.push('DISCORD_CLIENT_SECRET is the bot token: Linked Roles need the OAuth2 client secret (OAuth2 tab) instead');
  }
  return {
    ...{ interactionsMode, sharding, discordConnectTimeoutSeconds, discordToken, discordApplicationId },
    discordPublicKey: discordPublicKey ? discordPublicKey.toLowerCase() : null,
    discordClientSecret: discordClientSecret || null,
  };
}

/** SQLite at DATABASE_PATH, or PostgreSQL when DATABASE_URL is set. */
function readDatabase(r: Reader): Pick<Config, 'databasePath' | 'databaseUrl' | 'databasePoolSize' | 'databaseStatementTimeoutMs'> {
  const databasePath = r.optional('DATABASE_PATH') ?? './data/bot.sqlite';
  const databaseUrl = r.optional('DATABASE_URL') ?? null;
  if (databaseUrl !== null && !/^postgres(ql)?:\/\/./.test(databaseUrl)) {
    r.problems.push(
      'DATABASE_URL must be a PostgreSQL URL, e.g. postgres://bot:password@db.example.com:5432/bot (unset: SQLite at DATABASE_PATH)',
    );
  }
  return {
    databasePath,
    databaseUrl,
    databasePoolSize: r.integer('DATABASE_POOL_SIZE', 10, 1, 1000),
    databaseStatementTimeoutMs: r.integer('DATABASE_STATEMENT_TIMEOUT_MS', 30_000, 100, 600_000),
  };
}

/** The key that seals credentials at rest, and the earlier keys still opened during a rotation. */
function readSecrets(r: Reader): Pick<Config, 'tokenEncryptionKey' | 'previousTokenEncryptionKeys'> {
  const rawKey = r.optional('TOKEN_ENCRYPTION_KEY');
  if (rawKey === undefined) r.problems.push(`TOKEN_ENCRYPTION_KEY is missing: 32 random bytes in base64 (${KEY_HINT})`);
  const tokenEncryptionKey = r.key('TOKEN_ENCRYPTION_KEY', rawKey) ?? Buffer.alloc(0);
  const previousTokenEncryptionKeys = (r.optional('TOKEN_ENCRYPTION_PREVIOUS_KEYS') ?? '')
    .split(',')
    .map((k) => k.trim())
    .filter((k) => k !== '')
    .map((k) => r.key('TOKEN_ENCRYPTION_PREVIOUS_KEYS', k))
    .filter((k): k is Buffer => k !== null);
  return { tokenEncryptionKey, previousTokenEncryptionKeys };
}

/** Most requests waiting on X at once, whatever is set: each holds a socket (a file descriptor). */
const MOST_REQUESTS_IN_FLIGHT = 4096;

function readReportLimits(r: Reader): ReportLimits {
  return {
    maxPosts: r.integer('REPORT_MAX_POSTS', 1000, 5, 3200),
    maxMentions: r.integer('REPORT_MAX_MENTIONS', 200, 0, 3200),
    refreshHours: r.integer('REPORT_REFRESH_HOURS', 48, 0, 720),
    cacheSeconds: r.integer('REPORT_CACHE_SECONDS', 900, 0, 86_400),
    cooldownSeconds: r.integer('REPORT_COOLDOWN_SECONDS', 30, 0, 86_400),
    concurrency: r.integer('REPORT_CONCURRENCY', 200, 1, 10_000),
    pagesInFlight: r.integer('REPORT_PAGES_IN_FLIGHT', 256, 2, 100_000),
    requestsInFlight: r.integer('REPORT_REQUESTS_IN_FLIGHT', 768, 2, MOST_REQUESTS_IN_FLIGHT),
    leaseSeconds: r.integer('REPORT_LEASE_SECONDS', 30, 2, 600),
    progressEveryMs: r.integer('REPORT_PROGRESS_SECONDS', 2, 0, 600) * 1000,
  };
}

/** What reading X may cost: the whole bot's monthly post budget (0: none) and X's prices. */
function readSpending(r: Reader): Pick<Config, 'monthlyPostBudget' | 'pricing'> {
  const appBudget = r.integer('X_MONTHLY_POST_BUDGET', 0, 0, 1_000_000_000);
  const pricing: Pricing = {
    postUsd: r.decimal('X_POST_READ_USD', 0.005, 0, 10),
    userUsd: r.decimal('X_USER_READ_USD', 0.01, 0, 10),
  };
  return { monthlyPostBudget: appBudget > 0 ? appBudget : null, pricing };
}

/**
 * GATEWAY_SHARD_COUNT ('auto' or a number) and GATEWAY_SHARD_IDS (this
 * process's shard set: "0,1" or "0-3"; empty: every shard). Several processes,
 * each with its own GATEWAY_SHARD_IDS and the same count, share the gateway.
 * The names are ours alone: discord.js's Client reads SHARD_COUNT and SHARDS
 * from the environment behind our back (SHARD_COUNT=auto made it throw), so
 * those are refused rather than silently read by the library.
 */
function readSharding(r: Reader, env: Env): Config['sharding'] {
  for (const name of LIBRARY_SHARD_VARIABLES) {
    if (env[name] !== undefined) {
      r.problems.push(
        `${name} is set: discord.js reads it behind the bot's back, so the bot refuses it; ` +
          `remove it and use GATEWAY_SHARD_COUNT / GATEWAY_SHARD_IDS instead`,
      );
    }
  }
  const rawCount = r.optional('GATEWAY_SHARD_COUNT') ?? 'auto';
  const count = rawCount === 'auto' ? 'auto' : /^\d{1,5}$/.test(rawCount) && Number(rawCount) >= 1 ? Number(rawCount) : null;
  if (count === null) r.problems.push(`GATEWAY_SHARD_COUNT must be "auto" or a whole number from 1 (got "${rawCount}")`);
  const rawIds = r.optional('GATEWAY_SHARD_IDS');
  if (rawIds === undefined) return { count: count ?? 'auto', ids: null };
  const ids: number[] = [];
  for (const part of rawIds.split(',').map((p) => p.trim())) {
    const range = /^(\d{1,5})(?:-(\d{1,5}))?$/.exec(part);
    if (!range) {
      r.problems.push(`GATEWAY_SHARD_IDS must list shard numbers, e.g. "0,1" or "0-3" (got "${rawIds}")`);
      return { count: count ?? 'auto', ids: null };
    }
    for (let id = Number(range[1]); id <= Number(range[2] ?? range[1]); id++) ids.push(id);
  }
  if (typeof count !== 'number') {
    r.problems.push('GATEWAY_SHARD_IDS needs GATEWAY_SHARD_COUNT set to a number: every process must agree on the count');
  } else if (ids.some((id) => id >= count)) {
    r.problems.push(`GATEWAY_SHARD_IDS must be below GATEWAY_SHARD_COUNT (${count}): shards are numbered from 0`);
  }
  return { count: count ?? 'auto', ids: [...new Set(ids)].sort((a, b) => a - b) };
}

/** Variables a library reads from the environment by itself (discord.js's Client: SHARD_COUNT, SHARDS). */
const LIBRARY_SHARD_VARIABLES = ['SHARD_COUNT', 'SHARDS'] as const;

export interface DiscordRestConfig {
  discordToken: string;
  discordApplicationId: string;
  discordApiUrl: string;
}

/** The subset the command-line tools (register-commands, invite-url) need. */
export function loadDiscordRestConfig(env: Env, needToken = true): DiscordRestConfig {
  const r = new Reader(env);
  const discordToken = needToken ? r.required('DISCORD_TOKEN', 'the bot token from the Discord developer portal (Bot tab)') : '';
  const discordApplicationId = r.pattern('DISCORD_APPLICATION_ID', 'the numeric application id (General Information tab)', /^\d{5,25}$/);
  const discordApiUrl = r.url('DISCORD_API_URL', 'https://discord.com/api', '');
  if (r.problems.length > 0) throw new ConfigError(r.problems);
  return { discordToken, discordApplicationId, discordApiUrl };
}
