// Opens PostgreSQL (DATABASE_URL): a pool of connections, and the migrations
// under drizzle/postgres/ applied at start-up. Several replicas may start at
// once: each waits for a session advisory lock, so one migrates and the
// others find nothing left to do.

import { fileURLToPath } from 'node:url';
import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import * as schema from './schema-pg.js';

export type PgDb = NodePgDatabase<typeof schema> & { $client: pg.Pool };
/** A transaction's handle, or the pool's: what a step made of several statements runs on. */
export type PgRunner = Pick<PgDb, 'select' | 'selectDistinct' | 'insert' | 'update' | 'delete' | 'execute'>;

export interface Postgres {
  db: PgDb;
  pool: pg.Pool;
  close(): Promise<void>;
}

// src/db and dist/db are both two levels below the project root.
const MIGRATIONS = fileURLToPath(new URL('../../drizzle/postgres', import.meta.url));
/** Any constant: the key of the advisory lock the replicas' migrations queue on. */
const MIGRATION_LOCK = 7_311_042;

// Counts and sums arrive as bigint, which pg hands over as text for fear of 2^53; every bigint here is a count,
// a sum of counts or a time in milliseconds, far below it (X's ids, which are not, are text).
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (value) => Number(value));

export interface PostgresOptions {
  maxConnections?: number;
  /** How long to wait for a connection (default 10 s): a database that does not answer fails the request, not hangs it. */
  connectTimeoutMs?: number;
  onError?: (err: Error) => void;
}

export async function openPostgres(url: string, options: PostgresOptions = {}): Promise<Postgres> {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.maxConnections ?? 10,
    connectionTimeoutMillis: options.connectTimeoutMs ?? 10_000,
  });
  // A connection that dies while idle (the server restarted) is dropped from the pool; without a listener it would end the process.
  pool.on('error', (err) => options.onError?.(err));
  try {
    await migrateOnce(pool);
  } catch (err) {
    await pool.end();
    throw err;
  }
  return { db: drizzle(pool, { schema }), pool, close: () => pool.end() };
}

async function migrateOnce(pool: pg.Pool): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK]);
    try {
      await migrate(drizzle(client), { migrationsFolder: MIGRATIONS });
    } finally {
      await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK]);
    }
  } finally {
    client.release();
  }
}
