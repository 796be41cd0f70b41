import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // The black-box tests run the built bot (dist/): build it once per run, before any file starts.
    globalSetup: ['test/support/build.ts'],
  },
});
