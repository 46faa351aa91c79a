import { describe, expect, it } from "vitest";
import { attempt, classified, decision, stateWith } from "../../test/support/state.js";
import { withUpdate } from "./with-update.js";

describe("withUpdate", () => {
  it("appends the appended lists and replaces every other field, as the graph's reducers do", () => {
    const state = stateWith({ decisions: [decision("escalate")], attempts: [attempt("failed")] });
    const after = withUpdate(state, {
      decisions: [decision("auto_retry")],
      classification: classified("dag_failure"),
    });
    expect(after.decisions.map((entry) => entry.decision)).toEqual(["escalate", "auto_retry"]);
    expect(after.attempts).toHaveLength(1);
    expect(after.classification?.intent).toBe("dag_failure");
    // The state it started from is left as it was.
    expect(state.decisions).toHaveLength(1);
    expect(state.classification).toBeNull();
  });
});
