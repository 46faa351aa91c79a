/** Any node failure pauses the run for human review with the error recorded; nothing is lost. */
import { describe, expect, it } from "vitest";
import type { IncidentClassifier } from "../src/classifier/index.js";
import { createOrchestrator } from "../src/orchestrator.js";
import { glueIncident } from "./support/glue-world.js";

describe("a failing node", () => {
  it("sends the run to human review with the error in the result", async () => {
    const broken: IncidentClassifier = {
      name: "broken",
      classify: async () => {
        throw new Error("model endpoint unreachable");
      },
    };
    const stages: string[] = [];
    const orchestrator = createOrchestrator({ classifier: broken, tools: [] });
    const paused = await orchestrator.run(glueIncident, { onStage: ({ node }) => stages.push(node) });
    expect(stages).toEqual(["classify_intent"]);
    expect(paused.status).toBe("paused");
    if (paused.status !== "paused") return;
    expect(paused.reason).toBe("error");
    expect(paused.review.description).toMatch(/`classify_intent` failed: model endpoint unreachable/);
    // Nothing to run without a classification, and nothing investigated to close: a person notes and
    // escalates, or takes it over.
    expect(paused.review.action_request).toEqual({ action: "look_into_errors", args: {} });
    expect(paused.review.config).toEqual({
      allow_accept: false,
      allow_edit: false,
      allow_respond: true,
      allow_ignore: true,
    });
    const { result } = paused;
    expect(result.decision.decision).toBe("human_review");
    expect(result.errors).toEqual([{ node: "classify_intent", message: "model endpoint unreachable" }]);
    expect(result.decision.reasoning).toMatch(/model endpoint unreachable/);

    const ended = await orchestrator.resume(paused.thread_id, { type: "ignore", args: null, reviewer: "oncall" });
    expect(ended.status).toBe("completed");
    expect(ended.result.decision.decision).toBe("human_review");
    expect(ended.result.errors).toEqual(result.errors);
    expect(ended.result.reviews).toMatchObject([{ reason: "error", response: "ignore", reviewer: "oncall" }]);
  });

  it("treats a classifier answer outside the schema as a failure, not as data", async () => {
    const lying = {
      name: "lying",
      classify: async () => ({ intent: "close_ticket_now", confidence: 7, reasoning: "", entities: {} }),
    } as unknown as IncidentClassifier;
    const result = await createOrchestrator({ classifier: lying, tools: [] }).orchestrate(glueIncident);
    expect(result.decision.decision).toBe("human_review");
    expect(result.errors[0]?.node).toBe("classify_intent");
  });
});
