/**
 * Step 2 of a pass: each paused thread's ticket is read for an approver's answer written after the
 * pause (src/ticketing/ticket-review.ts); an answer resumes the thread as that Agent Inbox answer,
 * attributed to the note's author, and its writes are queued. A command that cannot answer the
 * review gets one note saying why, and the thread stays paused.
 */
import { UserInputError } from "../errors.js";
import { ThreadBusyError, type Orchestrator } from "../orchestrator.js";
import { tableQuery } from "../servicenow/query.js";
import type { TicketSystemClient } from "../servicenow/ticket-system.js";
import { safeLine } from "../safety/index.js";
import type { RunStore } from "../store/types.js";
import { approvers } from "../ticketing/directory.js";
import { withMarker } from "../ticketing/marker.js";
import { findTicketAnswer, journalEntryOf } from "../ticketing/ticket-review.js";
import { queueThreadWrites, type ThreadWritesContext } from "./thread-writes.js";

export interface ReviewPassContext extends ThreadWritesContext {
  readonly client: TicketSystemClient;
  readonly store: RunStore;
  readonly orchestratorFor: (sysId: string) => Orchestrator | Promise<Orchestrator>;
  readonly signal?: AbortSignal | undefined;
}

const refusedKey = (threadId: string, entrySysId: string) => `${threadId}:refused:${entrySysId}`;

/** Returns how many threads were resumed. */
export async function answerPausedReviews(context: ReviewPassContext): Promise<number> {
  const paused = await context.store.threads.list({ status: "paused" });
  if (paused.length === 0) return 0;
  const allowed = await approvers(context.client, context.config.review.approvers_group);
  let resumed = 0;
  for (const record of paused) {
    if (context.signal?.aborted) break;
    const orchestrator = await context.orchestratorFor(record.sys_id);
    const outcome = await orchestrator.inspect(record.thread_id);
    if (outcome?.status !== "paused") continue;
    const journal = await context.client.list("sys_journal_field", {
      query: tableQuery("sys_journal_field")
        .where("element_id", "=", record.sys_id)
        .where("element", "=", "work_notes")
        .orderBy("sys_created_on")
        .build(),
      fields: ["sys_id", "element", "value", "sys_created_by", "sys_created_on"],
    });
    const prefix = refusedKey(record.thread_id, "");
    const refused = new Set(
      (await context.store.outbox.list({ sysId: record.sys_id }))
        .filter((entry) => entry.key.startsWith(prefix))
        .map((entry) => entry.key.slice(prefix.length)),
    );
    const found = findTicketAnswer({
      entries: journal.records.map(journalEntryOf),
      pauseKey: `${record.thread_id}:paused:${outcome.result.reviews.length}`,
      review: outcome.review,
      approvers: allowed,
      refused,
    });
    if (found.kind === "refused") {
      const key = refusedKey(record.thread_id, found.entry.sys_id);
      const note = `incident-orchestrator could not take ${safeLine(found.entry.created_by, 100)}'s answer: ${safeLine(found.error, 500)}. The review is still open.`;
      await context.store.outbox.enqueue([
        {
          key,
          thread_id: record.thread_id,
          sys_id: record.sys_id,
          kind: "review_refused",
          payload: { type: "patch", fields: { work_notes: withMarker(note, key) } },
        },
      ]);
      continue;
    }
    if (found.kind !== "answer") continue;
    try {
      const after = await orchestrator.resume(record.thread_id, found.answer);
      await queueThreadWrites(context, orchestrator, after);
      resumed += 1;
    } catch (error) {
      // Another worker resumed it first: the thread is busy, or no longer paused.
      if (error instanceof ThreadBusyError || error instanceof UserInputError) continue;
      throw error;
    }
  }
  return resumed;
}
