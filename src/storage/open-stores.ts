// Picks the engine: PostgreSQL when DATABASE_URL is set, else the SQLite file.

import type { Config } from '../config/env.js';
import type { Logger } from '../log/logger.js';
import { openPostgresStores } from './postgres/stores.js';
import { openSqliteStores } from './sqlite/stores.js';
import type { Stores } from './stores.js';

export async function openStores(
  config: Pick<Config, 'databaseUrl' | 'databasePath' | 'databasePoolSize' | 'databaseStatementTimeoutMs'>,
  now: () => number,
  log: Logger,
): Promise<Stores> {
  if (config.databaseUrl === null) return openSqliteStores(config.databasePath, now);
  return openPostgresStores(config.databaseUrl, now, {
    maxConnections: config.databasePoolSize,
    statementTimeoutMs: config.databaseStatementTimeoutMs,
    onError: (err) => log.warn('a PostgreSQL connection failed while idle; the pool replaces it', { error: err }),
  });
}
