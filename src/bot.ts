// Wires config, database, X, Discord and the web app together. main.ts starts
// what this builds; tests build it too, with stand-ins behind the API URLs.

import type { Client } from 'discord.js';
import type { Hono } from 'hono';
import { BudgetService, previousMonthStart } from './budget/budget.js';
import { createAutocompleter, createComponentDispatcher, createDispatcher, type Dispatch } from './commands/dispatch.js';
import { createCommands } from './commands/index.js';
import type { Config } from './config/env.js';
import { DigestService } from './digest/digest-service.js';
import { discordPublicKey } from './discord/signature.js';
import { RestGuildApi } from './discord-api/guild-api.js';
import { DiscordOAuthClient } from './discord-api/oauth2.js';
import { createRest } from './discord-api/rest.js';
import { InteractionWebhookClient } from './discord-api/webhooks.js';
import { canPostIn } from './guilds/channel-check.js';
import { LinkedRoleService } from './guilds/linked-role.js';
import { MEMBER_RETENTION_MS } from './guilds/stores.js';
import { AckPriority } from './interaction/ack-priority.js';
import type { Command } from './interaction/contract.js';
import { GatewayHealth } from './interaction/gateway-health.js';
import { BoardService } from './leaderboard/board-service.js';
import { LinkService } from './linking/link-service.js';
import { RevocationQueue } from './linking/revocations.js';
import type { Logger } from './log/logger.js';
import { CJK_FAMILY, hasCjkFont } from './report/chart/chart-fonts.js';
import { withUndeliveredNote } from './report/queue/delivery.js';
import { TimelineTopUp } from './report/read/top-up.js';
import { RenderPool } from './report/render/render-pool.js';
import { ReportPresses } from './report/report-presses.js';
import { POST_RETENTION_MS, ReportService } from './report/report-service.js';
import type { RoleClearQueue } from './role-connections/role-clears.js';
import { RoleConnectionService } from './role-connections/role-connection-service.js';
import { TokenCipher } from './secrets/token-cipher.js';
import { openSqliteStores } from './storage/sqlite/stores.js';
import type { Stores } from './storage/stores.js';
import { textFor } from './text/catalog.js';
import { TwitterOAuthClient } from './twitter/oauth-client.js';
import { OAuthSigner } from './twitter/oauth-signer.js';
import { createWebApp, type WebExtension } from './web/app.js';

export interface Bot {
  config: Config;
  stores: Stores;
  links: LinkService;
  reports: ReportService;
  /** Weekly digests: ticked every DIGEST_TICK_MS once started. */
  digests: DigestService;
  commands: Command[];
  dispatch: Dispatch;
  web: Hono;
  revocations: RevocationQueue;
  /** Linked Roles clears of forgotten connections (null when Linked Roles are off). */
  roleClears: RoleClearQueue | null;
  /** Only in gateway mode, once start() has run; main.ts logs it in. */
  gateway: Client | null;
  /** Only in gateway mode: how its connection stands. */
  gatewayHealth: GatewayHealth | null;
  /** Settles what a crash left behind (interrupted links, reports) and starts background work. */
  start(): Promise<void>;
  close(): Promise<void>;
}

export interface BotOptions {
  now?: () => number;
  /** Deadline for the automatic defer; tests shorten it. */
  ackDeadlineMs?: number;
  /** Wait between retries of X calls; tests make it instant. */
  sleep?: (ms: number) => Promise<void>;
  /** Per X request during reports (default 15 s); tests of hanging upstreams shorten it. */
  xRequestTimeoutMs?: number;
  /** A whole report's deadline (default 10 min); tests of a hanging render shorten it. */
  reportDeadlineMs?: number;
  /** Gateway mode: Discord closed the connection for good; main.ts ends the process so a supervisor restarts it. */
  onGatewayFatal?: (code: number, reason: string) => void;
  /** The opened database (see storage/open-stores.ts); without it, the SQLite file at DATABASE_PATH is opened here. */
  stores?: Stores;
  /** Tick the weekly digests on a timer (default); tests that tick them by hand turn it off. */
  digestTicks?: boolean;
  /** Extra web routes from a host program: `npm run sandbox` mounts its Discord console here. */
  webExtension?: WebExtension;
}

