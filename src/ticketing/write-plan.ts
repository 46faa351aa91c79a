/**
 * What goes to the ticket for each way a run can end: the outbox entries to queue, each keyed so
 * that a replay queues nothing new. PURE: the intake queues them (src/intake), the drain sends them
 * (outbox-drain.ts).
 *
 *   auto_close         → Resolved (6), close_code and close_notes from config, the RCA note
 *   auto_retry         → In Progress with the action and its run id; a follow_up entry watches the run
 *   escalate           → reassigned to the intent's expert group, unassigned from the agent
 *   human_review       → On Hold with the hold reason, what is proposed and how to answer
 *   handed over        → In Progress, unassigned from the agent (the reviewer took it)
 *   the run failed     → a note saying so; unassigned from the agent, left to people
 */
import { safeBlock, safeLine } from "../safety/index.js";
import type { ActionAttempt } from "../state/action.js";
import type { TicketUpdate } from "../state/graph-state.js";
import type { Intent } from "../state/intents.js";
import type { RunOutcome } from "../state/run-outcome.js";
import type { OutboxEnqueue } from "../store/types.js";
import type { ServeConfig } from "./config.js";
import type { Directory } from "./directory.js";
import { withMarker } from "./marker.js";
import type { FollowUpPayload, OutboxPayload } from "./payload.js";

export const REVIEW_COMMANDS_HELP =
  "/approve (run what is proposed), /reject <why> (escalate with your note), /close (resolve the ticket without acting) or /ignore (take the ticket over)";

export interface WriteContext {
  readonly threadId: string;
  readonly sysId: string;
  readonly config: ServeConfig;
  readonly directory: Directory;
  /** Where the RCA document went, when one was stored. */
  readonly rcaLink?: string | undefined;
}

/** The outbox key of a finished run's outcome write (what `outcomeWrites` queues for it). */
export const outcomeKey = (threadId: string): string => `${threadId}:done`;

const entry = (context: WriteContext, what: string, kind: string, payload: OutboxPayload): OutboxEnqueue => ({
  key: `${context.threadId}:${what}`,
  thread_id: context.threadId,
  sys_id: context.sysId,
  kind,
  payload,
});

/** A PATCH whose note carries the entry's marker (and, when configured, a customer-facing comment). */
function patch(
  context: WriteContext,
  what: string,
  kind: string,
  fields: Record<string, string>,
  note: string,
  comment?: string,
): OutboxEnqueue {
  const key = `${context.threadId}:${what}`;
  const link = context.rcaLink ? `\nRCA: ${safeLine(context.rcaLink, 500)}` : "";
  const journal: Record<string, string> = { work_notes: withMarker(`${note}${link}`, key) };
  if (context.config.write_back.comments && comment) journal.comments = safeLine(comment, 1_000);
  return entry(context, what, kind, { type: "patch", fields: { ...fields, ...journal } });
}

/** The expert group an escalation of `intent` goes to (its sys_id, looked up at start-up). */
export function escalationGroup(config: ServeConfig, directory: Directory, intent: Intent | undefined) {
  const name = (intent && config.write_back.escalation_groups[intent]) || config.write_back.default_escalation_group;
  const sysId = directory.groups.get(name);
  // loadDirectory looked every configured group up, so a miss is a bug, not a user's error.
  if (!sysId) throw new Error(`escalation group "${name}" was not looked up at start-up`);
  return { name, sysId };
}

/** The fields that resolve a ticket: state 6 and both fields the resolve data policy requires. */
export function resolveFields(config: ServeConfig, details: readonly string[]): Record<string, string> {
  return {
    state: "6",
    close_code: config.write_back.close_code,
    close_notes: safeBlock([config.write_back.close_notes, ...details].join("\n"), 4_000),
  };
}

/** What the run's final state adds to its outcome: the ticket update its outcome node chose, and its last attempt. */
export interface RunEnd {
  readonly ticketUpdate: TicketUpdate | null;
  readonly lastAttempt: ActionAttempt | undefined;
}

