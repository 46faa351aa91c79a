/**
 * Reads where a thread stands off its checkpoint: finished with a result, or paused at a review.
 * Pure functions of the snapshot (and the deps' config, tools and clock).
 */
import type { StateSnapshot } from "@langchain/langgraph";
import type { OrchestratorConfig } from "../config/schema.js";
import type { ToolRegistry } from "../tools/registry.js";
import { buildResult } from "../progress/result.js";
import { reviewReason } from "../review/request.js";
import type { GraphState } from "../state/graph-state.js";
import { HumanInterruptSchema, type HumanInterrupt } from "../state/review.js";
import type { RunOutcome } from "../state/run-outcome.js";
import type { Incident } from "../state/incident.js";
import type { ThreadRecord, ThreadStatus } from "../store/types.js";

/** The review a paused thread shows (Agent Inbox's list of one), or undefined when it is not paused. */
export function pausedReview(snapshot: StateSnapshot): HumanInterrupt | undefined {
  for (const task of snapshot.tasks) {
    for (const pending of task.interrupts) {
      const value: unknown = pending.value;
      const parsed = HumanInterruptSchema.safeParse(Array.isArray(value) ? value[0] : value);
      if (parsed.success) return parsed.data;
    }
  }
  return undefined;
}

export function outcomeOf(
  threadId: string,
  snapshot: StateSnapshot,
  deps: { readonly config: OrchestratorConfig; readonly tools: ToolRegistry; readonly now: () => Date },
  already_done: boolean,
): RunOutcome {
  const state = snapshot.values as GraphState;
  const review = pausedReview(snapshot);
  if (review) {
    // A failed run's human_review decision is recorded by the node that met the failure.
    return {
      status: "paused",
      thread_id: threadId,
      result: buildResult(state, deps.now()),
      reason: reviewReason(state),
      review,
    };
  }
  return {
    status: "completed",
    thread_id: threadId,
    result: state.result ?? buildResult(state, deps.now()),
    already_done,
  };
}

/** The thread index's line for an outcome. */
export function threadRecordOf(outcome: RunOutcome, state: GraphState, now: Date): ThreadRecord {
  const where =
    outcome.status === "paused"
      ? `paused for review (${outcome.reason}), proposes ${outcome.review.action_request.action}`
      : `done: ${outcome.result.decision.decision}`;
  return threadRecord(outcome.thread_id, state.incident, outcome.status === "paused" ? "paused" : "done", where, now);
}

/** One thread index line: the incident, where its run stands, and the ticket's title. */
export function threadRecord(
  threadId: string,
  incident: Incident,
  status: ThreadStatus,
  where: string,
  now: Date,
): ThreadRecord {
  return {
    thread_id: threadId,
    sys_id: incident.sys_id,
    status,
    summary: `${incident.number ?? incident.sys_id}: ${where} — ${incident.short_description}`.slice(0, 300),
    updated_at: now.toISOString(),
  };
}
