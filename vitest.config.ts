import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
    testTimeout: 30_000,
    // Vitest runs one file at a time on two cores (availableParallelism - 1); many of our files wait on
    // subprocesses (the CLI, MCP servers, the LangGraph server), so two at once use the cores better.
    maxWorkers: 2,
    hookTimeout: 60_000,
  },
});