export function createBot(config: Config, log: Logger, options: BotOptions = {}): Bot {
  const now = options.now ?? Date.now;
  if (!options.stores && config.databaseUrl !== null)
    throw new Error('DATABASE_URL is set: open the stores with openStores() and pass them');
  const stores = options.stores ?? openSqliteStores(config.databasePath, now);
  const { posts, runs, zones, settings, members } = stores;
  const cipher = new TokenCipher(config.tokenEncryptionKey, config.previousTokenEncryptionKeys);
  const rest = createRest(config.discordApiUrl, config.discordToken);
  const consumer = { key: config.twitterConsumerKey, secret: config.twitterConsumerSecret };
  const signer = new OAuthSigner(consumer);
  const oauth = new TwitterOAuthClient({ apiUrl: config.twitterApiUrl, consumer, signer });
  const guildApi = new RestGuildApi(rest);
  const roles = new LinkedRoleService(members, guildApi, log.child({ component: 'roles' }));
  const budget = new BudgetService(stores.usage, settings, config.monthlyPostBudget, now);
  const webhooks = new InteractionWebhookClient({
    apiUrl: config.discordApiUrl,
    applicationId: config.discordApplicationId,
    sleep: options.sleep,
  });
  const linkLog = log.child({ component: 'linking' });
  // Made below (it needs the link and report services); link hooks run later, once it exists.
  let roleConnections: RoleConnectionService | null = null;
  const revocations: RevocationQueue = new RevocationQueue({
    store: stores.revocations,
    cipher,
    oauth,
    // X may hand an account the same token again: one a link keeps again is not revoked.
    inUse: (xUserId: string, token: string): Promise<boolean> => links.holdsToken(xUserId, token),
    now,
    log: linkLog,
  });
  const links = new LinkService({
    store: stores.links,
    cipher,
    oauth,
    revocations,
    webhooks,
    publicUrl: config.publicUrl,
    linkTtlSeconds: config.linkTtlSeconds,
    now,
    log: linkLog,
    hooks: {
      async linked(userId) {
        await roles.sync(userId, true);
        const account = await links.account(userId);
        if (account) await roleConnections?.push(account);
      },
      async broken(userId) {
        await roles.sync(userId, false);
        await roleConnections?.clear(userId);
      },
      async forgotten(account) {
        await roles.sync(account.discordUserId, false);
        await roleConnections?.forget(account.discordUserId);
        await members.forgetMember(account.discordUserId);
        await stores.forgetMemberData(account);
      },
      async connectionForgotten(userId) {
        await roleConnections?.forget(userId);
      },
      async displaced(account, newOwnerName) {
        await roles.sync(account.discordUserId, false);
        // Their Linked Roles connection was forgotten with the X account; its clear is queued, tried now.
        await roleConnections?.forget(account.discordUserId);
        try {
          // Their locale is not known outside an interaction: the default catalog.
          await guildApi.sendDirectMessage(account.discordUserId, textFor(null).linking.displaced(account.xScreenName, newOwnerName));
        } catch (err) {
          linkLog.warn('could not tell a member their X account was linked elsewhere', {
            discordUserId: account.discordUserId,
            error: err,
          });
        }
      },
      async xAccountDropped(xUserId) {
        await posts.forgetXAccount(xUserId);
      },
    },
  });
  const renderPool = new RenderPool(stores.renderSource);
  const acks = new AckPriority();
  const reports = new ReportService({
    // Said only in a private report (see ReportServiceDeps.notice): whose Linked Roles lapsed is nobody else's business.
    notice: async (discordUserId, locale) =>
      (await roleConnections?.needsReconnect(discordUserId)) ? textFor(locale).linking.rolesReconnect : null,
    acks,
    deadlineMs: options.reportDeadlineMs,
    render: renderPool,
    store: posts,
    runs,
    admissions: stores.admissions,
    zones,
    links,
    signer,
    cipher,
    webhooks,
    apiUrl: config.twitterApiUrl,
    limits: config.report,
    pricing: config.pricing,
    now,
    log: log.child({ component: 'report' }),
    budget,
    sleep: options.sleep,
    xRequestTimeoutMs: options.xRequestTimeoutMs,
    onProfile: (account, profile) => void roleConnections?.push(account, profile),
    directMessage: (discordUserId, message) => guildApi.sendDirect(discordUserId, message),
    views: stores.views,
  });
  if (config.discordClientSecret) {
    roleConnections = new RoleConnectionService({
      store: stores.connections,
      oauth: new DiscordOAuthClient({
        apiUrl: config.discordApiUrl,
        clientId: config.discordApplicationId,
        clientSecret: config.discordClientSecret,
        redirectUri: `${config.publicUrl}/discord/callback`,
        now,
      }),
      cipher,
      links,
      profileOf: (account) => reports.currentProfile(account),
      stateTtlSeconds: config.linkTtlSeconds,
      encryptionKey: config.tokenEncryptionKey,
      now,
      log: log.child({ component: 'linked-roles' }),
    });
  }
  const topUp = new TimelineTopUp({
    store: posts,
    runs,
    admissions: stores.admissions,
    links,
    signer,
    apiUrl: config.twitterApiUrl,
    pricing: config.pricing,
    appCap: config.monthlyPostBudget,
    maxPosts: config.report.maxPosts,
    now,
    log: log.child({ component: 'leaderboard' }),
    sleep: options.sleep,
    xRequestTimeoutMs: options.xRequestTimeoutMs,
  });
  const boards = new BoardService({
    store: stores.leaderboard,
    links,
    posts,
    topUp,
    budget,
    guildApi,
    freshMs: config.report.cacheSeconds * 1000,
    maxPosts: config.report.maxPosts,
    now,
    log: log.child({ component: 'leaderboard' }),
  });
  const digests = new DigestService({
    store: stores.digests,
    boards,
    post: (channelId, message, nonce) => guildApi.postMessage(channelId, message, nonce),
    canPost: (guildId, channelId) => canPostIn(guildApi, guildId, channelId),
    budget,
    pricing: config.pricing,
    maxPosts: config.report.maxPosts,
    now,
    log: log.child({ component: 'digest' }),
  });
  const gatewayHealth = config.interactionsMode === 'gateway' ? new GatewayHealth(now) : null;
  const commands = createCommands({
    links,
    reports,
    presses: new ReportPresses({ views: stores.views, links, render: renderPool, posts, now }),
    settings,
    members,
    roles,
    budget,
    guildApi,
    pricing: config.pricing,
    gateway: gatewayHealth,
    linkedRoles: roleConnections,
    boards,
    digests,
    now,
  });
  const run = createDispatcher(commands, log.child({ component: 'commands' }));
  const autocomplete = createAutocompleter(commands, log.child({ component: 'commands' }));
  const press = createComponentDispatcher(commands, log.child({ component: 'commands' }));
  const dispatch: Dispatch = (ctx) => {
    // Linked roles apply to members the bot has seen in a server.
    if (ctx.guildId) {
      members
        .seen(ctx.guildId, ctx.user.id, now())
        .catch((err: unknown) => doorLog.warn('could not note a member as seen', { error: err }));
    }
    return run(withUndeliveredNote(ctx, reports));
  };
  const doorLog = log.child({ component: 'discord' });

  const web = createWebApp({
    extension: options.webExtension,
    links,
    linkPages: { publicUrl: config.publicUrl, twitterApiUrl: config.twitterApiUrl, linkTtlSeconds: config.linkTtlSeconds },
    roleConnections,
    isHealthy: () => stores.healthy(),
    gateway: gatewayHealth,
    log: log.child({ component: 'web' }),
    interactions:
      config.interactionsMode === 'http'
        ? {
            publicKey: discordPublicKey(config.discordPublicKey ?? ''), // required in http mode by loadConfig
            door: {
              dispatch,
              autocomplete,
              press,
              acks,
              webhooks,
              replays: stores.replays,
              now,
              log: doorLog,
              ackDeadlineMs: options.ackDeadlineMs,
            },
          }
        : undefined,
  });
  // discord.js (and its gateway client) is loaded only in gateway mode: HTTP mode never pays its memory or start-up.
  const createGateway = async (): Promise<Client | null> => {
    if (config.interactionsMode !== 'gateway' || !gatewayHealth) return null;
    const { createGatewayClient } = await import('./discord/gateway-door.js');
    return createGatewayClient({
      discordApiUrl: config.discordApiUrl,
      dispatch,
      autocomplete,
      press,
      webhooks,
      log: doorLog,
      ackDeadlineMs: options.ackDeadlineMs,
      health: gatewayHealth,
      sharding: config.sharding,
      roster: stores.roster,
      onFatal: options.onGatewayFatal ?? (() => undefined),
      onGuildLeft: (guildId) => stores.forgetGuild(guildId),
    });
  };

  let stopSweeps: (() => void) | undefined;
  const bot: Bot = {
    config,
    stores,
    links,
    reports,
    digests,
    commands,
    dispatch,
    web,
    revocations,
    roleClears: roleConnections?.clears ?? null,
    gateway: null,
    gatewayHealth,
    async start() {
      stores.start();
      if (!hasCjkFont()) {
        log.warn('no CJK font found (Debian: apt-get install fonts-noto-cjk): charts of Japanese reports use English labels', {
          font: CJK_FAMILY,
        });
      }
      bot.gateway = await createGateway();
      const stopRevocations = revocations.start();
      const stopClears = roleConnections?.clears.start();
      // Retention: now, then hourly; every growing table is bounded. Cheap (indexes on age) and off every request's path.
      const prune = async () => {
        try {
          const removed = await posts.prune(now(), POST_RETENTION_MS);
          const orphaned = (await posts.forgetUnlinked()) + (await zones.forgetUnlinked());
          const folded = await runs.foldBefore(previousMonthStart(now()));
          const unseen = await members.forgetUnseenSince(now() - MEMBER_RETENTION_MS);
          if (removed + orphaned + folded + unseen > 0) log.info('old data deleted', { removed, orphaned, folded, unseen });
        } catch (err) {
          log.error('deleting old data failed', { error: err });
        }
      };
      await prune();
      const pruning = setInterval(() => void prune(), 60 * 60 * 1000);
      pruning.unref();
      stopSweeps = () => {
        stopRevocations();
        stopClears?.();
        clearInterval(pruning);
      };
      await links.recoverInterrupted();
      await reports.recoverInterrupted();
      // Reports cut off on any replica and too old to finish are told so; the rest are taken over by the queue.
      // Links cut off on another replica are found the same way, once no process can still be exchanging them.
      const sweep = setInterval(() => {
        reports.recoverInterrupted().catch((err: unknown) => log.error('looking for cut-off reports failed', { error: err }));
        links.recoverInterrupted(false).catch((err: unknown) => log.error('looking for cut-off links failed', { error: err }));
      }, 60_000);
      sweep.unref();
      reports.worker.start();
      // A digest due while the bot was down is found at once (posted late, saying so, or skipped past a day).
      const stopDigests = options.digestTicks === false ? undefined : digests.start();
      const stopEarlierSweeps = stopSweeps;
      stopSweeps = () => {
        stopEarlierSweeps?.();
        stopDigests?.();
        clearInterval(sweep);
        reports.worker.stop();
      };
    },
    async close() {
      stopSweeps?.();
      await bot.gateway?.destroy();
      await renderPool.close();
      await stores.close();
    },
  };
  return bot;
}
