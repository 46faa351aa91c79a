import { describe, expect, it } from "vitest";
import { decision, defaultConfig, stateWith } from "../../test/support/state.js";
import { branchAfterClassify } from "../graph/branches.js";
import { NODES } from "../state/node-names.js";
import { guarded } from "./guarded.js";
import { routed } from "./routed.js";

const config = defaultConfig();
const choose = (after: Parameters<typeof branchAfterClassify>[0]) => branchAfterClassify(after, config);

describe("routed", () => {
  it("chooses the branch on the state the node's update leaves, and writes it into route", async () => {
    const node = routed(
      NODES.classifyIntent,
      async () => ({
        classification: { intent: "athena_failure", confidence: 0.9, reasoning: "r", entities: {} },
      }),
      choose,
    );
    const update = await node(stateWith());
    expect(update.route).toEqual({ from: NODES.classifyIntent, label: "athena_failure", why: "intent athena_failure" });
  });

  it("routes a failure the guarded body recorded to error, with the error as the reason", async () => {
    const body = guarded(NODES.classifyIntent, () => Promise.reject(new Error("classifier down")));
    const update = await routed(NODES.classifyIntent, body, choose)(stateWith());
    expect(update.errors).toEqual([{ node: NODES.classifyIntent, message: "classifier down" }]);
    expect(update.route).toEqual({
      from: NODES.classifyIntent,
      label: "error",
      why: "error in classify_intent: classifier down",
    });
  });
});

describe("routed, on a failure", () => {
  it("records the policy's decision for the failed run once, beside the error branch", async () => {
    const body = guarded(NODES.investigate, () => Promise.reject(new Error("tools down")));
    const decideOnError = (after: Parameters<typeof branchAfterClassify>[0]) =>
      after.errors.length > 0 ? { ...decision("human_review"), reasoning: `errors: ${after.errors.length}` } : null;
    const update = await routed(NODES.investigate, body, choose, decideOnError)(stateWith());
    expect(update.decisions).toEqual([decideOnError({ ...stateWith(), errors: [{ node: "x", message: "y" }] })]);
    const clean = await routed(NODES.classifyIntent, async () => ({}), choose, decideOnError)(stateWith());
    expect(clean.decisions).toBeUndefined();
  });
});
