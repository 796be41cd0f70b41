// PostgreSQL alone: a database that never answers fails start-up at the
// connect timeout; a statement that runs too long is cancelled; a connection
// whose server goes silent is given up and replaced. (What both engines must
// do, races between replicas included, is in contract/.)

import { connect, createServer, type Server, type Socket } from 'node:net';
import { sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DroppedWhenSilent, StorePool } from '../../../src/db/postgres-pool.js';
import { openPostgresStores, type PostgresStores } from '../../../src/storage/postgres/stores.js';
import { freshPostgresDatabase, testPostgresUrl } from '../../support/test-engine.js';

const T0 = Date.parse('2026-11-24T10:00:00Z');

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

describe.skipIf(!testPostgresUrl)('PostgreSQL statements that never end', () => {
  let database: { url: string; drop(): Promise<void> };
  let stores: PostgresStores | undefined;
  beforeAll(async () => {
    database = await freshPostgresDatabase(testPostgresUrl as string);
  });
  afterEach(async () => {
    await stores?.close();
    stores = undefined;
  });
  afterAll(() => database.drop());

  it('cancels a statement past DATABASE_STATEMENT_TIMEOUT_MS, and the connection serves the next one', async () => {
    stores = await openPostgresStores(database.url, () => T0, { statementTimeoutMs: 300, maxConnections: 1 });
    await expect(stores.postgres.pool.query('select pg_sleep(5)')).rejects.toThrow(/statement timeout/);
    expect((await stores.postgres.pool.query('select 1 as one')).rows).toEqual([{ one: 1 }]);
    expect(await stores.links.getAccount('42')).toBeUndefined();
  });

  it('gives the daily clean-ups more than the statement timeout: nobody waits on them', async () => {
    stores = await openPostgresStores(database.url, () => T0, { statementTimeoutMs: 200, maxConnections: 1 });
    // Every delete from x_posts now takes 400 ms, as a prune of a large database would.
    await stores.postgres.pool.query(`create or replace function slow_delete() returns trigger language plpgsql as
      $$ begin perform pg_sleep(0.4); return null; end $$`);
    await stores.postgres.pool.query(
      'create trigger slow_delete before delete on x_posts for each statement execute function slow_delete()',
    );
    try {
      await expect(stores.posts.prune(T0, 86_400_000)).resolves.toBe(0);
      await expect(stores.posts.forgetUnlinked()).resolves.toBe(0);
      await stores.postgres.pool.query(
        'create trigger slow_delete before delete on report_runs for each statement execute function slow_delete()',
      );
      await expect(stores.runs.foldBefore(T0)).resolves.toBe(0);
      // A step a member waits on is still bounded.
      await expect(stores.postgres.pool.query('delete from x_posts')).rejects.toThrow(/statement timeout/);
    } finally {
      await stores.postgres.pool.query('drop trigger slow_delete on x_posts');
      await stores.postgres.pool.query('drop trigger if exists slow_delete on report_runs');
    }
  });

  it('gives up on a server gone silent mid-query and replaces that connection, instead of hanging every later query on it', async () => {
    const proxy = await silencingProxy(database.url);
    try {
      stores = await openPostgresStores(proxy.url, () => T0, { statementTimeoutMs: 300, maxConnections: 1 });
      expect((await stores.postgres.pool.query('select 1 as one')).rows).toEqual([{ one: 1 }]);
      proxy.silenceOpen(); // the one pooled connection now goes nowhere, for good
      // In a transaction, as the stores write: the silence meets its `begin`, and drizzle gives back no connection whose begin failed.
      const inTransaction = (n: number) =>
        (stores as PostgresStores).postgres.db.transaction((tx) => tx.execute(sql`select ${n}::int as n`));
      // drizzle names the statement and keeps pg's reason as the cause.
      const failed = await inTransaction(2).then(
        () => null,
        (err: Error) => err,
      );
      expect(String((failed?.cause as Error | undefined)?.message)).toMatch(/timeout/i);
      // New connections get through: the pool must not hand the silent one out again.
      expect((await inTransaction(3)).rows).toEqual([{ n: 3 }]);
    } finally {
      await proxy.close();
    }
  });
});

describe.skipIf(!testPostgresUrl)('the stores’ pool', () => {
  it('gives a connection checked out with a callback back once, through done() as through release()', async () => {
    const database = await freshPostgresDatabase(testPostgresUrl as string);
    const pool = new StorePool({ connectionString: database.url, max: 1, Client: DroppedWhenSilent });
    try {
      const use = (giveBack: 'done' | 'release') =>
        new Promise<void>((resolve, reject) => {
          pool.connect((err, client, done) => {
            if (err || !client) return reject(err);
            client.query('select 1', (queryErr) => {
              try {
                if (giveBack === 'done') done();
                else client.release();
                resolve(queryErr ? Promise.reject(queryErr) : undefined);
              } catch (thrown) {
                reject(thrown);
              }
            });
          });
        });
      await use('done');
      await use('release');
      // One connection, given back each time: a third checkout gets it.
      expect((await pool.query('select 3 as n')).rows).toEqual([{ n: 3 }]);
    } finally {
      await pool.end();
      await database.drop();
    }
  });
});

/** A TCP relay to the database that can stop relaying on the connections open now (new ones still pass). */
async function silencingProxy(target: string): Promise<{ url: string; silenceOpen(): void; close(): Promise<void> }> {
  const to = new URL(target);
  const open: Array<{ client: Socket; server: Socket; silent: boolean }> = [];
  const proxy = createServer((client) => {
    const pair = { client, server: connect(Number(to.port || 5432), to.hostname), silent: false };
    open.push(pair);
    client.on('data', (chunk) => pair.silent || pair.server.write(chunk));
    pair.server.on('data', (chunk) => pair.silent || client.write(chunk));
    for (const socket of [client, pair.server]) socket.on('error', () => undefined);
    client.on('close', () => pair.server.destroy());
    pair.server.on('close', () => client.destroy());
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  const url = new URL(target);
  url.hostname = '127.0.0.1';
  url.port = String((proxy.address() as { port: number }).port);
  return {
    url: url.toString(),
    silenceOpen: () => {
      for (const pair of open) pair.silent = true;
    },
    close: async () => {
      for (const pair of open) pair.client.destroy();
      await new Promise((resolve) => proxy.close(resolve));
    },
  };
}
