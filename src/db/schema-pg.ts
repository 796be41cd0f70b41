// The PostgreSQL twin of schema.ts, for operators who set DATABASE_URL, one
// file per domain in schema-pg/ as schema/ is: the same tables, columns and indexes, in PostgreSQL's types. drizzle keeps no
// schema across dialects, so a change to one is made to both (a test compares
// them); `npm run db:generate` writes each one's migrations, into
// drizzle/sqlite/ and drizzle/postgres/. Times are milliseconds, beyond 32
// bits: bigint, read as numbers.

export * from './schema-pg/budget.js';
export * from './schema-pg/guilds.js';
export * from './schema-pg/interactions.js';
export * from './schema-pg/leaderboard.js';
export * from './schema-pg/linking.js';
export * from './schema-pg/posts.js';
export * from './schema-pg/reports.js';
export * from './schema-pg/role-connections.js';
