// Attacks on what several replicas share, on PostgreSQL: two replicas
// claiming at the same moment, two link completions for one X account racing
// on two replicas, a transaction that fails between its writes, a database
// that never answers, and a stored job that is no job.

import { createServer, type Server, type Socket } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { decodeJob } from '../../src/report/report-job.js';
import { openPostgresStores, type PostgresStores } from '../../src/storage/postgres/stores.js';
import { freshPostgresDatabase, testPostgresUrl } from '../support/test-engine.js';

const T0 = Date.parse('2026-11-24T10:00:00Z');
const LEASE_MS = 30_000;

describe.skipIf(!testPostgresUrl)('replicas racing on PostgreSQL', () => {
  let database: { url: string; drop(): Promise<void> };
  let replicas: PostgresStores[];
  beforeEach(async () => {
    database = await freshPostgresDatabase(testPostgresUrl!);
    replicas = [await openPostgresStores(database.url, () => T0), await openPostgresStores(database.url, () => T0)];
  });
  afterEach(async () => {
    for (const r of replicas) await r.close();
    await database.drop();
  });

  const queue = async (n: number) => {
    const [a] = replicas;
    for (let i = 0; i < n; i++) {
      const id = await a!.runs.startRun({
        discordUserId: `member-${i}`,
        guildId: null,
        days: 30,
        locale: null,
        startedAt: T0,
        reservedPosts: 10,
        interactionTokenSealed: 'sealed',
        job: '{}',
      });
      await a!.runs.markReady(id);
    }
  };

  it('never gives one report to two replicas claiming at the same moment', async () => {
    await queue(40);
    const claims = await Promise.all(Array.from({ length: 16 }, (_, i) => replicas[i % 2]!.runs.claim(`replica-${i}`, T0, LEASE_MS, 5)));
    const ids = claims.flat().map((r) => r.id);
    expect(ids).toHaveLength(40);
    expect(new Set(ids).size).toBe(40);
  });

  it('keeps one holder and queues every replaced token when two completions for one X account race on two replicas', async () => {
    const account = (member: string) => ({
      discordUserId: member,
      xUserId: '1456789012345678901',
      xScreenName: 'ada',
      accessTokenSealed: `token-of-${member}`,
      accessSecretSealed: 's',
      keyId: 'k',
    });
    const exchanging = async (member: string, hash: string) => {
      await replicas[0]!.links.createPending({
        tokenHash: hash,
        discordUserId: member,
        discordUserName: member,
        discordUsername: member,
        guildId: null,
        locale: null,
        interactionTokenSealed: 'x',
        createdAt: T0,
        interactionExpiresAt: T0 + 900_000,
        expiresAt: T0 + 600_000,
      });
      const link = (await replicas[0]!.links.findOpenable(hash, T0))!;
      await replicas[0]!.links.claimForAuthorization(
        link.id,
        { requestToken: `rt-${member}`, requestSecretSealed: 's', browserHash: 'b' },
        T0,
        T0 + 600_000,
      );
      await replicas[0]!.links.beginExchange(link.id, T0);
      return link.id;
    };
    const ada = await exchanging('ada', 'h-ada');
    const bob = await exchanging('bob', 'h-bob');
    // Each revokes the token of whoever held the X account when its transaction read it.
    const revoke = (own: { accessTokenSealed: string } | undefined, holder: { accessTokenSealed: string } | undefined) =>
      [own, holder].flatMap((a, i) =>
        a
          ? [
              {
                xUserId: '1456789012345678901',
                sealId: `${a.accessTokenSealed}-${i}-${Math.random()}`,
                accessTokenSealed: a.accessTokenSealed,
                accessSecretSealed: 's',
                createdAt: T0,
                nextAttemptAt: T0,
              },
            ]
          : [],
      );
    const [first, second] = await Promise.all([
      replicas[0]!.links.complete(ada, account('ada'), T0, revoke),
      replicas[1]!.links.complete(bob, account('bob'), T0 + 1, revoke),
    ]);
    expect(first).not.toBeNull();
    expect(second).not.toBeNull();
    const holders = await replicas[0]!.postgres.pool.query('select discord_user_id from linked_accounts');
    expect(holders.rows).toHaveLength(1);
    // The one that lost the account had its token queued by the one that completed second.
    const loser = holders.rows[0].discord_user_id === 'ada' ? 'bob' : 'ada';
    const queued = await replicas[0]!.postgres.pool.query('select access_token_sealed from pending_revocations');
    expect(queued.rows.map((r) => r.access_token_sealed)).toContain(`token-of-${loser}`);
  });

  it('records nothing of an admission whose transaction fails part way', async () => {
    const question = { discordUserId: 'ada', guildId: null, runningSince: T0 - 600_000, monthStart: T0 - 86_400_000, appCapped: true };
    await expect(
      replicas[0]!.admissions.admit(question, () => ({
        ok: true,
        // A run the database refuses (days is not null): the transaction fails after its reads and locks.
        run: {
          discordUserId: 'ada',
          guildId: null,
          days: null as unknown as number,
          locale: null,
          startedAt: T0,
          reservedPosts: 10,
          interactionTokenSealed: null,
          job: null,
        },
      })),
    ).rejects.toThrow();
    const runs = await replicas[0]!.postgres.pool.query('select count(*) as n from report_runs');
    expect(runs.rows[0].n).toBe(0);
    // Its advisory locks went with it: the next admission of the same member is not left waiting.
    const next = await replicas[1]!.admissions.admit(question, () => ({ ok: false, message: 'judged' }));
    expect(next).toEqual({ ok: false, message: 'judged' });
  });
});

describe.skipIf(!testPostgresUrl)('a PostgreSQL that never answers', () => {
  let silent: Server;
  const sockets: Socket[] = [];
  beforeEach(async () => {
    // Accepts connections and says nothing, as a database behind a dead network path would.
    silent = createServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  });
  afterEach(async () => {
    for (const s of sockets) s.destroy();
    await new Promise((resolve) => silent.close(resolve));
  });

  it('fails start-up at the connect timeout with the reason, instead of hanging', async () => {
    const port = (silent.address() as { port: number }).port;
    const started = openPostgresStores(`postgres://bot@127.0.0.1:${port}/bot`, () => T0, { connectTimeoutMs: 300 });
    await expect(started).rejects.toThrow(/timeout/i);
  });
});

describe('a stored job that is no job', () => {
  it('is refused, whatever the row holds, so the run is let go rather than made from it', () => {
    expect(decodeJob('{')).toBeNull();
    expect(
      decodeJob(
        JSON.stringify({
          days: 30,
          timeZone: 'x'.repeat(100_000),
          public: false,
          refreshProfile: false,
          allowance: null,
          xUserId: '1',
          linkedAt: 0,
        }),
      ),
    ).toBeNull();
    expect(
      decodeJob(
        JSON.stringify({
          days: 30,
          timeZone: 'UTC',
          public: false,
          refreshProfile: false,
          allowance: null,
          xUserId: '1; drop table',
          linkedAt: 0,
        }),
      ),
    ).toBeNull();
    expect(decodeJob('null')).toBeNull();
    expect(decodeJob(null)).toBeNull();
    expect(
      decodeJob(
        JSON.stringify({ days: 30, timeZone: 'UTC', public: true, refreshProfile: false, allowance: 5, xUserId: '1', linkedAt: 7 }),
      ),
    ).toMatchObject({ days: 30, allowance: 5 });
  });
});
