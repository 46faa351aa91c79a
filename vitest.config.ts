import { defineConfig } from "vitest/config";

/**
 * Two projects: `unit` is pure logic beside the code (`src/**\/x.test.ts`) and the tests in test/
 * that need no process, port or database; `integration` is everything named `*.int.test.ts` — real
 * protocols on loopback, subprocesses, SQLite files and Postgres. `npm test` runs both;
 * `npm run test:unit` only the first.
 */
const integration = ["src/**/*.int.test.ts", "test/**/*.int.test.ts"];

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Vitest runs one file at a time on two cores (availableParallelism - 1); many of our files wait on
    // subprocesses (the CLI, MCP servers, the LangGraph server), so two at once use the cores better.
    maxWorkers: 2,
    projects: [
      {
        extends: true,
        test: { name: "unit", include: ["src/**/*.test.ts", "test/**/*.test.ts"], exclude: integration },
      },
      { extends: true, test: { name: "integration", include: integration } },
    ],
  },
});
