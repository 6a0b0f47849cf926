import { defineConfig } from 'vitest/config';

// Projects mirror the jobs: fast unit tests of src/, CLI end-to-end tests that spawn
// `l2adv` as a user would, and the anvil-backed tests as their own project.
export default defineConfig({
  test: {
    projects: [
      { test: { name: 'unit', include: ['test/unit/**/*.test.ts'], retry: 0 } },
      // Bounded fuzz campaigns: seconds each on a quiet machine, so a generous per-test limit for a busy CI box.
      { test: { name: 'properties', include: ['properties/**/*.prop.test.ts'], retry: 0, testTimeout: 180_000 } },
      { test: { name: 'e2e', include: ['test/e2e/**/*.test.ts'], retry: 0, testTimeout: 60_000 } },
      // Real anvil nodes: contracts are built once up front, never retried (a flaky node is a bug to see).
      { test: { name: 'anvil', include: ['test/anvil/**/*.test.ts'], retry: 0, testTimeout: 60_000, globalSetup: ['test/anvil/build-contracts.ts'] } },
    ],
  },
});