export function outcomeWrites(context: WriteContext, outcome: RunOutcome, end: RunEnd): OutboxEnqueue[] {
  const ticketUpdate = end.ticketUpdate;
  const { config, directory } = context;
  const result = outcome.result;
  const intent = result.classification.intent;
  const headline = `incident-orchestrator: ${result.decision.decision} (score ${result.decision.score.toFixed(2)})`;

  if (outcome.status === "paused") {
    const proposal = outcome.review.action_request;
    const note = [
      `On hold for review (${outcome.reason}): incident-orchestrator proposes ${proposal.action}` +
        (Object.keys(proposal.args).length > 0 ? ` ${safeLine(JSON.stringify(proposal.args), 500)}` : "") +
        ".",
      `To answer, a member of ${config.review.approvers_group} adds a work note starting with ${REVIEW_COMMANDS_HELP}.`,
      "",
      safeBlock(outcome.review.description, 6_000),
    ].join("\n");
    return [
      patch(
        context,
        `paused:${result.reviews.length}`,
        "human_review",
        { state: "3", hold_reason: config.write_back.hold_reason },
        note,
        "Our automation is waiting for an engineer's review of this incident.",
      ),
    ];
  }

  const notes = ticketUpdate?.work_notes ?? headline;
  if (ticketUpdate?.state === "Resolved") {
    const details = [
      `Root cause: ${safeLine(result.investigation.root_cause, 1_000)}`,
      ...(result.action.action
        ? [`Action: ${result.action.action} (${result.action.success ? "succeeded" : "did not succeed"})`]
        : []),
    ];
    return [
      patch(context, "done", "auto_close", resolveFields(config, details), notes, "This incident has been resolved."),
    ];
  }
  if (ticketUpdate?.state === null) {
    // Only a review hands over, and serve's reviews are On Hold: back to In Progress, for the person.
    return [patch(context, "done", "handed_over", { state: "2", assigned_to: "" }, notes)];
  }
  if (result.decision.decision === "auto_retry") {
    const writes = [
      patch(
        context,
        "done",
        "auto_retry",
        { state: "2" },
        notes,
        "Our automation re-ran the failed job; we will update this incident when it finishes.",
      ),
    ];
    const followUp = followUpFor(end.lastAttempt, intent);
    if (followUp) writes.push(entry(context, `follow_up:${followUp.execution_id}`, "follow_up", followUp));
    return writes;
  }
  // escalate, and anything else that leaves the ticket in progress: to the intent's experts.
  const group = escalationGroup(config, directory, intent);
  return [
    patch(
      context,
      "done",
      "escalate",
      { state: "2", assignment_group: group.sysId, assigned_to: "" },
      `${notes}\nReassigned to ${group.name}.`,
      "This incident has been passed to our data platform engineers.",
    ),
  ];
}

/** The started run an auto_retry left running, when there is one to watch (not for a dry run). */
function followUpFor(last: ActionAttempt | undefined, intent: Intent): FollowUpPayload | undefined {
  if (!last || last.outcome !== "in_progress" || !last.execution_id) return undefined;
  return { type: "follow_up", intent, action: last.action, args: last.args, execution_id: last.execution_id };
}

/** The claim's note, queued when a ticket is claimed (or found claimed by us): written once, before the outcome's. */
export function claimWrites(context: WriteContext): OutboxEnqueue[] {
  return [
    patch(
      context,
      "claim",
      "claim",
      {},
      `Claimed by incident-orchestrator (${context.directory.agent.user_name}): classifying and investigating. Thread ${context.threadId}.`,
    ),
  ];
}

/** A run that stopped on an error: say so, and leave the ticket to people. */
export function failedRunWrites(context: WriteContext, error: string): OutboxEnqueue[] {
  return [
    patch(
      context,
      "failed",
      "failed_run",
      { assigned_to: "" },
      `incident-orchestrator: automated processing failed (${safeLine(error, 500)}). The ticket is left to people; nothing was changed in AWS by this failure.`,
    ),
  ];
}
