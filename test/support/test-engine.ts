// Which engine the suite runs on: SQLite always; PostgreSQL too when
// TEST_DATABASE_URL names a server the tests may create databases on (CI
// starts a throwaway one: scripts/throwaway-postgres.sh). Each harness then
// gets a database of its own, dropped when it closes.

import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { Config } from '../../src/config/env.js';
import type { Logger } from '../../src/log/logger.js';
import { openStores } from '../../src/storage/open-stores.js';
import type { PostgresStores } from '../../src/storage/postgres/stores.js';
import type { SqliteStores } from '../../src/storage/sqlite/stores.js';

/** The PostgreSQL server of this run, when the suite runs on PostgreSQL (vitest's `postgres` project). */
export const testPostgresUrl = process.env.TEST_ENGINE === 'postgres' ? (process.env.TEST_DATABASE_URL ?? null) : null;

export type TestStores = SqliteStores | PostgresStores;

/** A new, empty database on the test server; `drop` removes it. */
export async function freshPostgresDatabase(serverUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `xbot_test_${randomBytes(6).toString('hex')}`;
  const admin = async (statement: string) => {
    const client = new pg.Client({ connectionString: serverUrl });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  };
  await admin(`create database ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => admin(`drop database if exists ${name} with (force)`) };
}

export async function openTestStores(config: Config, now: () => number, log: Logger): Promise<TestStores> {
  return (await openStores(config, now, log)) as TestStores;
}

/** Runs a query on whichever engine holds the bot's data; `?` placeholders on both. */
export async function queryStores<T = Record<string, unknown>>(stores: TestStores, query: string, params: unknown[]): Promise<T[]> {
  if (stores.engine === 'sqlite') {
    const statement = stores.database.sqlite.prepare(query);
    if (statement.reader) return statement.all(...params) as T[];
    statement.run(...params);
    return [];
  }
  let n = 0;
  const result = await stores.postgres.pool.query(
    query.replace(/\?/g, () => `$${++n}`),
    params,
  );
  // As SQLite stores them, so tests read either engine's rows alike.
  return result.rows.map((row: Record<string, unknown>) =>
    Object.fromEntries(Object.entries(row).map(([k, v]) => [k, typeof v === 'boolean' ? Number(v) : v])),
  ) as T[];
}
