// The digest's exactly-once posting on whichever engine this run tests, with
// a fake clock, restarts (a new service on the same database), a replica dying
// mid-post, an outage (a missed digest posted late once, or skipped past a
// day), a replica slower than its lease, and the bot losing its permission in
// the channel. Discord is a fake that keeps a nonce as Discord does
// (enforce_nonce): a retry returns the message already posted; where only the
// claim may keep a digest to one post, a fake that counts every post.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DIGEST_LEASE_MS, DIGEST_RENEW_MS, DigestService } from '../../src/digest/digest-service.js';
import type { ChannelCheck } from '../../src/guilds/channel-check.js';
import type { BotMessage } from '../../src/interaction/contract.js';
import type { BoardAnswer } from '../../src/leaderboard/board-service.js';
import { silentLogger } from '../../src/log/logger.js';
import { openStores } from '../../src/storage/open-stores.js';
import { layoutText } from '../support/layout-text.js';
import { freshPostgresDatabase, type TestStores, testPostgresUrl } from '../support/test-engine.js';

const GUILD = '1100000000000000002';
const CHANNEL = '1300000000000000010';
// Monday 2026-11-23 09:00 in Europe/Berlin (CET, UTC+1).
const DUE = Date.parse('2026-11-23T08:00:00Z');
const MINUTE = 60_000;

let stores: TestStores;
let pgUrl: string | null = null;
let cleanup: () => Promise<void>;
const clock = { now: DUE - 3_600_000 };

beforeEach(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'digest-'));
  const pg = testPostgresUrl ? await freshPostgresDatabase(testPostgresUrl) : null;
  pgUrl = pg?.url ?? null;
  stores = (await openStores(
    { databaseUrl: pg?.url ?? null, databasePath: join(dir, 'bot.sqlite'), databasePoolSize: 4, databaseStatementTimeoutMs: 30_000 },
    () => clock.now,
    silentLogger,
  )) as TestStores;
  clock.now = DUE - 3_600_000;
  await stores.digests.set({
    guildId: GUILD,
    channelId: CHANNEL,
    weekday: 1,
    minuteOfDay: 9 * 60,
    timeZone: 'Europe/Berlin',
    locale: null,
    updatedAt: DUE - 86_400_000,
  });
  cleanup = async () => {
    await stores.close();
    await pg?.drop();
    rmSync(dir, { recursive: true, force: true });
  };
});
afterEach(() => cleanup());

const EMPTY: BoardAnswer = {
  board: { top: [], all: [], caller: null, unranked: 0, ranked: 0 },
  period: { start: 0, previousStart: 0, end: 0 },
  reads: { members: 1, postsRead: 12, costMicroUsd: 60_000, budgetShort: 0 },
  dataAsOf: DUE,
  members: 0,
};

/** Discord as the digest sees it: posts recorded, one per nonce. */
function fakeDiscord() {
  const messages = new Map<string, BotMessage>();
  return {
    messages,
    post: async (_channel: string, message: BotMessage, nonce: string) => {
      if (!messages.has(nonce)) messages.set(nonce, message);
    },
  };
}

function service(
  discord: { post: (c: string, m: BotMessage, n: string) => Promise<void> },
  check: ChannelCheck = { ok: true },
  store = stores.digests,
  board: () => Promise<BoardAnswer> = async () => EMPTY,
) {
  return new DigestService({
    store,
    boards: {
      board,
      highlights: async () => ({ topPost: null, grower: null, newcomers: [] }),
    },
    post: discord.post,
    canPost: async () => check,
    budget: { state: async () => ({ remaining: null }) as never },
    pricing: { postUsd: 0.005, userUsd: 0.01 } as never,
    maxPosts: 100,
    now: () => clock.now,
    log: silentLogger,
  });
}

const text = (m: BotMessage) => layoutText(m.layout as never);

/** Discord with no nonce memory: it keeps a nonce only minutes, and a replica slower than the lease may post any time later. */
function countingDiscord() {
  const posts: string[] = [];
  return { posts, post: async (_c: string, _m: BotMessage, nonce: string) => void posts.push(nonce) };
}

/** A board read that holds until released: a replica slowed down (heavy load, a slow X) while it makes the digest. */
function slowBoard() {
  let release: () => void = () => undefined;
  let reading: () => void = () => undefined;
  const started = new Promise<void>((r) => {
    reading = r;
  });
  const held = new Promise<void>((r) => {
    release = r;
  });
  return {
    started,
    release: () => release(),
    board: async () => {
      reading();
      await held;
      return EMPTY;
    },
  };
}

