/**
 * Sends what the outbox holds: leases due entries (src/store/types.ts TicketOutbox.take), sends
 * each, and marks it sent, or failed with a backoff so a later pass tries again. Nothing is dropped:
 * an entry that cannot be sent stays queued with its error for people to see (`outbox` in docs).
 *
 * Exactly once: an entry may have gone through already (its sender died or lost the answer, or a
 * lease ran out and another worker sent it), so the ticket's journal is searched for the entry's
 * marker before each PATCH; a note that is there means the whole PATCH went through (the Table API
 * applies a PATCH's fields together).
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
  // Entries that did not go out this pass keep their lease until the pass ends, so the loop below
  // does not take them again (a follow-up due at once would be looked at over and over).
  const deferred: Deferral[] = [];
  try {
    // One entry per take, so every entry is sent under a lease taken just before: a batch leased at
    // once could outlive its lease while its first entries are sent, and another worker would take
    // the rest. A ticket's next write is taken only once its earlier one is sent (the store's rule).
    for (let budget = context.config.outbox.max_per_pass; budget > 0; budget -= 1) {
      const [entry] = await context.outbox.take({ limit: 1, leaseMs: context.config.outbox.lease_ms });
      if (!entry) break;
      const deferral = await send(context, entry, report);
      if (deferral) deferred.push(deferral);
    }
  } finally {
    for (const { key, error, at } of deferred) await context.outbox.markFailed(key, error, at);
  }
  return report;
}

interface Deferral {
  readonly key: string;
  readonly error: string;
  readonly at: Date;
}

/** Sends one entry; what did not go out comes back as when to try again. */
async function send(context: DrainContext, entry: OutboxEntry, report: DrainReport): Promise<Deferral | undefined> {
  try {
    const payload = OutboxPayloadSchema.parse(entry.payload);
    if (payload.type === "patch") {
      await patchOnce(context, entry, payload.fields);
    } else {
      const verdict = await context.followUp(payload, entry.sys_id);
      if (verdict === null) {
        report.waiting += 1;
        return {
          key: entry.key,
          error: `waiting for ${payload.action} run ${payload.execution_id} to finish`,
          at: new Date(context.now().getTime() + context.config.outbox.follow_up_interval_ms),
        };
      }
      await patchOnce(context, entry, followUpFields(context, entry.key, payload, verdict));
    }
    await context.outbox.markSent(entry.key);
    report.sent += 1;
    return undefined;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const retryAfter = error instanceof ServiceNowError ? error.retryAfterS : undefined;
    report.failed += 1;
    return {
      key: entry.key,
      error: message.slice(0, 500),
      at: nextAttemptAt(context.now(), entry.attempts, context.config.outbox, context.random, retryAfter),
    };
  }
}

/**
 * One PATCH, unless the entry's note (so its PATCH) is on the ticket already: an earlier attempt of
 * ours whose answer was lost, or another worker that took the entry when a lease ran out. Looked
 * for on every send, not only on a retry: the first sender may be the late one.
 */
async function patchOnce(context: DrainContext, entry: OutboxEntry, fields: Record<string, string>): Promise<void> {
  if (await markerOnTicket(context.client, entry)) return;
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
