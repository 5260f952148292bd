import os from "node:os";
import path from "node:path";
import { defineConfig } from "vitest/config";

const alias = { "~": path.resolve(__dirname, "app") };

/**
 * Timeouts sized for a two-core machine shared with other work, where a test takes several
 * times as long as alone. They are how long to wait before calling a test stuck, never a
 * promise about speed (that is `npm run bench`). CPU-heavy tests set their own, beside them.
 */
const UNIT_TEST_TIMEOUT_MS = 30_000;
const INTEGRATION_TEST_TIMEOUT_MS = 60_000;
/** Hooks start Meilisearch processes, fill indexes, hash passwords: a minute on a loaded machine. */
const HOOK_TIMEOUT_MS = 120_000;
/** Whole journeys through several pages in a real browser: minutes, not seconds. */
const E2E_TIMEOUT_MS = 240_000;

export default defineConfig({
  resolve: { alias },
  test: {
    // One test file per core (vitest's default leaves one core idle: on two cores, everything in
    // one line). Files of all three projects share these workers; each integration worker has its
    // own SQLite file and search index, each e2e test its own accounts, so files never collide.
    maxWorkers: Math.max(2, os.availableParallelism()),
    minWorkers: 1,
    projects: [
      {
        resolve: { alias },
        test: {
          name: "unit",
          include: ["app/**/*.test.{ts,tsx}", "db/**/*.test.ts", "search/**/*.test.ts"],
          environment: "node",
          setupFiles: ["tests/setup/console.ts"],
          testTimeout: UNIT_TEST_TIMEOUT_MS,
          hookTimeout: HOOK_TIMEOUT_MS,
        },
      },
      {
        resolve: { alias },
        test: {
          name: "integration",
          include: ["tests/integration/**/*.test.ts"],
          environment: "node",
          globalSetup: ["tests/setup/database-global.ts", "tests/setup/meili-global.ts"],
          setupFiles: ["tests/setup/console.ts", "tests/setup/database.ts", "tests/setup/meili.ts"],
          // One SQLite file per worker process.
          pool: "forks",
          testTimeout: INTEGRATION_TEST_TIMEOUT_MS,
          hookTimeout: HOOK_TIMEOUT_MS,
        },
      },
      {
        resolve: { alias },
        test: {
          name: "e2e",
          include: ["tests/e2e/**/*.test.ts"],
          environment: "node",
          // One build and one shared server for every e2e file (the mentoring file adds its own).
          globalSetup: ["tests/e2e/global-setup.ts"],
          setupFiles: ["tests/setup/console.ts"],
          pool: "forks",
          testTimeout: E2E_TIMEOUT_MS,
          hookTimeout: E2E_TIMEOUT_MS,
        },
      },
      {
        resolve: { alias },
        test: {
          name: "fault",
          include: ["tests/fault/**/*.test.ts"],
          environment: "node",
          // Builds only when a source is newer than the build (the e2e setup usually just made it).
          globalSetup: ["tests/fault/server.ts"],
          setupFiles: ["tests/setup/console.ts"],
          // Each file runs its own production server and Meilisearch and breaks them: one at a time.
          pool: "forks",
          poolOptions: { forks: { singleFork: true } },
          // Loads, crashes and recoveries on two busy cores; the limits stop a hung run, they time nothing.
          testTimeout: 600_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
