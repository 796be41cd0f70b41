// Opens PostgreSQL (DATABASE_URL): a pool of connections, and the migrations
// under drizzle/postgres/ applied at start-up. Several replicas may start at
// once: each waits for a session advisory lock, so one migrates and the
// others find nothing left to do.

import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import { DroppedWhenSilent, MAINTENANCE, StorePool } from './postgres-pool.js';
import * as schema from './schema-pg.js';

export type PgDb = NodePgDatabase<typeof schema> & { $client: pg.Pool };
/** A transaction's handle, or the pool's: what a step made of several statements runs on. */
export type PgRunner = Pick<PgDb, 'select' | 'selectDistinct' | 'insert' | 'update' | 'delete' | 'execute'>;

/**
 * Daily clean-ups touch every stored timeline in a statement or a few: on a
 * large database they may take longer than DATABASE_STATEMENT_TIMEOUT_MS,
 * which is set for steps a member waits on, and would then fail every day.
 * Nobody waits on them; run first in their transaction, this gives its
 * statements MAINTENANCE_MS, at the server and at the client (postgres-pool.ts).
 */
export function allowMaintenanceTime(tx: PgRunner): Promise<unknown> {
  return tx.execute(sql.raw(MAINTENANCE));
}

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
  /** The longest a statement may run, lock waits included (default 30 s; DATABASE_STATEMENT_TIMEOUT_MS). */
  statementTimeoutMs?: number;
  onError?: (err: Error) => void;
}

/** How much longer than the server's own limit (at most twice it) the client waits for an answer before it gives the connection up. */
const SILENCE_MARGIN_MS = 5_000;

export async function openPostgres(url: string, options: PostgresOptions = {}): Promise<Postgres> {
  const connectTimeoutMs = options.connectTimeoutMs ?? 10_000;
  const statementTimeoutMs = options.statementTimeoutMs ?? 30_000;
  // Migrations first, on a connection of their own without limits: a replica may wait long for another's.
  await migrateOnce(url, connectTimeoutMs);
  const pool = new StorePool({
    connectionString: url,
    max: options.maxConnections ?? 10,
    connectionTimeoutMillis: connectTimeoutMs,
    // The server cancels a statement (a slow query, a lock never granted) and the connection goes on serving.
    statement_timeout: statementTimeoutMs,
    // A replica stuck inside a transaction cannot hold its locks (and every report waiting on them) for good.
    idle_in_transaction_session_timeout: 2 * statementTimeoutMs,
    // A server that says nothing at all (a dead network path): the client stops waiting and drops the connection.
    query_timeout: statementTimeoutMs + Math.min(SILENCE_MARGIN_MS, statementTimeoutMs),
    keepAlive: true,
    Client: DroppedWhenSilent,
  });
  // A connection that dies while idle (the server restarted) is dropped from the pool; without a listener it would end the process.
  pool.on('error', (err) => options.onError?.(err));
  return { db: drizzle(pool, { schema }), pool, close: () => pool.end() };
}

async function migrateOnce(url: string, connectTimeoutMs: number): Promise<void> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: connectTimeoutMs, keepAlive: true });
  // Errors after connecting reach the query that was waiting; an unheard 'error' event would end the process.
  client.on('error', () => undefined);
  await client.connect();
  try {
    await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK]);
    try {
      await migrate(drizzle(client), { migrationsFolder: MIGRATIONS });
    } finally {
      await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK]);
    }
  } finally {
    await client.end();
  }
}
