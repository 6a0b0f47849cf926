import { defineConfig } from 'vitest/config';

// Projects mirror the jobs: fast unit tests of src/, CLI end-to-end tests that spawn
// `l2adv` as a user would. Anvil-backed tests arrive as their own project (retry: 0).
export default defineConfig({
  test: {
    projects: [
      { test: { name: 'unit', include: ['test/unit/**/*.test.ts', 'properties/**/*.prop.test.ts'], retry: 0 } },
      { test: { name: 'e2e', include: ['test/e2e/**/*.test.ts'], retry: 0, testTimeout: 60_000 } },
    ],
  },
});
