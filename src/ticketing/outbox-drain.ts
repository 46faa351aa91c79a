/**
 * Sends what the outbox holds: leases due entries (src/store/types.ts TicketOutbox.take), sends
 * each, and marks it sent, or failed with a backoff so a later pass tries again. Nothing is dropped:
 * an entry that cannot be sent stays queued with its error for people to see (`outbox` in docs).
 *
 * Exactly once: an entry taken before (attempts > 1) may have gone through while its sender died
 * or lost the answer, so the ticket's journal is searched for the entry's marker first; a note that
 * is there means the whole PATCH went through (the Table API applies a PATCH's fields together).
 */
import { ServiceNowError } from "../servicenow/errors.js";
import { tableQuery } from "../servicenow/query.js";
import type { TicketSystemClient } from "../servicenow/ticket-system.js";
import type { OutboxEntry, TicketOutbox } from "../store/types.js";
import { nextAttemptAt } from "./backoff.js";
import type { ServeConfig } from "./config.js";
import type { Directory } from "./directory.js";
import type { FollowUpCheck } from "./follow-up.js";
import { withMarker } from "./marker.js";
import { OutboxPayloadSchema, type FollowUpPayload } from "./payload.js";
import { escalationGroup, resolveFields } from "./write-plan.js";

export interface DrainContext {
  readonly client: TicketSystemClient;
  readonly outbox: TicketOutbox;
  readonly config: ServeConfig;
  readonly directory: Directory;
  readonly followUp: FollowUpCheck;
  readonly now: () => Date;
  readonly random: () => number;
}

export interface DrainReport {
  sent: number;
  /** Failed this pass; queued for a later one. */
  failed: number;
  /** Follow-ups whose run is still going. */
  waiting: number;
}

export async function drainOutbox(context: DrainContext): Promise<DrainReport> {
  const report: DrainReport = { sent: 0, failed: 0, waiting: 0 };
  // Each take returns at most one entry per ticket (the oldest), so a ticket's writes go in order;
  // taking again after a round sends the next write of a ticket whose first went through.
  for (let budget = context.config.outbox.max_per_pass; budget > 0;) {
    const taken = await context.outbox.take({ limit: budget, leaseMs: context.config.outbox.lease_ms });
    if (taken.length === 0) break;
    budget -= taken.length;
    const before = report.sent;
    for (const entry of taken) await send(context, entry, report);
    if (report.sent === before) break;
  }
  return report;
}

async function send(context: DrainContext, entry: OutboxEntry, report: DrainReport): Promise<void> {
  try {
    const payload = OutboxPayloadSchema.parse(entry.payload);
    if (payload.type === "patch") {
      await patchOnce(context, entry, payload.fields);
    } else {
      const verdict = await context.followUp(payload, entry.sys_id);
      if (verdict === null) {
        const later = new Date(context.now().getTime() + context.config.outbox.follow_up_interval_ms);
        await context.outbox.markFailed(
          entry.key,
          `waiting for ${payload.action} run ${payload.execution_id} to finish`,
          later,
        );
        report.waiting += 1;
        return;
      }
      await patchOnce(context, entry, followUpFields(context, entry.key, payload, verdict));
    }
    await context.outbox.markSent(entry.key);
    report.sent += 1;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const retryAfter = error instanceof ServiceNowError ? error.retryAfterS : undefined;
    const at = nextAttemptAt(context.now(), entry.attempts, context.config.outbox, context.random, retryAfter);
    await context.outbox.markFailed(entry.key, message.slice(0, 500), at);
    report.failed += 1;
  }
}

/** One PATCH, unless an earlier attempt's note (so its PATCH) is on the ticket already. */
async function patchOnce(context: DrainContext, entry: OutboxEntry, fields: Record<string, string>): Promise<void> {
  if (entry.attempts > 1 && (await markerOnTicket(context.client, entry))) return;
  await context.client.update("incident", entry.sys_id, fields);
}

async function markerOnTicket(client: TicketSystemClient, entry: OutboxEntry): Promise<boolean> {
  const found = await client.list("sys_journal_field", {
    query: tableQuery("sys_journal_field")
      .where("element_id", "=", entry.sys_id)
      .where("element", "=", "work_notes")
      // With the marker's closing bracket: key "…:paused:1" must not match "…:paused:10".
      .where("value", "LIKE", `${entry.key}]`)
      .build(),
    fields: ["sys_id"],
    maxRows: 1,
  });
  return found.total > 0;
}

/** The finished run of an auto_retry: resolved when it succeeded, to the experts when it failed. */
function followUpFields(
  context: DrainContext,
  key: string,
  payload: FollowUpPayload,
  verdict: "succeeded" | "failed",
): Record<string, string> {
  const what = `${payload.action} run ${payload.execution_id}`;
  if (verdict === "succeeded") {
    return {
      ...resolveFields(context.config, [`Follow-up: ${what} succeeded.`]),
      work_notes: withMarker(`incident-orchestrator follow-up: ${what} succeeded; resolved.`, key),
    };
  }
  const group = escalationGroup(context.config, context.directory, payload.intent);
  return {
    state: "2",
    assignment_group: group.sysId,
    assigned_to: "",
    work_notes: withMarker(`incident-orchestrator follow-up: ${what} failed; reassigned to ${group.name}.`, key),
  };
}
