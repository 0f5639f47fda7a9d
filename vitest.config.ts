import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: [
      "packages/*/test/**/*.test.ts",
      "tools/*/test/**/*.test.ts",
      "services/*/test/**/*.test.ts",
      "tests/*/test/**/*.test.ts",
    ],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Integration tests share one Postgres and one Redis; files isolate themselves
    // with their own database and queue prefix, so they may run in parallel.
    pool: "forks",
    maxWorkers: 2,
  },
});
