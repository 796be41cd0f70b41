// Builds the bot: the object graph in small named steps, the cross-domain reactions subscribed on one event
// bus, the background work registered with one job registry. main.ts starts what this builds; tests build it
// too, with stand-ins behind the API URLs. Only composition here: what a part does is in its own folder.

import type { Client } from 'discord.js';
import type { Hono } from 'hono';
import { BudgetService } from './budget/budget.js';
import { createAutocompleter, createComponentDispatcher, createDispatcher, type Dispatch } from './commands/dispatch.js';
import { createCommands } from './commands/index.js';
import type { Config } from './config/env.js';
import { DigestService } from './digest/digest-service.js';
import { SignatureChecker } from './discord/signature-checker.js';
import { type GuildApi, RestGuildApi } from './discord-api/guild-api.js';
import { DiscordOAuthClient } from './discord-api/oauth2.js';
import { createRest } from './discord-api/rest.js';
import { InteractionWebhookClient } from './discord-api/webhooks.js';
import { EventBus } from './events/bus.js';
import { canPostIn } from './guilds/channel-check.js';
import { keepLinkedRoles, type MemberEvents } from './guilds/events.js';
import { LinkedRoleService } from './guilds/linked-role.js';
import type { HttpGet } from './http/http-get.js';
import { AckPriority } from './interaction/ack-priority.js';
import type { Command } from './interaction/contract.js';
import { GatewayHealth } from './interaction/gateway-health.js';
import { every, JobRegistry } from './jobs/registry.js';
import { BoardService } from './leaderboard/board-service.js';
import { type LinkEvents, tellDisplacedMembers } from './linking/events.js';
import { LinkService } from './linking/link-service.js';
import { RevocationQueue } from './linking/revocations.js';
import { keepsToken } from './linking/sealed-credentials.js';
import type { Logger } from './log/logger.js';
import type { ReportEvents } from './report/events.js';
import { withUndeliveredNote } from './report/queue/delivery.js';
import { TimelineTopUp } from './report/read/top-up.js';
import { RenderPool } from './report/render/render-pool.js';
import { ReportPresses } from './report/report-presses.js';
import { ReportService } from './report/report-service.js';
import { keepRoleConnections, reconnectNotice } from './role-connections/reactions.js';
import type { RoleClearQueue } from './role-connections/role-clears.js';
import { RoleConnectionService } from './role-connections/role-connection-service.js';
import { TokenCipher } from './secrets/token-cipher.js';
import { pruneOldData, RETENTION_EVERY_MS } from './storage/retention.js';
import { openSqliteStores } from './storage/sqlite/stores.js';
import type { Stores } from './storage/stores.js';
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
  /** How reports ask X (default node:http); tests count what the bot reads. */
  xGet?: HttpGet;
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
  /** How long linking's pages wait for Discord to be told before they answer anyway (default 3 s); tests shorten it. */
  linkPageWaitMs?: number;
}

/** Every cross-domain event: each domain declares those it emits. */
export type BotEvents = LinkEvents & ReportEvents & MemberEvents;

/** What every step shares: settings, clock, stores, the event bus and the clients of the outside world. */
interface Ground {
  config: Config;
  options: BotOptions;
  log: Logger;
  now: () => number;
  stores: Stores;
  events: EventBus<BotEvents>;
  cipher: TokenCipher;
  signer: OAuthSigner;
  oauth: TwitterOAuthClient;
  guildApi: GuildApi;
  webhooks: InteractionWebhookClient;
  budget: BudgetService;
}

/** The services the doors and the jobs use. */
interface Services {
  revocations: RevocationQueue;
  links: LinkService;
  roles: LinkedRoleService;
  acks: AckPriority;
  renderPool: RenderPool;
  reports: ReportService;
  roleConnections: RoleConnectionService | null;
  boards: BoardService;
  digests: DigestService;
}

