import path from "node:path";
import { defineConfig } from "vitest/config";

const alias = { "~": path.resolve(__dirname, "app") };

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        test: {
          name: "unit",
          include: ["app/**/*.test.{ts,tsx}", "db/**/*.test.ts", "search/**/*.test.ts"],
          environment: "node",
          setupFiles: ["tests/setup/console.ts"],
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
          // One SQLite file per worker; two cores on CI.
          pool: "forks",
          testTimeout: 20_000,
        },
      },
      {
        resolve: { alias },
        test: {
          name: "e2e",
          include: ["tests/e2e/**/*.test.ts"],
          environment: "node",
          globalSetup: ["tests/e2e/global-setup.ts"],
          setupFiles: ["tests/setup/console.ts"],
          pool: "forks",
          poolOptions: { forks: { singleFork: true } },
          // Whole flows through several pages in one browser on two busy cores: minutes, not seconds.
          testTimeout: 120_000,
          hookTimeout: 120_000,
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
