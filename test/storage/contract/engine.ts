// Which engine a store contract runs on: SQLite in the `sqlite` project (always),
// PostgreSQL in the `postgres` project (when TEST_DATABASE_URL is set; see
// vitest.config.ts). Each suite is written once, against the ports; this file
// alone knows the engines apart.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { openPostgresStores } from '../../../src/storage/postgres/stores.js';
import { openSqliteStores } from '../../../src/storage/sqlite/stores.js';
import { freshPostgresDatabase, queryStores, type TestStores, testPostgresUrl } from '../../support/test-engine.js';

export interface Engine {
  readonly name: 'sqlite' | 'postgres';
  /** The stores, on a database emptied before each test. */
  readonly stores: TestStores;
  /** The time the stores that read a clock (roster, replay ledger) see. */
  clock: { now: number };
  /** Another bundle on the same database: a second replica (PostgreSQL) or connection (SQLite), for races. */
  replica(): Promise<TestStores>;
  /** A query on the engine's tables; `?` placeholders on both. */
  sql<T = Record<string, unknown>>(query: string, params?: unknown[]): Promise<T[]>;
  one<T = Record<string, unknown>>(query: string, params?: unknown[]): Promise<T>;
}

/** Registers the hooks; read the engine's fields inside a test. */
export function useEngine(): Engine {
  const name = testPostgresUrl ? 'postgres' : 'sqlite';
  const clock = { now: 0 };
  const now = () => clock.now;
  let current: TestStores | undefined;
  let others: TestStores[] = [];
  let location = '';
  if (testPostgresUrl) {
    // One database per file, emptied before each test: creating one per test costs more than the test.
    let database: { url: string; drop(): Promise<void> } | undefined;
    beforeAll(async () => {
      database = await freshPostgresDatabase(testPostgresUrl as string);
      location = database.url;
      current = await openPostgresStores(location, now);
    });
    beforeEach(async () => {
      if (current?.engine !== 'postgres') return;
      const { rows } = await current.postgres.pool.query<{ tablename: string }>(
        "select tablename from pg_tables where schemaname = 'public'",
      );
      await current.postgres.pool.query(`truncate ${rows.map((r) => `"${r.tablename}"`).join(', ')} restart identity cascade`);
    });
    afterAll(async () => {
      await current?.close();
      await database?.drop();
    });
  } else {
    let dir = '';
    beforeEach(() => {
      dir = mkdtempSync(join(tmpdir(), 'xbot-contract-'));
      location = join(dir, 'bot.sqlite');
      current = openSqliteStores(location, now);
    });
    afterEach(async () => {
      await current?.close();
      rmSync(dir, { recursive: true, force: true });
    });
  }
  afterEach(async () => {
    for (const other of others) await other.close();
    others = [];
    clock.now = 0;
  });
  const stores = (): TestStores => {
    if (!current) throw new Error('the engine exists only while a test runs');
    return current;
  };
  return {
    name,
    get stores() {
      return stores();
    },
    clock,
    async replica() {
      const other = testPostgresUrl ? await openPostgresStores(location, now) : openSqliteStores(location, now);
      others.push(other);
      return other;
    },
    sql: (query, params = []) => queryStores(stores(), query, params),
    async one(query, params = []) {
      const [row] = await queryStores(stores(), query, params);
      return row as never;
    },
  };
}
