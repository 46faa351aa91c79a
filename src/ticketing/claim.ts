/**
 * Claiming a ticket before working it: In Progress, assigned to the agent's user, with a work note.
 * The write is compare-before-write on sys_mod_count, so of two workers that read the same ticket
 * only the first claims it; the other sees the count moved and leaves it. The thread lock and the
 * thread derived from the sys_id (src/runs/thread-id.ts) then keep a ticket from being run twice
 * even when the Table API's window between read and write lets two claims through.
 */
import { fieldValue, type TicketSystemClient } from "../servicenow/ticket-system.js";
import type { Directory } from "./directory.js";
import { withMarker } from "./marker.js";
import type { Ticket } from "./ticket.js";

export type ClaimResult =
  | { readonly outcome: "claimed" }
  /** Assigned to the agent already: a claim of ours, by this worker or another, stands. */
  | { readonly outcome: "ours" }
  | { readonly outcome: "skipped"; readonly why: string };

export async function claimTicket(
  client: TicketSystemClient,
  ticket: Ticket,
  directory: Directory,
  threadId: string,
): Promise<ClaimResult> {
  if (ticket.assigned_to === directory.agent.sys_id) return { outcome: "ours" };
  // A person took it: never take a ticket from someone.
  if (ticket.assigned_to !== "") return { outcome: "skipped", why: "assigned to someone else" };
  if (ticket.state !== "1" && ticket.state !== "2") return { outcome: "skipped", why: `state ${ticket.state}` };
  const note = withMarker(
    `Claimed by incident-orchestrator (${directory.agent.user_name}): classifying and investigating. Thread ${threadId}.`,
    `${threadId}:claim`,
  );
  const result = await client.updateIfUnchanged("incident", ticket.sys_id, ticket.mod_count, {
    state: "2",
    assigned_to: directory.agent.sys_id,
    work_notes: note,
  });
  if (result.outcome === "updated") {
    if (!result.concurrentWrite) return { outcome: "claimed" };
    // Someone wrote the ticket between our read and our write: claimed only if it is still ours.
    const now = await client.get("incident", ticket.sys_id, { fields: ["assigned_to"] });
    const assignee = now ? fieldValue(now, "assigned_to") : undefined;
    return assignee === directory.agent.sys_id
      ? { outcome: "claimed" }
      : { outcome: "skipped", why: "someone else wrote the ticket while it was being claimed" };
  }
  if (result.outcome === "not_found") return { outcome: "skipped", why: "no longer on the instance" };
  return { outcome: "skipped", why: "changed since it was read (another worker claimed it)" };
}