export function createBot(config: Config, log: Logger, options: BotOptions = {}): Bot {
  const ground = layGround(config, log, options);
  const services = buildServices(ground);
  subscribeReactions(ground, services);
  const { createGateway, signatures, ...doors } = buildDoors(ground, services);
  const jobs = registerJobs(ground, services);
  const { stores } = ground;
  const { links, reports, digests, revocations, roleConnections, renderPool } = services;
  const bot: Bot = {
    ...{ config, stores, links, reports, digests, revocations, ...doors },
    roleClears: roleConnections?.clears ?? null,
    gateway: null,
    async start() {
      bot.gateway = await createGateway();
      await jobs.start();
    },
    async close() {
      await links.settle();
      await jobs.stop();
      await bot.gateway?.destroy();
      await signatures?.close();
      await renderPool.close();
      await stores.close();
    },
  };
  return bot;
}

function layGround(config: Config, log: Logger, options: BotOptions): Ground {
  const now = options.now ?? Date.now;
  if (!options.stores && config.databaseUrl !== null)
    throw new Error('DATABASE_URL is set: open the stores with openStores() and pass them');
  const stores = options.stores ?? openSqliteStores(config.databasePath, now);
  const consumer = { key: config.twitterConsumerKey, secret: config.twitterConsumerSecret };
  const signer = new OAuthSigner(consumer);
  return {
    ...{ config, options, log, now, stores, signer },
    events: new EventBus<BotEvents>(log.child({ component: 'events' })),
    cipher: new TokenCipher(config.tokenEncryptionKey, config.previousTokenEncryptionKeys),
    oauth: new TwitterOAuthClient({ apiUrl: config.twitterApiUrl, consumer, signer }),
    guildApi: new RestGuildApi(createRest(config.discordApiUrl, config.discordToken)),
    webhooks: new InteractionWebhookClient({
      apiUrl: config.discordApiUrl,
      applicationId: config.discordApplicationId,
      sleep: options.sleep,
    }),
    budget: new BudgetService(stores.usage, stores.settings, config.monthlyPostBudget, now),
  };
}

function buildServices(g: Ground): Services {
  const { revocations, links } = buildLinking(g);
  const roles = new LinkedRoleService(g.stores.members, g.guildApi, g.log.child({ component: 'roles' }), async (id) => {
    return (await links.account(id))?.status === 'active';
  });
  const renderPool = new RenderPool(g.stores.renderSource, (fonts) => fonts.cjk || warnWithoutCjkFont(g.log, fonts.cjkFamily));
  const acks = new AckPriority();
  const reports = buildReports(g, links, renderPool, acks);
  const roleConnections = buildRoleConnections(g, links, reports);
  const { boards, digests } = buildLeaderboard(g, links);
  return { revocations, links, roles, acks, renderPool, reports, roleConnections, boards, digests };
}

function buildLinking(g: Ground): { revocations: RevocationQueue; links: LinkService } {
  const { config, stores, cipher, oauth, now } = g;
  const log = g.log.child({ component: 'linking' });
  const revocations = new RevocationQueue({
    store: stores.revocations,
    cipher,
    oauth,
    inUse: (xUserId, token) => keepsToken(stores.links, cipher, xUserId, token),
    now,
    log,
  });
  const links = new LinkService({
    ...{ store: stores.links, cipher, oauth, revocations, webhooks: g.webhooks, events: g.events, now, log },
    publicUrl: config.publicUrl,
    linkTtlSeconds: config.linkTtlSeconds,
    pageWaitMs: g.options.linkPageWaitMs,
  });
  return { revocations, links };
}

function buildReports(g: Ground, links: LinkService, renderPool: RenderPool, acks: AckPriority): ReportService {
  const { config, stores, options, now } = g;
  return new ReportService({
    // Said only in a private report (see ReportServiceDeps.notice): whose Linked Roles lapsed is nobody else's business.
    notice: config.discordClientSecret ? reconnectNotice(stores.connections) : undefined,
    acks,
    deadlineMs: options.reportDeadlineMs,
    render: renderPool,
    store: stores.posts,
    runs: stores.runs,
    admissions: stores.admissions,
    zones: stores.zones,
    links,
    signer: g.signer,
    cipher: g.cipher,
    webhooks: g.webhooks,
    apiUrl: config.twitterApiUrl,
    limits: config.report,
    pricing: config.pricing,
    now,
    log: g.log.child({ component: 'report' }),
    budget: g.budget,
    ...{ sleep: options.sleep, xRequestTimeoutMs: options.xRequestTimeoutMs, xGet: options.xGet },
    onProfile: (account, profile) => void g.events.emit('profileRead', { account, profile }),
    directMessage: (discordUserId, message) => g.guildApi.sendDirect(discordUserId, message),
    views: stores.views,
  });
}

