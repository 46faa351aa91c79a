import { defineConfig } from "vitest/config";

// `npm run eval`: the repo's dataset through langsmith/vitest. Without a LangSmith key it runs fully
// offline (no tracking, no tracing); with LANGSMITH_API_KEY it also logs a LangSmith experiment.
const offline = !process.env.LANGSMITH_API_KEY;

export default defineConfig({
  test: {
    include: ["evals/**/*.eval.ts"],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    reporters: offline ? ["default"] : ["default", "langsmith/vitest/reporter"],
    env: offline ? { LANGSMITH_TEST_TRACKING: "false", LANGSMITH_TRACING: "false" } : {},
  },
});
