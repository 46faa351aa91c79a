import { describe, expect, it } from "vitest";
import { decision, review, stateWith } from "../../test/support/state.js";
import { buildResult } from "../progress/result.js";
import type { ReviewRecord } from "../state/review.js";
import { RunOutcomeSchema, type RunOutcome } from "../state/run-outcome.js";
import { batchLine, outcomeLines } from "./outcome-lines.js";

const THREAD = "034cec3f-7e69-56f7-8eaa-68da6cfa0450";
const finished = new Date("2026-11-23T06:20:00.000Z");

const resultWith = (kind: "auto_close" | "escalate" | "human_review", reviews: ReviewRecord[] = []) =>
  buildResult(stateWith({ decisions: [decision(kind)], reviews }), finished);

const completed = (overrides: Partial<Extract<RunOutcome, { status: "completed" }>> = {}): RunOutcome =>
  RunOutcomeSchema.parse({
    status: "completed",
    thread_id: THREAD,
    result: resultWith("auto_close"),
    already_done: false,
    ...overrides,
  });

const paused = (reason: "policy" | "approval" | "error", action = "retry_glue_job"): RunOutcome =>
  RunOutcomeSchema.parse({
    status: "paused",
    thread_id: THREAD,
    result: resultWith("human_review"),
    reason,
    review: {
      action_request: { action, args: { job_name: "SPENDING_POTS" } },
      config: { allow_accept: true, allow_edit: true, allow_respond: true, allow_ignore: true },
      description: "## Review needed",
    },
  });

describe("outcomeLines", () => {
  it("for a pause: why, on which thread, what it proposes, and the commands that answer it", () => {
    expect(outcomeLines(paused("approval"))).toEqual([
      `Paused for review (approval) on thread ${THREAD}; proposes retry_glue_job.`,
      `  incident-orchestrator show ${THREAD}`,
      `  incident-orchestrator resume ${THREAD} --accept | --edit '<json>' | --respond '<text>' | --ignore`,
    ]);
    expect(outcomeLines(paused("error", "close_ticket"))[0]).toBe(
      `Paused for review (error) on thread ${THREAD}; proposes close_ticket.`,
    );
  });

  it("for a finished run: the decision", () => {
    expect(outcomeLines(completed())).toEqual([`Done on thread ${THREAD}: auto_close.`]);
  });

  it("for a reviewed run: the decision and the latest review, with who gave it", () => {
    const reviews = [
      review({ response: "accept", reviewer: "alice" }),
      review({ response: "response", attempt: null, note: "x", reviewer: "bob" }),
    ];
    expect(outcomeLines(completed({ result: resultWith("escalate", reviews) }))).toEqual([
      `Done on thread ${THREAD}: escalate, reviewed: response by bob.`,
    ]);
  });

  it("for a thread that had finished already: that nothing ran again, and how to run it anew", () => {
    expect(outcomeLines(completed({ already_done: true }))).toEqual([
      `Already handled on thread ${THREAD} (auto_close); nothing ran again. --thread <id> runs it as a new thread.`,
    ]);
    const reviewed = completed({
      already_done: true,
      result: resultWith("auto_close", [review({ reviewer: "carol" })]),
    });
    expect(outcomeLines(reviewed)[0]).toContain("(auto_close, reviewed: accept by carol);");
  });
});

describe("batchLine", () => {
  it("gives the sys_id, the thread and where the run stands", () => {
    expect(batchLine("INC001", completed())).toBe(`INC001  ${THREAD}  done: auto_close`);
    expect(batchLine("INC001", completed({ already_done: true }))).toBe(`INC001  ${THREAD}  already done: auto_close`);
    expect(batchLine("INC002", paused("policy"))).toBe(`INC002  ${THREAD}  paused (policy)`);
  });
});