/** Discord Linked Roles, when DISCORD_CLIENT_SECRET is set. */
function buildRoleConnections(g: Ground, links: LinkService, reports: ReportService): RoleConnectionService | null {
  const { config, now } = g;
  if (!config.discordClientSecret) return null;
  return new RoleConnectionService({
    store: g.stores.connections,
    oauth: new DiscordOAuthClient({
      apiUrl: config.discordApiUrl,
      clientId: config.discordApplicationId,
      clientSecret: config.discordClientSecret,
      redirectUri: `${config.publicUrl}/discord/callback`,
      now,
    }),
    cipher: g.cipher,
    links,
    profileOf: (account) => reports.currentProfile(account),
    stateTtlSeconds: config.linkTtlSeconds,
    encryptionKey: config.tokenEncryptionKey,
    now,
    log: g.log.child({ component: 'linked-roles' }),
  });
}

function buildLeaderboard(g: Ground, links: LinkService): { boards: BoardService; digests: DigestService } {
  const { config, stores, guildApi, budget, now } = g;
  const { pricing, report } = config;
  const log = g.log.child({ component: 'leaderboard' });
  const x = { apiUrl: config.twitterApiUrl, signer: g.signer, sleep: g.options.sleep, xRequestTimeoutMs: g.options.xRequestTimeoutMs };
  const topUp = new TimelineTopUp({
    ...{ store: stores.posts, runs: stores.runs, admissions: stores.admissions, links, pricing, now, log, ...x },
    appCap: config.monthlyPostBudget,
    maxPosts: report.maxPosts,
  });
  const boards = new BoardService({
    ...{ store: stores.leaderboard, links, posts: stores.posts, topUp, budget, guildApi, now, log },
    freshMs: report.cacheSeconds * 1000,
    maxPosts: report.maxPosts,
  });
  const digests = new DigestService({
    store: stores.digests,
    boards,
    post: (channelId, message, nonce) => guildApi.postMessage(channelId, message, nonce),
    canPost: (guildId, channelId) => canPostIn(guildApi, guildId, channelId),
    ...{ budget, pricing, maxPosts: report.maxPosts, now },
    log: g.log.child({ component: 'digest' }),
  });
  return { boards, digests };
}

/**
 * Who reacts to what, in the order the reactions run: the linked role before
 * the member it is read from is forgotten, the Linked Roles connection, then
 * what the stores keep about the member, then a word to a displaced member.
 */
function subscribeReactions(g: Ground, s: Services): void {
  const { events, stores } = g;
  keepLinkedRoles(events, s.roles, stores.members);
  if (s.roleConnections) keepRoleConnections(events, s.roleConnections);
  events.on('unlinked', ({ account }) => stores.forgetMemberData(account));
  events.on('xAccountDropped', ({ xUserId }) => stores.posts.forgetXAccount(xUserId));
  tellDisplacedMembers(events, g.guildApi, g.log.child({ component: 'linking' }));
}

