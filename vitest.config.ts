import { defineConfig } from 'vitest/config';

// The suite runs on SQLite always, and again on PostgreSQL when TEST_DATABASE_URL names a server the tests may create
// databases on (.ci/run starts a throwaway one with scripts/throwaway-postgres.sh).
const postgres = process.env.TEST_DATABASE_URL;

export default defineConfig({
  test: {
    // Generous bounds: the black-box tests start processes and wait on stand-ins, and a busy 2-core machine can take
    // several seconds for what normally takes one. A bound is a hang detector here, never a speed assertion.
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // The black-box tests run the built bot (dist/): build it once per run, before any file starts.
    globalSetup: ['test/support/build.ts'],
    projects: [
      { extends: true, test: { name: 'sqlite' } },
      ...(postgres ? [{ extends: true, test: { name: 'postgres', env: { TEST_ENGINE: 'postgres' } } }] : []),
    ],
  },
});
