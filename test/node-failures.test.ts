/** Any node failure ends in human_review with the error recorded; nothing is lost. */
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
    const result = await createOrchestrator({ classifier: broken, tools: [] }).orchestrate(glueIncident, {
      onStage: ({ node }) => stages.push(node),
    });
    expect(stages).toEqual(["classify_intent", "human_review"]);
    expect(result.decision.decision).toBe("human_review");
    expect(result.errors).toEqual([{ node: "classify_intent", message: "model endpoint unreachable" }]);
    expect(result.decision.reasoning).toMatch(/model endpoint unreachable/);
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