function buildDoors(g: Ground, s: Services) {
  const { config, stores, options, now } = g;
  const gatewayHealth = config.interactionsMode === 'gateway' ? new GatewayHealth(now) : null;
  const commands = createCommands({
    ...{ links: s.links, reports: s.reports, roles: s.roles, boards: s.boards, digests: s.digests, now },
    presses: new ReportPresses({ views: stores.views, links: s.links, render: s.renderPool, posts: stores.posts, now }),
    ...{ settings: stores.settings, members: stores.members, budget: g.budget, guildApi: g.guildApi },
    pricing: config.pricing,
    gateway: gatewayHealth,
    linkedRoles: s.roleConnections,
  });
  const commandLog = g.log.child({ component: 'commands' });
  const doorLog = g.log.child({ component: 'discord' });
  const signatures = config.interactionsMode === 'http' ? new SignatureChecker(config.discordPublicKey ?? '', { log: doorLog }) : null;
  const run = createDispatcher(commands, commandLog);
  const handlers = {
    dispatch: noteMembersSeen(g, (ctx) => run(withUndeliveredNote(ctx, s.reports))),
    autocomplete: createAutocompleter(commands, commandLog),
    press: createComponentDispatcher(commands, commandLog),
    webhooks: g.webhooks,
    log: doorLog,
    ackDeadlineMs: options.ackDeadlineMs,
  };
  const web = createWebApp({
    extension: options.webExtension,
    links: s.links,
    linkPages: { publicUrl: config.publicUrl, twitterApiUrl: config.twitterApiUrl, linkTtlSeconds: config.linkTtlSeconds },
    roleConnections: s.roleConnections,
    isHealthy: () => stores.healthy(),
    gateway: gatewayHealth,
    log: g.log.child({ component: 'web' }),
    // The public key is required in http mode by loadConfig.
    interactions: signatures ? { signatures, door: { ...handlers, acks: s.acks, replays: stores.replays, now } } : undefined,
  });
  // discord.js (and its gateway client) is loaded only in gateway mode: HTTP mode never pays its memory or start-up.
  const createGateway = async (): Promise<Client | null> => {
    if (config.interactionsMode !== 'gateway' || !gatewayHealth) return null;
    const { createGatewayClient } = await import('./discord/gateway-door.js');
    return createGatewayClient({
      ...handlers,
      ...{ discordApiUrl: config.discordApiUrl, health: gatewayHealth, sharding: config.sharding, roster: stores.roster },
      onFatal: options.onGatewayFatal ?? (() => undefined),
      onGuildLeft: (guildId) => stores.forgetGuild(guildId),
    });
  };
  return { commands, dispatch: handlers.dispatch, web, gatewayHealth, createGateway, signatures };
}

/** Every command run in a server tells the bus the member was seen there (linked roles apply to members seen). */
function noteMembersSeen(g: Ground, run: Dispatch): Dispatch {
  return (ctx) => {
    // Before the command, not after its ack: /unlink-twitter's forgetting the member must come after it.
    if (ctx.guildId) void g.events.emit('memberSeen', { guildId: ctx.guildId, discordUserId: ctx.user.id, at: g.now() });
    return run(ctx);
  };
}

/**
 * All background work, in the order it starts (it stops in reverse): the
 * database's own upkeep first, then the queues that settle what a crash left
 * behind, then the workers that take new work.
 */
function registerJobs(g: Ground, s: Services): JobRegistry {
  const { stores, log, now } = g;
  const jobs = new JobRegistry(log.child({ component: 'jobs' }));
  // SQLite's checkpoints; stores.close() ends them after every job has stopped.
  jobs.add('database upkeep', () => void stores.start());
  jobs.add('X token revocations', () => s.revocations.start());
  if (s.roleConnections) jobs.add('Linked Roles clears', () => s.roleConnections?.clears.start());
  jobs.add('retention', async () => {
    await pruneOldData(stores, now, log);
    return every(RETENTION_EVERY_MS, () => void pruneOldData(stores, now, log));
  });
  jobs.add('interrupted links and reports', async () => {
    await s.links.recoverInterrupted();
    await s.reports.recoverInterrupted();
    // Reports cut off on any replica and too old to finish are told so; the rest are taken over by the queue.
    // Links cut off on another replica are found the same way, once no process can still be exchanging them.
    return every(60_000, () => {
      s.reports.recoverInterrupted().catch((err: unknown) => log.error('looking for cut-off reports failed', { error: err }));
      s.links.recoverInterrupted(false).catch((err: unknown) => log.error('looking for cut-off links failed', { error: err }));
    });
  });
  jobs.add('report queue worker', () => {
    s.reports.worker.start();
    return () => s.reports.worker.stop();
  });
  // A digest due while the bot was down is found at once (posted late, saying so, or skipped past a day).
  if (g.options.digestTicks !== false) jobs.add('weekly digests', () => s.digests.start());
  return jobs;
}

/** Said when the first chart is drawn: the main thread never loads the chart's fonts. */
function warnWithoutCjkFont(log: Logger, font: string): void {
  log.warn('no CJK font found (Debian: apt-get install fonts-noto-cjk): charts of Japanese reports use English labels', {
    font,
  });
}