describe('weekly digest', () => {
  it('posts once within a minute of the set time, and never again that week across restarts', async () => {
    const discord = fakeDiscord();
    const first = service(discord);
    expect(await first.tick()).toBe(0);
    clock.now = DUE - 1000;
    expect(await first.tick()).toBe(0);
    clock.now = DUE + 20_000;
    expect(await first.tick()).toBe(1);
    expect(discord.messages.size).toBe(1);
    const [message] = [...discord.messages.values()];
    expect(text(message!)).toContain('Weekly digest');
    expect(text(message!)).not.toContain('Posted late');
    for (const later of [DUE + 40_000, DUE + 10 * MINUTE, DUE + 3 * 86_400_000]) {
      clock.now = later;
      expect(await service(discord).tick()).toBe(0); // a restarted process
    }
    expect(discord.messages.size).toBe(1);
    expect(await stores.digests.last(GUILD)).toMatchObject({ dueAt: DUE, outcome: 'posted', postsRead: 12, costMicroUsd: 60_000 });
    // The next week's is its own.
    clock.now = DUE + 7 * 86_400_000 + 5000;
    expect(await service(discord).tick()).toBe(1);
    expect(discord.messages.size).toBe(2);
  });

  it('posts once when a replica dies mid-post: the claim goes stale, the retry reuses the nonce', async () => {
    const discord = fakeDiscord();
    clock.now = DUE + 5000;
    // The dying replica: Discord got the message, then the process died before recording it.
    const dying = service({
      post: async (c, m, n) => {
        await discord.post(c, m, n);
        throw new Error('killed');
      },
    });
    expect(await dying.tick()).toBe(0);
    expect(discord.messages.size).toBe(1);
    // Restarted at once: the claim is still held; nothing is posted twice.
    clock.now = DUE + 30_000;
    expect(await service(discord).tick()).toBe(0);
    // Once the lease lapses another replica takes it over; Discord hands back the same message.
    clock.now = DUE + 5000 + DIGEST_LEASE_MS + 1;
    expect(await service(discord).tick()).toBe(1);
    expect(discord.messages.size).toBe(1);
    expect((await stores.digests.last(GUILD))?.outcome).toBe('late');
  });

  it('posts once when a live replica is slower than the lease: the one whose claim was taken over does not post', async () => {
    const discord = countingDiscord();
    clock.now = DUE + 5000;
    const slow = slowBoard();
    const slowTick = service(discord, { ok: true }, stores.digests, slow.board).tick();
    await slow.started;
    // Its claim looks stale to another replica (or a restarted one, or the sandbox clock run ahead): taken over, posted.
    clock.now = DUE + 5000 + DIGEST_LEASE_MS + 1;
    expect(await service(discord).tick()).toBe(1);
    expect(discord.posts).toHaveLength(1);
    // The slow one ends its read long after: it no longer holds the claim, so it posts nothing.
    clock.now = DUE + 30 * MINUTE;
    slow.release();
    expect(await slowTick).toBe(0);
    expect(discord.posts).toHaveLength(1);
    expect(await stores.digests.last(GUILD)).toMatchObject({ dueAt: DUE, outcome: 'late' });
  });

  it('keeps the claim of a slow replica that renews it: no other takes it over, and it posts once', async () => {
    const discord = countingDiscord();
    clock.now = DUE + 5000;
    const slow = slowBoard();
    const slowService = service(discord, { ok: true }, stores.digests, slow.board);
    const slowTick = slowService.tick();
    await slow.started;
    // Renewed as start() renews it, every third of the lease; then a lease after the claim, it is not stale.
    clock.now = DUE + 5000 + DIGEST_RENEW_MS;
    await slowService.renewHeld();
    clock.now = DUE + 5000 + DIGEST_LEASE_MS + 1;
    expect(await service(discord).tick()).toBe(0);
    slow.release();
    expect(await slowTick).toBe(1);
    expect(discord.posts).toHaveLength(1);
    expect(await stores.digests.last(GUILD)).toMatchObject({ dueAt: DUE, outcome: 'posted' });
  });

  it('posts a missed digest late once, saying so; skips one more than a day late', async () => {
    const discord = fakeDiscord();
    clock.now = DUE + 5 * 3_600_000; // down from before 09:00 until 14:00
    expect(await service(discord).tick()).toBe(1);
    expect(text([...discord.messages.values()][0]!)).toMatch(/Posted late: it was due .*, 5\.0 h ago/);
    expect(await service(discord).tick()).toBe(0);
    // The next week, down for more than a day after it was due.
    clock.now = DUE + 7 * 86_400_000 + 86_400_000 + 1;
    expect(await service(discord).tick()).toBe(0);
    expect(discord.messages.size).toBe(1);
    expect(await stores.digests.last(GUILD)).toMatchObject({ outcome: 'skipped' });
  });

  it('does not post where it lacks permission, and records why for the admins', async () => {
    const discord = fakeDiscord();
    clock.now = DUE + 1000;
    expect(await service(discord, { ok: false, missing: ['Send Messages'] }).tick()).toBe(0);
    expect(discord.messages.size).toBe(0);
    const last = await stores.digests.last(GUILD);
    expect(last).toMatchObject({ outcome: 'failed' });
    expect(JSON.parse(last!.detail!)).toEqual({ ok: false, missing: ['Send Messages'] });
  });

  it('does not post last week’s digest for a schedule set after its moment', async () => {
    const discord = fakeDiscord();
    await stores.digests.set({
      guildId: GUILD,
      channelId: CHANNEL,
      weekday: 1,
      minuteOfDay: 9 * 60,
      timeZone: 'Europe/Berlin',
      locale: null,
      updatedAt: DUE + 3_600_000,
    });
    clock.now = DUE + 2 * 3_600_000;
    expect(await service(discord).tick()).toBe(0);
    expect(discord.messages.size).toBe(0);
  });

  it.skipIf(!testPostgresUrl)('posts once when two replicas race at the posting minute (PostgreSQL)', async () => {
    // Each replica posts for real (no nonce dedup here): only the claim can keep this to one message.
    const posts: string[] = [];
    const counting = { post: async (_c: string, _m: BotMessage, nonce: string) => void posts.push(nonce) };
    const replicas = [
      stores,
      await openStores(
        { databaseUrl: pgUrl, databasePath: '', databasePoolSize: 4, databaseStatementTimeoutMs: 30_000 },
        () => clock.now,
        silentLogger,
      ),
    ];
    try {
      for (const second of [0, 20_000, 40_000]) {
        clock.now = DUE + 1000 + second;
        const results = await Promise.all(
          replicas.flatMap((r) => [service(counting, { ok: true }, r.digests).tick(), service(counting, { ok: true }, r.digests).tick()]),
        );
        expect(results.reduce((a, b) => a + b, 0)).toBe(second === 0 ? 1 : 0);
      }
      expect(posts).toHaveLength(1);
    } finally {
      await replicas[1]!.close();
    }
  });
});
