// The two schemas are kept in step by hand (drizzle shares none across
// dialects): the same tables, the same columns, nullable alike, the same
// primary keys and indexes.

import { type PgTable, getTableConfig as pgTable } from 'drizzle-orm/pg-core';
import { type SQLiteTable, getTableConfig as sqliteTable } from 'drizzle-orm/sqlite-core';
import { expect, it } from 'vitest';
import * as sqlite from '../../src/db/schema.js';
import * as pg from '../../src/db/schema-pg.js';

const shape = (config: ReturnType<typeof pgTable> | ReturnType<typeof sqliteTable>) => ({
  name: config.name,
  columns: config.columns
    .map((c) => `${c.name}${c.notNull ? ' not null' : ''}${c.primary ? ' primary' : ''}${c.isUnique ? ' unique' : ''}`)
    .sort(),
  primaryKeys: config.primaryKeys.map((k) => k.columns.map((c) => c.name).join(',')),
  indexes: config.indexes.map((i) => `${i.config.name}${i.config.unique ? ' unique' : ''}`).sort(),
});

const tables = <T>(module: Record<string, unknown>, is: (v: unknown) => v is T) => Object.values(module).filter(is);

it('has the same tables, columns and indexes on SQLite and PostgreSQL', () => {
  const onSqlite = tables(sqlite, (v): v is SQLiteTable => typeof v === 'object' && v !== null && Symbol.for('drizzle:IsDrizzleTable') in v)
    .map((t) => shape(sqliteTable(t)))
    .sort((a, b) => a.name.localeCompare(b.name));
  const onPostgres = tables(pg, (v): v is PgTable => typeof v === 'object' && v !== null && Symbol.for('drizzle:IsDrizzleTable') in v)
    .map((t) => shape(pgTable(t)))
    .sort((a, b) => a.name.localeCompare(b.name));
  expect(onSqlite.length).toBeGreaterThan(15);
  expect(onPostgres).toEqual(onSqlite);
});
