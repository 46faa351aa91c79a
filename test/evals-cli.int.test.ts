/** The eval runner as a user runs it, on the hand-written dataset that docs/evals.md describes. */
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const exec = promisify(execFile);

describe("incident-orchestrator eval", () => {
  it("runs a dataset written from docs/evals.md and prints the metrics as JSON", async () => {
    const { stdout } = await exec("node", [
      "bin/incident-orchestrator.js",
      "eval",
      "evals/datasets/handwritten.jsonl",
      "--config",
      "evals/config.json",
      "--json",
    ]);
    const report = JSON.parse(stdout) as Record<string, unknown>;
    for (const key of [
      "cases",
      "intent_accuracy",
      "decision_accuracy",
      "action_accuracy",
      "root_cause_accuracy",
      "unsafe_actions",
      "by_intent",
      "failures",
    ]) {
      expect(report).toHaveProperty(key);
    }
    expect(report).toMatchObject({
      cases: 2,
      intent_accuracy: 1,
      decision_accuracy: 1,
      unsafe_actions: 0,
      failures: [],
    });
  });

  it("stops on a bad option with one line", async () => {
    const failure = await exec("node", [
      "bin/incident-orchestrator.js",
      "eval",
      "evals/datasets/handwritten.jsonl",
      "--concurrency",
      "0",
    ]).catch((error: { code: number; stderr: string }) => error);
    expect(failure).toMatchObject({ code: 2 });
    expect((failure as { stderr: string }).stderr).toMatch(/--concurrency must be a whole number/);
  });
});
