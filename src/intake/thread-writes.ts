/**
 * After a run (or a resume) returns: its RCA document stored, and its ticket writes queued in the
 * outbox. Both are idempotent, so doing it again for a thread that was done already (a worker that
 * died between the run and the queueing) adds nothing.
 */
import type { Orchestrator } from "../orchestrator.js";
import type { RcaStore } from "../rca/store.js";
import { rcaDocumentFor } from "../rca/document.js";
import type { GraphState } from "../state/graph-state.js";
import type { RunOutcome } from "../state/run-outcome.js";
import type { TicketOutbox } from "../store/types.js";
import { outcomeWrites, type WriteContext } from "../ticketing/write-plan.js";

export interface ThreadWritesContext extends Omit<WriteContext, "threadId" | "sysId" | "rcaLink"> {
  readonly outbox: TicketOutbox;
  readonly rca: RcaStore | undefined;
  readonly now: () => Date;
  readonly log: (line: string) => void;
}

export async function queueThreadWrites(
  context: ThreadWritesContext,
  orchestrator: Orchestrator,
  outcome: RunOutcome,
): Promise<number> {
  const snapshot = await orchestrator.graph.getState({ configurable: { thread_id: outcome.thread_id } });
  const state = snapshot.values as GraphState;
  const rcaLink = await storeRca(context, state, outcome);
  const writes = outcomeWrites(
    { ...context, threadId: outcome.thread_id, sysId: state.incident.sys_id, rcaLink },
    outcome,
    { ticketUpdate: state.ticket_update, lastAttempt: state.attempts.at(-1) },
  );
  return context.outbox.enqueue(writes);
}

/** The RCA document's Markdown location, or undefined when none is kept or storing it failed (the note goes without). */
async function storeRca(context: ThreadWritesContext, state: GraphState, outcome: RunOutcome) {
  if (!context.rca) return undefined;
  try {
    const document = rcaDocumentFor({
      incident: state.incident,
      threadId: outcome.thread_id,
      result: outcome.result,
      generatedAt: context.now(),
    });
    return (await context.rca.put(document)).markdown;
  } catch (error) {
    context.log(
      `RCA document for ${state.incident.sys_id} not stored: ${error instanceof Error ? error.message : String(error)}`,
    );
    return undefined;
  }
}
