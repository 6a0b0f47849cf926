import { defineConfig } from 'vitest/config';

// Projects mirror the jobs: fast unit tests of src/, CLI end-to-end tests that spawn
// `l2adv` as a user would, and the anvil-backed tests as their own project.
export default defineConfig({
  test: {
    projects: [
      { test: { name: 'unit', include: ['test/unit/**/*.test.ts', 'properties/**/*.prop.test.ts'], retry: 0 } },
      { test: { name: 'e2e', include: ['test/e2e/**/*.test.ts'], retry: 0, testTimeout: 60_000 } },
      // Real anvil nodes: contracts are built once up front, never retried (a flaky node is a bug to see).
      { test: { name: 'anvil', include: ['test/anvil/**/*.test.ts'], retry: 0, testTimeout: 60_000, globalSetup: ['test/anvil/build-contracts.ts'] } },
    ],
  },
});
