import { describe, expect, it } from "vitest";
import { fixtureResult, THREAD_ID } from "../rca/rca.fixture.js";
import type { ActionAttempt } from "../state/action.js";
import type { TicketUpdate } from "../state/graph-state.js";
import type { RunOutcome } from "../state/run-outcome.js";
import { ServeConfigSchema } from "./config.js";
import type { Directory } from "./directory.js";
import { markerFor } from "./marker.js";
import { failedRunWrites, outcomeKey, outcomeWrites, type WriteContext } from "./write-plan.js";

const SYS_ID = "9d385017c611228701d22104cc95c371";
const config = ServeConfigSchema.parse({
  servicenow: { instance_url: "https://example.service-now.com", auth: { kind: "basic" } },
  write_back: { escalation_groups: { glue_etl_failure: "Glue Experts" } },
});
const directory: Directory = {
  agent: { sys_id: "a".repeat(32), user_name: "incident.orchestrator" },
  groups: new Map([
    ["Glue Experts", "g".repeat(32)],
    ["Data Platform Experts", "e".repeat(32)],
  ]),
};
const context: WriteContext = { threadId: THREAD_ID, sysId: SYS_ID, config, directory, rcaLink: "rca/INC0012345/t.md" };

const ticket = (state: TicketUpdate["state"]): TicketUpdate => ({
  state,
  assignment_group: "Data Platform On-Call",
  work_notes: "Resolved automatically by incident-orchestrator.\nIntent: glue_etl_failure",
  close_code: null,
});

const completed = (decision: RunOutcome["result"]["decision"]["decision"]): RunOutcome => {
  const result = fixtureResult();
  return {
    status: "completed",
    thread_id: THREAD_ID,
    already_done: false,
    result: { ...result, decision: { ...result.decision, decision } },
  };
};

const fieldsOf = (writes: ReturnType<typeof outcomeWrites>, index = 0) => {
  const payload = writes[index]?.payload as { type: string; fields: Record<string, string> };
  return payload.fields;
};

describe("outcomeWrites", () => {
  it("auto_close: Resolved with the configured close code, close notes and the RCA link, keyed once per thread", () => {
    const writes = outcomeWrites(context, completed("auto_close"), {
      ticketUpdate: ticket("Resolved"),
      lastAttempt: undefined,
    });
    expect(writes).toHaveLength(1);
    expect(writes[0]?.key).toBe(outcomeKey(THREAD_ID));
    const fields = fieldsOf(writes);
    expect(fields).toMatchObject({ state: "6", close_code: "Solution provided" });
    expect(fields.close_notes).toMatch(/^Resolved automatically by incident-orchestrator\.\nRoot cause: /);
    expect(fields.work_notes).toContain("RCA: rca/INC0012345/t.md");
    expect(fields.work_notes?.endsWith(markerFor(`${THREAD_ID}:done`))).toBe(true);
    expect(fields.comments).toBeUndefined();
  });

  it("escalate: to the intent's expert group by sys_id, unassigned from the agent", () => {
    const fields = fieldsOf(
      outcomeWrites(context, completed("escalate"), { ticketUpdate: ticket("In Progress"), lastAttempt: undefined }),
    );
    expect(fields).toMatchObject({ state: "2", assignment_group: "g".repeat(32), assigned_to: "" });
    expect(fields.work_notes).toContain("Reassigned to Glue Experts.");
  });

  it("escalate: an intent without its own group goes to the default group", () => {
    const outcome = completed("escalate");
    outcome.result.classification.intent = "athena_failure";
    const fields = fieldsOf(
      outcomeWrites(context, outcome, { ticketUpdate: ticket("In Progress"), lastAttempt: undefined }),
    );
    expect(fields.assignment_group).toBe("e".repeat(32));
  });

  it("auto_retry: In Progress, and a follow-up of the started run only when it is still running", () => {
    const attempt: ActionAttempt = {
      attempt: 1,
      action: "retry_glue_job",
      outcome: "in_progress",
      idempotency_key: "k",
      args: { job_name: "SPENDING_POTS" },
      execution_id: "jr_abc",
      status: "RUNNING",
      message: "started",
    };
    const writes = outcomeWrites(context, completed("auto_retry"), {
      ticketUpdate: ticket("In Progress"),
      lastAttempt: attempt,
    });
    expect(fieldsOf(writes)).toMatchObject({ state: "2" });
    expect(writes[1]).toMatchObject({
      key: `${THREAD_ID}:follow_up:jr_abc`,
      kind: "follow_up",
      payload: { type: "follow_up", action: "retry_glue_job", execution_id: "jr_abc", intent: "glue_etl_failure" },
    });
    const dryRun = outcomeWrites(context, completed("auto_retry"), {
      ticketUpdate: ticket("In Progress"),
      lastAttempt: { ...attempt, outcome: "dry_run", execution_id: null },
    });
    expect(dryRun).toHaveLength(1);
  });

  it("human_review: On Hold with the hold reason, the proposal and how to answer, keyed per pause", () => {
    const result = fixtureResult();
    const outcome: RunOutcome = {
      status: "paused",
      thread_id: THREAD_ID,
      result,
      reason: "approval",
      review: {
        action_request: { action: "retry_glue_job", args: { job_name: "SPENDING_POTS" } },
        config: { allow_accept: true, allow_edit: true, allow_respond: true, allow_ignore: true },
        description: "## Review\nApprove the re-run?",
      },
    };
    const writes = outcomeWrites(context, outcome, { ticketUpdate: null, lastAttempt: undefined });
    expect(writes[0]?.key).toBe(`${THREAD_ID}:paused:${result.reviews.length}`);
    const fields = fieldsOf(writes);
    expect(fields).toMatchObject({ state: "3", hold_reason: "1" });
    expect(fields.work_notes).toMatch(/proposes retry_glue_job \{"job_name":"SPENDING_POTS"\}/);
    expect(fields.work_notes).toMatch(/a member of Data Platform Approvers adds a work note starting with \/approve/);
  });

  it("handed over: off hold, unassigned, nothing else changed", () => {
    const fields = fieldsOf(
      outcomeWrites(context, completed("human_review"), { ticketUpdate: ticket(null), lastAttempt: undefined }),
    );
    expect(fields).toMatchObject({ state: "2", assigned_to: "" });
    expect(Object.keys(fields).sort()).toEqual(["assigned_to", "state", "work_notes"]);
  });

  it("writes a customer-facing comment only when configured", () => {
    const withComments = {
      ...context,
      config: ServeConfigSchema.parse({ ...config, write_back: { ...config.write_back, comments: true } }),
    };
    const fields = fieldsOf(
      outcomeWrites(withComments, completed("auto_close"), {
        ticketUpdate: ticket("Resolved"),
        lastAttempt: undefined,
      }),
    );
    expect(fields.comments).toBe("This incident has been resolved.");
  });
});

describe("failedRunWrites", () => {
  it("says automated processing failed and leaves the ticket to people", () => {
    const [write] = failedRunWrites(context, "checkpoint store unavailable\nat line 2");
    expect(write?.key).toBe(`${THREAD_ID}:failed`);
    const fields = (write?.payload as { fields: Record<string, string> }).fields;
    expect(fields.assigned_to).toBe("");
    expect(fields.work_notes).toMatch(
      /^incident-orchestrator: automated processing failed \(checkpoint store unavailable at line 2\)/,
    );
  });
});
