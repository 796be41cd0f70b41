// The whole SQLite schema, one file per domain in schema/ (their PostgreSQL
// twins in schema-pg/). Migrations under drizzle/sqlite/ are generated from
// those files with `npm run db:generate`; never edit them by hand. A change that must
// carry data across (0016 fills x_posts' columns from the JSON they replace)
// gets a migration of its own from `npm run db:generate -- --custom`.

export * from './schema/budget.js';
export * from './schema/guilds.js';
export * from './schema/interactions.js';
export * from './schema/leaderboard.js';
export * from './schema/linking.js';
export * from './schema/posts.js';
export * from './schema/reports.js';
export * from './schema/role-connections.js';
