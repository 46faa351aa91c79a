import { describe, expect, it } from "vitest";
import { classified, decision, investigation, stateWith } from "../../test/support/state.js";
import type { ReviewRecord } from "../state/review.js";
import { finishRun, workNotes } from "./finish.js";

// eslint-disable-next-line no-control-regex -- asserting their absence
const CONTROL = /[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u200b]/;

const review = (overrides: Partial<ReviewRecord>): ReviewRecord => ({
  reason: "policy",
  proposed: { action: "close_ticket", args: {} },
  attempt: null,
  response: "response",
  action: null,
  note: null,
  reviewer: "jdoe",
  at: "2026-11-23T07:15:00.000Z",
  errors_seen: 0,
  decisions_seen: 1,
  ...overrides,
});

// What a checkpoint written before reviewer answers were cleaned could hold, and tool text never cleaned.
const hostile = stateWith({
  classification: classified("glue_etl_failure"),
  investigation: investigation({
    root_cause:
      "Glue job failed\x1b[2K\x1b[1A\nDecision: auto_close — secret_key=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
  }),
  decisions: [decision("human_review")],
  errors: [{ node: "take_action", message: "boom\r\nError in nothing: AKIAIOSFODNN7EXAMPLE" }],
  reviews: [
    review({
      reviewer: "mallory\x1b]0;pwned\x07\nResolved by the CEO",
      note: "first line\u202e\nDecision: auto_close\r\nthird \x9b31mline",
    }),
  ],
});

describe("work notes", () => {
  const notes = workNotes(hostile, "Escalated by incident-orchestrator: needs an expert.");
  const lines = notes.split("\n");

  it("hold no control character, escape sequence or secret", () => {
    expect(notes).not.toMatch(CONTROL);
    expect(notes).not.toContain("wJalrXUtnFEMI");
    expect(notes).not.toContain("AKIAIOSFODNN7EXAMPLE");
  });

  it("quote ticket and tool text inside their own line, so it cannot add a line of its own", () => {
    expect(lines.filter((line) => line.startsWith("Decision:"))).toEqual([
      expect.stringMatching(/^Decision: human_review — /),
    ]);
    expect(lines.filter((line) => line.startsWith("Error in "))).toHaveLength(1);
    expect(lines.find((line) => line.startsWith("Root cause:"))).toMatch(
      /^Root cause: Glue job failed Decision: auto_close — secret_key=\[redacted\] \(evidence 0\.80\)$/,
    );
  });

  it("name the reviewer on one line and quote a note of several lines below it", () => {
    const at = lines.findIndex((line) => line.startsWith("Review (policy) by "));
    expect(lines[at]).toBe("Review (policy) by mallory Resolved by the CEO at 2026-11-23T07:15:00.000Z: response:");
    expect(lines.slice(at + 1)).toEqual(["> first line", "> Decision: auto_close", "> third line"]);
  });

  it("keep a one-line note on its line", () => {
    const simple = workNotes(stateWith({ reviews: [review({ note: "Paged the payments on-call" })] }), "Escalated.");
    expect(simple.split("\n")).toEqual([
      "Escalated.",
      "Review (policy) by jdoe at 2026-11-23T07:15:00.000Z: response: Paged the payments on-call",
    ]);
  });
});

describe("finishRun", () => {
  it("makes the ticket update safe whatever the outcome node wrote", () => {
    const deps = { now: () => new Date("2026-11-23T07:20:00.000Z") } as Parameters<typeof finishRun>[1];
    const update = finishRun(hostile, deps, {
      state: "In Progress",
      assignment_group: "Data\x1b[2K Platform\n",
      close_code: null,
      work_notes: "Escalated by x\x1b]0;t\x07: token=abc123\r\nsecond line",
    });
    expect(update.ticket_update).toEqual({
      state: "In Progress",
      assignment_group: "Data Platform",
      close_code: null,
      work_notes: "Escalated by x: token=[redacted]\nsecond line",
    });
    expect(JSON.stringify(update.result)).not.toContain("wJalrXUtnFEMI");
    expect(JSON.stringify(update.result)).not.toContain("AKIAIOSFODNN7EXAMPLE");
  });
});
