import { describe, expect, it } from "vitest";
import { OutcomeSequence, PolledExecution, stateName } from "./remediation-outcomes.js";

const start = new Date("2025-03-01T10:00:00Z");
const at = (seconds: number) => new Date(start.getTime() + seconds * 1000);

describe("OutcomeSequence", () => {
  it("repeats a single outcome for every re-run", () => {
    const sequence = new OutcomeSequence({ result: "FAILED", polls_to_complete: 1 });
    expect([sequence.next(), sequence.next()].map((outcome) => outcome.result)).toEqual(["FAILED", "FAILED"]);
    expect(sequence.count).toBe(2);
  });

  it("hands out the n-th entry to the n-th re-run and repeats the last", () => {
    const sequence = new OutcomeSequence([
      { result: "FAILED", polls_to_complete: 1 },
      { result: "RUNNING", polls_to_complete: 1 },
      { result: "SUCCEEDED", polls_to_complete: 1 },
    ]);
    const results = Array.from({ length: 5 }, () => sequence.next().result);
    expect(results).toEqual(["FAILED", "RUNNING", "SUCCEEDED", "SUCCEEDED", "SUCCEEDED"]);
  });

  it("refuses an empty sequence", () => {
    expect(() => new OutcomeSequence([])).toThrow();
  });
});

describe("PolledExecution", () => {
  it("is running for polls_to_complete reads, then terminal with the completion time of that read", () => {
    const execution = new PolledExecution({ result: "SUCCEEDED", polls_to_complete: 2 }, start);
    expect(execution.read(at(1))).toMatchObject({ state: "RUNNING", terminal: false, reads: 1 });
    expect(execution.read(at(2))).toMatchObject({ state: "RUNNING", terminal: false, reads: 2 });
    expect(execution.read(at(3))).toMatchObject({ state: "SUCCEEDED", terminal: true, completedAt: at(3) });
    expect(execution.read(at(9))).toMatchObject({ state: "SUCCEEDED", completedAt: at(3), reads: 4 });
  });

  it("is terminal at the first read when polls_to_complete is 0", () => {
    const execution = new PolledExecution({ result: "FAILED", error_message: "boom", polls_to_complete: 0 }, start);
    expect(execution.read(at(1))).toMatchObject({ state: "FAILED", terminal: true, errorMessage: "boom" });
  });

  it("gives a failure without error_message a generic message", () => {
    const execution = new PolledExecution({ result: "FAILED", polls_to_complete: 0 }, start);
    expect(execution.read(at(1)).errorMessage).toMatch(/failed/i);
  });

  it("never completes a RUNNING outcome", () => {
    const execution = new PolledExecution({ result: "RUNNING", polls_to_complete: 0 }, start);
    for (let i = 0; i < 10; i += 1) expect(execution.read(at(i)).terminal).toBe(false);
    expect(execution.peek().completedAt).toBeUndefined();
  });

  it("does not count a peek as a poll", () => {
    const execution = new PolledExecution({ result: "SUCCEEDED", polls_to_complete: 1 }, start);
    execution.peek();
    execution.peek();
    expect(execution.read(at(1)).state).toBe("RUNNING");
    expect(execution.peek()).toMatchObject({ state: "RUNNING", reads: 1 });
  });
});

describe("stateName", () => {
  const names = { queued: "PENDING", running: "RUNNING", succeeded: "COMPLETED", failed: "FAILED" };

  it("names the first running read queued, later ones running, then the result", () => {
    const execution = new PolledExecution({ result: "SUCCEEDED", polls_to_complete: 2 }, start);
    const seen = [1, 2, 3].map((second) => stateName(execution.read(at(second)), names));
    expect(seen).toEqual(["PENDING", "RUNNING", "COMPLETED"]);
  });

  it("names a failure", () => {
    const execution = new PolledExecution({ result: "FAILED", polls_to_complete: 0 }, start);
    expect(stateName(execution.read(at(1)), names)).toBe("FAILED");
  });
});
